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
"""

from __future__ import annotations

import re
from datetime import date

from mildip.nlp.citations import parse_date_phrase

HEADER_KEYS: frozenset[str] = frozenset(
    {"url", "title", "publication", "date", "language", "author"}
)
"""Header keys that map to :class:`~mildip.model.Document` fields."""

_KEY_VALUE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]{0,30})[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")
_SEPARATOR = re.compile(r"^---[ \t]*$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")


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


def parse_date_value(value: str) -> date | None:
    """A complete date from metadata: ``2023-04-14``, ``2023-04-14T09:00Z``,
    ``April 14, 2023`` or ``14 April 2023``. None when ``value`` is not one."""
    value = value.strip()
    m = _ISO_DAY.match(value)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    when = parse_date_phrase(value)
    if when is None or when.year is None or when.day is None:
        return None
    return date(when.year, when.month, when.day)
