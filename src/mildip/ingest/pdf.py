"""PDF files through pypdf: the text of every page, title and author.

An encrypted PDF is opened only when the empty password decrypts it. A file pypdf
cannot parse is refused with pypdf's own reason. A PDF whose pages yield no text
(a scan) is refused as empty. Pages are joined with a blank line. pypdf is
imported on first use, so ``import mildip.ingest`` stays cheap.
"""

from __future__ import annotations

import io

from mildip._exceptions import EmptyInputError, UnreadableInputError
from mildip.ingest.source import SourceText

_MAX_REASON_CHARS = 160
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
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except FileNotDecryptedError:
        raise UnreadableInputError(source, _NEEDS_PASSWORD) from None
    if info is None:
        return pages, None, None
    return pages, info.title or None, info.author or None


def read_pdf(data: bytes, source: str) -> SourceText:
    """The text and metadata of the PDF ``data``."""
    try:
        pages, title, author = _pages_title_author(data, source)
    except UnreadableInputError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many exception types on malformed files
        raise UnreadableInputError(source, f"not a readable PDF: {_one_line(exc)}") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise EmptyInputError(source, "the PDF has no extractable text (a scan? run OCR first)")
    return SourceText(
        text=text,
        media_type="application/pdf",
        title=title,
        author=author,
        meta={"pages": len(pages)},
    )
