"""One input file to :class:`SourceText`, and :class:`SourceText` to :class:`Document`.

Publication date, in order of precedence:

1. the ``published`` argument, when ``published_override`` is true (a user
   correcting wrong input dates, ``--published-override``);
2. a date from the input itself: the header ``DATE`` of a text file, the HTML
   page's metadata, a manifest line's ``date``, a feed item's date;
3. the ``published`` argument (``--published``: for inputs that give no date);
4. :func:`~mildip.ingest.pubdate.infer_published` on the text, with
   ``published_inferred=True``;
5. otherwise None.

``Document.meta["published_from"]`` records which one applied (``argument``,
``metadata``, ``text``) when there is a date. A date from the argument or the
input keeps its precision (``Document.published_precision``: day, month or
year); an inferred date is a day.

The text is then unwrapped (:mod:`mildip.ingest.unwrap`): lines inside a
paragraph are joined, so that evidence offsets index the unwrapped text.
``meta["lines_joined"]`` and ``meta["hyphens_dropped"]`` count what was done.

Its language is detected (:mod:`mildip.ingest.language`): ``Document.language`` is
the detected language when the detector is sure, else the declared one, else
``en``; ``meta["language_from"]`` says which (``detected``, ``metadata``,
``default``) and ``meta["language_detected"]`` holds the detection.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from mildip._exceptions import UnsupportedInputError
from mildip.ingest.decoding import decode_text, read_bytes
from mildip.ingest.header import header_source
from mildip.ingest.html import read_html
from mildip.ingest.language import choose_language, detect_language, normalise_code
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
    *,
    published_override: bool = False,
    settings: Settings | None = None,
) -> Document:
    """The :class:`Document`, applying the publication-date precedence, the unwrapping
    and the language detection of this module. ``published`` is read by
    :func:`~mildip.ingest.metadate.as_published` (ValueError when it is no date); it
    is used only when the input gives no date, unless ``published_override``."""
    given = as_published(published)
    settings = settings or Settings()
    layout = unwrap(found.text, typeset=found.media_type == PDF_MEDIA_TYPE)
    meta = {
        **found.meta,
        "lines_joined": layout.lines_joined,
        "hyphens_dropped": layout.hyphens_dropped,
    }
    inferred = False
    if given is not None and (published_override or found.published is None):
        when = given
        meta["published_from"] = "argument"
    elif found.published is not None:
        when = found.published
        meta["published_from"] = "metadata"
    else:
        day = infer_published(layout.text)
        inferred = day is not None
        when = PublishedDate(day, "day") if inferred else None
        if inferred:
            meta["published_from"] = "text"
    detection = detect_language(layout.text)
    language, origin = choose_language(detection, found.language, settings.language_min_confidence)
    meta["language_from"] = origin
    if detection is not None:
        meta["language_detected"] = {"code": detection.code, "confidence": detection.confidence}
    declared = normalise_code(found.language)
    if origin == "detected" and declared and declared != language:
        note = (
            f"the text reads as {language} (confidence {detection.confidence:.2f}) though it "
            f"declares {declared}; stored as {language}"
        )
        meta["warnings"] = [*meta.get("warnings", ()), note]
    return Document(
        doc_id=doc_id,
        text=layout.text,
        url=found.url,
        title=found.title,
        publication=found.publication,
        published=when.day if when else None,
        published_precision=when.precision if when else "day",
        published_inferred=inferred,
        language=language,
        author=found.author,
        source_path=source_path,
        media_type=found.media_type,
        meta=meta,
    )
