"""A brief fit to publish: no overplotting, legends that match marks, CJK fonts, a reliability box.

Figures are checked on their Vega-Lite specifications (the data each mark gets); the
bundled-corpus test checks a property of the report (every event has both parties),
whatever the extractor finds.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from mildip.analysis.filters import EventFilter
from mildip.model import Event, Evidence
from mildip.report import build_report, render_html, render_markdown
from mildip.report.charts import FONT, STANCE_COLOURS, network_spec, timeline_spec, trends_spec
from mildip.report.reliability import load_quality, reliability

ROOT = Path(__file__).resolve().parent.parent


def _event(type_, actors, day, n=0, **fields):
    quote = f"{type_} {'-'.join(actors)} {day} {n}"
    return Event(
        type_,
        tuple(actors),
        day,
        evidence=[Evidence("d", n, n + len(quote), quote, "v1")],
        **fields,
    )


def _datasets(spec):
    """Every inline dataset of a spec (Altair puts them under ``datasets`` or ``data.values``)."""
    found = list(spec.get("datasets", {}).values())

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("data"), dict) and "values" in node["data"]:
                found.append(node["data"]["values"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return found


def _timeline_records(events):
    (records,) = [d for d in _datasets(timeline_spec(events)) if d and "y" in d[0]]
    return records


def test_report_publish_same_day_events_never_share_a_mark():
    # eight cancellations and suspensions on one day between the same two parties
    events = [
        _event("CANCEL" if i % 2 else "SUSPEND", ("GDR", "MOR"), "3019-08-05", i) for i in range(8)
    ]
    records = _timeline_records(events)
    assert len(records) == 8
    assert len({(r["date"], r["y"]) for r in records}) == 8


def test_report_publish_month_and_year_dates_are_spans():
    events = [
        _event("DIALOGUE", ("GDR", "RHN"), "3019-03"),
        _event("MEET", ("GDR", "RHN"), "3019"),
        _event("CALL", ("GDR", "RHN"), "3019-03-09"),
    ]
    by_label = {r["label"]: r for r in _timeline_records(events)}
    assert (by_label["3019-03"]["date"], by_label["3019-03"]["end"]) == ("3019-03-01", "3019-03-31")
    assert (by_label["3019"]["date"], by_label["3019"]["end"]) == ("3019-01-01", "3019-12-31")
    assert by_label["3019-03-09"]["precision"] == "day"
    # overlapping spans and the point inside them sit on different lanes
    assert len({r["y"] for r in by_label.values()}) == 3


def test_report_publish_timeline_has_no_size_legend_and_caps_its_rows():
    events = [_event("CALL", ("GDR", f"P{i:02d}"), "3019-01-01", i) for i in range(20)]
    spec = timeline_spec(events)
    encodings = [layer["encoding"] for layer in spec["layer"] if "encoding" in layer]
    assert encodings and all("size" not in e for e in encodings)  # one mark per event, no sizes
    text = str(spec)
    assert "4 more sets of actors (4 events) are not drawn" in text
    assert spec["config"]["font"] == FONT


def test_report_publish_trends_legend_shows_the_bar_colours(mordor_report):
    spec = trends_spec(mordor_report.comparison, mordor_report.labels)
    text = str(spec)
    assert "opacity" not in text  # the stance is a colour, never an opacity
    assert str(list(STANCE_COLOURS.values())) in text
    assert str(list(STANCE_COLOURS)) in text


def test_report_publish_size_legends_are_whole_numbers(mordor_report):
    from mildip.analysis.network import party_graph

    events = [_event("CALL", ("GDR", "RHN"), "3019-01-01", i) for i in range(3)]
    events.append(_event("MEET", ("ARN", "GDR"), "3019-02-02"))
    spec = network_spec(party_graph(events))
    legends = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("legend"), dict) and "values" in node["legend"]:
                legends.append(node["legend"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    assert len(legends) == 2, "the node size and edge width legends list their values"
    for legend in legends:
        assert legend["format"] == "d"
        assert all(isinstance(v, int) and v >= 1 for v in legend["values"])


def test_report_publish_fonts_include_cjk_faces(mordor_html):
    assert "Noto Sans CJK SC" in mordor_html and "Noto Serif CJK SC" in mordor_html
    assert "&#34;Noto" not in mordor_html  # the CSS font names are not HTML-escaped


def test_report_publish_reliability_box_counts_review_and_origins():
    quote = "talks"
    events = [
        Event(
            "CALL",
            ("GDR", "RHN"),
            "3019-01-01",
            n_sources=2,
            evidence=[Evidence("d", 0, 5, quote, "v-old")],
            review="accepted",
        ),
        Event(
            "CALL",
            ("GDR", "RHN"),
            "3019-01-02",
            n_sources=1,
            evidence=[Evidence("d", 9, 14, quote, "v-old")],
        ),
    ]
    box = reliability(events)
    assert box.review_counts == {"machine": 1, "accepted": 1, "edited": 0}
    assert (box.multi_origin, box.multi_origin_share) == (1, 0.5)
    assert box.extractor_versions == ("v-old",)
    assert "may not apply" in box.version_warning


def test_report_publish_reliability_box_is_rendered(mordor_report, mordor_html):
    quality = load_quality()
    assert 'id="reliability"' in mordor_html and "How reliable is this" in mordor_html
    assert f"precision {quality.estimate.precision:.2f}" in mordor_html
    assert f"recall {quality.estimate.recall:.2f}" in mordor_html
    assert "## How reliable is this" in render_markdown(mordor_report)


def test_report_publish_quality_figures_match_docs_evaluation():
    quality = load_quality()
    table = (ROOT / "docs" / "evaluation.md").read_text("utf-8")
    assert f"Measured on {quality.measured}" in table and quality.extractor_version in table
    for corpus in quality.corpora:
        (row,) = [
            line
            for line in table.replace("**", "").splitlines()
            if line.startswith(f"| {corpus.name} ")
        ]
        cells = [c.strip().strip("*") for c in row.strip("|").split("|")]
        assert cells[1:6] == [
            str(corpus.documents),
            str(corpus.gold),
            f"{corpus.precision:.3f}",
            f"{corpus.recall:.3f}",
            f"{corpus.f1:.3f}",
        ], row


@pytest.fixture(scope="module")
def bundled_store(tmp_path_factory):
    """The bundled example corpus ingested with the current extractor (whatever it finds)."""
    from mildip.pipeline import ingest_paths
    from mildip.settings import Settings
    from mildip.store import open_store

    url = f"sqlite:///{tmp_path_factory.mktemp('bundled') / 'bundled.db'}"
    with open_store(url) as store:
        ingest_paths([str(ROOT / "examples" / "corpus")], store, Settings(db_url=url))
        yield store.events(), store.documents()


@pytest.mark.parametrize("until", [None, "2023-04-14"])
def test_report_publish_china_us_report_lists_only_china_us_events(bundled_store, until):
    events, documents = bundled_store
    selection = EventFilter(parties=("CHN", "USA"), until=until)
    report = build_report(events, documents, None, selection)
    assert report.title == "Military diplomacy brief: China and the United States"
    assert report.events and all({"CHN", "USA"} <= set(row.actors) for row in report.events)
    assert report.board and all(set(line.parties) == {"CHN", "USA"} for line in report.board)
    html = render_html(report)
    rows = re.findall(r'<tr id="row-[^"]+">\s*<td>[^<]*</td><td>[^<]*</td><td>([^<(]*)', html)
    assert rows and all(set(r.strip().split("–")) >= {"CHN", "USA"} for r in rows)
    if until:
        published = {d.doc_id: d.published for d in documents}
        cited = {s.doc_id for row in report.events for s in row.sources}
        assert cited and all(published[d].isoformat() <= until for d in cited)
        assert all("2024" not in (line.scheduled or "") for line in report.board)
    counts = Counter(len(row.sources) for row in report.events)
    assert sum(counts.values()) == len(report.events)
