"""Ordinal numbers ("eighth" → 8, "13th" → 13, "twenty-first" → 21) and cardinal counts
("eight" → 8, "1,300" → 1300, "a dozen" → 12)."""

from __future__ import annotations

import re

_UNITS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
ORDINAL_WORDS = frozenset(_UNITS) | frozenset(
    f"{t}-{u}" for t in _TENS for u in _UNITS if _UNITS[u] < 10
)
_NUMERIC = re.compile(r"^(\d{1,3})(?:st|nd|rd|th)$")


def parse_ordinal(token: str) -> int | None:
    """The number of an ordinal token, or None. "first" counts (as 1)."""
    low = token.lower().strip(".,;:")
    m = _NUMERIC.match(low)
    if m:
        return int(m.group(1))
    if low in _UNITS:
        return _UNITS[low]
    if "-" in low:
        tens, _, unit = low.partition("-")
        if tens in _TENS and unit in _UNITS and _UNITS[unit] < 10:
            return _TENS[tens] + _UNITS[unit]
    return None


_CARDINALS = {
    w: n
    for n, w in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen", "twenty"]
    )
} | {"dozen": 12, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100}


def parse_cardinal(token: str) -> int | None:
    """The number a cardinal token writes ("eight", "180", "1,300", "dozen"), or None."""
    low = token.lower().strip(".,;:")
    if low in _CARDINALS:
        return _CARDINALS[low]
    digits = low.replace(",", "")
    return int(digits) if digits.isdigit() else None
