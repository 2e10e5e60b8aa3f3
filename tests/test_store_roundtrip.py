"""Lossless round trips through the store (hypothesis): record → rows → record."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mildip.model import (
    EVENT_TYPES,
    MODALITIES,
    PUBLISHED_PRECISIONS,
    REVIEW_STATES,
    Citation,
    Document,
    Event,
    Evidence,
    Participant,
)
from mildip.store.convert import STORED_DOCUMENT_FIELDS, STORED_EVENT_FIELDS

ROUND_TRIP = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
"""The store fixture is reused across examples: every example replaces what it saved."""

# Text the store keeps verbatim: no NUL (refused, as PostgreSQL cannot store it), no lone surrogates.
TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=40)
SHORT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=20)
CODES = st.sampled_from(["ARN", "GDR", "RHN", "MOR", "WHC", "EU"])
OFFSETS = st.integers(min_value=0, max_value=2**31 - 1)
PARTIAL_DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)).flatmap(
    lambda d: st.sampled_from([d.isoformat()[:4], d.isoformat()[:7], d.isoformat()])
)


def optional(strategy):
    return st.none() | strategy


CITATIONS = st.builds(
    Citation, source=optional(SHORT), date=optional(SHORT), start=OFFSETS, end=OFFSETS, text=TEXT
)
PARTICIPANTS = st.builds(
    Participant,
    name=optional(TEXT),
    title=optional(TEXT),
    party=optional(CODES),
    level=optional(st.sampled_from(["minister", "chief", "theater"])),
    person_id=optional(SHORT),
)


def evidence(docs):
    return st.builds(
        Evidence,
        doc_id=st.sampled_from(docs),
        start=OFFSETS,
        end=OFFSETS,
        quote=TEXT,
        extractor_version=SHORT,
        sentence_start=optional(OFFSETS),
        sentence_end=optional(OFFSETS),
        sources_cited=st.lists(CITATIONS, max_size=3).map(tuple),
        side=optional(CODES),
    )


def events(docs=("annals", "chronicle", "red-book")):
    return st.builds(
        Event,
        type=st.sampled_from(EVENT_TYPES),
        actors=st.lists(CODES, max_size=4).map(tuple),
        date=optional(PARTIAL_DATES),
        modality=st.sampled_from(MODALITIES),
        initiator=optional(CODES),
        mechanism=optional(TEXT),
        mechanism_id=optional(SHORT),
        round=optional(OFFSETS),
        resumed=st.booleans(),
        participants=st.lists(PARTICIPANTS, max_size=3),
        location=optional(SHORT),
        evidence=st.lists(evidence(list(docs)), max_size=3),
        responds_to=optional(SHORT),
        flags=st.lists(SHORT, max_size=3),
        event_id=st.just("") | SHORT.map(lambda s: f"ev-{s}"),
        n_sources=st.integers(min_value=0, max_value=1000),
        sides=st.lists(CODES, unique=True, max_size=3).map(lambda s: tuple(sorted(s))),
        review=st.sampled_from(REVIEW_STATES),
        version=st.integers(min_value=0, max_value=10_000),
    )


def event_lists(docs=("annals", "chronicle", "red-book")):
    return st.lists(events(docs), max_size=4, unique_by=lambda e: e.event_id)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | SHORT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(SHORT, inner, max_size=3),
    max_leaves=8,
)
DOCUMENTS = st.builds(
    Document,
    doc_id=SHORT.filter(bool),
    text=TEXT,
    url=optional(TEXT),
    title=optional(TEXT),
    publication=optional(TEXT),
    published=optional(st.dates()),
    published_precision=st.sampled_from(PUBLISHED_PRECISIONS),
    published_inferred=st.booleans(),
    language=st.sampled_from(["en", "zh", "fr"]),
    author=optional(TEXT),
    source_path=optional(TEXT),
    media_type=st.sampled_from(["text/plain", "text/html", "application/pdf"]),
    meta=st.dictionaries(SHORT, JSON_VALUES, max_size=4),
)


def test_store_roundtrip_keeps_every_event_field():
    assert {f.name for f in fields(Event)} == STORED_EVENT_FIELDS


def test_store_roundtrip_keeps_every_document_field():
    assert {f.name for f in fields(Document)} == STORED_DOCUMENT_FIELDS


@ROUND_TRIP
@given(saved=event_lists())
def test_store_roundtrip_resolved_events_are_lossless(store, saved):
    store.save_events(saved)
    by_id = {e.event_id: e for e in store.events(review=REVIEW_STATES)}
    assert by_id == {e.event_id: e for e in saved}
    for event in saved:
        assert store.get_event(event.event_id) == event


@ROUND_TRIP
@given(saved=event_lists(docs=("annals",)))
def test_store_roundtrip_mentions_are_lossless_and_ordered(store, saved):
    store.add_document(Document("annals", "Arnor and Gondor."))
    store.save_mentions("annals", saved, "v1")
    assert store.mentions(["annals"]) == saved


@ROUND_TRIP
@given(doc=DOCUMENTS)
def test_store_roundtrip_documents_are_lossless(store, doc):
    doc_id, added = store.add_document(doc)
    stored = store.get_document(doc_id)
    if added:
        assert stored == replace(doc, doc_id=doc_id)
    else:
        assert stored.text == doc.text
