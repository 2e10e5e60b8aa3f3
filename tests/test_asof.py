"""As-of answers know only what was published by their date (mildip.analysis.asof).

The story, about invented parties (GDR Gondor, RHN Rohan): the Red Book (published
3019-03-06) reports that Gondor cancelled the Beacon Talks on 3019-03-05. The Herald,
published a year later (3020-03-28), reports that the talks resumed with a round in
3020-01 and announces another round "later in 3020". As of 3019-04-14 nothing of the
Herald can be known.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from mildip.analysis.asof import document_known_by, event_as_known, knowledge_at
from mildip.analysis.board import status_board
from mildip.analysis.cadence import overdue
from mildip.analysis.threads import proposal_threads
from mildip.analysis.trends import compare
from mildip.model import Document, Event, Evidence
from mildip.settings import Settings

BEACON = "gondor-rohan-beacon-talks"


def _event(type_, day, quote, doc, **fields):
    fields.setdefault("mechanism", "Gondor-Rohan Beacon Talks")
    evidence = [Evidence(doc, 0, len(quote), quote, "test")]
    return Event(type=type_, actors=("GDR", "RHN"), date=day, evidence=evidence, **fields)


@pytest.fixture
def later_plan():
    """``(events, documents)`` of the story in the module docstring."""
    events = [
        # known from 3019-03-06: the cancellation
        _event(
            "CANCEL",
            "3019-03-05",
            "Gondor cancelled the Beacon Talks.",
            "red-book",
            initiator="GDR",
        ),
        # only in the Herald: a held round, and a plan (future modality) for 3020
        _event(
            "DIALOGUE", "3020-01", "The 20th Beacon Talks were held in January.", "herald", round=20
        ),
        _event(
            "DIALOGUE",
            "3020",
            "Another round will be held later in 3020.",
            "herald",
            modality="future",
        ),
    ]
    documents = [
        Document("red-book", "The Red Book.", published=date(3019, 3, 6)),
        Document("herald", "The Herald.", published=date(3020, 3, 28)),
    ]
    return events, documents


def _beacon(rows):
    (row,) = [r for r in rows if r.mechanism.mechanism_id == BEACON]
    return row


def test_asof_earlier_board_does_not_know_a_plan_revealed_later(later_plan, middle_earth_registry):
    events, documents = later_plan
    row = _beacon(
        status_board(events, "3019-04-14", registry=middle_earth_registry, documents=documents)
    )
    assert (row.state, row.since, row.scheduled) == ("cancelled", "3019-03-05", ())
    assert {d for c in row.evidence for d in c.docs} == {"red-book"}


def test_asof_without_documents_the_plan_would_leak(later_plan, middle_earth_registry):
    # what the documents prevent: the Herald's plan, dated 3020, looks "scheduled" on 3019-04-14
    events, _ = later_plan
    row = _beacon(status_board(events, "3019-04-14", registry=middle_earth_registry))
    assert [c.date for c in row.scheduled] == ["3020"]


def test_asof_the_plan_is_known_from_its_publication(later_plan, middle_earth_registry):
    events, documents = later_plan
    before = _beacon(
        status_board(events, "3020-03-27", registry=middle_earth_registry, documents=documents)
    )
    after = _beacon(
        status_board(events, "3020-03-28", registry=middle_earth_registry, documents=documents)
    )
    assert (before.state, before.scheduled) == ("cancelled", ())
    assert (after.state, after.last_round, [c.date for c in after.scheduled]) == (
        "held",
        20,
        ["3020"],
    )


def test_asof_registry_facts_are_shown_apart_never_as_observations(middle_earth_registry):
    # no event at all: the registry says round 1 was in 3001
    row = _beacon(status_board([], "3019-04-14", registry=middle_earth_registry, documents=[]))
    assert (row.state, row.since, row.last_round, row.evidence) == (None, None, None, ())
    assert [(c.state, c.date, c.quotes) for c in row.registry] == [
        ("held", "3001", ("Red Book of Westmarch, 3019",))
    ]
    assert row.to_dict()["registry"] == [
        {"fact": "held", "date": "3001", "round": 1, "sources": ["Red Book of Westmarch, 3019"]}
    ]
    silent = status_board([], "3019-04-14", registry=middle_earth_registry, include_silent=False)
    assert silent == []


def test_asof_overdue_uses_only_rounds_published_by_then(later_plan, middle_earth_registry):
    events, documents = later_plan
    held = _event("DIALOGUE", "3017-03", "The 17th Beacon Talks.", "red-book", round=17)
    everything = [held, *events[1:]]
    # as of 3020-03-27 only round 17 is known: late by then (registry cadence 365 days)
    (row,) = overdue(everything, "3020-03-27", Settings(), middle_earth_registry, documents)
    assert (row.last_round, row.last_round_date) == (17, "3017-03")
    # the registry's first round (3001) alone never makes a mechanism overdue
    assert overdue([], "3020-03-27", Settings(), middle_earth_registry, documents) == []


def test_asof_threads_ignore_answers_published_later():
    proposal = Event(
        "PROPOSE",
        ("GDR", "RHN"),
        "3019-03-01",
        initiator="GDR",
        evidence=[Evidence("red-book", 0, 9, "proposed.", "test")],
    )
    answer = Event(
        "REJECT",
        ("GDR", "RHN"),
        "3019-03-10",
        initiator="RHN",
        evidence=[Evidence("herald", 0, 9, "rejected.", "test")],
    )
    documents = [
        Document("red-book", "x", published=date(3019, 3, 2)),
        Document("herald", "y", published=date(3019, 6, 1)),
    ]
    (thread,) = proposal_threads([proposal, answer], "3019-04-01", documents=documents)
    assert thread.answers == ()
    (later,) = proposal_threads([proposal, answer], "3019-06-01", documents=documents)
    assert [a.type for a in later.answers] == ["REJECT"]


def test_asof_trends_count_only_documents_published_by_then(later_plan):
    events, documents = later_plan
    documents = [replace(d, meta={"parties": ["GDR", "RHN"]}) for d in documents]
    result = compare(
        events, documents, party="GDR", vs=["RHN"], vs_groups=[], by="year", as_of="3019-12-31"
    )
    (series,) = result.series
    assert (series.total.restrictive, series.total.cooperative, series.total.coverage) == (1, 0, 1)
    assert result.as_of == "3019-12-31"


@pytest.mark.parametrize(
    ("published", "day", "known"),
    [
        (date(3019, 3, 6), date(3019, 3, 6), True),
        (date(3019, 3, 6), date(3019, 3, 5), False),
        # a month-precision publication date is stored as the month's first day
        (date(3019, 3, 1), date(3019, 3, 1), True),
        (None, date(3100, 1, 1), False),
    ],
)
def test_asof_document_known_from_its_publication_day(published, day, known):
    assert document_known_by(Document("d", "t", published=published), day) is known


@pytest.mark.parametrize(
    ("event_date", "modality", "day", "known"),
    [
        ("3019-04", "asserted", date(3019, 4, 1), True),  # a partial date counts from its first day
        ("3019-04", "asserted", date(3019, 3, 31), False),
        ("3025", "future", date(3019, 3, 31), True),  # a plan is known once announced
        (None, "asserted", date(3019, 3, 31), True),  # undated: known through its evidence
    ],
)
def test_asof_event_dates_and_plans(event_date, modality, day, known):
    event = Event(
        "MEET",
        ("GDR", "RHN"),
        event_date,
        modality=modality,
        evidence=[Evidence("d", 0, 1, "x", "test")],
    )
    docs = {"d": Document("d", "x", published=date(3019, 1, 1))}
    assert (event_as_known(event, day, docs) is not None) is known


def test_asof_keeps_only_known_evidence_and_counts_what_it_left_out():
    both = Event(
        "MEET",
        ("GDR", "RHN"),
        "3019-01-05",
        n_sources=2,
        evidence=[Evidence("early", 0, 1, "a", "test"), Evidence("late", 0, 1, "b", "test")],
    )
    only_late = Event(
        "CALL", ("GDR", "RHN"), "3019-01-06", evidence=[Evidence("late", 0, 1, "c", "test")]
    )
    documents = [
        Document("early", "a", published=date(3019, 1, 10)),
        Document("late", "b", published=date(3019, 6, 1)),
        Document("undated", "c"),
    ]
    knowledge = knowledge_at([both, only_late], documents, "3019-02")
    (known,) = knowledge.events
    assert ([e.doc_id for e in known.evidence], known.n_sources) == (["early"], 1)
    assert [d.doc_id for d in knowledge.documents] == ["early"]
    assert (knowledge.later_documents, knowledge.undated_documents, knowledge.later_events) == (
        1,
        1,
        1,
    )
    assert "left out: 1 later document(s), 1 document(s) without a publication date" in (
        knowledge.note()
    )


def test_asof_workbench_board_and_mechanism_page_know_only_earlier_documents(later_plan, tmp_path):
    """The workbench's board (``/mechanisms?as_of=``) and a mechanism's page read the
    store's documents, so the Herald's plan and round stay unknown on 3019-04-14."""
    from mildip.review.views import mechanism_board, mechanism_view
    from mildip.store import open_store

    events, documents = later_plan
    settings = Settings()
    store = open_store(f"sqlite:///{tmp_path}/asof.db")
    try:
        for doc in documents:
            store.add_document(doc)
        store.save_events(events)
        board = mechanism_board(store, settings, "3019-04-14", ("GDR", "RHN"))
        (row,) = [r for r in board.rows if "Beacon Talks" in r.mechanism.name]
        assert (row.state, row.since, row.scheduled) == ("cancelled", "3019-03-05", ())
        view = mechanism_view(store, settings, row.mechanism.mechanism_id, "3019-04-14")
        assert view is not None and view.row is not None
        assert (view.row.state, view.row.last_round, view.row.scheduled) == ("cancelled", None, ())
        later = mechanism_board(store, settings, "3020-04-01", ("GDR", "RHN"))
        (row,) = [r for r in later.rows if "Beacon Talks" in r.mechanism.name]
        assert row.state == "held" and row.scheduled
    finally:
        store.close()
