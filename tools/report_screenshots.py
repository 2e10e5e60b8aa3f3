"""Take the report screenshots of docs/report.md: the China-U.S. brief on the bundled corpus.

::

    python tools/report_screenshots.py           # writes docs/images/report-china-us-*.png

Ingests ``examples/corpus`` into a temporary SQLite store (the real pipeline), writes
the brief of ``mildip report --party CHN --party USA`` with the library call the CLI
makes, opens it from disk in headless Chromium (Debian's ``chromium``) and saves the
top of the page and the timeline section. Nothing outside the machine is contacted.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from web_screenshots import ARGS, CHROMIUM, ROOT


def write_brief(folder: Path) -> Path:
    """Ingest the bundled corpus into a store under ``folder``; return the written brief."""
    from mildip.analysis.filters import EventFilter
    from mildip.pipeline import ingest_paths
    from mildip.report import write_report
    from mildip.settings import load_settings
    from mildip.store import open_store

    settings = load_settings(db_url=f"sqlite:///{folder}/demo.db")
    store = open_store(settings.db_url)
    ingest_paths([str(ROOT / "examples" / "corpus")], store, settings)
    out = folder / "brief.html"
    write_report(store.events(), store.documents(), settings, str(out),
                 selection=EventFilter(parties=("CHN", "USA")))
    store.close()
    return out


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="mildip-report-") as folder:
        brief = write_brief(Path(folder))
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 1400})
            page.goto(brief.as_uri())
            page.wait_for_load_state("load")
            shots = {
                "report-china-us-top.png": lambda path: page.screenshot(path=path),
                "report-china-us-timeline.png": lambda path: page.locator("section#timeline").screenshot(path=path),
            }
            for name, take in shots.items():
                target = args.out / name
                take(str(target))
                shown = target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
                print(f"wrote {shown}")
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
