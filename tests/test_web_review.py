"""Review decisions in the library: each action, its history row, survival across
re-extraction and re-ingest, the version check, and the reviewed state everywhere.

Stores are built from hand-made mentions (tests/conftest.py: ``fill_web_store``) about
invented parties: GDR Gondor, RHN Rohan, MOR Mordor."""

from __future__ import annotations

import io
import json

import pytest
from conftest import WEB_HERALD, web_mention, web_mentions

from mildip._exceptions import EventNotFoundError, OverrideError, ReviewConflictError
from mildip.export import write_csv, write_jsonl
from mildip.model import REVIEW_STATES
from mildip.pipeline import rebuild_events, reextract
from mildip.resolve.overrides import event_anchors
from mildip.review import actions
from mildip.review.history import describe, event_history
from mildip.store.overrides import history


def _by_type(store, type_, **filters):
    return [e for e in store.events(review=REVIEW_STATES, **filters) if e.type == type_]


def _one(store, type_, doc="gondor-herald"):
    [event] = [e for e in _by_type(store, type_) if doc in e.docs]
    return event


def _reextract_with_new_offsets(store, settings, version="v2"):
    """A new extractor: every passage moved (the text gained a prefix), other ids."""
    prefix = "Updated. "
    for doc_id, mentions in web_mentions().items():
        moved = [
            m.with_(
                evidence=[
                    ev.__class__(doc_id, ev.start + len(prefix), ev.end + len(prefix), ev.quote, version)
                    for ev in m.evidence
                ],
                event_id="",
            )
            for m in mentions
        ]
        store.save_mentions(doc_id, moved, version)
    return rebuild_events(store, settings)


@pytest.mark.parametrize(
    "action, status",
    [("accept", "accepted"), ("reject", "rejected")],
)
def test_web_review_status_action_writes_one_history_row(review_store, action, status):
    store, settings = review_store
    event = _one(store, "CANCEL")
    result = getattr(actions, action)(
        store, settings, event.event_id, version=0, author="ana", reason="checked the quote"
    )
    after = store.get_event(event.event_id)
    assert (after.review, after.version) == (status, 1)
    [entry] = event_history(store, event.event_id)
    assert (entry.kind, entry.author, entry.reason, entry.event_id) == (
        action, "ana", "checked the quote", event.event_id
    )
    assert entry.before["events"][0]["review"] == "machine"
    assert entry.after["events"][0]["review"] == status
    assert result.entry.entry_id == entry.entry_id


def test_web_review_rejected_events_leave_queries_exports_and_analyses(review_store):
    store, settings = review_store
    event = _one(store, "CANCEL")
    actions.reject(store, settings, event.event_id, version=0, author="ana")
    assert event.event_id not in {e.event_id for e in store.events()}
    assert [e.event_id for e in store.events(review="rejected")] == [event.event_id]
    text = io.StringIO()
    write_csv(store.events(), text)
    assert "CANCEL" not in text.getvalue()
    actions.restore(store, settings, event.event_id, version=1, author="ana", reason="it happened")
    assert store.get_event(event.event_id).review == "machine"
    assert [h.kind for h in event_history(store, event.event_id)] == ["reject", "restore"]


def test_web_review_edit_keeps_the_id_and_records_before_and_after(review_store):
    store, settings = review_store
    event = _one(store, "DIALOGUE")
    actions.edit(
        store, settings, event.event_id, {"date": "3019-03-10", "round": 6},
        version=0, author="ana", reason="the herald misdated it",
    )
    after = store.get_event(event.event_id)
    assert (after.date, after.round, after.review, after.version) == ("3019-03-10", 6, "edited", 1)
    [entry] = event_history(store, event.event_id)
    change = {f.field: (f.before, f.after) for f in describe(entry).fields}
    assert change["date"] == ("3019-03-09", "3019-03-10")
    assert change["round"] == (5, 6)
    assert change["review"] == ("machine", "edited")


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"date": "9 March"}, "not YYYY"),
        ({"type": "PARLEY"}, "unknown type"),
        ({"actors": ["GDR"]}, "two different actors"),
        ({"initiator": "ARN"}, "not one of the actors"),
        ({"round": 0}, "numbered from 1"),
        ({"evidence": []}, "cannot be edited"),
        ({"date": "3019-03-09"}, "nothing to change"),
    ],
)
def test_web_review_edit_refuses_bad_values(review_store, changes, message):
    store, settings = review_store
    event = _one(store, "DIALOGUE")
    with pytest.raises(OverrideError, match=message):
        actions.edit(store, settings, event.event_id, changes, version=0, author="ana")
    assert history(store) == []


