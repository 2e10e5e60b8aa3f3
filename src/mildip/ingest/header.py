"""The optional ``Key: value`` header above a ``---`` line, and date values in metadata.

A text file may open with a header::

    URL: https://example.org/talks
    TITLE: Talks resume
    DATE: 2023-04-14
    ---
    The body starts here.

Every non-blank line above the first ``---`` line must be ``Key: value`` with a
one-word key, and at least one key must be a known one (:data:`HEADER_KEYS`, any
case); otherwise the text has no header. Keys are returned in lower case.

:func:`header_source` turns such a text into a :class:`SourceText`: the header's
known keys become its fields (``DATE`` read by
:func:`~mildip.ingest.metadate.parse_published`), other keys go to
``meta["header"]``.
"""

from __future__ import annotations

import re
from typing import Any

from mildip._exceptions import EmptyInputError, UnreadableInputError
from mildip.ingest.metadate import published_or_error
from mildip.ingest.source import SourceText

HEADER_KEYS: frozenset[str] = frozenset(
    {"url", "title", "publication", "date", "language", "author"}
)
"""Header keys that map to :class:`~mildip.model.Document` fields."""

_KEY_VALUE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]{0,30})[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")
_SEPARATOR = re.compile(r"^---[ \t]*$")


def parse_header(text: str) -> tuple[dict[str, str], str, int]:
    """Split ``text`` into ``(meta, body, body_offset)``.

    ``body == text[body_offset:]`` is everything after the ``---`` line. Without a
    header, ``meta`` is empty, ``body`` is ``text`` and ``body_offset`` is 0. A
    repeated key keeps its last value.
    """
    meta: dict[str, str] = {}
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        offset += len(line)
        if _SEPARATOR.match(stripped):
            if meta and HEADER_KEYS & meta.keys():
                return meta, text[offset:], offset
            break
        if not stripped.strip():
            continue
        m = _KEY_VALUE.match(stripped)
        if m is None:
            break
        meta[m.group("key").lower()] = m.group("value")
    return {}, text, 0


def header_source(text: str, source: str, media_type: str, meta: dict[str, Any]) -> SourceText:
    """The :class:`SourceText` of ``text``: its header's fields and its body.

    ``meta`` is the reader's metadata; ``meta["header"]`` gets the header's unknown
    keys and ``meta["warnings"]`` a note on text after the ``DATE``. Raises
    ``EmptyInputError`` for a header with no body and ``UnreadableInputError`` for a
    ``DATE`` that is no date.
    """
    header, body, _offset = parse_header(text)
    if not body.strip():
        raise EmptyInputError(source, "no text after the header's --- line")
    meta, warnings = dict(meta), []
    published = None
    if header.get("date"):
        try:
            published = published_or_error(header["date"], "header DATE", warnings)
        except ValueError as exc:
            raise UnreadableInputError(source, str(exc)) from None
    extra = {k: v for k, v in header.items() if k not in HEADER_KEYS}
    if extra:
        meta["header"] = extra
    if warnings:
        meta["warnings"] = [*meta.get("warnings", ()), *warnings]
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
