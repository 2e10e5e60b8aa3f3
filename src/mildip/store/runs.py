"""Recorded ingest runs: what each ``mildip ingest`` / ``mildip watch`` round did.

Tables ``ingest_runs`` and ``ingest_run_items`` (revision ``0006_sources``). A run is
started (:func:`start_run`) before its first input is read, gets one item per input
as the input is dealt with (:func:`record_item`: ``added``, ``new_version``,
``unchanged``, ``duplicate``, ``resumed`` or ``failed``, with a reason for failures
and notes such as "zh: stored, no extractor for this language yet"), and is closed (:func:`finish_run`) as ``finished``,
``interrupted`` (Ctrl-C, SIGTERM) or ``failed`` (an unexpected error). A run killed
outright (``kill -9``, a power cut) stays ``running`` in the table; :attr:`Run.state`
tells it apart from a live one by its process id on this host, and
:func:`close_dead_runs` marks such runs ``interrupted``.

``counts`` of a finished run are computed from its items by the database, so the
numbers a command prints (taken from the same items) are the numbers stored.
"""

from __future__ import annotations

import os
import socket
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, func, select
from sqlalchemy.orm import Mapped, mapped_column

from mildip.store.repository import Store
from mildip.store.schema import ID, NAME, Base

RUNNING, FINISHED, INTERRUPTED, FAILED = "running", "finished", "interrupted", "failed"
ITEM_OUTCOMES: tuple[str, ...] = (
    "added",
    "new_version",
    "resumed",
    "unchanged",
    "duplicate",
    "failed",
)
"""What became of one input. ``resumed``: stored by an interrupted run, extracted now."""


class IngestRunRow(Base):
    """One run of ``mildip ingest`` or one round of ``mildip watch``."""

    __tablename__ = "ingest_runs"

    run_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    command: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), index=True)
    inputs: Mapped[list[str]] = mapped_column(JSON)
    options: Mapped[dict[str, Any]] = mapped_column(JSON)
    counts: Mapped[dict[str, int]] = mapped_column(JSON)
    pid: Mapped[int] = mapped_column(Integer)
    host: Mapped[str] = mapped_column(String(NAME))
    note: Mapped[str | None] = mapped_column(Text)


class RunItemRow(Base):
    """What became of one input of a run."""

    __tablename__ = "ingest_run_items"

    item_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("ingest_runs.run_id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(Text, index=True)
    outcome: Mapped[str] = mapped_column(String(32))
    doc_id: Mapped[str | None] = mapped_column(String(ID))
    reason: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True)
class RunItem:
    """One input of a run and its outcome (``reason`` for failures and notes)."""

    position: int
    source: str
    outcome: str
    doc_id: str | None
    reason: str | None


@dataclass(frozen=True)
class Run:
    """One recorded run. ``items`` is filled by :func:`get_run` only."""

    run_id: int
    command: str
    started_at: datetime
    finished_at: datetime | None
    status: str
    inputs: tuple[str, ...]
    options: Mapping[str, Any]
    counts: Mapping[str, int]
    pid: int
    host: str
    note: str | None
    items: tuple[RunItem, ...] = field(default=())

    @property
    def state(self) -> str:
        """The status, with a ``running`` run whose process is gone (on this host) shown
        as ``interrupted``; a run of another host stays ``running`` (it cannot be told)."""
        if self.status != RUNNING:
            return self.status
        if self.host == socket.gethostname() and not _alive(self.pid):
            return INTERRUPTED
        return RUNNING


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _run(row: IngestRunRow, items: Sequence[RunItemRow] = ()) -> Run:
    return Run(
        run_id=row.run_id,
        command=row.command,
        started_at=_utc(row.started_at),
        finished_at=_utc(row.finished_at),
        status=row.status,
        inputs=tuple(row.inputs or ()),
        options=dict(row.options or {}),
        counts=dict(row.counts or {}),
        pid=row.pid,
        host=row.host,
        note=row.note,
        items=tuple(RunItem(i.position, i.source, i.outcome, i.doc_id, i.reason) for i in items),
    )


