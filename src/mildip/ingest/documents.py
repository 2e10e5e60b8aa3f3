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
``metadata``, ``text``) when there is a date.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from mildip._exceptions import EmptyInputError, UnreadableInputError, UnsupportedInputError
from mildip.ingest.decoding import decode_text, read_bytes
from mildip.ingest.header import HEADER_KEYS, parse_date_value, parse_header
from mildip.ingest.html import read_html
from mildip.ingest.pdf import read_pdf
from mildip.ingest.pubdate import infer_published
from mildip.ingest.source import SourceText
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
    header, body, _offset = parse_header(text)
    if not body.strip():
        raise EmptyInputError(source, "no text after the header's --- line")
    published = None
    if header.get("date"):
        published = parse_date_value(header["date"])
        if published is None:
            raise UnreadableInputError(
                source, f"header DATE {header['date']!r} is not a date; write YYYY-MM-DD"
            )
    meta: dict = {"encoding": encoding}
    extra = {k: v for k, v in header.items() if k not in HEADER_KEYS}
    if extra:
        meta["header"] = extra
    return SourceText(
        text=body,
        media_type=media_type,
        title=header.get("title") or None,
        url=header.get("url") or None,
        author=header.get("author") or None,
        publication=header.get("publication") or None,
        language=header.get("language") or None,
        published=published,
        meta=meta,
    )


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
    doc_id: str, found: SourceText, source_path: str | None, published: date | None
) -> Document:
    """The :class:`Document`, applying the publication-date precedence of this module."""
    meta = dict(found.meta)
    inferred = False
    when = published or found.published
    if published is not None:
        meta["published_from"] = "argument"
    elif found.published is not None:
        meta["published_from"] = "metadata"
    else:
        when = infer_published(found.text)
        inferred = when is not None
        if inferred:
            meta["published_from"] = "text"
    return Document(
        doc_id=doc_id,
        text=found.text,
        url=found.url,
        title=found.title,
        publication=found.publication,
        published=when,
        published_inferred=inferred,
        language=found.language or "en",
        author=found.author,
        source_path=source_path,
        media_type=found.media_type,
        meta=meta,
    )
