"""The brief: findings generated from data, status board, figures, event table linked to evidence.

The story (``mordor_story`` in conftest.py): Mordor freezes out Gondor while engaging
Gondor's allies.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from mildip.analysis.filters import EventFilter
from mildip.report import build_report, render_html, render_markdown, write_report
from mildip.report.names import in_sentence, party_name


class _Anchors(HTMLParser):
    """Collects element ids, link targets, tag names and attribute names of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.row_links: dict[str, str] = {}
        self._row: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.add(tag)
        self.attributes |= set(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "tr" and attrs.get("id", "").startswith("row-"):
            self._row = attrs["id"]
        if tag == "a" and "href" in attrs:
            self.hrefs.append(attrs["href"])
            if self._row and "evidence-link" in (attrs.get("class") or ""):
                self.row_links[self._row] = attrs["href"]


def _parse(html: str) -> _Anchors:
    parser = _Anchors()
    parser.feed(html)
    return parser


@pytest.mark.parametrize(
    "sentence",
    [
        "7 events (6 asserted) from 2 documents, dated 3019-01-10 to 3019-09.",
        "MOR–GDR: 2 cancellations and 1 suspension in 3019-Q1; no cooperative engagement since 3019-01-10.",
        (
            "MOR–Gondor's allies: 2 cooperative engagements, including 1 dialogue round in the same period "
            "(3019-Q1 to 3019-Q3)."
        ),
        (
            "Freeze-out indicator (Gondor's allies minus GDR, 3019-Q1 to 3019-Q3): +2.00; MOR cooperates more "
            "with Gondor's allies than with GDR, per document of coverage."
        ),
        "Most connected party: MOR (3 partners, 3 engagements).",
    ],
)
def test_report_findings_are_generated_from_the_data(mordor_report, sentence):
    assert sentence in mordor_report.findings


def test_report_board_shows_cancelled_mechanisms(mordor_report):
    states = {line.mechanism: line.state for line in mordor_report.board}
    assert sorted(s for s in states.values()) == ["cancelled", "cancelled", "held"]
    held = next(line for line in mordor_report.board if line.state == "held")
    assert held.last_round == "#5 3019-04"
    assert any(
        f.startswith("As of 3019-05-03: 2 mechanisms cancelled") for f in mordor_report.findings
    )


def test_report_comparison_uses_the_group_allied_to_the_reference(mordor_report):
    assert mordor_report.comparison is not None
    assert [s.counterpart for s in mordor_report.comparison.series] == ["GDR", "gondor-allies"]
    assert mordor_report.labels["gondor-allies"] == "Gondor's allies"


@pytest.mark.parametrize(
    ("conditions", "expected"),
    [
        ({}, 7),
        ({"parties": ("RHN",)}, 1),
        # --party A --party B: events with both, as everywhere
        ({"parties": ("ARN", "RHN")}, 0),
        ({"parties": ("MOR", "GDR")}, 5),
        # --any-party: events with either
        ({"any_party": ("ARN", "RHN")}, 2),
        # --until is also the knowledge date: the Herald (published 3019-05-03) is not known
        # on 3019-04-30, so its April dialogue round is left out
        ({"since": "3019-03", "until": "3019-04"}, 3),
        ({"parties": ("GDR",), "since": "3019-03-06"}, 1),
    ],
)
def test_report_selects_events_with_the_shared_filter(mordor_story, conditions, expected):
    events, documents, settings = mordor_story
    report = build_report(events, documents, settings, EventFilter(**conditions))
    assert len(report.events) == expected
    dates = [row.date for row in report.events]
    assert dates == sorted(dates)
    wanted = set(conditions.get("parties", ()))
    assert all(wanted <= set(row.actors) for row in report.events)


@pytest.mark.parametrize(
    ("conditions", "title", "subtitle"),
    [
        (
            {"parties": ("MOR", "GDR")},
            "Military diplomacy brief: MOR and GDR",
            "Events involving both MOR and GDR. Board as of 3019-05-03.",
        ),
        (
            {"any_party": ("ARN", "RHN")},
            "Military diplomacy brief: ARN or RHN",
            "Events involving either ARN or RHN. Board as of 3019-05-03.",
        ),
        (
            {"parties": ("MOR",), "until": "3019-04"},
            "Military diplomacy brief: MOR",
            "Events involving MOR; dated up to 3019-04. As known on 3019-04-30.",
        ),
        ({}, "Military diplomacy brief: MOR", "All events. Board as of 3019-05-03."),
    ],
)
def test_report_title_and_subtitle_state_the_filter(mordor_story, conditions, title, subtitle):
    events, documents, settings = mordor_story
    report = build_report(events, documents, settings, EventFilter(**conditions))
    assert (report.title, report.subtitle) == (title, subtitle)
    html = render_html(report)
    assert f"<h1>{title}</h1>" in html and subtitle in html
    assert f"*{subtitle}*" in render_markdown(report)


def test_report_two_parties_compare_only_their_dyad_unless_a_group_is_asked(mordor_story):
    events, documents, settings = mordor_story
    both = EventFilter(parties=("MOR", "GDR"))
    plain = build_report(events, documents, settings, both)
    assert [s.counterpart for s in plain.comparison.series] == ["GDR"]
    assert plain.comparison_note is None
    asked = build_report(events, documents, settings, both, vs_groups=["gondor-allies"])
    assert [s.counterpart for s in asked.comparison.series] == ["GDR", "gondor-allies"]
    assert "also counts MOR's events outside the party filter" in asked.comparison_note
    # the event table still holds only the filter's events
    assert asked.events and all({"MOR", "GDR"} <= set(row.actors) for row in asked.events)


def test_report_board_knows_only_what_was_published_by_its_date(mordor_story):
    events, documents, settings = mordor_story
    # the Herald (3019-05-03) announces a Gondor-Mordor meeting; on 3019-04-30 it is unknown
    early = build_report(events, documents, settings, EventFilter(as_of="3019-04-30"))
    assert "left out: 1 later document(s)" in early.knowledge_note
    assert all(row.date != "3019-09" for row in early.events)
    assert [s.doc_id for row in early.events for s in row.sources] == ["red-book"] * 4


def test_report_html_every_event_row_links_to_its_evidence(mordor_report, mordor_html):
    page = _parse(mordor_html)
    assert len(page.row_links) == len(mordor_report.events) == 7
    for row in mordor_report.events:
        target = page.row_links[row.row_anchor]
        assert target == f"#{row.evidence_anchor}"
        assert target[1:] in page.ids
        assert f'href="#{row.row_anchor}"' in mordor_html  # the evidence links back


def test_report_html_evidence_shows_quote_title_and_url(mordor_html):
    section = mordor_html[mordor_html.index('id="evidence"') :]
    assert "Cancelling the Gondor-Mordor Border Talks." in section
    assert "The Red Book" in section and '<a href="https://example.org/red-book">' in section
    assert "The Herald" in section


def test_report_html_is_self_contained(mordor_html):
    page = _parse(mordor_html)
    assert not page.tags & {"script", "link", "iframe", "img", "object", "embed"}
    assert "src" not in page.attributes
    assert "@import" not in mordor_html
    assert all(u.lstrip("'\"").startswith("#") for u in re.findall(r"url\(([^)]*)\)", mordor_html))
    external = [h for h in page.hrefs if not h.startswith("#")]
    assert external == ["https://example.org/red-book"] * len(external)


def test_report_html_never_links_unsafe_urls_and_escapes_quotes(mordor_html):
    assert "javascript:" not in mordor_html
    assert "&lt;b&gt;beacon&lt;/b&gt;" in mordor_html
    assert "<b>beacon</b>" not in mordor_html


@pytest.mark.parametrize("name", ["timeline", "trends", "network"])
def test_report_html_has_each_figure_as_inline_svg(mordor_html, name):
    match = re.search(
        rf'<figure class="chart" data-chart="{name}">\s*<svg(.*?)</svg>', mordor_html, re.DOTALL
    )
    assert match is not None
    assert re.search(r"<(path|rect|line|circle)\b", match.group(1))


def test_report_html_figure_ids_do_not_collide(mordor_html):
    ids = re.findall(r'\bid="([^"]+)"', mordor_html)
    assert len(ids) == len(set(ids))


def test_report_markdown_has_findings_tables_and_evidence_anchors(mordor_report):
    text = render_markdown(mordor_report)
    assert "## Key findings" in text
    assert f"- {mordor_report.findings[1]}" in text
    for row in mordor_report.events:
        assert f"(#{row.evidence_anchor})" in text
        assert f'<a id="{row.evidence_anchor}"></a>' in text
    assert "Suspending &lt;b&gt;beacon&lt;/b&gt; \\| ferry cooperation." in text
    assert "javascript:" not in text


def test_report_without_events_renders_without_figures(mordor_story):
    _, documents, settings = mordor_story
    report = build_report([], documents, settings)
    assert report.findings == ("0 events (0 asserted) from 0 documents.",)
    assert report.comparison is None
    assert dict(report.charts) == {}
    html = render_html(report)
    assert html.count("Nothing to draw for this selection.") == 3
    assert "<svg" not in html


@pytest.mark.parametrize(
    ("suffix", "marker"), [(".html", "<!DOCTYPE html>"), (".md", "# Military diplomacy brief")]
)
def test_report_write_report_picks_the_format_from_the_suffix(
    mordor_story, tmp_path, suffix, marker
):
    events, documents, settings = mordor_story
    path = write_report(events[:1], documents, settings, tmp_path / "out" / f"brief{suffix}")
    assert path.read_text("utf-8").startswith(marker)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("United States", "the United States"),
        ("Philippines", "the Philippines"),
        ("Solomon Islands", "the Solomon Islands"),
        ("China", "China"),
        ("the EU and its member states", "the EU and its member states"),
    ],
)
def test_report_names_take_an_article_inside_sentences(name, expected):
    assert in_sentence(name) == expected


@pytest.mark.parametrize(
    ("code", "expected"), [("CHN", "China"), ("USA", "United States"), ("EU", "EU"), ("MOR", "MOR")]
)
def test_report_party_names_come_from_the_gazetteer(code, expected):
    assert party_name(code) == expected
