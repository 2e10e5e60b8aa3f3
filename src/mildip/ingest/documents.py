"""One input file to :class:`SourceText`, and :class:`SourceText` to :class:`Document`.

Publication date, in order of precedence:

1. the ``published`` argument given by the caller (it overrides everything, so a
   user can correct a wrong header);
2. a date from the input itself: the header ``DATE`` of a text file, the HTML
   page's metadata, a manifest line's ``date``;
3. :func:`~mildip.ingest.pubdate.infer_published` on the text, with
   ``published_inferred=True``;
4. otherwise None.

``Document.meta["published_from"]`` records which one applied (``argument``,
``metadata``, ``text``) when there is a date. A date from the argument or the
input keeps its precision (``Document.published_precision``: day, month or
year); an inferred date is a day.

The text is then unwrapped (:mod:`mildip.ingest.unwrap`): lines inside a
paragraph are joined, so that evidence offsets index the unwrapped text.
``meta["lines_joined"]`` and ``meta["hyphens_dropped"]`` count what was done.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from mildip._exceptions import UnsupportedInputError
from mildip.ingest.decoding import decode_text, read_bytes
from mildip.ingest.header import header_source
from mildip.ingest.html import read_html
from mildip.ingest.metadate import PublishedDate, as_published
from mildip.ingest.pdf import PDF_MEDIA_TYPE, read_pdf
from mildip.ingest.pubdate import infer_published
from mildip.ingest.source import SourceText
from mildip.ingest.unwrap import unwrap
from mildip.model import Document
from mildip.settings import Settings

TEXT_TYPES: dict[str, str] = {".txt": "text/plain", ".md": "text/markdown"}
HTML_SUFFIXES: frozenset[str] = frozenset({".html", ".htm"})
PDF_SUFFIX = ".pdf"
MANIFEST_SUFFIX = ".jsonl"
GOLD_SUFFIX = ".gold.jsonl"

SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(
    sorted({*TEXT_TYPES, *HTML_SUFFIXES, PDF_SUFFIX, MANIFEST_SUFFIX})
)
"""File extensions :func:`~mildip.ingest.load_file` accepts (any case)."""


def doc_id_for(path: Path) -> str:
    """The document id of a file: its name without the extension (``seed.txt`` → ``seed``)."""
    return path.stem


def check_supported(path: Path) -> None:
    """Raise ``UnsupportedInputError`` for a gold file or an unknown extension."""
    if path.name.lower().endswith(GOLD_SUFFIX):
        raise UnsupportedInputError(str(path), "a gold-events file, not an input to ingest")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise UnsupportedInputError(
            str(path),
            f"unsupported extension {path.suffix or '(none)'!r}; "
            f"supported: {', '.join(SUPPORTED_SUFFIXES)}",
        )


def read_text(text: str, encoding: str, source: str, media_type: str) -> SourceText:
    """A plain-text or Markdown input: optional header, then the body as ``text``."""
    return header_source(text, source, media_type, {"encoding": encoding})


def read_source_text(path: Path, settings: Settings) -> SourceText:
    """The :class:`SourceText` of one single-document file (text, Markdown, HTML, PDF)."""
    source = str(path)
    check_supported(path)
    suffix = path.suffix.lower()
    if suffix == MANIFEST_SUFFIX:
        raise UnsupportedInputError(source, "a manifest holds many documents; use read_source")
    data = read_bytes(path, settings)
    if suffix == PDF_SUFFIX:
        return read_pdf(data, source)
    text, encoding = decode_text(data, source)
    if suffix in HTML_SUFFIXES:
        found = read_html(text, source)
        return replace(found, meta={**found.meta, "encoding": encoding})
    return read_text(text, encoding, source, TEXT_TYPES[suffix])


def build_document(
    doc_id: str,
    found: SourceText,
    source_path: str | None,
    published: PublishedDate | date | str | None,
) -> Document:
    """The :class:`Document`, applying the publication-date precedence and the
    unwrapping of this module. ``published`` is read by
    :func:`~mildip.ingest.metadate.as_published` (ValueError when it is no date)."""
    given = as_published(published)
    layout = unwrap(found.text, typeset=found.media_type == PDF_MEDIA_TYPE)
    meta = {
        **found.meta,
        "lines_joined": layout.lines_joined,
        "hyphens_dropped": layout.hyphens_dropped,
    }
    inferred = False
    when = given or found.published
    if given is not None:
        meta["published_from"] = "argument"
    elif found.published is not None:
        meta["published_from"] = "metadata"
    else:
        day = infer_published(layout.text)
        inferred = day is not None
        when = PublishedDate(day, "day") if inferred else None
        if inferred:
            meta["published_from"] = "text"
    return Document(
        doc_id=doc_id,
        text=layout.text,
        url=found.url,
        title=found.title,
        publication=found.publication,
        published=when.day if when else None,
        published_precision=when.precision if when else "day",
        published_inferred=inferred,
        language=found.language or "en",
        author=found.author,
        source_path=source_path,
        media_type=found.media_type,
        meta=meta,
    )
