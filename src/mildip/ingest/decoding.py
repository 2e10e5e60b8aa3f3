"""Reading an input file's bytes safely and turning them into text.

* :func:`read_bytes` refuses a file larger than ``settings.max_input_mb`` *before*
  reading it (the size comes from ``stat``), and a missing or unreadable file.
* :func:`decode_text` tries, in order: a UTF-16 or UTF-8 byte-order mark, strict
  UTF-8, then cp1252 - the last only when the result looks like text (mostly
  ASCII, no control characters). cp1252 covers latin-1 too: both read every byte
  outside 0x80-0x9F alike, and latin-1 text does not use that range (latin-1 maps
  it to control characters). The encoding used is returned, for
  ``Document.meta["encoding"]``. Binary junk (NUL bytes, many control bytes) is
  refused as such. Line endings become ``\\n``.
* :func:`decode_declared` - the same for fetched bytes whose charset the server or
  the page declares (``Content-Type: text/html; charset=GBK``, ``<meta
  charset="gb2312">``): the declared charset is tried first, strictly.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from mildip._exceptions import (
    DecodeError,
    EmptyInputError,
    InputTooLargeError,
    UnreadableInputError,
    UnsupportedInputError,
)
from mildip.settings import Settings

MEGABYTE = 1024 * 1024
MAX_CONTROL_SHARE = 0.05
"""Above this share of control bytes (other than tab, newline, CR, form feed) a file is binary."""
MIN_ASCII_SHARE = 0.7
"""A cp1252/latin-1 reading must have at least this share of ASCII among its visible characters."""

_TEXT_CONTROLS = b"\t\n\r\f\v\x1b"
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if not (b < 32 or b == 127) or b in _TEXT_CONTROLS)
_BAD_CONTROL_CHAR = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_NON_ASCII_VISIBLE = re.compile(r"[^\x00-\x7f\s]")
_WHITESPACE = re.compile(r"\s")
_BINARY = "binary content, not text"


def read_bytes(path: Path, settings: Settings) -> bytes:
    """The bytes of ``path``, after checking it exists and is within ``max_input_mb``."""
    source = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UnreadableInputError(source, "no such file or folder") from None
    except OSError as exc:
        raise UnreadableInputError(source, f"cannot read it ({exc.strerror})") from None
    limit = settings.max_input_mb * MEGABYTE
    if size > limit:
        raise InputTooLargeError(
            source,
            f"file is {size / MEGABYTE:.1f} MB, over the {settings.max_input_mb} MB limit "
            "(raise max_input_mb or split the file)",
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableInputError(source, f"cannot read it ({exc.strerror})") from None


def _control_share(data: bytes) -> float:
    return len(data.translate(None, _NOT_CONTROL_BYTES)) / len(data)


def _looks_like_text(text: str) -> bool:
    visible = len(text) - len(_WHITESPACE.findall(text))
    if not visible or _BAD_CONTROL_CHAR.search(text):
        return False
    return 1 - len(_NON_ASCII_VISIBLE.findall(text)) / visible >= MIN_ASCII_SHARE


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """``(text, encoding)`` of ``data``; raises an ``IngestError`` subclass when it is no text."""
    if not data.strip():
        raise EmptyInputError(
            source, "empty file" if not data else "the file holds only whitespace"
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _normalise_newlines(data.decode("utf-16")), "utf-16"
        except UnicodeDecodeError:
            raise DecodeError(source, "starts with a UTF-16 mark but is not valid UTF-16") from None
    if b"\x00" in data or _control_share(data) > MAX_CONTROL_SHARE:
        raise UnsupportedInputError(source, _BINARY)
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        if "\ufffd" in text or not _looks_like_text(text):
            raise DecodeError(
                source, "not UTF-8, and not plausible cp1252/latin-1 text; re-save it as UTF-8"
            ) from None
        return _normalise_newlines(text), "cp1252"
    if not text.strip():
        raise EmptyInputError(source, "the file holds only whitespace")
    return _normalise_newlines(text), encoding


_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)


def declared_html_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag of its first 4 KB, or None."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def decode_declared(data: bytes, charset: str | None, source: str) -> tuple[str, str]:
    """``(text, encoding)`` of fetched bytes: a byte-order mark first, then the declared
    ``charset`` (strictly; skipped when it does not decode or gives control
    characters), then :func:`decode_text`'s rules."""
    if charset and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            name = codecs.lookup(charset).name
            text = data.decode(name)
        except (LookupError, UnicodeDecodeError, ValueError):
            text = None
        if text is not None and text.strip() and not _BAD_CONTROL_CHAR.search(text):
            return _normalise_newlines(text), name
    return decode_text(data, source)
