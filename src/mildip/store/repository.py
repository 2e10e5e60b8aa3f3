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
from pathlib import Path

from sqlalchemy import Engine, delete, func, or_, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from mildip._exceptions import EventNotFoundError, StoreError
from mildip.dates import bounds, sort_key
from mildip.model import EVENT_TYPES, MODALITIES, REVIEW_STATES, Document, Event
from mildip.store.convert import document_to_row, event_to_row, row_to_document, row_to_event
from mildip.store.migrate import connect, parse_url, safe_url, upgrade
from mildip.store.schema import (
    LAYER_EVENT,
    LAYER_MENTION,
    STATUS_CURRENT,
    STATUS_SUPERSEDED,
    ActorRow,
    DocumentRow,
    EventReviewRow,
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


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases and for in-memory SQLite)."""
    parsed = parse_url(url)
    if not parsed.drivername.startswith("sqlite"):
        return None
    database = parsed.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database)


def open_store(url: str, *, must_exist: bool = False) -> Store:
    """Open the store at a SQLAlchemy ``url``, creating or upgrading its schema.

    ``sqlite:///mildip.db`` is the default elsewhere; ``postgresql+psycopg://...``
    (or plain ``postgresql://``) needs the ``postgres`` extra. With ``must_exist``
    (every command that only reads), a SQLite file that does not exist is refused with
    StoreError instead of being created empty.
    """
    if must_exist:
        path = sqlite_file(url)
        if path is not None and not path.is_file():
            raise StoreError(
                f"no database file {path} (from {safe_url(url)}): check --db or $MILDIP_DB, "
                "or create it with `mildip ingest PATHS`"
            )
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
    selectinload(EventRow.review_row),
)

EVENT_ORDERS: tuple[str, ...] = ("date", "type", "mechanism", "modality", "sources", "review")
"""Columns :meth:`Store.event_page` can sort by (ties: date, type, event_id)."""


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

    def document_ids(self) -> list[str]:
        """Every stored document id, sorted (without loading the texts)."""
        with self.session() as s:
            return list(s.scalars(select(DocumentRow.doc_id).order_by(DocumentRow.doc_id)))

    def count_documents(self) -> int:
        """How many current documents are stored."""
        with self.session() as s:
            query = select(func.count()).select_from(DocumentRow)
            return s.scalar(query.where(DocumentRow.status == STATUS_CURRENT)) or 0

    # layers

    @staticmethod
    def _delete_layer(s: Session, *conditions) -> None:
        rows = select(EventRow.row_id).where(*conditions)
        for child in (ActorRow, ParticipantRow, EvidenceRow, EventReviewRow):
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
        any_party: str | Iterable[str] | None = None,
        type: str | Iterable[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        mechanism: str | None = None,
        mechanism_in: tuple[Iterable[str], Iterable[str]] | None = None,
        doc: str | None = None,
        modality: str | Iterable[str] | None = None,
        review: str | Iterable[str] | None = None,
        text: str | None = None,
        docs: Iterable[str] | None = None,
    ) -> list[Event]:
        """Resolved events matching every given filter, sorted by (date, type, event_id).

        * ``party``: code(s) that must all be among the actors (case-insensitive);
          ``any_party``: at least one of these codes is an actor.
        * ``type`` / ``modality``: any of the given values.
        * ``since`` / ``until``: partial ISO dates; an event is kept when its date
          span overlaps ``[start of since, end of until]``; undated events are then
          dropped.
        * ``mechanism``: case-insensitive substring of the mechanism name or id;
          ``mechanism_in=(names, ids)``: the mechanism name is one of ``names`` or its id
          one of ``ids`` (exact values, as :meth:`mechanism_values` lists them; this is
          how :class:`~mildip.analysis.filters.EventFilter` asks).
        * ``doc``: the event has evidence in that document; ``docs``: in any of them.
        * ``review``: any of the given review statuses (:data:`~mildip.model.REVIEW_STATES`);
          by default every status but ``rejected``: rejected events are hidden from
          every query, export and analysis unless asked for.
        * ``text``: case-insensitive substring of one of the event's evidence quotes.

        Undated events sort last.
        """
        conditions = self._event_conditions(
            party=party,
            any_party=any_party,
            type=type,
            since=since,
            until=until,
            mechanism=mechanism,
            mechanism_in=mechanism_in,
            doc=doc,
            modality=modality,
            review=review,
            text=text,
            docs=docs,
        )
        query = select(EventRow).where(*conditions).options(*_LOAD_CHILDREN)
        with self.session() as s:
            return _sorted_events(row_to_event(r) for r in s.scalars(query))

    def event_page(
        self,
        *,
        order: str = "date",
        descending: bool = False,
        limit: int = 50,
        offset: int = 0,
        **filters,
    ) -> tuple[list[Event], int]:
        """One page of :meth:`events` (same ``filters``) sorted in SQL, and the total count.

        ``order`` is one of :data:`EVENT_ORDERS`; ties sort by date, type and event_id;
        by date, undated events come last in both directions. Only the page's events are
        loaded.
        """
        if order not in EVENT_ORDERS:
            raise ValueError(f"unknown sort order {order!r}; expected one of {list(EVENT_ORDERS)}")
        if limit < 1 or offset < 0:
            raise ValueError("a page needs limit >= 1 and offset >= 0")
        conditions = self._event_conditions(**filters)
        with self.session() as s:
            total = self._count(s, conditions, filters.get("review") is None)
            if order == "date":
                row_ids = self._date_page(s, conditions, descending, limit, offset)
            else:
                row_ids = self._ordered_page(s, conditions, order, descending, limit, offset)
            rows = {
                r.row_id: r
                for r in s.scalars(
                    select(EventRow).where(EventRow.row_id.in_(row_ids)).options(*_LOAD_CHILDREN)
                )
            }
            return [row_to_event(rows[i]) for i in row_ids], total

    @staticmethod
    def _count(s: Session, conditions: list, default_review: bool) -> int:
        """How many rows meet ``conditions``. With the default review filter (rejected
        left out), counted as all rows minus the rejected ones, which an index finds."""
        if not default_review:
            return s.scalar(select(func.count()).select_from(EventRow).where(*conditions)) or 0
        base = conditions[:-1]  # the last condition is "not rejected"
        everything = s.scalar(select(func.count()).select_from(EventRow).where(*base)) or 0
        rejected_ids = select(EventReviewRow.row_id).where(EventReviewRow.review == "rejected")
        rejected = s.scalar(
            select(func.count())
            .select_from(EventRow)
            .where(EventRow.row_id.in_(rejected_ids), *base)
        )
        return everything - (rejected or 0)

    @staticmethod
    def _date_page(s: Session, conditions: list, descending: bool, limit: int, offset: int):
        """Row ids of one page by date (undated events last in both directions), read in
        two index-ordered parts: the dated events, then the undated ones."""
        keys = [EventRow.date_start, EventRow.type, EventRow.event_id]
        if descending:
            keys = [k.desc() for k in keys]
        dated = [*conditions, EventRow.date_start.is_not(None)]
        ids = list(
            s.scalars(
                select(EventRow.row_id).where(*dated).order_by(*keys).limit(limit).offset(offset)
            )
        )
        if len(ids) == limit:
            return ids
        if ids:
            n_dated = offset + len(ids)
        else:
            n_dated = s.scalar(select(func.count()).select_from(EventRow).where(*dated)) or 0
        undated = [*conditions, EventRow.date_start.is_(None)]
        rest = select(EventRow.row_id).where(*undated).order_by(EventRow.type, EventRow.event_id)
        rest = rest.limit(limit - len(ids)).offset(max(0, offset - n_dated))
        return ids + list(s.scalars(rest))

    @staticmethod
    def _ordered_page(
        s: Session, conditions: list, order: str, descending: bool, limit: int, offset: int
    ):
        review_col = func.coalesce(
            select(EventReviewRow.review)
            .where(EventReviewRow.row_id == EventRow.row_id)
            .scalar_subquery(),
            "machine",
        )
        first = {
            "type": [EventRow.type],
            "mechanism": [EventRow.mechanism.is_(None), EventRow.mechanism],
            "modality": [EventRow.modality],
            "sources": [EventRow.n_sources],
            "review": [review_col],
        }[order]
        keys = [*first, EventRow.date_start.is_(None), EventRow.date_start, EventRow.type]
        keys.append(EventRow.event_id)
        if descending:
            keys = [k.desc() for k in keys]
        query = select(EventRow.row_id).where(*conditions).order_by(*keys)
        return list(s.scalars(query.limit(limit).offset(offset)))

    @staticmethod
    def _event_conditions(
        *,
        party: str | Iterable[str] | None = None,
        any_party: str | Iterable[str] | None = None,
        type: str | Iterable[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        mechanism: str | None = None,
        mechanism_in: tuple[Iterable[str], Iterable[str]] | None = None,
        doc: str | None = None,
        modality: str | Iterable[str] | None = None,
        review: str | Iterable[str] | None = None,
        text: str | None = None,
        docs: Iterable[str] | None = None,
    ) -> list:
        """The SQL conditions of :meth:`events` (resolved layer, every filter); the review
        condition is always the last one (:meth:`_count` relies on it)."""
        parties = [p.upper() for p in _as_list(party) or ()]
        types = _checked(
            [t.upper() for t in _as_list(type)] if type is not None else None, EVENT_TYPES, "type"
        )
        modalities = _checked(_as_list(modality), MODALITIES, "modality")
        statuses = _checked(_as_list(review), REVIEW_STATES, "review status")
        conditions = [EventRow.layer == LAYER_EVENT]
        # membership in small indexed subqueries, not correlated EXISTS: the database can
        # read the few matching rows first instead of probing every event
        for p in parties:
            conditions.append(
                EventRow.row_id.in_(select(ActorRow.row_id).where(ActorRow.party == p))
            )
        if any_party is not None:
            either = sorted({p.upper() for p in _as_list(any_party) or ()})
            conditions.append(
                EventRow.row_id.in_(select(ActorRow.row_id).where(ActorRow.party.in_(either)))
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
        if mechanism_in is not None:
            names, ids = (sorted(set(values)) for values in mechanism_in)
            conditions.append(or_(EventRow.mechanism.in_(names), EventRow.mechanism_id.in_(ids)))
        if doc is not None:
            conditions.append(
                EventRow.row_id.in_(select(EvidenceRow.row_id).where(EvidenceRow.doc_id == doc))
            )
        if docs is not None:
            wanted = sorted(set(docs))
            conditions.append(
                EventRow.row_id.in_(
                    select(EvidenceRow.row_id).where(EvidenceRow.doc_id.in_(wanted))
                )
            )
        if text:
            needle = func.lower(EvidenceRow.quote).contains(text.lower(), autoescape=True)
            conditions.append(EventRow.row_id.in_(select(EvidenceRow.row_id).where(needle)))
        if statuses is None:
            rejected = select(EventReviewRow.row_id).where(EventReviewRow.review == "rejected")
            conditions.append(EventRow.row_id.not_in(rejected))
        else:
            if "machine" in statuses:  # events without a review row are machine events
                others = select(EventReviewRow.row_id).where(EventReviewRow.review.not_in(statuses))
                conditions.append(EventRow.row_id.not_in(others))
            else:
                named = select(EventReviewRow.row_id).where(EventReviewRow.review.in_(statuses))
                conditions.append(EventRow.row_id.in_(named))
        return conditions

    def parties(self) -> list[str]:
        """Every party code among the actors of resolved events, sorted."""
        query = (
            select(ActorRow.party)
            .join(EventRow, EventRow.row_id == ActorRow.row_id)
            .where(EventRow.layer == LAYER_EVENT)
            .distinct()
        )
        with self.session() as s:
            return sorted(s.scalars(query))

    def mechanism_names(self) -> list[str]:
        """Every mechanism name and mechanism id of resolved events, sorted, without repeats."""
        query = select(EventRow.mechanism, EventRow.mechanism_id).where(
            EventRow.layer == LAYER_EVENT
        )
        with self.session() as s:
            values = {v for row in s.execute(query) for v in row if v}
        return sorted(values)

    def mechanism_values(self) -> tuple[list[str], list[str]]:
        """``(names, ids)``: every mechanism name and every mechanism id of resolved events,
        each sorted, without repeats (the values ``events(mechanism_in=...)`` takes)."""
        query = (
            select(EventRow.mechanism, EventRow.mechanism_id)
            .where(EventRow.layer == LAYER_EVENT)
            .distinct()
        )
        with self.session() as s:
            pairs = list(s.execute(query))
        return sorted({n for n, _ in pairs if n}), sorted({i for _, i in pairs if i})

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
