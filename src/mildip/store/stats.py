"""Counts and light listings for dashboards, computed in SQL (no event is loaded).

Every event count is over the resolved layer without rejected events, like
:meth:`Store.events`.

* :func:`event_counts` - events per type, per month (``YYYY-MM`` of the date; dates
  known only to the year are left out) or per review status (rejected included);
* :func:`document_months` - documents per publication month;
* :func:`document_infos` - documents without their text, optionally newest first;
* :func:`party_codes` - every party code some event names;
* :func:`layer_mark` / :func:`documents_mark` - cheap markers that change whenever the
  resolved layer / the documents change (for caches).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import and_, exists, func, select

from mildip.store.repository import Store
from mildip.store.schema import LAYER_EVENT, ActorRow, DocumentRow, EventReviewRow, EventRow

COUNT_BY: tuple[str, ...] = ("type", "month", "review")


@dataclass(frozen=True)
class DocumentInfo:
    """A stored document without its text."""

    doc_id: str
    title: str | None
    publication: str | None
    url: str | None
    published: date | None
    ingested_at: datetime
    length: int


def _not_rejected():
    return ~exists().where(
        and_(EventReviewRow.row_id == EventRow.row_id, EventReviewRow.review == "rejected")
    )


def event_counts(store: Store, by: str) -> list[tuple[str, int]]:
    """``(key, count)`` pairs sorted by key; ``by`` is one of :data:`COUNT_BY`."""
    if by not in COUNT_BY:
        raise ValueError(f"unknown count {by!r}; expected one of {list(COUNT_BY)}")
    live = [EventRow.layer == LAYER_EVENT]
    if by == "type":
        key = EventRow.type
        live.append(_not_rejected())
        query = select(key, func.count()).where(*live).group_by(key)
    elif by == "month":
        key = func.substr(EventRow.date, 1, 7)
        live += [_not_rejected(), func.length(EventRow.date) >= 7]
        query = select(key, func.count()).where(*live).group_by(key)
    else:
        key = func.coalesce(EventReviewRow.review, "machine")
        query = (
            select(key, func.count())
            .select_from(EventRow)
            .outerjoin(EventReviewRow, EventReviewRow.row_id == EventRow.row_id)
            .where(*live)
            .group_by(key)
        )
    with store.session() as s:
        return sorted((str(k), int(n)) for k, n in s.execute(query))


def document_months(store: Store) -> list[tuple[str, int]]:
    """``(YYYY-MM, documents published that month)``, sorted; undated documents left out."""
    with store.session() as s:
        days = s.scalars(select(DocumentRow.published).where(DocumentRow.published.is_not(None)))
        counts: dict[str, int] = {}
        for day in days:
            counts[day.isoformat()[:7]] = counts.get(day.isoformat()[:7], 0) + 1
    return sorted(counts.items())


def document_infos(
    store: Store, *, newest_first: bool = False, limit: int | None = None
) -> list[DocumentInfo]:
    """Documents without text, by id (or most recently ingested first)."""
    order = (
        (DocumentRow.ingested_at.desc(), DocumentRow.doc_id)
        if newest_first
        else (DocumentRow.doc_id,)
    )
    query = select(
        DocumentRow.doc_id,
        DocumentRow.title,
        DocumentRow.publication,
        DocumentRow.url,
        DocumentRow.published,
        DocumentRow.ingested_at,
        func.length(DocumentRow.text),
    ).order_by(*order)
    if limit is not None:
        query = query.limit(limit)
    with store.session() as s:
        return [
            DocumentInfo(
                d, t, p, u, pub, at.replace(tzinfo=UTC) if at.tzinfo is None else at, n or 0
            )
            for d, t, p, u, pub, at, n in s.execute(query)
        ]


def party_codes(store: Store) -> list[str]:
    """Every party code among the actors of resolved events, sorted."""
    query = (
        select(ActorRow.party)
        .join(EventRow, EventRow.row_id == ActorRow.row_id)
        .where(EventRow.layer == LAYER_EVENT)
        .distinct()
    )
    with store.session() as s:
        return sorted(s.scalars(query))


def layer_mark(store: Store) -> int:
    """The newest event row id: every save of the resolved layer writes new rows, so the
    mark changes whenever the layer does."""
    with store.session() as s:
        return s.scalar(select(func.max(EventRow.row_id))) or 0


def documents_mark(store: Store) -> tuple[int, datetime | None]:
    """``(number of documents, newest ingest time)``: documents are only ever added."""
    with store.session() as s:
        n, newest = s.execute(
            select(func.count(), func.max(DocumentRow.ingested_at)).select_from(DocumentRow)
        ).one()
    return int(n or 0), newest
