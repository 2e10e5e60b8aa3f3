"""The library's front door: texts or documents in, events out.

Runs the two pure stages of the data flow for each document: extraction
(:func:`mildip.extract.extract_mentions`: mentions with evidence) and the per-document
stage of resolution (:func:`mildip.resolve.document.resolve_document`: one event per
real-world event, answers linked to proposals). Cross-document coreference and the
store are :mod:`mildip.pipeline`'s.
"""

from __future__ import annotations

from datetime import date

from mildip.extract import extract_mentions, published_value
from mildip.model import Document, Event
from mildip.resolve.document import resolve_document
from mildip.settings import Settings, load_settings

__all__ = ["extract", "extract_document", "extract_documents"]


def extract_documents(docs: list[Document], settings: Settings | None = None) -> list[list[Event]]:
    """The events of each of ``docs``, parsed in one stream (the fast path for a batch)."""
    settings = settings or load_settings()
    return [resolve_document(mentions, settings) for mentions in extract_mentions(list(docs), settings)]


def extract_document(doc: Document, settings: Settings | None = None) -> list[Event]:
    """Every event mentioned in ``doc``, one per real-world event of the document."""
    return extract_documents([doc], settings)[0]


def extract(
    text: str,
    published: date | str | None = None,
    settings: Settings | None = None,
    doc_id: str = "text",
) -> list[Event]:
    """Events in ``text``; relative dates resolve against ``published`` (a date or a
    partial ISO string: ``2024``, ``2024-01``, ``2024-01-15``)."""
    doc = Document(doc_id=doc_id, text=text, published=published_value(published))
    return extract_document(doc, settings)
