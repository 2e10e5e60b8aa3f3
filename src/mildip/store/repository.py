"""The :class:`Store`: documents, the two event layers, and extraction runs.

Contract:

* ``add_document`` is idempotent by content hash: the same text as a document in
  the answers returns the existing id and changes nothing. A known ``doc_id`` with
  a different text is stored under ``f"{doc_id}~{hash[:8]}"``. Documents with an
  identity (a URL or path) and versions are added by
  :func:`mildip.store.versions.add_version`.
* Only **current** documents are in the answers: ``documents()``,
  ``count_documents()`` and ``mentions()`` (without ``doc_ids``) leave superseded
  and retired versions out; ``get_document`` and ``mentions(doc_ids)`` read any
  version (the history).
* ``save_mentions(doc_id, ...)`` replaces that document's mentions wholesale and
  logs an extraction run; ``save_events`` replaces the whole resolved layer. Each
  write is one transaction, so a reader never sees half a layer.
* Reads return fresh :class:`~mildip.model.Event` objects equal to what was saved.
* One engine per store, one short session per call; ``close()`` disposes of the
  engine, and a store is a context manager.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, and_, delete, exists, func, or_, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from mildip._exceptions import EventNotFoundError, StoreError
from mildip.dates import bounds, sort_key
from mildip.model import EVENT_TYPES, MODALITIES, Document, Event
from mildip.store.convert import document_to_row, event_to_row, row_to_document, row_to_event
from mildip.store.migrate import connect, safe_url, upgrade
from mildip.store.schema import (
    LAYER_EVENT,
    LAYER_MENTION,
    STATUS_CURRENT,
    STATUS_SUPERSEDED,
    ActorRow,
    DocumentRow,
    EventRow,
    EvidenceRow,
    ExtractionRunRow,
    ParticipantRow,
)


@dataclass(frozen=True)
class ExtractionRun:
    """One :meth:`Store.save_mentions` call: which extractor ran on which document."""

    doc_id: str
    extractor_version: str
    ran_at: datetime
    n_events: int


def open_store(url: str) -> Store:
    """Open the store at a SQLAlchemy ``url``, creating or upgrading its schema.

    ``sqlite:///mildip.db`` is the default elsewhere; ``postgresql+psycopg://...``
    (or plain ``postgresql://``) needs the ``postgres`` extra.
    """
    engine = connect(url)
    try:
        upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)


def _as_list(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    return list(value)


def _checked(values: list[str] | None, allowed: Sequence[str], what: str) -> list[str] | None:
    if values is None:
        return None
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ValueError(f"unknown {what} {unknown}; expected some of {list(allowed)}")
    return values


def _check_unique_ids(events: Sequence[Event], where: str) -> None:
    twice = sorted(i for i, n in Counter(e.event_id for e in events).items() if n > 1)
    if twice:
        raise ValueError(f"{where}: event ids given more than once: {twice}")


def _utc(moment: datetime) -> datetime:
    """An aware UTC datetime (SQLite hands back naive ones)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _sorted_events(events: Iterable[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (sort_key(e.date), e.type, e.event_id))


_LOAD_CHILDREN = (
    selectinload(EventRow.actors),
    selectinload(EventRow.participants),
    selectinload(EventRow.evidence),
)


class Store:
    """A mildip database. Build it with :func:`open_store` (which migrates it)."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def __repr__(self) -> str:
        return f"Store({safe_url(self.engine.url)!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the engine's connections; the store must not be used afterwards."""
        self.engine.dispose()

    def session(self) -> AbstractContextManager[Session]:
        """A session inside one transaction (committed on success), for store extensions."""
        return self._sessions.begin()

    # documents

    def add_document(self, doc: Document) -> tuple[str, bool]:
        """Store ``doc``; return ``(stored doc_id, True if newly added)``."""
        digest = doc.content_hash
        try:
            with self.session() as s:
                existing = s.scalar(
                    select(DocumentRow.doc_id)
                    .where(
                        DocumentRow.content_hash == digest, DocumentRow.status != STATUS_SUPERSEDED
                    )
                    .order_by(DocumentRow.doc_id)
                    .limit(1)
                )
                if existing is not None:
                    return existing, False
                doc_id = self.free_doc_id(s, doc.doc_id, digest)
                row = document_to_row(doc, doc_id, datetime.now(UTC))
                row.version, row.status = 1, STATUS_CURRENT
                s.add(row)
        except IntegrityError:
            raise StoreError(f"could not store document {doc.doc_id!r}: id conflict") from None
        return doc_id, True

    @staticmethod
    def free_doc_id(s: Session, wanted: str, digest: str) -> str:
        """``wanted``, or ``wanted~<8 hex>``, or ``wanted~<64 hex>``: the first not taken."""
        for candidate in (wanted, f"{wanted}~{digest[:8]}", f"{wanted}~{digest}"):
            if s.get(DocumentRow, candidate) is None:
                return candidate
        raise StoreError(f"could not store document {wanted!r}: every id is taken")

    def get_document(self, doc_id: str) -> Document | None:
        """The stored document ``doc_id`` (any version), or None."""
        with self.session() as s:
            row = s.get(DocumentRow, doc_id)
            return row_to_document(row) if row is not None else None

    def documents(self) -> list[Document]:
        """Every current document (the answers' documents), sorted by ``doc_id``."""
        with self.session() as s:
            rows = s.scalars(
                select(DocumentRow)
                .where(DocumentRow.status == STATUS_CURRENT)
                .order_by(DocumentRow.doc_id)
            )
            return [row_to_document(r) for r in rows]

    def count_documents(self) -> int:
        """How many current documents are stored."""
        with self.session() as s:
            query = select(func.count()).select_from(DocumentRow)
            return s.scalar(query.where(DocumentRow.status == STATUS_CURRENT)) or 0

    # layers

    @staticmethod
    def _delete_layer(s: Session, *conditions) -> None:
        rows = select(EventRow.row_id).where(*conditions)
        for child in (ActorRow, ParticipantRow, EvidenceRow):
            s.execute(delete(child).where(child.row_id.in_(rows)))
        s.execute(delete(EventRow).where(*conditions))

    def save_mentions(self, doc_id: str, events: list[Event], extractor_version: str) -> None:
        """Replace the mentions of document ``doc_id`` by ``events`` and log the run.

        The document must be stored, and every evidence span must come from it
        (ValueError otherwise). Saving the same mentions twice leaves the same layer.
        """
        with self.session() as s:
            self.write_mentions(s, doc_id, events, extractor_version)

    def write_mentions(
        self, s: Session, doc_id: str, events: list[Event], extractor_version: str
    ) -> None:
        """:meth:`save_mentions` inside the caller's session (for store extensions that
        write more in the same transaction)."""
        _check_unique_ids(events, f"mentions of {doc_id!r}")
        for ev in events:
            foreign = sorted({e.doc_id for e in ev.evidence} - {doc_id})
            if foreign:
                raise ValueError(
                    f"mention {ev.event_id} of {doc_id!r} has evidence from other documents "
                    f"{foreign}; mentions hold one document's evidence"
                )
        rows = [
            event_to_row(
                ev,
                layer=LAYER_MENTION,
                position=i,
                doc_id=doc_id,
                extractor_version=extractor_version,
            )
            for i, ev in enumerate(events)
        ]
        if s.get(DocumentRow, doc_id) is None:
            raise StoreError(
                f"document {doc_id!r} is not in the store; add it (mildip ingest) before "
                "saving its mentions"
            )
        self._delete_layer(s, EventRow.layer == LAYER_MENTION, EventRow.doc_id == doc_id)
        s.add_all(rows)
        s.add(
            ExtractionRunRow(
                doc_id=doc_id,
                extractor_version=extractor_version,
                ran_at=datetime.now(UTC),
                n_events=len(events),
            )
        )

    def mentions(self, doc_ids: Iterable[str] | None = None) -> list[Event]:
        """Mentions of the given documents, any version (all current documents when
        None), by document then saved order."""
        query = select(EventRow).where(EventRow.layer == LAYER_MENTION)
        if doc_ids is not None:
            wanted = sorted(set(doc_ids))
            if not wanted:
                return []
            query = query.where(EventRow.doc_id.in_(wanted))
        else:
            current = select(DocumentRow.doc_id).where(DocumentRow.status == STATUS_CURRENT)
            query = query.where(EventRow.doc_id.in_(current))
        query = query.order_by(EventRow.doc_id, EventRow.position).options(*_LOAD_CHILDREN)
        with self.session() as s:
            return [row_to_event(r) for r in s.scalars(query)]

    def save_events(self, events: list[Event]) -> None:
        """Replace the whole resolved layer by ``events`` in one transaction."""
        with self.session() as s:
            self.write_events(s, events)

    def write_events(self, s: Session, events: list[Event]) -> None:
        """:meth:`save_events` inside the caller's session (e.g. :meth:`exclusive`)."""
        _check_unique_ids(events, "resolved events")
        rows = [event_to_row(ev, layer=LAYER_EVENT, position=i) for i, ev in enumerate(events)]
        self._delete_layer(s, EventRow.layer == LAYER_EVENT)
        s.add_all(rows)

    @contextmanager
    def exclusive(self) -> Iterator[Session]:
        """A session holding the store's write lock until it commits: on SQLite an
        immediate transaction (other writers wait, readers go on), on PostgreSQL a lock
        on ``events`` that lets reads through but holds back every write of mentions or
        events. Reads made meanwhile through other sessions see the latest committed
        state, and nothing can be committed between them and this session's writes -
        what rebuilding the resolved layer needs when two ingests run at once."""
        with self.session() as s:
            dialect = self.engine.dialect.name
            in_memory = self.engine.url.database in (None, "", ":memory:")
            if dialect == "sqlite" and not in_memory:  # one shared connection: no lock needed
                s.connection().exec_driver_sql("BEGIN IMMEDIATE")
            elif dialect == "postgresql":
                s.execute(text("LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE"))
            yield s

    def events(
        self,
        *,
        party: str | Iterable[str] | None = None,
        type: str | Iterable[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        mechanism: str | None = None,
        doc: str | None = None,
        modality: str | Iterable[str] | None = None,
    ) -> list[Event]:
        """Resolved events matching every given filter, sorted by (date, type, event_id).

        * ``party``: code(s) that must all be among the actors (case-insensitive).
        * ``type`` / ``modality``: any of the given values.
        * ``since`` / ``until``: partial ISO dates; an event is kept when its date
          span overlaps ``[start of since, end of until]``; undated events are then
          dropped.
        * ``mechanism``: case-insensitive substring of the mechanism name or id.
        * ``doc``: the event has evidence in that document.

        Undated events sort last.
        """
        parties = [p.upper() for p in _as_list(party) or ()]
        types = _checked(
            [t.upper() for t in _as_list(type)] if type is not None else None, EVENT_TYPES, "type"
        )
        modalities = _checked(_as_list(modality), MODALITIES, "modality")
        conditions = [EventRow.layer == LAYER_EVENT]
        for p in parties:
            conditions.append(
                exists().where(and_(ActorRow.row_id == EventRow.row_id, ActorRow.party == p))
            )
        if types is not None:
            conditions.append(EventRow.type.in_(types))
        if modalities is not None:
            conditions.append(EventRow.modality.in_(modalities))
        if since:
            conditions.append(EventRow.date_end >= bounds(since)[0])
        if until:
            conditions.append(EventRow.date_start <= bounds(until)[1])
        if mechanism:
            needle = mechanism.lower()
            conditions.append(
                or_(
                    func.lower(EventRow.mechanism).contains(needle, autoescape=True),
                    func.lower(EventRow.mechanism_id).contains(needle, autoescape=True),
                )
            )
        if doc is not None:
            conditions.append(
                exists().where(
                    and_(EvidenceRow.row_id == EventRow.row_id, EvidenceRow.doc_id == doc)
                )
            )
        query = select(EventRow).where(*conditions).options(*_LOAD_CHILDREN)
        with self.session() as s:
            return _sorted_events(row_to_event(r) for r in s.scalars(query))

    def count_events(self) -> int:
        """How many resolved events are stored."""
        with self.session() as s:
            query = select(func.count()).select_from(EventRow).where(EventRow.layer == LAYER_EVENT)
            return s.scalar(query) or 0

    def get_event(self, event_id: str) -> Event:
        """The resolved event ``event_id``; EventNotFoundError says what exists instead."""
        with self.session() as s:
            row = s.scalar(
                select(EventRow)
                .where(EventRow.layer == LAYER_EVENT, EventRow.event_id == event_id)
                .options(*_LOAD_CHILDREN)
            )
            if row is not None:
                return row_to_event(row)
            similar = list(
                s.scalars(
                    select(EventRow.event_id)
                    .where(
                        EventRow.layer == LAYER_EVENT,
                        EventRow.event_id.startswith(event_id[:8], autoescape=True),
                    )
                    .order_by(EventRow.event_id)
                    .limit(5)
                )
            )
            as_mention = s.scalar(
                select(EventRow.doc_id).where(
                    EventRow.layer == LAYER_MENTION, EventRow.event_id == event_id
                )
            )
            total = s.scalar(
                select(func.count()).select_from(EventRow).where(EventRow.layer == LAYER_EVENT)
            )
        hint = f"the store holds {total} resolved events; list them with `mildip events`"
        if as_mention is not None:
            hint = (
                f"it is a mention of document {as_mention!r} that is not in the resolved "
                "layer; re-run resolution, or " + hint
            )
        elif similar:
            hint = f"ids that look alike: {', '.join(similar)}; " + hint
        raise EventNotFoundError(f"no event {event_id!r}: {hint}")

    def extraction_runs(self, doc_id: str | None = None) -> list[ExtractionRun]:
        """The extraction log (of one document, or all), oldest first."""
        query = select(ExtractionRunRow).order_by(ExtractionRunRow.run_id)
        if doc_id is not None:
            query = query.where(ExtractionRunRow.doc_id == doc_id)
        with self.session() as s:
            return [
                ExtractionRun(r.doc_id, r.extractor_version, _utc(r.ran_at), r.n_events)
                for r in s.scalars(query)
            ]
