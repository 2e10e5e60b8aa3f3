"""A real session in the workbench, in headless Chromium, on SQLite and on PostgreSQL.

Log in, filter events by pair and type, open an event, see its quote highlighted in
the document, correct its date with a reason, see the change in the history and in a
CSV export, merge two events, add a missed event from a selected passage, log out.
The server runs in a thread on 127.0.0.1 and a free port and stops with the test.
Needs Debian's ``chromium`` (skipped when absent); Playwright never downloads a browser.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from conftest import WEB_HERALD, fill_web_store

from mildip.store.overrides import history

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str | None:
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.fixture
def workbench(store_url):
    """``(base_url, store)``: the workbench with the two texts and user ``ana`` (analyst)."""
    from mildip.review.accounts import add_user
    from mildip.settings import Settings
    from mildip.store import open_store
    from mildip.web.app import create_app
    from mildip.web.server import background_server

    settings = Settings(db_url=store_url, use_parser=False)
    with open_store(store_url) as store:
        fill_web_store(store, settings)
        add_user(store, "ana", "analyst", "password-ana")
        with background_server(create_app(settings, store)) as base:
            yield base, store


@pytest.fixture
def browser_page():
    executable = _chromium()
    if executable is None:
        pytest.skip("no chromium binary found (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(15_000)
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        yield page, requests
        context.close()
        browser.close()


def _select_in_text(page, quote: str) -> None:
    """Select ``quote`` in the document text as a reader would, then release the mouse."""
    page.evaluate(
        """(quote) => {
            const box = document.getElementById("doc-text");
            const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
            let node, seen = "";
            const nodes = [];
            while ((node = walker.nextNode())) { nodes.push([node, seen.length]); seen += node.data; }
            const at = seen.indexOf(quote);
            const find = (offset) => {
                for (const [n, base] of nodes) {
                    if (offset <= base + n.data.length) return [n, offset - base];
                }
            };
            const [sn, so] = find(at), [en, eo] = find(at + quote.length);
            const range = document.createRange();
            range.setStart(sn, so);
            range.setEnd(en, eo);
            const sel = window.getSelection();
            sel.removeAllRanges();
            sel.addRange(range);
            box.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
        }""",
        quote,
    )


def test_web_browser_a_review_session(workbench, browser_page, tmp_path):
    base, store = workbench
    page, requests = browser_page

    # log in
    page.goto(f"{base}/events")
    assert "/login" in page.url
    page.fill("input[name=name]", "ana")
    page.fill("input[name=password]", "password-ana")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/events")

    # filter by pair and type
    page.fill("input[name=party]", "GDR RHN")
    page.check("input[name=type][value=DIALOGUE]")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/events?party=GDR*type=DIALOGUE*")
    rows = page.locator("table.events tbody tr[data-event-id]")
    assert rows.count() == 1
    assert "fifth Beacon Talks" in rows.first.inner_text()

    # open the event: its quote is highlighted in the document's text
    rows.first.locator("a", has_text="DIALOGUE").click()
    page.wait_for_url("**/events/ev-*")
    event_url = page.url
    highlighted = page.locator("div.doc-text mark.current")
    assert highlighted.first.inner_text() == "Gondor and Rohan held the fifth Beacon Talks in Edoras"
    page.click("a[href='#passage-1']")
    assert page.evaluate("() => location.hash") == "#passage-1"
    assert highlighted.first.is_visible()

    # correct the date, with a reason; the history shows it
    page.fill("#edit-form input[name=date]", "3019-03-10")
    page.fill("#edit-form input[name=reason]", "the Rohan Chronicle dates it a day later")
    page.click("#edit-form button[type=submit]")
    page.wait_for_url("**notice=saved")
    log = page.locator("section.history table")
    assert "the Rohan Chronicle dates it a day later" in log.inner_text()
    assert "3019-03-09" in log.inner_text() and "3019-03-10" in log.inner_text()
    assert "edited" in page.locator("h1 .status").inner_text()

    # the CSV export of the filtered events carries the change
    page.goto(f"{base}/events?pair=GDR-RHN&type=DIALOGUE")
    with page.expect_download() as download:
        page.click("a[href^='/events/export.csv']")
    target = tmp_path / "events.csv"
    download.value.save_as(target)
    [row] = list(csv.DictReader(target.open(encoding="utf-8")))
    assert (row["type"], row["date"], row["review"]) == ("DIALOGUE", "3019-03-10", "edited")

    # merge the two reports of one meeting
    page.goto(f"{base}/events?type=MEET")
    boxes = page.locator("table.events input[name=event]")
    assert boxes.count() == 2
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.fill("#merge-form input[name=reason]", "one meeting, told by both")
    page.click("#merge-form button[type=submit]")
    page.wait_for_url("**notice=merged")
    assert page.locator("article.panel").count() == 2
    assert "merged 2 events into 1" in page.locator("section.history").inner_text()

    # add a missed event from a selected passage
    page.goto(f"{base}/documents/gondor-herald")
    quote = "Arnor and Gondor held a joint exercise on the Brandywine in March 3019"
    _select_in_text(page, quote)
    assert page.input_value("#add-form textarea[name=quote]") == quote
    assert page.input_value("#add-form input[name=start]") == str(WEB_HERALD.index(quote))
    page.select_option("#add-form select[name=type]", "EXERCISE")
    page.fill("#add-form input[name=actors]", "ARN GDR")
    page.fill("#add-form input[name=date]", "3019-03")
    page.fill("#add-form input[name=reason]", "the extractor missed the exercise")
    page.click("#add-form button[type=submit]")
    page.wait_for_url("**notice=added")
    assert page.locator("h1").inner_text().startswith("EXERCISE")
    assert page.locator("div.doc-text mark.current").first.inner_text() == quote

    # log out
    page.click("header form.who button")
    page.wait_for_url(f"{base}/login")
    page.goto(event_url)
    assert "/login" in page.url

    assert [h for h in requests if not h.startswith(base)] == []
    assert [e.kind for e in history(store)] == ["edit", "merge", "add"]
