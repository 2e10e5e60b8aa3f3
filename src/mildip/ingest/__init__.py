"""The ingest stage: text, Markdown, HTML, PDF files and JSONL manifests → Documents.

::

    from mildip.ingest import iter_documents
    for item in iter_documents(["corpus/"], settings):
        ...  # a Document, or an IngestError to report while the batch goes on

``Document.text`` is the body of the input (after a ``---`` header line) with its
hard line wrapping undone (:mod:`mildip.ingest.unwrap`), so evidence offsets index
that text. See ``docs/ingest.md`` for formats, bad-input handling, unwrapping and
how the publication date and its precision are chosen.
"""

from mildip.ingest.documents import SUPPORTED_SUFFIXES, build_document, doc_id_for
from mildip.ingest.header import HEADER_KEYS, parse_header
from mildip.ingest.loader import iter_documents, load_file, read_source
from mildip.ingest.metadate import ACCEPTED_DATES, PublishedDate, as_published, parse_published
from mildip.ingest.pubdate import infer_published
from mildip.ingest.source import SourceText
from mildip.ingest.unwrap import Unwrapped, unwrap

__all__ = [
    "ACCEPTED_DATES",
    "HEADER_KEYS",
    "PublishedDate",
    "SUPPORTED_SUFFIXES",
    "SourceText",
    "Unwrapped",
    "as_published",
    "build_document",
    "doc_id_for",
    "infer_published",
    "iter_documents",
    "load_file",
    "parse_header",
    "parse_published",
    "read_source",
    "unwrap",
]