def test_web_review_second_save_on_an_old_version_is_refused(review_store):
    store, settings = review_store
    event = _one(store, "DIALOGUE")
    actions.edit(store, settings, event.event_id, {"date": "3019-03-10"}, version=0, author="ana")
    with pytest.raises(ReviewConflictError, match="version 1, you saw version 0") as caught:
        actions.edit(store, settings, event.event_id, {"date": "3019-03-11"}, version=0, author="bob")
    assert "edit by ana" in str(caught.value)
    assert store.get_event(event.event_id).date == "3019-03-10"
    assert len(history(store)) == 1


def test_web_review_merge_and_split(review_store):
    store, settings = review_store
    meets = _by_type(store, "MEET")
    assert len(meets) == 2
    result = actions.merge(
        store, settings, [m.event_id for m in meets], versions={m.event_id: 0 for m in meets},
        author="ana", reason="one meeting, told twice",
    )
    [merged] = result.events
    assert merged.docs == ["gondor-herald", "rohan-chronicle"]
    assert (merged.review, merged.version) == ("edited", 1)
    [entry] = history(store)
    assert (entry.kind, len(entry.before["events"]), len(entry.after["events"])) == ("merge", 2, 1)
    split = actions.split(store, settings, merged.event_id, version=1, author="ana", reason="two meetings")
    assert sorted(e.docs[0] for e in split.events) == ["gondor-herald", "rohan-chronicle"]
    assert [h.kind for h in event_history(store, split.events[0].event_id)] == ["merge", "split"]


def test_web_review_merge_refuses_a_moved_event(review_store):
    store, settings = review_store
    first, second = _by_type(store, "MEET")
    actions.accept(store, settings, first.event_id, version=0, author="ana")
    with pytest.raises(ReviewConflictError):
        actions.merge(
            store, settings, [first.event_id, second.event_id],
            versions={first.event_id: 0, second.event_id: 0}, author="bob",
        )


def test_web_review_add_a_missed_event_from_a_passage(review_store):
    store, settings = review_store
    quote = "Arnor and Gondor held a joint exercise on the Brandywine in March 3019"
    start = WEB_HERALD.index(quote)
    result = actions.add_event(
        store, settings, "gondor-herald", start - 1, start + len(quote),
        {"type": "EXERCISE", "actors": ["gdr", "ARN"], "date": "3019-03"},
        author="ana", reason="the extractor missed it",
    )
    [added] = result.events
    assert (added.type, added.actors, added.date, added.review) == ("EXERCISE", ("ARN", "GDR"), "3019-03", "edited")
    assert added.evidence[0].quote == quote  # whitespace around the selection trimmed
    assert added.evidence[0].extractor_version == actions.ANALYST_EXTRACTOR
    assert history(store)[0].kind == "add"


@pytest.mark.parametrize(
    "start, end, quote, message",
    [
        (5, 2, None, "outside the document"),
        (0, 10_000, None, "outside the document"),
        (0, 3, "words that are not in the text", "not in the document"),
    ],
)
def test_web_review_add_refuses_a_bad_passage(review_store, start, end, quote, message):
    store, settings = review_store
    with pytest.raises(OverrideError, match=message):
        actions.add_event(
            store, settings, "gondor-herald", start, end,
            {"type": "MEET", "actors": ["GDR", "RHN"]}, author="ana", quote=quote,
        )


def test_web_review_add_finds_the_quote_when_offsets_are_off(review_store):
    store, settings = review_store
    quote = "Arnor and Gondor held a joint exercise"
    start = WEB_HERALD.index(quote)
    result = actions.add_event(
        store, settings, "gondor-herald", start + 3, start + 3 + len(quote),
        {"type": "EXERCISE", "actors": ["ARN", "GDR"]}, author="ana", quote=quote,
    )
    assert result.events[0].evidence[0].start == start


def test_web_review_every_decision_survives_reextraction(review_store):
    store, settings = review_store
    dialogue, cancel = _one(store, "DIALOGUE"), _one(store, "CANCEL")
    meets = _by_type(store, "MEET")
    actions.edit(store, settings, dialogue.event_id, {"date": "3019-03-10"}, version=0, author="ana")
    actions.reject(store, settings, cancel.event_id, version=0, author="ana")
    actions.merge(store, settings, [m.event_id for m in meets], versions=None, author="ana")
    quote = "Arnor and Gondor held a joint exercise"
    start = WEB_HERALD.index(quote)
    actions.add_event(
        store, settings, "gondor-herald", start, start + len(quote),
        {"type": "EXERCISE", "actors": ["ARN", "GDR"]}, author="ana",
    )
    before = {(e.type, e.date, e.review, tuple(e.docs)) for e in store.events(review=REVIEW_STATES)}
    events = _reextract_with_new_offsets(store, settings)
    assert {ev.extractor_version for e in events for ev in e.evidence} == {"v2", "analyst"}
    assert {(e.type, e.date, e.review, tuple(e.docs)) for e in events} == before
    assert len(history(store)) == 4


