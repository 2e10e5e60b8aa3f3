"""The Store contract on every backend, with events about invented parties.

ARN Arnor, GDR Gondor, RHN Rohan, MOR Mordor; documents "annals" and "chronicle".
"""

from __future__ import annotations

from datetime import date

import pytest

from mildip._exceptions import EventNotFoundError, StoreError
from mildip.model import Document
from mildip.store import open_store


def _doc(doc_id: str = "annals", text: str = "Gondor and Rohan held talks.", **meta) -> Document:
    return Document(doc_id=doc_id, text=text, title="Annals", published=date(3019, 3, 25), **meta)


def test_store_add_document_is_idempotent_by_content_hash(store):
    doc = _doc()
    assert store.add_document(doc) == ("annals", True)
    assert store.add_document(doc) == ("annals", False)
    assert store.add_document(_doc("copy-of-annals")) == ("annals", False)
    assert store.count_documents() == 1
    assert store.get_document("annals") == doc


def test_store_add_document_renames_same_id_with_new_text(store):
    first, second = _doc(text="First account."), _doc(text="Second account.")
    store.add_document(first)
    new_id, added = store.add_document(second)
    assert added
    assert new_id == f"annals~{second.content_hash[:8]}"
    assert store.get_document(new_id).text == "Second account."
    assert store.get_document("annals").text == "First account."


def test_store_documents_sorted_by_id(store):
    for doc_id in ("chronicle", "annals", "red-book"):
        store.add_document(_doc(doc_id, text=f"Text of {doc_id}."))
    assert [d.doc_id for d in store.documents()] == ["annals", "chronicle", "red-book"]
    assert store.count_documents() == 3


def test_store_get_document_missing_is_none(store):
    assert store.get_document("nowhere") is None


def test_store_save_mentions_replaces_one_documents_mentions(store, store_event):
    store.add_document(_doc("annals", "A."))
    store.add_document(_doc("chronicle", "B."))
    a1, a2 = store_event("annals", 0), store_event("annals", 50, type="CALL")
    c1 = store_event("chronicle", 0)
    store.save_mentions("annals", [a1, a2], "v1")
    store.save_mentions("chronicle", [c1], "v1")
    store.save_mentions("annals", [a2], "v2")
    assert store.mentions() == [a2, c1]
    assert store.mentions(["chronicle"]) == [c1]
    assert store.mentions([]) == []


def test_store_save_mentions_is_idempotent_and_logs_runs(store, store_event):
    store.add_document(_doc())
    mentions = [store_event(start=0), store_event(start=40, type="CANCEL", initiator="GDR")]
    store.save_mentions("annals", mentions, "v1")
    store.save_mentions("annals", mentions, "v1")
    assert store.mentions(["annals"]) == mentions
    runs = store.extraction_runs("annals")
    assert [(r.doc_id, r.extractor_version, r.n_events) for r in runs] == [("annals", "v1", 2)] * 2
    assert runs[0].ran_at.tzinfo is not None


def test_store_save_mentions_requires_the_document(store, store_event):
    with pytest.raises(StoreError, match="not in the store"):
        store.save_mentions("annals", [store_event()], "v1")


def test_store_save_mentions_refuses_evidence_of_another_document(store, store_event):
    store.add_document(_doc())
    with pytest.raises(ValueError, match="other documents"):
        store.save_mentions("annals", [store_event("chronicle")], "v1")


@pytest.mark.parametrize("layer", ["mentions", "events"])
def test_store_save_refuses_duplicate_event_ids(store, store_event, layer):
    store.add_document(_doc())
    twice = [store_event(), store_event()]
    with pytest.raises(ValueError, match="more than once"):
        if layer == "mentions":
            store.save_mentions("annals", twice, "v1")
        else:
            store.save_events(twice)


def test_store_save_events_replaces_the_resolved_layer_only(store, store_event):
    store.add_document(_doc())
    mention = store_event()
    store.save_mentions("annals", [mention], "v1")
    store.save_events([store_event(type="CALL"), store_event(type="MEET")])
    store.save_events([mention])
    assert store.events() == [mention]
    assert store.mentions() == [mention]
    assert store.count_events() == 1


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"date": "March 3019"}, "not YYYY"),
        ({"location": "x" * 300}, "at most 255"),
        ({"actors": ("GDR", "R" * 65)}, "at most 64"),
        ({"mechanism": "Beacon\x00Talks"}, "NUL"),
    ],
)
def test_store_failed_save_keeps_the_previous_layer(store, store_event, bad, message):
    kept = store_event()
    store.save_events([kept])
    with pytest.raises(ValueError, match=message):
        store.save_events([store_event(type="CALL"), store_event(**bad)])
    assert store.events() == [kept]


