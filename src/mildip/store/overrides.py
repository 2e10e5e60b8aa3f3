"""The ``overrides`` table: analysts' merge/split decisions, kept across re-extraction.

Rows hold evidence anchors (``doc_id#quote-hash``, see
:mod:`mildip.resolve.overrides`), never event ids, so a decision still applies
after the mentions and the resolved layer have been rebuilt. Created by the
Alembic revision ``0002`` (``migrations/versions/0002_overrides.py``).

* :func:`add_override` - append one decision.
* :func:`list_overrides` - every decision, oldest first.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, DateTime, Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from mildip.model import Override
from mildip.store.repository import Store
from mildip.store.schema import CODE, Base


class OverrideRow(Base):
    """One :class:`~mildip.model.Override`."""

    __tablename__ = "overrides"

    override_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(CODE))
    event_keys: Mapped[list[str]] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def add_override(store: Store, override: Override) -> None:
    """Record ``override`` (its anchors, reason and time) in one transaction."""
    with store.session() as s:
        s.add(
            OverrideRow(
                kind=override.kind,
                event_keys=list(override.event_keys),
                reason=override.reason,
                created_at=_utc(override.created_at),
            )
        )


def list_overrides(store: Store) -> list[Override]:
    """Every recorded override, oldest first (the order they are applied in)."""
    with store.session() as s:
        rows = s.scalars(
            select(OverrideRow).order_by(OverrideRow.created_at, OverrideRow.override_id)
        ).all()
        return [Override(r.kind, tuple(r.event_keys), r.reason, _utc(r.created_at)) for r in rows]