def test_web_review_decisions_survive_reextract_and_reingest(review_store):
    store, settings = review_store
    event = _one(store, "DIALOGUE")
    actions.accept(store, settings, event.event_id, version=0, author="ana")
    store.save_mentions("gondor-herald", web_mentions()["gondor-herald"], "test")  # re-ingest
    rebuild_events(store, settings)
    assert _one(store, "DIALOGUE").review == "accepted"


def test_web_review_field_decision_picks_its_event_when_two_share_a_passage(review_store):
    store, settings = review_store
    quote = "Gondor and Rohan held the fifth Beacon Talks in Edoras"
    twin = web_mention("gondor-herald", WEB_HERALD, quote, type="AGREE", date="3019-03-09")
    mentions = web_mentions()["gondor-herald"] + [twin]
    store.save_mentions("gondor-herald", mentions, "test")
    rebuild_events(store, settings)
    dialogue = _one(store, "DIALOGUE")
    assert event_anchors(dialogue) == event_anchors(_one(store, "AGREE"))
    actions.reject(store, settings, dialogue.event_id, version=0, author="ana")
    assert _one(store, "DIALOGUE").review == "rejected"
    assert _one(store, "AGREE").review == "machine"


def test_web_review_exports_say_how_each_record_was_reviewed(review_store):
    store, settings = review_store
    actions.accept(store, settings, _one(store, "CANCEL").event_id, version=0, author="ana")
    actions.edit(store, settings, _one(store, "DIALOGUE").event_id, {"round": 6}, version=0, author="ana")
    text = io.StringIO()
    write_jsonl(store.events(), text)
    reviews = {json.loads(line)["type"]: json.loads(line)["review"] for line in text.getvalue().splitlines()}
    assert reviews == {"CANCEL": "accepted", "DIALOGUE": "edited", "MEET": "machine"}


def test_web_review_history_of_a_merged_away_id_is_kept(review_store):
    store, settings = review_store
    first, second = _by_type(store, "MEET")
    result = actions.merge(store, settings, [first.event_id, second.event_id], versions=None, author="ana")
    gone = ({first.event_id, second.event_id} - {result.events[0].event_id}).pop()
    with pytest.raises(EventNotFoundError):
        store.get_event(gone)
    assert [h.kind for h in event_history(store, first.event_id)] == ["merge"]


def test_web_review_reextract_through_the_pipeline_keeps_decisions(review_store, monkeypatch):
    store, settings = review_store
    event = _one(store, "CANCEL")
    actions.reject(store, settings, event.event_id, version=0, author="ana")
    found = {d: m for d, m in web_mentions().items()}
    monkeypatch.setattr(
        "mildip.pipeline.extract_many", lambda docs, settings, scheduler="serial": [found[d.doc_id] for d in docs]
    )
    reextract(store, settings)
    assert _one(store, "CANCEL").review == "rejected"


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["events", "--format", "json"], False),
        (["events", "--format", "json", "--review", "rejected"], True),
        (["export", "--format", "jsonl"], False),
        (["export", "--format", "jsonl", "--review", "machine", "--review", "rejected"], True),
    ],
)
def test_web_review_rejected_events_only_where_the_cli_asks(review_store, args, shown):
    from typer.testing import CliRunner

    from mildip.cli import app

    store, settings = review_store
    event = _one(store, "CANCEL")
    actions.reject(store, settings, event.event_id, version=0, author="ana")
    result = CliRunner().invoke(app, ["--db", store.engine.url.render_as_string(False), *args])
    assert result.exit_code == 0, result.output
    out = result.stdout
    rows = json.loads(out) if args[0] == "events" else [json.loads(x) for x in out.splitlines()]
    reviews = {r["event_id"]: r["review"] for r in rows}
    assert (event.event_id in reviews) is shown
    named = [args[i + 1] for i, a in enumerate(args) if a == "--review"]
    assert set(reviews.values()) == set(named or ["machine"])


def test_web_review_rejected_events_leave_filters_reports_and_counts(review_store, monkeypatch):
    from mildip.analysis.filters import EventFilter
    from mildip.report import build_report

    store, settings = review_store
    event = _one(store, "CANCEL")
    actions.reject(store, settings, event.event_id, version=0, author="ana")
    assert event.event_id not in {e.event_id for e in EventFilter().select(store)}
    events, total = EventFilter(review=("rejected",)).page(store)
    assert ([e.event_id for e in events], total) == ([event.event_id], 1)
    mordor = EventFilter(parties=("GDR", "MOR"))
    assert mordor.select(store) == []
    report = build_report(store.events(), store.documents(), settings, selection=mordor)
    assert report.events == ()
    found = dict(web_mentions())
    monkeypatch.setattr(
        "mildip.pipeline.extract_many",
        lambda docs, settings, scheduler="serial": [found[d.doc_id] for d in docs],
    )
    everything = store.events(review=REVIEW_STATES)
    assert reextract(store, settings) == len(store.events()) == len(everything) - 1