@pytest.fixture
def resolved(store, store_event):
    """A small resolved layer; keys are the names used by the filter cases."""
    events = {
        "cancel": store_event(
            "annals",
            0,
            type="CANCEL",
            actors=("GDR", "MOR"),
            date="3019-03-15",
            initiator="MOR",
            mechanism="Gondor-Mordor Border Talks",
        ),
        "dialogue": store_event(
            "annals",
            100,
            type="DIALOGUE",
            date="3018",
            mechanism="Beacon 100%_Talks",
            mechanism_id="gdr-rhn-beacon",
            round=8,
        ),
        "call": store_event("chronicle", 0, type="CALL", actors=("ARN", "GDR"), date="3019-04"),
        "future": store_event("chronicle", 50, type="MEET", date="3020-01-02", modality="future"),
        "undated": store_event("chronicle", 90, type="PROPOSE", date=None, initiator="RHN"),
    }
    store.save_events(list(events.values()))
    return events


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({}, ["dialogue", "cancel", "call", "future", "undated"]),
        ({"party": "gdr"}, ["dialogue", "cancel", "call", "future", "undated"]),
        ({"party": ["GDR", "MOR"]}, ["cancel"]),
        ({"party": ["ARN", "MOR"]}, []),
        ({"type": "cancel"}, ["cancel"]),
        ({"type": ["CALL", "MEET"]}, ["call", "future"]),
        ({"since": "3019-03-16"}, ["call", "future"]),
        ({"since": "3018-12"}, ["dialogue", "cancel", "call", "future"]),
        ({"until": "3019-03"}, ["dialogue", "cancel"]),
        ({"since": "3019-02", "until": "3019-03-31"}, ["cancel"]),
        ({"mechanism": "border"}, ["cancel"]),
        ({"mechanism": "BEACON"}, ["dialogue"]),
        ({"mechanism": "100%_"}, ["dialogue"]),
        ({"mechanism": "n_1"}, []),
        ({"mechanism": "gondor%talks"}, []),
        ({"doc": "chronicle"}, ["call", "future", "undated"]),
        ({"modality": "future"}, ["future"]),
        ({"party": "RHN", "doc": "chronicle", "type": "PROPOSE"}, ["undated"]),
    ],
)
def test_store_events_filters_and_sorts(store, resolved, filters, expected):
    ids = {e.event_id: name for name, e in resolved.items()}
    assert [ids[e.event_id] for e in store.events(**filters)] == expected


def test_store_events_sorts_same_date_by_type_then_id(store, store_event):
    same_day = [
        store_event(start=s, type=t, date="3019-03-01")
        for s, t in [(0, "MEET"), (9, "CALL"), (5, "MEET")]
    ]
    store.save_events(same_day)
    got = store.events()
    assert [e.type for e in got] == ["CALL", "MEET", "MEET"]
    assert got[1].event_id < got[2].event_id


@pytest.mark.parametrize("bad", [{"type": "PARLEY"}, {"modality": "rumoured"}])
def test_store_events_rejects_unknown_filter_values(store, bad):
    with pytest.raises(ValueError, match="unknown"):
        store.events(**bad)


def test_store_get_event_returns_the_saved_event(store, resolved):
    cancel = resolved["cancel"]
    assert store.get_event(cancel.event_id) == cancel


@pytest.mark.parametrize(
    "where, message",
    [
        ("nowhere", "holds 1 resolved events"),
        ("mention", "is a mention of document 'annals'"),
        ("prefix", "look alike"),
    ],
)
def test_store_get_event_missing_says_why(store, store_event, where, message):
    store.add_document(_doc())
    kept, mention_only = store_event(type="CALL"), store_event(type="MEET")
    store.save_mentions("annals", [kept, mention_only], "v1")
    store.save_events([kept])
    wanted = {
        "nowhere": "ev-does-not-exist",
        "mention": mention_only.event_id,
        "prefix": kept.event_id[:10] + "ffff",
    }[where]
    with pytest.raises(EventNotFoundError, match=message):
        store.get_event(wanted)


def test_store_reopening_keeps_everything(store_url, store_event):
    with open_store(store_url) as first:
        first.add_document(_doc())
        first.save_mentions("annals", [store_event()], "v1")
        first.save_events([store_event()])
    with open_store(store_url) as again:
        assert again.count_documents() == 1
        assert again.mentions() == again.events() == [store_event()]


@pytest.mark.parametrize(
    ("published", "precision", "iso"),
    [
        (date(3019, 3, 25), "day", "3019-03-25"),
        (date(3019, 3, 1), "month", "3019-03"),
        (date(3019, 1, 1), "year", "3019"),
        ("3018-11", "day", "3018-11"),  # a partial ISO string sets its own precision
    ],
)
def test_store_keeps_publication_precision(store, published, precision, iso):
    doc = Document(
        "annals", "Gondor and Rohan held talks.", published=published, published_precision=precision
    )
    store.add_document(doc)
    stored = store.get_document("annals")
    assert stored == doc
    assert stored.published_iso == iso
