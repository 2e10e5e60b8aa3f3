"""Rule-based sentence segmentation with exact character offsets.

Cheap enough to run on every document (the expensive steps only see candidate
sentences). It survives the things real readouts contain: curly quotes after a
full stop, doubled spaces, bullet lists, headings without a full stop, soft line
wraps, abbreviations such as "U.S.", "Gen." or "Sept.", and citation
parentheses that end a sentence without a full stop ("... diplomacy (, January
26) Strategically, ...").

``split_sentences(text)`` returns :class:`Sentence` objects whose ``text`` is
``text[start:end]`` (surrounding whitespace and bullet markers excluded).
``paragraph`` numbers blocks separated by blank lines or by list structure.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache

from mildip.resources import data_text

_BULLET = re.compile(r"^[ \t]*(?:[•▪●◦‣∙·\-\*–—]|\d{1,2}[.)]|\([a-z0-9]\))[ \t]+")
_TERMINAL = re.compile(r"[.!?][\"'”’»)\]]*$")
_CITATION_END = re.compile(
    r"\((?:[^()]|\([^()]*\))*?(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
    r"\s+\d{1,2}(?:,\s*\d{4})?\)$"
)


@dataclass(frozen=True)
class Sentence:
    """A sentence: ``text == document_text[start:end]``."""

    start: int
    end: int
    text: str
    paragraph: int
    index: int
    is_list_item: bool = False
    is_heading: bool = False


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Tokens ending in '.' that do not end a sentence (data/abbreviations.txt)."""
    words = []
    for line in data_text("abbreviations.txt").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(line)
    return frozenset(words)


_MONTH_NAMES = tuple(calendar.month_name[n].lower() for n in range(1, 13))


def _is_month_abbreviation(token: str) -> bool:
    """ "Jun.", "Sept.": a shortened English month name with its full stop."""
    stem = token[:-1].lower()
    return len(stem) >= 3 and any(m.startswith(stem) and m != stem for m in _MONTH_NAMES)


_BOUNDARY = re.compile(r"([.!?])([\"'”’»)\]]*)(\s+)(?=[\"“‘'(\[]?[A-Z0-9\u4e00-\u9fff])")
_CITE_BOUNDARY = re.compile(r"\)(\s+)(?=[A-Z])")


def _split_block(text: str, offset: int) -> list[tuple[int, int]]:
    """Split one line-joined block into (start, end) spans relative to the document."""
    spans: list[tuple[int, int]] = []
    cuts: list[int] = []
    abbrev = abbreviations()
    for m in _BOUNDARY.finditer(text):
        punct_pos = m.start(1)
        if m.group(1) == ".":
            word_start = max(text.rfind(" ", 0, punct_pos), text.rfind("\n", 0, punct_pos)) + 1
            token = text[word_start : punct_pos + 1].lstrip("(\"“‘'[").split("-")[-1]
            if token in abbrev or re.fullmatch(r"(?:[A-Z]\.)+", token):
                # "U.S. The" can still end a sentence, but "U.S. Defense" more often does not:
                # keep abbreviations unbroken unless a quote or bracket closed the sentence.
                # A month's abbreviation stands before a day ("Jun. 5"); before a word it
                # is a name ending a sentence ("... with Adm. Dong Jun. It was ...").
                month_name = _is_month_abbreviation(token) and not text[m.end(3) : m.end(3) + 1].isdigit()
                if not m.group(2) and not month_name:
                    continue
            if re.fullmatch(r"\d{1,2}\.", token) and word_start == 0:
                continue
        cuts.append(m.end(2))
    for m in _CITE_BOUNDARY.finditer(text):
        close = m.start()
        head = text[: close + 1]
        if _CITATION_END.search(head):
            cuts.append(close + 1)
    cuts = sorted(set(c for c in cuts if 0 < c < len(text)))
    prev = 0
    for c in cuts + [len(text)]:
        spans.append((prev, c))
        prev = c
    out = []
    for s, e in spans:
        seg = text[s:e]
        lstrip = len(seg) - len(seg.lstrip())
        rstrip = len(seg) - len(seg.rstrip())
        s2, e2 = s + lstrip, e - rstrip
        if e2 > s2:
            out.append((offset + s2, offset + e2))
    return out


def _blocks(text: str) -> list[tuple[int, int, bool, bool, int]]:
    """Physical lines grouped into blocks: (start, end, is_list_item, is_heading, paragraph)."""
    lines = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lines.append((pos, pos + len(body), body))
        pos += len(raw)
    blocks: list[tuple[int, int, bool, bool, int]] = []
    paragraph = 0
    current: list[int] | None = None
    cur_list = False
    blank_before = True
    for start, _end, body in lines:
        if not body.strip():
            if current is not None:
                blocks.append((current[0], current[1], cur_list, False, paragraph))
                current = None
            if not blank_before:
                paragraph += 1
            blank_before = True
            continue
        bullet = _BULLET.match(body)
        content_start = start + (bullet.end() if bullet else len(body) - len(body.lstrip()))
        stripped_end = start + len(body.rstrip())
        is_item = bool(bullet)
        joins = (
            current is not None
            and not is_item
            and not cur_list
            and not _TERMINAL.search(text[current[0] : current[1]])
            and len(text[current[0] : current[1]]) > 60
            and body[:1].islower()
        )
        if joins:
            current[1] = stripped_end
        else:
            if current is not None:
                blocks.append((current[0], current[1], cur_list, False, paragraph))
            current = [content_start, stripped_end]
            cur_list = is_item
        blank_before = False
    if current is not None:
        blocks.append((current[0], current[1], cur_list, False, paragraph))
    result = []
    for s, e, item, _, para in blocks:
        heading = not item and not _TERMINAL.search(text[s:e]) and len(text[s:e]) < 160
        result.append((s, e, item, heading, para))
    return result


def split_sentences(text: str) -> list[Sentence]:
    """All sentences of ``text`` in order, with offsets into ``text``."""
    sentences: list[Sentence] = []
    for start, end, item, heading, para in _blocks(text):
        block = text[start:end]
        for s, e in _split_block(block, start):
            sentences.append(
                Sentence(
                    start=s,
                    end=e,
                    text=text[s:e],
                    paragraph=para,
                    index=len(sentences),
                    is_list_item=item,
                    is_heading=heading and (s, e) == (start, end),
                )
            )
    return sentences
