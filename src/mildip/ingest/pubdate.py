"""Guess a document's publication date from its text, when no metadata gives one.

:func:`infer_published` returns the latest date the text *cites*: a text is
published after the sources it cites, and China Brief style articles cite recent
sources, so the latest citation is a close lower bound of the publication date.

Citations often omit the year (``(FMPRC, April 7)``). Their year is chosen once for
the whole text, from the years written in it:

1. If some citations carry a year, let ``Y`` be the latest of those years. Yearless
   citations take the latest year written anywhere in the text that lies in
   ``[Y, Y + 1]``: the text was written at most a year after its latest dated
   source, and a later year (``by 2027``) looks ahead rather than back.
2. Otherwise they take the year written most often in the text (ties: the later).
3. With no year in the text, yearless citations are ignored.

The result is the latest day-precise citation date. When the text cites nothing
with a day, it falls back to the latest complete date written in the text
(``September 29, 2023``, ``2024-05-31``); with none, it is None.

Known limitation: a text written in early January that cites both ``December 28``
and ``January 3`` without years gets both in the same year.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from mildip.nlp.citations import PartialDate, find_dates, scan_citations

_WRITTEN_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _year_for_yearless(text: str, dated_years: list[int]) -> int | None:
    written = [int(y) for y in _WRITTEN_YEAR.findall(text)]
    if dated_years:
        anchor = max(dated_years)
        return max(y for y in written + [anchor] if anchor <= y <= anchor + 1)
    if not written:
        return None
    counts = Counter(written)
    return max(counts, key=lambda y: (counts[y], y))


def _as_day(when: PartialDate, year: int | None) -> date | None:
    if when.month is None or when.day is None:
        return None
    resolved = when.year if when.year is not None else year
    if resolved is None:
        return None
    try:
        return date(resolved, when.month, when.day)
    except ValueError:
        return None


def infer_published(text: str) -> date | None:
    """The latest date cited in ``text`` (see the module docstring), or None."""
    cited = [c.when for c in scan_citations(text) if c.when is not None]
    dated_years = [w.year for w in cited if w.year is not None]
    year = _year_for_yearless(text, dated_years) if any(w.year is None for w in cited) else None
    days = [d for d in (_as_day(w, year) for w in cited) if d is not None]
    if days:
        return max(days)
    written = [d for d in (_as_day(w, None) for _s, _e, w in find_dates(text)) if d is not None]
    return max(written) if written else None
