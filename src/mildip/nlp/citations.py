"""In-text citations: China Brief style parentheticals and numbered footnotes.

Two forms are recognised:

* **Parentheticals** ending in a date: ``(FMPRC, April 7)``, ``(MND, November 22,
  2022)``, ``(, January 26)`` (no source), ``(PRC Ministry of National Defense (MND),
  November 22, 2022)`` (nested parentheses), ``(NetEase, March 9; Sohu, February 27)``
  (two citations, split at ``;``). Each ``;``-separated part must read
  ``<source>, <date>``: a comma, then a date phrase that ends the part. Parentheses
  without a date - ``(DPCT)``, ``(反制措施)``, ``(Photo by Meng Peng)`` - are not
  citations, nor is a bare ``(March 3)`` (no comma, so it dates an event, not a source).
* **Numbered footnotes**: a marker ``[1]`` in running text, linked to a note line
  ``[1] For a detailed ... China Brief, September 9, 2022.`` that starts a line. The
  citation's date is the last date phrase of the note; its source is the name just
  before that date (``China Brief``). A marker without a note line is ignored.

Every :class:`~mildip.model.Citation` satisfies ``text[c.start:c.end] == c.text``.
A parenthetical citation spans the whole parenthetical, so the two citations of
``(NetEase, March 9; Sohu, February 27)`` share one span; a footnote citation spans
its marker ``[1]``.

Dates are ISO partial dates. A date without a year (``April 7``) takes the year of
``published``, or the year before when that would put it after ``published``; with no
``published`` it stays unresolved (``date=None``). :func:`scan_citations` returns the
unresolved parts for callers (such as publication-date inference) that resolve
years themselves.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from mildip.model import Citation

MONTHS: dict[str, int] = {
    **{name.lower(): i for i, name in enumerate(calendar.month_name) if name},
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
"""English month names and abbreviations (lower case) to month numbers."""

_MONTH = (
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"
)
_YEAR = r"(?:19|20)\d\d(?!\d)"
_DAY = r"\d{1,2}(?!\d)(?:st|nd|rd|th)?"

DATE_PHRASE = re.compile(
    rf"(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?:,?\s+(?P<y1>{_YEAR}))?"
    rf"|(?<!\d)(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR}))?"
    rf"|(?P<m3>{_MONTH}),?\s+(?P<y3>{_YEAR})"
    rf"|(?<!\d)(?P<y4>{_YEAR})-(?P<m4>\d\d)-(?P<d4>\d\d)(?!\d)"
)
"""A date phrase: ``April 7``, ``November 22, 2022``, ``5 August 2022``,
``March 2023``, ``Sept. 9``, ``2023-04-07``."""

_YEAR_ONLY_TAIL = re.compile(rf"(?P<year>{_YEAR})\s*\.?\s*$")
_SOURCE_PREFIX = re.compile(r"^(?P<source>.*?),\s*$", re.DOTALL)
_NOTE_LINE = re.compile(r"^[ \t]*\[(?P<num>\d{1,3})\][ \t]*(?P<note>\S.*)$", re.MULTILINE)
_PAREN = re.compile(r"[()]")
_MARKER = re.compile(r"\[(?P<num>\d{1,3})\]")
_PUBLICATION_CUT = re.compile(r"[,.;:”“\"()]")

MAX_GROUP_CHARS = 400
"""A parenthetical longer than this is prose, not a citation."""
MAX_SOURCE_WORDS = 12
"""A citation's source longer than this many words is prose, not a source name."""
MAX_PUBLICATION_WORDS = 8
"""A footnote's publication name longer than this is left out (source None)."""


@dataclass(frozen=True)
class PartialDate:
    """A date as written: the year and day may be missing (``April 7``, ``March 2023``)."""

    year: int | None
    month: int | None
    day: int | None = None

    def resolve(self, published: date | None) -> str | None:
        """ISO partial date; a missing year is taken from ``published`` (see module doc)."""
        if self.year is not None:
            return _iso(self.year, self.month, self.day)
        if published is None or self.month is None:
            return None
        year = published.year
        if (self.month, self.day or 1) > (published.month, published.day):
            year -= 1
        return _iso(year, self.month, self.day)


@dataclass(frozen=True)
class CitationMatch:
    """One citation as found, before its date is resolved against a publication date."""

    source: str | None
    when: PartialDate | None
    start: int
    end: int
    text: str
    kind: str
    """``"paren"`` or ``"footnote"``."""

    def to_citation(self, published: date | None) -> Citation:
        """The :class:`Citation`, with the date resolved against ``published``."""
        when = self.when.resolve(published) if self.when else None
        return Citation(
            source=self.source, date=when, start=self.start, end=self.end, text=self.text
        )


