"""The store's tables: SQLAlchemy 2 declarative models with typed columns.

::

    documents ──< extraction_runs          one row per extraction of a document
        │  (identity, version, status)     versions of one URL or path (revision 0006)
        │
        └──< events (layer = 'mention')    per-document extraction output
             events (layer = 'event')      the resolved layer (cross-document)
               ├──< event_actors           one row per party
               ├──< participants           ordered by ``position``
               ├──< evidence               ordered by ``position``
               └──o event_reviews          review status and version (resolved
                                           events an analyst decision names)

Both event layers share the ``events`` table and its child tables; ``layer``
tells them apart. Mention rows carry the ``doc_id`` they were extracted from and
the ``extractor_version``; resolved rows have both NULL. Event ids are unique per
layer (mentions: per document), enforced by the store and, on SQLite and
PostgreSQL, by partial unique indexes.

The schema is created by the Alembic migrations in ``mildip/store/migrations``,
never by ``metadata.create_all``; these models must match them (a test compares).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

LAYER_MENTION = "mention"
LAYER_EVENT = "event"

STATUS_CURRENT = "current"
STATUS_SUPERSEDED = "superseded"
STATUS_RETIRED = "retired"
DOCUMENT_STATUSES: tuple[str, ...] = (STATUS_CURRENT, STATUS_SUPERSEDED, STATUS_RETIRED)
"""A document version is current (in the answers), superseded by a newer version of
the same identity, or retired by an analyst (both out of the answers, kept in the
history)."""

ID = 512
"""Length limit of document ids (file names, manifest ids, plus a ``~hash`` suffix)."""
CODE = 64
"""Length limit of party codes, levels and similar short codes."""
NAME = 255
"""Length limit of short names (locations, mechanism ids, person ids, media types)."""


class Base(DeclarativeBase):
    """Declarative base of every mildip table (other store modules may add tables)."""


class DocumentRow(Base):
    """One ingested :class:`~mildip.model.Document`.

    ``published`` is the first day of the publication period and
    ``published_precision`` its precision (``day``, ``month`` or ``year``; revision
    0003 gave every older row ``day``).

    ``identity`` is the URL or canonical path the document was read from (NULL when
    unknown, e.g. rows older than revision 0006_sources); ``version`` counts the
    versions of one identity from 1; ``status`` is one of :data:`DOCUMENT_STATUSES`
    and at most one version of an identity is not superseded; ``supersedes`` is the
    doc_id of the version this one replaced.
    """

    __tablename__ = "documents"
    __table_args__ = (
        Index(
            "uq_documents_live_identity",
            "identity",
            unique=True,
            sqlite_where=text("status != 'superseded'"),
            postgresql_where=text("status != 'superseded'"),
        ),
    )

    doc_id: Mapped[str] = mapped_column(String(ID), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    publication: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    published_precision: Mapped[str] = mapped_column(String(16), server_default="day")
    published_inferred: Mapped[bool] = mapped_column(Boolean)
    language: Mapped[str] = mapped_column(String(CODE))
    author: Mapped[str | None] = mapped_column(Text)
    source_path: Mapped[str | None] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(String(NAME))
    meta: Mapped[dict[str, Any]] = mapped_column(JSON)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    identity: Mapped[str | None] = mapped_column(Text, index=True)
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    status: Mapped[str] = mapped_column(String(16), server_default=STATUS_CURRENT, index=True)
    supersedes: Mapped[str | None] = mapped_column(String(ID))
    status_reason: Mapped[str | None] = mapped_column(Text)
    status_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ExtractionRunRow(Base):
    """A log line per :meth:`Store.save_mentions` call."""

    __tablename__ = "extraction_runs"

    run_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(
        String(ID), ForeignKey("documents.doc_id", ondelete="CASCADE"), index=True
    )
    extractor_version: Mapped[str] = mapped_column(String(NAME))
    ran_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    n_events: Mapped[int] = mapped_column(Integer)


class EventRow(Base):
    """One :class:`~mildip.model.Event` of either layer."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_layer_date", "layer", "date_start"),
        Index("ix_events_layer_doc", "layer", "doc_id"),
        Index(
            "uq_events_resolved_id",
            "event_id",
            unique=True,
            sqlite_where=text("layer = 'event'"),
            postgresql_where=text("layer = 'event'"),
        ),
        Index(
            "uq_events_mention_id",
            "doc_id",
            "event_id",
            unique=True,
            sqlite_where=text("layer = 'mention'"),
            postgresql_where=text("layer = 'mention'"),
        ),
    )

    row_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    layer: Mapped[str] = mapped_column(String(16))
    doc_id: Mapped[str | None] = mapped_column(
        String(ID), ForeignKey("documents.doc_id", ondelete="CASCADE")
    )
    extractor_version: Mapped[str | None] = mapped_column(String(NAME))
    position: Mapped[int] = mapped_column(Integer)
    event_id: Mapped[str] = mapped_column(String(NAME), index=True)
    type: Mapped[str] = mapped_column(String(16))
    date: Mapped[str | None] = mapped_column(String(10))
    date_start: Mapped[date | None] = mapped_column(Date)
    date_end: Mapped[date | None] = mapped_column(Date)
    modality: Mapped[str] = mapped_column(String(16))
    initiator: Mapped[str | None] = mapped_column(String(CODE))
    mechanism: Mapped[str | None] = mapped_column(Text)
    mechanism_id: Mapped[str | None] = mapped_column(String(NAME))
    round: Mapped[int | None] = mapped_column(Integer)
    resumed: Mapped[bool] = mapped_column(Boolean)
    location: Mapped[str | None] = mapped_column(String(NAME))
    responds_to: Mapped[str | None] = mapped_column(String(NAME))
    flags: Mapped[list[str]] = mapped_column(JSON)
    n_sources: Mapped[int] = mapped_column(Integer)
    sides: Mapped[list[str]] = mapped_column(JSON)

    actors: Mapped[list[ActorRow]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="ActorRow.party"
    )
    participants: Mapped[list[ParticipantRow]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="ParticipantRow.position"
    )
    evidence: Mapped[list[EvidenceRow]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="EvidenceRow.position"
    )
    review_row: Mapped[EventReviewRow | None] = relationship(
        back_populates="event", cascade="all, delete-orphan", uselist=False
    )


