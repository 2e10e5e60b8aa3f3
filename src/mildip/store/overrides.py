"""The analysts' decisions, kept across re-extraction: ``overrides`` and ``review_history``.

Rows hold evidence anchors (``doc_id#quote-hash``, see
:mod:`mildip.resolve.overrides`), never event ids, so a decision still applies
after the mentions and the resolved layer have been rebuilt.

* ``overrides`` (revision ``0002``): kind, anchors, reason, time - what re-applying
  a decision needs besides its ``fields``.
* ``review_history`` (revision ``0005_review``): one row per override, append-only:
  the author, the decision's ``fields``, the event id it was made on and the event's
  fields before and after. Rows are never updated or deleted; overrides recorded
  before the table existed got a row with an unknown author when it was created.
* ``review_lock``: one row every decision updates first, so that checking the
  versions and appending the decision is one serialised transaction on SQLite and
  PostgreSQL alike.

Functions:

* :func:`add_override` - append one decision (optionally refused when an event moved
  past the version the analyst saw: :class:`~mildip.ReviewConflictError`).
* :func:`list_overrides` - every decision, oldest first (the order they are applied in).
* :func:`history` - the history entries naming some passages or an event id.
* :func:`inputs_mark` - a marker that changes whenever the inputs of the resolved
  layer (mentions, decisions) change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, func, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from mildip._exceptions import ReviewConflictError
from mildip.model import HistoryEntry, Override
from mildip.resolve.overrides import passage_anchor
from mildip.store.repository import Store
from mildip.store.schema import (
    CODE,
    LAYER_EVENT,
    NAME,
    Base,
    EventRow,
    EvidenceRow,
    ExtractionRunRow,
)


class OverrideRow(Base):
    """One :class:`~mildip.model.Override` (without its fields, kept in the history row)."""

    __tablename__ = "overrides"

    override_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(CODE))
    event_keys: Mapped[list[str]] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class HistoryRow(Base):
    """The history row of one override: who, on which event, fields before and after."""

    __tablename__ = "review_history"

    history_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    override_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("overrides.override_id"), unique=True
    )
    author: Mapped[str | None] = mapped_column(String(NAME))
    event_id: Mapped[str | None] = mapped_column(String(NAME), index=True)
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class ReviewLockRow(Base):
    """The single row every decision updates first (serialises version checks)."""

    __tablename__ = "review_lock"

    lock_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    counter: Mapped[int] = mapped_column(Integer)


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _lock(s: Session) -> None:
    done = s.execute(update(ReviewLockRow).values(counter=ReviewLockRow.counter + 1))
    if not done.rowcount:
        s.add(ReviewLockRow(lock_id=1, counter=1))
        s.flush()


def _entry(row: OverrideRow, hist: HistoryRow | None) -> HistoryEntry:
    override = Override(
        row.kind,
        tuple(row.event_keys),
        row.reason,
        _utc(row.created_at),
        fields=dict(hist.fields or {}) if hist is not None else {},
        author=hist.author if hist is not None else None,
    )
    if hist is None:
        return HistoryEntry(row.override_id, override, None, None, None)
    return HistoryEntry(row.override_id, override, hist.event_id, hist.before, hist.after)


def _entries(s: Session) -> list[HistoryEntry]:
    rows = s.execute(
        select(OverrideRow, HistoryRow)
        .outerjoin(HistoryRow, HistoryRow.override_id == OverrideRow.override_id)
        .order_by(OverrideRow.created_at, OverrideRow.override_id)
    ).all()
    return [_entry(o, h) for o, h in rows]


def _stored_anchors(s: Session, event_id: str) -> set[str] | None:
    """Anchors of the stored resolved event ``event_id``, or None when there is none."""
    row_id = s.scalar(
        select(EventRow.row_id).where(EventRow.layer == LAYER_EVENT, EventRow.event_id == event_id)
    )
    if row_id is None:
        return None
    spans = s.execute(
        select(EvidenceRow.doc_id, EvidenceRow.quote).where(EvidenceRow.row_id == row_id)
    ).all()
    return {passage_anchor(doc, quote) for doc, quote in spans}


def add_override(
    store: Store,
    override: Override,
    *,
    event_id: str | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    expected: Mapping[str, int] | None = None,
) -> HistoryEntry:
    """Append ``override`` and its history row in one transaction; return the entry.

    ``expected`` maps event ids to the version the analyst saw. Inside the same
    serialised transaction each event's current version (the number of decisions
    whose anchors meet the passages of the stored event) is counted; if one differs,
    or the event is gone, nothing is written and ReviewConflictError says who changed
    it last.
    """
    with store.session() as s:
        _lock(s)
        if expected:
            known = _entries(s)
            for eid, version in expected.items():
                anchors = _stored_anchors(s, eid)
                naming = [
                    e for e in known if anchors and anchors.intersection(e.override.event_keys)
                ]
                by_id = [e for e in known if e.event_id == eid]
                latest = (naming or by_id or [None])[-1]
                current = None if anchors is None else len(naming)
                if current != version:
                    raise ReviewConflictError(eid, version, current, latest)
        row = OverrideRow(
            kind=override.kind,
            event_keys=list(override.event_keys),
            reason=override.reason,
            created_at=_utc(override.created_at),
        )
        s.add(row)
        s.flush()
        hist = HistoryRow(
            override_id=row.override_id,
            author=override.author,
            event_id=event_id,
            fields=dict(override.fields),
            before=dict(before) if before is not None else None,
            after=dict(after) if after is not None else None,
        )
        s.add(hist)
        s.flush()
        return _entry(row, hist)


def list_overrides(store: Store) -> list[Override]:
    """Every recorded override, oldest first (the order they are applied in)."""
    with store.session() as s:
        return [e.override for e in _entries(s)]


def history(
    store: Store, anchors: Iterable[str] = (), event_id: str | None = None
) -> list[HistoryEntry]:
    """History entries (oldest first) whose anchors meet ``anchors`` or that were made
    on ``event_id``; with neither given, every entry."""
    wanted = set(anchors)
    with store.session() as s:
        entries = _entries(s)
    if not wanted and event_id is None:
        return entries
    return [
        e
        for e in entries
        if wanted.intersection(e.override.event_keys) or (event_id and e.event_id == event_id)
    ]


def inputs_mark(store: Store) -> tuple[int, int]:
    """``(newest override id, newest extraction run id)``: equal marks before and after
    a rebuild mean nobody changed the mentions or the decisions meanwhile."""
    with store.session() as s:
        newest = s.scalar(select(func.max(OverrideRow.override_id))) or 0
        run = s.scalar(select(func.max(ExtractionRunRow.run_id))) or 0
    return newest, run
