"""The ingest stage: text, Markdown, HTML, PDF files and JSONL manifests → Documents.

::

    from mildip.ingest import iter_documents
    for item in iter_documents(["corpus/"], settings):
        ...  # a Document, or an IngestError to report while the batch goes on

``Document.text`` is the body of the input (after a ``---`` header line), so
evidence offsets index the body. See ``docs/ingest.md`` for formats, bad-input
handling and how the publication date is chosen.
"""

from mildip.ingest.documents import SUPPORTED_SUFFIXES, build_document, doc_id_for
from mildip.ingest.header import HEADER_KEYS, parse_date_value, parse_header
from mildip.ingest.loader import iter_documents, load_file, read_source
from mildip.ingest.pubdate import infer_published
from mildip.ingest.source import SourceText

__all__ = [
    "HEADER_KEYS",
    "SUPPORTED_SUFFIXES",
    "SourceText",
    "build_document",
    "doc_id_for",
    "infer_published",
    "iter_documents",
    "load_file",
    "parse_date_value",
    "parse_header",
    "read_source",
]
