"""Take the screenshots of docs/workbench.md: the workbench on the bundled example corpus.

::

    python tools/web_screenshots.py              # writes docs/img/workbench-*.png

Ingests ``examples/corpus`` into a temporary SQLite store (the real pipeline), records
two review decisions so the history has something to show, serves the workbench on
127.0.0.1 and a free port, signs in with headless Chromium (Debian's ``chromium``) and
saves one PNG per main page. Nothing outside the machine is contacted.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def build(url: str):
    from mildip.pipeline import ingest_paths
    from mildip.review import actions
    from mildip.review.accounts import add_user
    from mildip.settings import load_settings
    from mildip.store import open_store

    settings = load_settings(db_url=url)
    store = open_store(url)
    ingest_paths([str(ROOT / "examples" / "corpus")], store, settings)
    add_user(store, "analyst", "admin", "screenshot-password")
    events = store.events(party=["CHN", "USA"], type="CANCEL")
    if events:
        actions.accept(
            store, settings, events[0].event_id, version=0, author="analyst",
            reason="checked against the MFA statement",
        )
    dated = [e for e in store.events(party=["CHN", "USA"]) if e.type in ("CALL", "MEET") and e.date]
    if dated:
        actions.edit(
            store, settings, dated[0].event_id, {"location": "video call"}, version=dated[0].version,
            author="analyst", reason="the readout says it was a video call",
        )
    return store, settings


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    from mildip.web.app import create_app
    from mildip.web.server import background_server

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="mildip-shots-") as folder:
        store, settings = build(f"sqlite:///{folder}/demo.db")
        cancel = store.events(party=["CHN", "USA"], type="CANCEL")
        event = cancel[0] if cancel else store.events()[0]
        doc = event.docs[0]
        shots = [
            ("overview", "/"),
            ("events", "/events?pair=CHN-USA&since=2022&until=2023"),
            ("event", f"/events/{event.event_id}"),
            ("document", f"/documents/{doc}"),
            ("mechanisms", "/mechanisms?as_of=2023-04-14&party=CHN&party=USA"),
            ("trends", "/trends?party=CHN&vs=USA&vs_group=us-allies&by=year&since=2019"),
        ]
        with background_server(create_app(settings, store)) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1360, "height": 900})
            page.goto(f"{base}/login")
            page.fill("input[name=name]", "analyst")
            page.fill("input[name=password]", "screenshot-password")
            page.click("button[type=submit]")
            page.wait_for_url(f"{base}/")
            for name, path in shots:
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                target = args.out / f"workbench-{name}.png"
                page.screenshot(path=str(target), full_page=name != "document")
                shown = target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
                print(f"wrote {shown}")
            browser.close()
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
