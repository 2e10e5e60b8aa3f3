"""Partial ISO dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``): parse, bound, compare.

The spec's matching rule - two dates agree at the coarser of their precisions -
is :func:`dates_agree`.
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
