"""The HTML brief in a real headless Chromium: every figure draws, every event row reaches its evidence.

Needs a system ``chromium`` binary (Debian: ``apt-get install -y chromium chromium-driver``);
skipped only when none is found. Playwright never downloads a browser here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
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


@pytest.fixture(scope="module")
def opened(mordor_html, tmp_path_factory):
    """``(page, requests)``: the rendered brief opened from a file in headless Chromium, and
    every URL the page requested."""
    executable = _chromium()
    if executable is None:
        pytest.skip("no chromium binary found (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    path = tmp_path_factory.mktemp("brief") / "brief.html"
    path.write_text(mordor_html, encoding="utf-8")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1200, "height": 900})
        requests: list[str] = []
        tab.on("request", lambda request: requests.append(request.url))
        tab.goto(path.as_uri())
        tab.wait_for_load_state("load")
        yield tab, requests
        browser.close()


@pytest.fixture
def page(opened):
    """The opened brief's page."""
    return opened[0]


@pytest.mark.parametrize("name", ["timeline", "trends", "network"])
def test_report_browser_every_chart_draws(page, name):
    svg = page.locator(f'figure[data-chart="{name}"] svg')
    assert svg.count() == 1
    box = svg.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 50
    drawn = page.evaluate(
        """(name) => {
            const svg = document.querySelector(`figure[data-chart="${name}"] svg`);
            const marks = svg.querySelectorAll("path, rect, line, circle, text");
            let visible = 0;
            for (const el of marks) {
                const b = el.getBBox();
                if (b.width > 0 && b.height > 0) visible += 1;
            }
            return visible;
        }""",
        name,
    )
    assert drawn >= 10


def test_report_browser_every_event_row_links_to_its_evidence(page):
    rows = page.evaluate(
        """() => Array.from(document.querySelectorAll('#events tbody tr')).map((tr) => {
            const link = tr.querySelector('a.evidence-link');
            const id = link ? link.getAttribute('href').slice(1) : null;
            const target = id ? document.getElementById(id) : null;
            return {row: tr.id, target: id, exists: !!target,
                    quoted: !!(target && target.querySelector('blockquote'))};
        })"""
    )
    assert len(rows) == 7
    for row in rows:
        assert row["exists"], row
        assert row["quoted"], row


def test_report_browser_following_a_link_shows_the_evidence(page):
    link = page.locator("#events a.evidence-link").first
    target = link.get_attribute("href")
    link.click()
    assert page.evaluate("() => location.hash") == target
    article = page.locator(target)
    assert article.is_visible()
    assert "CALL between GDR and MOR on 3019-01-10." in article.inner_text()


def test_report_browser_page_loads_nothing_from_outside(opened):
    _, requests = opened
    assert requests and [u for u in requests if not u.startswith("file://")] == []


def test_report_browser_reliability_box_is_visible(page):
    box = page.locator("#reliability")
    assert box.is_visible()
    assert "precision" in box.inner_text() and "independent origin" in box.inner_text()


def test_report_browser_trends_legend_colours_are_the_bar_colours(page):
    colours = page.evaluate(
        """() => {
            const svg = document.querySelector('figure[data-chart="trends"] svg');
            const fills = (sel) => new Set(Array.from(svg.querySelectorAll(sel))
                .map((el) => el.getAttribute('fill')).filter((f) => f && f !== 'none'));
            return {
                bars: Array.from(fills('.mark-rect.role-mark path')),
                legend: Array.from(fills('.role-legend-symbol path')),
            };
        }"""
    )
    assert colours["bars"], colours
    assert set(colours["bars"]) <= set(colours["legend"]), colours
