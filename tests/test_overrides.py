"""Analyst overrides: anchors, application, storage, survival across re-extraction, CLI.

Invented parties: GDR Gondor, RHN Rohan."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from typer.testing import CliRunner

from mildip._exceptions import EventNotFoundError, OverrideError
from mildip.model import Document, Event, Evidence
from mildip.pipeline import rebuild_events, record_override
from mildip.resolve.coref import merge_events
from mildip.resolve.overrides import (
    Override,
    apply_overrides,
    event_anchors,
    evidence_anchor,
    explode_for_splits,
    merge_override,
    split_override,
    stale_overrides,
)
from mildip.store.overrides import add_override, list_overrides

T0 = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)

GONDOR_TEXT = (
    "Annals of Gondor. King Elessar of Gondor held a phone call with King Eomer on 9 March."
)
ROHAN_TEXT = "Rohan news. Edoras reports its king spoke with the south about beacons, 9 March."


def _mention(doc: str, text: str, quote: str, version: str = "v1", **fields) -> Event:
    start = text.index(quote)
    fields.setdefault("type", "CALL")
    fields.setdefault("actors", ("GDR", "RHN"))
    fields.setdefault("date", "3019-03-09")
    return Event(evidence=[Evidence(doc, start, start + len(quote), quote, version)], **fields)


GONDOR_QUOTE = "King Elessar of Gondor held a phone call with King Eomer on 9 March."
ROHAN_QUOTE = "Edoras reports its king spoke with the south about beacons, 9 March."


def test_overrides_anchor_ignores_offsets_whitespace_and_extractor_version():
    a = Evidence("annals", 10, 30, "King Elessar  held\na call", "v1")
    b = Evidence("annals", 500, 520, "King Elessar held a call", "v2")
    c = Evidence("other-annals", 10, 30, "King Elessar held a call", "v1")
    assert evidence_anchor(a) == evidence_anchor(b) != evidence_anchor(c)
    assert evidence_anchor(a).startswith("annals#")


@pytest.mark.parametrize(
    "kind, keys, reason",
    [("join", ("a#1",), "x"), ("merge", (), "x")],
)
def test_overrides_reject_malformed(kind, keys, reason):
    with pytest.raises(ValueError):
        Override(kind, keys, reason, T0)


def test_overrides_merge_then_split_applied_oldest_first(mention):
    a, b, c = (mention(q, doc=d) for q, d in [("one", "d1"), ("two", "d2"), ("three", "d3")])
    merge = merge_override([a, b, c], "one call", T0)
    split = split_override(b, "two was a different call", T0 + timedelta(minutes=1))
    parts = apply_overrides([[a], [b], [c]], [split, merge])  # given newest first on purpose
    assert sorted(sorted(m.evidence[0].quote for m in g) for g in parts) == [
        ["one", "three"],
        ["two"],
    ]


def test_overrides_split_cuts_a_multi_passage_mention(mention):
    two = mention("one").with_(evidence=mention("one").evidence + mention("two", start=50).evidence)
    parts = explode_for_splits([two], [split_override(two, "two events", T0)])
    assert [len(p.evidence) for p in parts] == [1, 1]
    assert explode_for_splits([two], []) == [two]


def test_overrides_stale_when_no_anchor_is_left(mention):
    a = mention("one")
    gone = Override("merge", ("lost#0000", "lost#1111"), "old", T0)
    live = merge_override([a, mention("two", doc="d2")], "x", T0)
    assert stale_overrides([a], [gone, live]) == [gone]


def test_overrides_merge_events_applies_and_flags(mention, coref_settings):
    a = mention("Gondor spoke with Rohan.", doc="gondor-herald", date="3019-03")
    b = mention("Beacons were discussed by the kings.", doc="rohan-chronicle", date="3019-03")
    assert len(merge_events([a, b], coref_settings)) == 2
    [event] = merge_events([a, b], coref_settings, [merge_override([a, b], "same call", T0)])
    assert "override_merge: same call" in event.flags
    assert set(event_anchors(event)) == set(event_anchors(a)) | set(event_anchors(b))


# --- the store and re-extraction ---------------------------------------------------------------


@pytest.fixture
def annals_store(store):
    """A store holding the Gondor and Rohan reports, extracted once (v1)."""
    store.add_document(Document("gondor-herald", GONDOR_TEXT))
    store.add_document(Document("rohan-chronicle", ROHAN_TEXT))
    store.save_mentions(
        "gondor-herald", [_mention("gondor-herald", GONDOR_TEXT, GONDOR_QUOTE)], "v1"
    )
    store.save_mentions(
        "rohan-chronicle", [_mention("rohan-chronicle", ROHAN_TEXT, ROHAN_QUOTE)], "v1"
    )
    return store


def test_overrides_store_round_trip(store):
    first = Override("merge", ("a#1", "b#2"), "same call", T0)
    second = Override("split", ("c#3",), "two visits", T0 + timedelta(hours=1))
    add_override(store, second)
    add_override(store, first)
    assert list_overrides(store) == [first, second]


def _reextract(store, version: str, date: str = "3019-03-09") -> None:
    # a new extractor: other event ids, other offsets (the text gained a prefix), same quotes
    for doc, text, quote in [
        ("gondor-herald", GONDOR_TEXT, GONDOR_QUOTE),
        ("rohan-chronicle", ROHAN_TEXT, ROHAN_QUOTE),
    ]:
        m = _mention(doc, "Updated. " + text, quote, version=version, date=date)
        store.save_mentions(doc, [m], version)


def test_overrides_merge_survives_reextraction(annals_store, coref_settings):
    store = annals_store
    assert len(rebuild_events(store, coref_settings)) == 2  # dissimilar wording: kept apart
    ids = [e.event_id for e in store.events()]
    [merged] = record_override(
        store, "merge", ids, "Gondor and Rohan readouts of one call", coref_settings
    )
    assert merged.docs == ["gondor-herald", "rohan-chronicle"]
    _reextract(store, "v2", date="3019-03")
    [event] = rebuild_events(store, coref_settings)
    assert event.docs == ["gondor-herald", "rohan-chronicle"]
    assert {ev.extractor_version for ev in event.evidence} == {"v2"}
    assert "override_merge: Gondor and Rohan readouts of one call" in event.flags


def test_overrides_split_survives_reextraction(annals_store, coref_settings):
    store = annals_store
    merged_ids = [e.event_id for e in rebuild_events(store, coref_settings)]
    record_override(store, "merge", merged_ids, "first thought: one call", coref_settings)
    [joined] = store.events()
    parts = record_override(
        store, "split", [joined.event_id], "two calls after all", coref_settings
    )
    assert len(parts) == 2
    _reextract(store, "v2")
    assert sorted(e.docs for e in rebuild_events(store, coref_settings)) == [
        ["gondor-herald"],
        ["rohan-chronicle"],
    ]


@pytest.mark.parametrize(
    "kind, ids, reason, error",
    [
        ("merge", ["only-one"], "x", OverrideError),
        ("split", ["a", "b"], "x", OverrideError),
        ("join", ["a", "b"], "x", OverrideError),
        ("merge", ["ev-missing", "ev-missing-2"], "x", EventNotFoundError),
    ],
)
def test_overrides_record_rejects_bad_requests(
    annals_store, coref_settings, kind, ids, reason, error
):
    with pytest.raises(error):
        record_override(annals_store, kind, ids, reason, coref_settings)
    assert list_overrides(annals_store) == []


def test_overrides_record_rejects_empty_reason_and_single_passage_split(
    annals_store, coref_settings
):
    events = rebuild_events(annals_store, coref_settings)
    with pytest.raises(OverrideError, match="reason"):
        record_override(annals_store, "merge", [e.event_id for e in events], "  ", coref_settings)
    with pytest.raises(OverrideError, match="single passage"):
        record_override(annals_store, "split", [events[0].event_id], "x", coref_settings)


# --- CLI -------------------------------------------------------------------------------------


def test_overrides_cli_merge_and_split(annals_store, coref_settings, store_url):
    from mildip.cli import app

    ids = [e.event_id for e in rebuild_events(annals_store, coref_settings)]
    runner = CliRunner()
    merged = runner.invoke(
        app, ["--db", store_url, "events", "merge", *ids, "--reason", "one call"]
    )
    assert merged.exit_code == 0, merged.output
    assert "recorded merge" in merged.output
    [joined] = annals_store.events()
    split = runner.invoke(
        app, ["--db", store_url, "events", "split", joined.event_id, "--reason", "two"]
    )
    assert split.exit_code == 0, split.output
    assert len(annals_store.events()) == 2
    assert [o.kind for o in list_overrides(annals_store)] == ["merge", "split"]


@pytest.mark.parametrize("command", ["merge", "split"])
def test_overrides_cli_help_and_required_reason(command):
    from mildip.cli import app

    runner = CliRunner()
    shown = runner.invoke(app, ["events", command, "--help"])
    assert shown.exit_code == 0 and "--reason" in shown.output
    missing = runner.invoke(
        app, ["events", command, "ev-1", "ev-2"][: 3 if command == "split" else 4]
    )
    assert missing.exit_code != 0
