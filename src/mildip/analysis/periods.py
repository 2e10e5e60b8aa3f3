"""Calendar periods for trend series: ``month`` (``2023-04``), ``quarter`` (``2023-Q2``), ``year`` (``2023``).

An event dated less precisely than the period (``2023`` when counting by quarter) has
no period: :func:`period_of` returns None and callers count it as *too coarse* rather
than guessing a quarter.
"""

from __future__ import annotations

import calendar
from datetime import date

from mildip.dates import bounds, precision

PERIODS: tuple[str, ...] = ("month", "quarter", "year")
_NEEDS = {"month": "month", "quarter": "month", "year": "year"}
_RANK = {"year": 0, "month": 1, "day": 2}


def check_period(by: str) -> str:
    """``by`` itself, or ValueError naming the allowed periods."""
    if by not in PERIODS:
        raise ValueError(f"unknown period {by!r}; expected one of {', '.join(PERIODS)}")
    return by


def label(day: date, by: str) -> str:
    """The label of the period of ``by`` that contains ``day``."""
    check_period(by)
    if by == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if by == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year:04d}"


def period_of(value: str | None, by: str) -> str | None:
    """Period label of a partial ISO date, or None when absent or coarser than ``by``."""
    check_period(by)
    if not value:
        return None
    if _RANK[precision(value)] < _RANK[_NEEDS[by]]:
        return None
    return label(bounds(value)[0], by)


def period_bounds(name: str, by: str) -> tuple[date, date]:
    """First and last day of the period labelled ``name``."""
    check_period(by)
    if by == "quarter":
        year, q = name.split("-Q")
        first_month = (int(q) - 1) * 3 + 1
        last_month = first_month + 2
        return (
            date(int(year), first_month, 1),
            date(int(year), last_month, calendar.monthrange(int(year), last_month)[1]),
        )
    return bounds(name)


def next_period(name: str, by: str) -> str:
    """The label of the period after ``name``."""
    last = period_bounds(name, by)[1]
    return label(date.fromordinal(last.toordinal() + 1), by)


def period_range(first: str, last: str, by: str) -> list[str]:
    """Every period label from ``first`` to ``last`` inclusive (empty when first > last)."""
    out: list[str] = []
    current = first
    while period_bounds(current, by)[0] <= period_bounds(last, by)[0]:
        out.append(current)
        current = next_period(current, by)
    return out
