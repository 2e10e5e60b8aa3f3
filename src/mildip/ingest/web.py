"""Fetched bytes → :class:`~mildip.model.Document`, by the same readers as files.

:func:`document_from_fetch` reads a :class:`~mildip.ingest.fetch.FetchRecord` - from
the network, or kept in the store - with the HTML, PDF or text reader its kind names.
It needs nothing but the record, so a stored document can be read again, and
extracted again, without the network; the same record always gives the same
document.

* HTML and text are decoded with the charset the server declares, else the one the
  page declares in a ``<meta>`` tag, else by mildip's usual rules
  (:func:`~mildip.ingest.decoding.decode_declared`); a text body may carry a mildip
  header.
* ``Document.url`` is the page's own canonical URL when it gives one, else the final
  URL; ``doc_id`` comes from the URL asked for (:func:`~mildip.ingest.urls.url_doc_id`).
* ``meta["fetch"]`` summarises the record (URL, final URL, status, SHA-256, time);
  the bytes themselves are stored by :mod:`mildip.store.fetches`.
* ``context`` adds what a feed or sources file knows: ``title``, ``publication`` and
  ``published`` (a feed item's date, which counts as the input's own date) fill in
  what the page lacks, and ``label``/``side``/``feed``/``kind`` go to
  ``meta["source"]``. The ``published`` argument is ``--published``: a fallback,
  or with ``published_override`` the date of every input.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from mildip._exceptions import UnsupportedInputError
from mildip.ingest.decoding import declared_html_charset, decode_declared
from mildip.ingest.documents import build_document
from mildip.ingest.fetch import FetchRecord
from mildip.ingest.header import header_source
from mildip.ingest.html import read_html
from mildip.ingest.metadate import PublishedDate, as_published
from mildip.ingest.pdf import read_pdf
from mildip.ingest.source import SourceText
from mildip.ingest.urls import url_doc_id
from mildip.model import Document
from mildip.settings import Settings

SOURCE_KEYS = ("label", "side", "feed", "kind")
"""Keys of a fetch's ``context`` kept in ``Document.meta["source"]``."""


def source_text_from_fetch(record: FetchRecord) -> SourceText:
    """The :class:`SourceText` of a fetched body (HTML, PDF or text)."""
    source = record.url
    if record.kind == "pdf":
        return read_pdf(record.body, source)
    if record.kind not in ("html", "text"):
        raise UnsupportedInputError(source, f"content type {record.media_type} is not a document")
    charset = record.charset
    if charset is None and record.kind == "html":
        charset = declared_html_charset(record.body)
    text, encoding = decode_declared(record.body, charset, source)
    if record.kind == "html":
        found = read_html(text, source)
        return replace(found, meta={**found.meta, "encoding": encoding})
    media = "text/markdown" if record.media_type == "text/markdown" else "text/plain"
    return header_source(text, source, media, {"encoding": encoding})


def fetch_summary(record: FetchRecord) -> dict[str, Any]:
    """The JSON-ready summary of a record kept in ``Document.meta["fetch"]``."""
    return {
        "url": record.url,
        "final_url": record.final_url,
        "status": record.status,
        "sha256": record.sha256,
        "bytes": len(record.body),
        "media_type": record.media_type,
        "retrieved_at": record.retrieved_at.isoformat(),
        "redirects": list(record.redirects),
    }


def document_from_fetch(
    record: FetchRecord,
    settings: Settings,
    published: PublishedDate | date | str | None = None,
    *,
    published_override: bool = False,
    context: Mapping[str, Any] | None = None,
    doc_id: str | None = None,
) -> Document:
    """The document of a fetched record (see the module docstring); raises an
    ``IngestError`` subclass when the body holds no readable text."""
    context = dict(context or {})
    found = source_text_from_fetch(record)
    meta = {**found.meta, "fetch": fetch_summary(record)}
    source = {k: context[k] for k in SOURCE_KEYS if context.get(k) is not None}
    if source:
        meta["source"] = source
    own_date = found.published
    if own_date is None and context.get("published") is not None:
        own_date = as_published(context["published"])
    found = replace(
        found,
        url=found.url or record.final_url,
        title=found.title or context.get("title"),
        publication=found.publication or context.get("publication"),
        published=own_date,
        meta=meta,
    )
    return build_document(
        doc_id or url_doc_id(record.url),
        found,
        None,
        published,
        published_override=published_override,
        settings=settings,
    )