def start_run(
    store: Store, command: str, inputs: Sequence[str], options: Mapping[str, Any] | None = None
) -> int:
    """Record a new run as ``running`` and return its id."""
    with store.session() as s:
        row = IngestRunRow(
            command=command,
            started_at=datetime.now(UTC),
            status=RUNNING,
            inputs=[str(i) for i in inputs],
            options=dict(options or {}),
            counts={},
            pid=os.getpid(),
            host=socket.gethostname(),
        )
        s.add(row)
        s.flush()
        return row.run_id


def record_item(
    store: Store,
    run_id: int,
    position: int,
    source: str,
    outcome: str,
    doc_id: str | None = None,
    reason: str | None = None,
) -> None:
    """Record what became of one input of run ``run_id``."""
    if outcome not in ITEM_OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}; expected one of {ITEM_OUTCOMES}")
    with store.session() as s:
        s.add(
            RunItemRow(
                run_id=run_id,
                position=position,
                source=source,
                outcome=outcome,
                doc_id=doc_id,
                reason=reason,
                recorded_at=datetime.now(UTC),
            )
        )


def item_counts(store: Store, run_id: int) -> dict[str, int]:
    """``{outcome: number of items}`` of run ``run_id``, counted by the database."""
    with store.session() as s:
        rows = s.execute(
            select(RunItemRow.outcome, func.count())
            .where(RunItemRow.run_id == run_id)
            .group_by(RunItemRow.outcome)
        ).all()
    return {outcome: n for outcome, n in rows}


def finish_run(
    store: Store,
    run_id: int,
    status: str = FINISHED,
    extra_counts: Mapping[str, int] | None = None,
    note: str | None = None,
) -> Run:
    """Close run ``run_id`` with ``status``; its counts are the item counts plus
    ``extra_counts`` (mentions, events)."""
    counts = Counter(item_counts(store, run_id))
    counts.update(extra_counts or {})
    with store.session() as s:
        row = s.get(IngestRunRow, run_id)
        row.status, row.finished_at = status, datetime.now(UTC)
        row.counts = dict(sorted(counts.items()))
        row.note = note
        return _run(row)


def list_runs(store: Store, limit: int | None = 20) -> list[Run]:
    """The latest runs, newest first."""
    query = select(IngestRunRow).order_by(IngestRunRow.run_id.desc())
    if limit:
        query = query.limit(limit)
    with store.session() as s:
        return [_run(r) for r in s.scalars(query)]


def get_run(store: Store, run_id: int) -> Run | None:
    """Run ``run_id`` with its items in order, or None."""
    with store.session() as s:
        row = s.get(IngestRunRow, run_id)
        if row is None:
            return None
        items = s.scalars(
            select(RunItemRow)
            .where(RunItemRow.run_id == run_id)
            .order_by(RunItemRow.position, RunItemRow.item_id)
        ).all()
        return _run(row, items)


def unfinished_runs(store: Store) -> list[Run]:
    """Runs recorded as ``running`` (live or killed), oldest first."""
    with store.session() as s:
        rows = s.scalars(
            select(IngestRunRow).where(IngestRunRow.status == RUNNING).order_by(IngestRunRow.run_id)
        )
        return [_run(r) for r in rows]


def close_dead_runs(store: Store) -> list[int]:
    """Mark ``interrupted`` every ``running`` run whose process on this host is gone;
    returns their ids. Its counts are its items so far."""
    dead = [r.run_id for r in unfinished_runs(store) if r.state == INTERRUPTED]
    for run_id in dead:
        finish_run(store, run_id, INTERRUPTED, note="the process stopped before the run ended")
    return dead


def latest_failures(store: Store) -> list[RunItem]:
    """Inputs whose latest recorded attempt failed, by source: what ``mildip documents
    list --failed`` shows."""
    with store.session() as s:
        latest = select(func.max(RunItemRow.item_id)).group_by(RunItemRow.source)
        rows = s.scalars(
            select(RunItemRow)
            .where(RunItemRow.item_id.in_(latest), RunItemRow.outcome == "failed")
            .order_by(RunItemRow.source)
        ).all()
        return [RunItem(r.position, r.source, r.outcome, r.doc_id, r.reason) for r in rows]
