"""What ``mildip watch`` remembers between polls: feed state and the items seen.

Tables ``feed_state`` and ``feed_items`` (revision ``0006_sources``).

* :class:`FeedState` per feed or page URL: the ``ETag`` and ``Last-Modified`` of the
  last answer (sent back as ``If-None-Match`` / ``If-Modified-Since``), when it was
  polled, when it is due again, and how many polls in a row failed (for backoff).
* :func:`seen_items` / :func:`remember_item`: every item URL a feed delivered that
  was stored, found unchanged or found to duplicate another document; such an item
  is not fetched again. Items that failed are not remembered, so the next poll
  tries them again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import DateTime, Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from mildip.store.repository import Store
from mildip.store.schema import ID, Base


class FeedStateRow(Base):
    """Validators, schedule and failures of one watched URL."""

    __tablename__ = "feed_state"

    feed_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_polled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    next_poll_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    failures: Mapped[int] = mapped_column(Integer, server_default="0")
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)


class FeedItemRow(Base):
    """One item URL a feed delivered."""

    __tablename__ = "feed_items"

    item_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    item_url: Mapped[str] = mapped_column(Text, unique=True)
    feed_url: Mapped[str] = mapped_column(Text)
    first_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    outcome: Mapped[str] = mapped_column(String(32))
    doc_id: Mapped[str | None] = mapped_column(String(ID))


@dataclass(frozen=True)
class FeedState:
    """The remembered state of one watched URL (all None/0 before its first poll)."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_polled_at: datetime | None = None
    next_poll_at: datetime | None = None
    failures: int = 0
    last_status: int | None = None
    last_error: str | None = None


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def get_state(store: Store, url: str) -> FeedState:
    """The state of ``url`` (a fresh one when never polled)."""
    with store.session() as s:
        row = s.scalar(select(FeedStateRow).where(FeedStateRow.url == url))
        if row is None:
            return FeedState(url)
        return FeedState(
            url=row.url,
            etag=row.etag,
            last_modified=row.last_modified,
            last_polled_at=_utc(row.last_polled_at),
            next_poll_at=_utc(row.next_poll_at),
            failures=row.failures or 0,
            last_status=row.last_status,
            last_error=row.last_error,
        )


def save_state(store: Store, state: FeedState) -> None:
    """Store ``state`` (insert or update by URL)."""
    with store.session() as s:
        row = s.scalar(select(FeedStateRow).where(FeedStateRow.url == state.url))
        if row is None:
            row = FeedStateRow(url=state.url)
            s.add(row)
        row.etag, row.last_modified = state.etag, state.last_modified
        row.last_polled_at, row.next_poll_at = state.last_polled_at, state.next_poll_at
        row.failures, row.last_status, row.last_error = (
            state.failures,
            state.last_status,
            state.last_error,
        )


def seen_items(store: Store, urls: Iterable[str]) -> set[str]:
    """The item URLs among ``urls`` that a feed delivered before."""
    wanted = sorted(set(urls))
    if not wanted:
        return set()
    with store.session() as s:
        return set(s.scalars(select(FeedItemRow.item_url).where(FeedItemRow.item_url.in_(wanted))))


def remember_item(
    store: Store, item_url: str, feed_url: str, outcome: str, doc_id: str | None
) -> None:
    """Remember an item URL (once; later calls leave the first record)."""
    with store.session() as s:
        if s.scalar(select(FeedItemRow.item_id).where(FeedItemRow.item_url == item_url)):
            return
        s.add(
            FeedItemRow(
                item_url=item_url,
                feed_url=feed_url,
                first_seen_at=datetime.now(UTC),
                outcome=outcome,
                doc_id=doc_id,
            )
        )