class ActorRow(Base):
    """A party of an event (``Event.actors``)."""

    __tablename__ = "event_actors"

    row_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("events.row_id", ondelete="CASCADE"), primary_key=True
    )
    party: Mapped[str] = mapped_column(String(CODE), primary_key=True, index=True)

    event: Mapped[EventRow] = relationship(back_populates="actors")


class ParticipantRow(Base):
    """A :class:`~mildip.model.Participant` of an event."""

    __tablename__ = "participants"

    participant_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    row_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("events.row_id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    party: Mapped[str | None] = mapped_column(String(CODE))
    level: Mapped[str | None] = mapped_column(String(CODE))
    person_id: Mapped[str | None] = mapped_column(String(NAME), index=True)

    event: Mapped[EventRow] = relationship(back_populates="participants")


class EvidenceRow(Base):
    """An :class:`~mildip.model.Evidence` span; ``char_start``/``char_end`` are its offsets.

    ``doc_id`` is indexed but not a foreign key, so a resolved layer can be saved
    (for instance from a gold file) before its documents are ingested.
    """

    __tablename__ = "evidence"

    evidence_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    row_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("events.row_id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    doc_id: Mapped[str] = mapped_column(String(ID), index=True)
    char_start: Mapped[int] = mapped_column(Integer)
    char_end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    extractor_version: Mapped[str] = mapped_column(String(NAME))
    sentence_start: Mapped[int | None] = mapped_column(Integer)
    sentence_end: Mapped[int | None] = mapped_column(Integer)
    sources_cited: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    side: Mapped[str | None] = mapped_column(String(CODE))

    event: Mapped[EventRow] = relationship(back_populates="evidence")


class EventReviewRow(Base):
    """``Event.review`` and ``Event.version`` of an event some analyst decision names.

    Only events whose status is not ``machine`` or whose version is not 0 have a row,
    so a store nobody reviewed pays nothing. Created by revision ``0005_review``.
    """

    __tablename__ = "event_reviews"
    __table_args__ = (Index("ix_event_reviews_review", "review"),)

    row_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("events.row_id", ondelete="CASCADE"), primary_key=True
    )
    review: Mapped[str] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer)

    event: Mapped[EventRow] = relationship(back_populates="review_row")
