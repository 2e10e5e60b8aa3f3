"""The ``fetches`` table: the bytes of each fetched document version and how they came.

One row per document version read from a URL (revision ``0006_sources``): the URL
asked for, the final URL after redirects and the hops, the HTTP status and response
headers, the retrieval time, the SHA-256 and the body itself. With it a document
can be read and extracted again without the network
(:func:`mildip.ingest.web.document_from_fetch`).

* :func:`fetch_row` - the row of a :class:`~mildip.ingest.fetch.FetchRecord`
  (:func:`mildip.store.versions.add_version` stores it with the new version).
* :func:`get_fetch` - the record stored for a doc_id, or None.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, LargeBinary, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from mildip.ingest import http_headers
from mildip.ingest.fetch import DOCUMENT_TYPES, FetchRecord, kind_for
from mildip.store.repository import Store
from mildip.store.schema import ID, NAME, Base


class FetchRow(Base):
    """One fetch of a document version."""

    __tablename__ = "fetches"

    fetch_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(
        String(ID), ForeignKey("documents.doc_id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str] = mapped_column(Text)
    final_url: Mapped[str] = mapped_column(Text)
    status: Mapped[int] = mapped_column(Integer)
    headers: Mapped[list[Any]] = mapped_column(JSON)
    redirects: Mapped[list[str]] = mapped_column(JSON)
    retrieved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    media_type: Mapped[str | None] = mapped_column(String(NAME))
    body: Mapped[bytes] = mapped_column(LargeBinary)


def fetch_row(doc_id: str, record: FetchRecord) -> FetchRow:
    """The row keeping ``record`` for document ``doc_id``."""
    return FetchRow(
        doc_id=doc_id,
        url=record.url,
        final_url=record.final_url,
        status=record.status,
        headers=[[k, v] for k, v in record.headers],
        redirects=list(record.redirects),
        retrieved_at=record.retrieved_at,
        sha256=record.sha256,
        media_type=record.media_type,
        body=record.body,
    )


def _record(row: FetchRow) -> FetchRecord:
    headers = tuple((str(k), str(v)) for k, v in row.headers)
    content_type = next((v for k, v in headers if k.lower() == "content-type"), None)
    media, charset = http_headers.media_type(content_type)
    retrieved = row.retrieved_at
    return FetchRecord(
        url=row.url,
        final_url=row.final_url,
        status=row.status,
        headers=headers,
        retrieved_at=retrieved.replace(tzinfo=UTC) if retrieved.tzinfo is None else retrieved,
        body=bytes(row.body),
        media_type=media,
        charset=charset,
        kind=kind_for(media, bytes(row.body), DOCUMENT_TYPES),
        redirects=tuple(row.redirects or ()),
    )


def get_fetch(store: Store, doc_id: str) -> FetchRecord | None:
    """The fetch record kept for ``doc_id`` (the latest, if several), or None."""
    with store.session() as s:
        row = s.scalar(
            select(FetchRow)
            .where(FetchRow.doc_id == doc_id)
            .order_by(FetchRow.fetch_id.desc())
            .limit(1)
        )
        return _record(row) if row is not None else None