def _iso(year: int, month: int | None, day: int | None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None or day > calendar.monthrange(year, month)[1]:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _month_number(word: str) -> int:
    return MONTHS[word.rstrip(".").lower()]


def partial_date(match: re.Match[str]) -> PartialDate | None:
    """The :class:`PartialDate` of a :data:`DATE_PHRASE` match; None for an impossible day."""
    g = match.groupdict()
    if g["y4"]:
        year, month, day = int(g["y4"]), int(g["m4"]), int(g["d4"])
        if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
            return None
        return PartialDate(year, month, day)
    if g["m3"]:
        return PartialDate(int(g["y3"]), _month_number(g["m3"]))
    month_word, day_text, year_text = (
        (g["m1"], g["d1"], g["y1"]) if g["m1"] else (g["m2"], g["d2"], g["y2"])
    )
    month = _month_number(month_word)
    day = int(re.match(r"\d+", day_text).group())
    year = int(year_text) if year_text else None
    longest = calendar.monthrange(year if year else 2000, month)[1]
    if not 1 <= day <= longest:
        return None
    return PartialDate(year, month, day)


def parse_date_phrase(value: str) -> PartialDate | None:
    """Parse a whole string as one date phrase (``"November 22, 2022"``); None otherwise."""
    m = DATE_PHRASE.fullmatch(value.strip().rstrip("."))
    return partial_date(m) if m else None


def find_dates(text: str) -> list[tuple[int, int, PartialDate]]:
    """Every date phrase in ``text`` as ``(start, end, PartialDate)``, in order."""
    out = []
    for m in DATE_PHRASE.finditer(text):
        when = partial_date(m)
        if when is not None:
            out.append((m.start(), m.end(), when))
    return out


def _paren_groups(text: str) -> list[tuple[int, int]]:
    """Balanced ``(...)`` groups as ``(open, close + 1)``, outer groups before inner ones."""
    groups, stack = [], []
    for paren in _PAREN.finditer(text):
        i, ch = paren.start(), paren.group()
        if ch == "(":
            stack.append(i)
        elif stack:
            start = stack.pop()
            if i + 1 - start <= MAX_GROUP_CHARS and "\n\n" not in text[start:i]:
                groups.append((start, i + 1))
    return sorted(groups, key=lambda g: (g[0], -g[1]))


def _split_top_level(inner: str) -> list[str]:
    """Split at ``;`` outside nested parentheses or brackets."""
    parts, depth, current = [], 0, []
    for ch in inner:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        if ch == ";" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _source_and_date(part: str) -> tuple[str | None, PartialDate] | None:
    """``(source, date)`` when ``part`` reads ``<source>, <date>``; else None."""
    part = part.strip()
    tail = None
    for m in DATE_PHRASE.finditer(part):
        if part[m.end() :].strip(" .") == "":
            tail = (m.start(), partial_date(m))
            break
    if tail is None:
        y = _YEAR_ONLY_TAIL.search(part)
        if y is None:
            return None
        tail = (y.start(), PartialDate(int(y.group("year")), None))
    start, when = tail
    prefix = _SOURCE_PREFIX.match(part[:start])
    if when is None or prefix is None:
        return None
    source = " ".join(prefix.group("source").split()) or None
    if source and len(source.split()) > MAX_SOURCE_WORDS:
        return None
    return source, when


def _paren_citations(text: str) -> list[CitationMatch]:
    found: list[CitationMatch] = []
    taken: list[tuple[int, int]] = []
    for start, end in _paren_groups(text):
        if any(a <= start and end <= b for a, b in taken):
            continue
        pieces = [_source_and_date(p) for p in _split_top_level(text[start + 1 : end - 1])]
        pieces = [p for p in pieces if p is not None]
        if not pieces:
            continue
        taken.append((start, end))
        found.extend(
            CitationMatch(source, when, start, end, text[start:end], "paren")
            for source, when in pieces
        )
    return found


def _note_publication(note: str, date_start: int) -> str | None:
    """The name just before a footnote's date: ``..., China Brief, September 9`` → China Brief."""
    before = note[:date_start].rstrip(" ,")
    cut = max((m.end() for m in _PUBLICATION_CUT.finditer(before)), default=0)
    name = before[cut:].strip()
    if not name or len(name.split()) > MAX_PUBLICATION_WORDS:
        return None
    return name


def _footnote_citations(text: str) -> list[CitationMatch]:
    notes: dict[str, tuple[str | None, PartialDate | None]] = {}
    note_starts: set[int] = set()
    for m in _NOTE_LINE.finditer(text):
        note_starts.add(m.start("num") - 1)
        note = m.group("note")
        dates = find_dates(note)
        if dates:
            start, _end, when = dates[-1]
            notes[m.group("num")] = (_note_publication(note, start), when)
        else:
            notes[m.group("num")] = (None, None)
    found = []
    for m in _MARKER.finditer(text):
        if m.start() in note_starts or m.group("num") not in notes:
            continue
        source, when = notes[m.group("num")]
        found.append(CitationMatch(source, when, m.start(), m.end(), m.group(), "footnote"))
    return found


def scan_citations(text: str) -> list[CitationMatch]:
    """Every citation in ``text`` with its date as written, ordered by position."""
    found = _paren_citations(text) + _footnote_citations(text)
    return sorted(found, key=lambda c: (c.start, c.end, c.source or ""))


def find_citations(text: str, published: date | None = None) -> list[Citation]:
    """Every citation in ``text``, dates resolved against ``published`` (see module doc)."""
    return [c.to_citation(published) for c in scan_citations(text)]


_TRAILING_GAP = re.compile(r"[\s.,;:!?\"”’')\]]*")


def citations_in(
    span_start: int,
    span_end: int,
    citations: Iterable[Citation],
    text: str | None = None,
    max_gap: int = 3,
) -> list[Citation]:
    """The citations that belong to the sentence ``[span_start, span_end)``.

    A citation belongs when it starts inside the sentence after its first character
    (one that opens a sentence was left behind by the previous sentence), or when it
    starts at most ``max_gap`` characters after the sentence ends. When ``text`` is
    given, that gap must hold only spaces and closing punctuation.
    """
    out: list[Citation] = []
    for c in citations:
        inside = span_start < c.start < span_end
        trailing = span_end <= c.start <= span_end + max_gap
        if trailing and text is not None:
            trailing = _TRAILING_GAP.fullmatch(text[span_end : c.start]) is not None
        if inside or trailing:
            out.append(c)
    return out
