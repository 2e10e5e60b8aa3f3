"""PDF files through pypdf: the text of every page, title and author.

An encrypted PDF is opened only when the empty password decrypts it. A file pypdf
cannot parse is refused with pypdf's own reason. A PDF whose pages yield no text
(a scan) is refused as empty. pypdf is imported on first use, so ``import
mildip.ingest`` stays cheap.

Pages are joined with a blank line, unless the page break falls inside a paragraph
(:func:`join_pages`): when the last line of a page is full - the first word of the
next page would not have fitted on it - the pages are joined with a line break, which
the unwrapping of ingest then joins like any other line of the paragraph. A paragraph
that runs over a page is thus one paragraph, as in the text the PDF was made from.

pypdf gives one line of text per line of the page and no blank lines, so the
paragraph breaks of the page are found from where its lines sit: a gap between
two lines more than :data:`PARAGRAPH_GAP` times the page's usual line pitch is a
blank line in the text. (When pypdf's pieces of text do not add up to its page
text, the page text is kept as pypdf gives it.) Typographic ligatures (``ﬁ``,
``ﬂ``: U+FB00-U+FB06) are folded to their letters (NFKC); nothing else is
normalised. A text that opens with a mildip header (``DATE: ...`` above a ``---``
line, as in a text file) has it read as in a text file, its fields taking
precedence over the PDF's own title and author.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter
from dataclasses import replace
from itertools import pairwise

from mildip._exceptions import EmptyInputError, UnreadableInputError
from mildip.ingest.header import header_source
from mildip.ingest.source import SourceText

PDF_MEDIA_TYPE = "application/pdf"
PARAGRAPH_GAP = 1.4
"""A line gap this many times the usual line pitch (or more) starts a new paragraph."""

_MAX_REASON_CHARS = 160
_LIGATURES = re.compile("[\ufb00-\ufb06]")
_NEEDS_PASSWORD = "encrypted PDF: it needs a password; decrypt it first (e.g. qpdf --decrypt)"


def _one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:_MAX_REASON_CHARS]


def _pages_title_author(data: bytes, source: str) -> tuple[list[str], str | None, str | None]:
    """Page texts, title and author; raises ``UnreadableInputError`` for a locked PDF."""
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError

    reader = pypdf.PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            decrypted = reader.decrypt("")
        except DependencyError:
            raise UnreadableInputError(
                source, "encrypted PDF (AES): install 'cryptography' or decrypt it first"
            ) from None
        if not decrypted:
            raise UnreadableInputError(source, _NEEDS_PASSWORD)
    try:
        pages = [_page_text(page) for page in reader.pages]
        info = reader.metadata
    except FileNotDecryptedError:
        raise UnreadableInputError(source, _NEEDS_PASSWORD) from None
    if info is None:
        return pages, None, None
    return pages, info.title or None, info.author or None


def _line_positions(pieces: list[tuple[str, float | None]]) -> list[tuple[str, float | None]]:
    """Lines of the page text with the height of their first piece of text."""
    lines: list[tuple[str, float | None]] = []
    text, y = "", None
    for piece, height in pieces:
        parts = piece.split("\n")
        for k, part in enumerate(parts):
            if k:
                lines.append((text, y))
                text, y = "", None
            text += part
            if y is None and part.strip():
                y = height
    lines.append((text, y))
    return lines


def _with_paragraph_gaps(lines: list[tuple[str, float | None]]) -> str:
    """The lines joined by newlines, with a blank line at each wide vertical gap."""
    heights = [y for _text, y in lines if y is not None]
    steps = [round(a - b, 1) for a, b in pairwise(heights) if a > b]
    if not steps:
        return "\n".join(text for text, _y in lines)
    pitch = Counter(steps).most_common(1)[0][0]
    out, previous = [], None
    for text, y in lines:
        if y is not None and previous is not None and previous - y > PARAGRAPH_GAP * pitch:
            out.append("")
        out.append(text)
        previous = y if y is not None else previous
    return "\n".join(out)


def _page_text(page) -> str:
    pieces: list[tuple[str, float | None]] = []

    def visit(text, cm, tm, _font, _size) -> None:
        height = tm[4] * cm[1] + tm[5] * cm[3] + cm[5] if text.strip() else None
        pieces.append((text, height))

    text = page.extract_text(visitor_text=visit) or ""
    if "".join(piece for piece, _y in pieces) != text:
        return text
    return _with_paragraph_gaps(_line_positions(pieces))


PAGE_SLACK = 0.25
"""Share of the page's width a last line may fall short of it and still be full (the
character counts of proportional fonts are rough)."""


def _width(lines: list[str]) -> int:
    """The page's line width in characters: its longest line that holds a space."""
    return max((len(line) for line in lines if " " in line.strip()), default=0)


def join_pages(pages: list[str]) -> str:
    """The page texts joined: a line break where a paragraph runs on over the page
    break (the page's last line is full), else a blank line (module docstring)."""
    out = ""
    for page in (p.strip() for p in pages):
        if not page:
            continue
        if out:
            lines = [line.rstrip() for line in out.split("\n\n")[-1].split("\n")]
            first_word = page.split(None, 1)[0]
            full = len(lines[-1]) + 1 + len(first_word) > _width(lines) * (1 - PAGE_SLACK)
            out += "\n" if full and len(lines) > 1 else "\n\n"
        out += page
    return out


def fold_ligatures(text: str) -> str:
    """``text`` with the ligatures U+FB00-U+FB06 (``ﬁ``, ``ﬂ``, ``ﬃ`` ...) written as letters."""
    return _LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def read_pdf(data: bytes, source: str) -> SourceText:
    """The text and metadata of the PDF ``data``."""
    try:
        pages, title, author = _pages_title_author(data, source)
    except UnreadableInputError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many exception types on malformed files
        raise UnreadableInputError(source, f"not a readable PDF: {_one_line(exc)}") from None
    text = fold_ligatures(join_pages(pages))
    if not text:
        raise EmptyInputError(source, "the PDF has no extractable text (a scan? run OCR first)")
    found = header_source(text, source, PDF_MEDIA_TYPE, {"pages": len(pages)})
    return replace(found, title=found.title or title, author=found.author or author)
