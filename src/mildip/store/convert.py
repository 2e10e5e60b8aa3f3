"""Records ↔ rows: :class:`Document` and :class:`Event` to ORM rows and back, losslessly.

Every field of :class:`~mildip.model.Event` and :class:`~mildip.model.Document` has a
column here; ``STORED_EVENT_FIELDS`` and ``STORED_DOCUMENT_FIELDS`` list them and a
test fails when either record gains a field the store does not keep.
Strings longer than their column allows, or holding NUL, are refused with
``ValueError`` on every backend (SQLite would otherwise keep them and PostgreSQL
refuse them).
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import String

from mildip.dates import bounds
from mildip.model import Citation, Document, Event, Evidence, Participant
from mildip.store.schema import (
    ActorRow,
    Base,
    DocumentRow,
    EventReviewRow,
    EventRow,
    EvidenceRow,
    ParticipantRow,
)

STORED_EVENT_FIELDS: frozenset[str] = frozenset(
    {
        "type",
        "actors",
        "date",
        "modality",
        "initiator",
        "mechanism",
        "mechanism_id",
        "round",
        "resumed",
        "participants",
        "location",
        "evidence",
        "responds_to",
        "flags",
        "event_id",
        "n_sources",
        "sides",
        "review",
        "version",
    }
)
"""The ``Event`` fields the store keeps (all of them)."""

STORED_DOCUMENT_FIELDS: frozenset[str] = frozenset(
    {
        "doc_id",
        "text",
        "url",
        "title",
        "publication",
        "published",
        "published_precision",
        "published_inferred",
        "language",
        "author",
        "source_path",
        "media_type",
        "meta",
    }
)
"""The ``Document`` fields the store keeps (all of them)."""


def check_lengths(row: Base, what: str) -> None:
    """Raise ValueError for a string longer than its column allows or holding a NUL.

    PostgreSQL cannot store NUL in text; refusing it everywhere keeps SQLite and
    PostgreSQL stores interchangeable.
    """
    for column in row.__table__.columns:
        value = getattr(row, column.key, None)
        if not isinstance(value, str):
            continue
        if "\x00" in value:
            raise ValueError(f"{what}: {column.name} contains a NUL character; remove it first")
        limit = column.type.length if isinstance(column.type, String) else None
        if limit and len(value) > limit:
            raise ValueError(
                f"{what}: {column.name} is {len(value)} characters long; the store keeps "
                f"at most {limit}"
            )


def document_to_row(doc: Document, doc_id: str, ingested_at: datetime) -> DocumentRow:
    """The row of ``doc`` stored under ``doc_id``."""
    row = DocumentRow(
        doc_id=doc_id,
        content_hash=doc.content_hash,
        text=doc.text,
        url=doc.url,
        title=doc.title,
        publication=doc.publication,
        published=doc.published,
        published_precision=doc.published_precision,
        published_inferred=doc.published_inferred,
        language=doc.language,
        author=doc.author,
        source_path=doc.source_path,
        media_type=doc.media_type,
        meta=dict(doc.meta),
        ingested_at=ingested_at,
    )
    check_lengths(row, f"document {doc_id!r}")
    return row


def row_to_document(row: DocumentRow) -> Document:
    """The :class:`Document` of a row (its ``doc_id`` is the stored id)."""
    return Document(
        doc_id=row.doc_id,
        text=row.text,
        url=row.url,
        title=row.title,
        publication=row.publication,
        published=row.published,
        published_precision=row.published_precision,
        published_inferred=row.published_inferred,
        language=row.language,
        author=row.author,
        source_path=row.source_path,
        media_type=row.media_type,
        meta=dict(row.meta or {}),
    )


def _citation_to_json(c: Citation) -> dict[str, Any]:
    return asdict(c)


def _evidence_row(ev: Evidence, position: int, what: str) -> EvidenceRow:
    row = EvidenceRow(
        position=position,
        doc_id=ev.doc_id,
        char_start=ev.start,
        char_end=ev.end,
        quote=ev.quote,
        extractor_version=ev.extractor_version,
        sentence_start=ev.sentence_start,
        sentence_end=ev.sentence_end,
        sources_cited=[_citation_to_json(c) for c in ev.sources_cited],
        side=ev.side,
    )
    check_lengths(row, f"{what}, evidence {position}")
    return row


def _participant_row(p: Participant, position: int, what: str) -> ParticipantRow:
    row = ParticipantRow(
        position=position,
        name=p.name,
        title=p.title,
        party=p.party,
        level=p.level,
        person_id=p.person_id,
    )
    check_lengths(row, f"{what}, participant {position}")
    return row


def event_to_row(
    event: Event,
    *,
    layer: str,
    position: int,
    doc_id: str | None = None,
    extractor_version: str | None = None,
) -> EventRow:
    """The row (with its children) of ``event`` in ``layer``.

    Raises ValueError for a date that is not a partial ISO date or an over-long string.
    """
    what = f"event {event.event_id}"
    if event.date:
        try:
            start, end = bounds(event.date)
        except ValueError:
            raise ValueError(
                f"{what}: date {event.date!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
            ) from None
    else:
        start = end = None
    row = EventRow(
        layer=layer,
        doc_id=doc_id,
        extractor_version=extractor_version,
        position=position,
        event_id=event.event_id,
        type=event.type,
        date=event.date,
        date_start=start,
        date_end=end,
        modality=event.modality,
        initiator=event.initiator,
        mechanism=event.mechanism,
        mechanism_id=event.mechanism_id,
        round=event.round,
        resumed=event.resumed,
        location=event.location,
        responds_to=event.responds_to,
        flags=list(event.flags),
        n_sources=event.n_sources,
        sides=list(event.sides),
    )
    check_lengths(row, what)
    row.actors = [ActorRow(party=party) for party in event.actors]
    for actor in row.actors:
        check_lengths(actor, what)
    row.participants = [_participant_row(p, i, what) for i, p in enumerate(event.participants)]
    row.evidence = [_evidence_row(e, i, what) for i, e in enumerate(event.evidence)]
    if event.review != "machine" or event.version:
        row.review_row = EventReviewRow(review=event.review, version=event.version)
    return row


def row_to_event(row: EventRow) -> Event:
    """The :class:`Event` of a row; children come back in their saved order."""
    return Event(
        type=row.type,
        actors=tuple(a.party for a in row.actors),
        date=row.date,
        modality=row.modality,
        initiator=row.initiator,
        mechanism=row.mechanism,
        mechanism_id=row.mechanism_id,
        round=row.round,
        resumed=row.resumed,
        participants=[
            Participant(
                name=p.name, title=p.title, party=p.party, level=p.level, person_id=p.person_id
            )
            for p in row.participants
        ],
        location=row.location,
        evidence=[
            Evidence(
                doc_id=e.doc_id,
                start=e.char_start,
                end=e.char_end,
                quote=e.quote,
                extractor_version=e.extractor_version,
                sentence_start=e.sentence_start,
                sentence_end=e.sentence_end,
                sources_cited=tuple(Citation(**c) for c in e.sources_cited or ()),
                side=e.side,
            )
            for e in row.evidence
        ],
        responds_to=row.responds_to,
        flags=list(row.flags or ()),
        event_id=row.event_id,
        n_sources=row.n_sources,
        sides=tuple(row.sides or ()),
        review=row.review_row.review if row.review_row is not None else "machine",
        version=row.review_row.version if row.review_row is not None else 0,
    )
