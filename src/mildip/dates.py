"""Partial ISO dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``): parse, bound, compare.

The spec's matching rule - two dates agree at the coarser of their precisions -
is :func:`dates_agree`. :func:`check_partial` validates a date a user typed (the
calendar included: ``2023-02-30`` is refused) with a message that says what is
accepted; :func:`overlaps` is the one window rule of every filter (an event is in
``since..until`` when the span of its date overlaps the window).
"""

from __future__ import annotations

import calendar
import re
from datetime import date

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

PRECISIONS = ("year", "month", "day")


def precision(value: str | None) -> str | None:
    """``'year'``, ``'month'``, ``'day'`` or None for an absent date."""
    if not value:
        return None
    m = _PARTIAL.match(value)
    if not m:
        raise ValueError(f"not a partial ISO date: {value!r}")
    return "day" if m.group(3) else "month" if m.group(2) else "year"


ACCEPTED = "YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2023, 2023-04, 2023-04-14)"
"""How a partial date is written, for error messages."""


def check_partial(value: str) -> str:
    """``value`` when it is a real partial date, else ValueError saying what is accepted.

    ``"2023-13"`` and ``"2023-02-30"`` are refused with the reason (no month 13, no
    30 February), ``"March 2023"`` with the accepted forms.
    """
    if not isinstance(value, str) or not _PARTIAL.match(value.strip()):
        raise ValueError(f"{value!r} is not a date; use {ACCEPTED}")
    try:
        bounds(value.strip())
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a calendar date ({exc}); use {ACCEPTED}") from None
    return value.strip()


def bounds(value: str) -> tuple[date, date]:
    """First and last calendar day covered by a partial date."""
    m = _PARTIAL.match(value or "")
    if not m:
        raise ValueError(f"not a partial ISO date: {value!r}")
    y = int(m.group(1))
    if m.group(3):
        d = date(y, int(m.group(2)), int(m.group(3)))
        return d, d
    if m.group(2):
        mo = int(m.group(2))
        return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
    return date(y, 1, 1), date(y, 12, 31)


def reference_day(published: date | None, precision: str = "day") -> date | None:
    """The day that relative dates of a text resolve against: the publication date, or
    the last day of its month or year when it is known only to that precision (a text
    dated 2023-08 can say "on August 11" of 2023)."""
    if published is None or precision not in ("month", "year"):
        return published
    return bounds(format_date(published, precision))[1]


def truncate(value: str, to: str) -> str:
    """Cut ``value`` to precision ``to`` (never refines)."""
    n = {"year": 4, "month": 7, "day": 10}[to]
    return value[:n]


def dates_agree(a: str | None, b: str | None) -> bool:
    """True when both dates are equal at the coarser of their two precisions.

    An absent date agrees with nothing but another absent date.
    """
    if not a or not b:
        return a == b
    coarser = min(PRECISIONS.index(precision(a)), PRECISIONS.index(precision(b)))
    return truncate(a, PRECISIONS[coarser]) == truncate(b, PRECISIONS[coarser])


def finer(a: str | None, b: str | None) -> str | None:
    """The more precise of two agreeing dates (``a`` on a tie)."""
    if not a:
        return b
    if not b:
        return a
    return b if len(b) > len(a) else a


def format_date(d: date, prec: str) -> str:
    """Write ``d`` at precision ``prec``."""
    return truncate(d.isoformat(), prec)


def sort_key(value: str | None) -> str:
    """A key that sorts absent dates last and partial dates by their first day."""
    return bounds(value)[0].isoformat() if value else "9999"


def overlaps(value: str | None, since: str | None = None, until: str | None = None) -> bool:
    """True when the span of ``value`` overlaps ``[first day of since, last day of until]``.

    Without ``since`` and ``until`` every value passes, an absent one included; with
    either, an absent date never does.
    """
    if not (since or until):
        return True
    if not value:
        return False
    first, last = bounds(value)
    if since and last < bounds(since)[0]:
        return False
    return not (until and first > bounds(until)[1])
