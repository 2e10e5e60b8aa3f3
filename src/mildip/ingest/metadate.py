"""Publication dates written in metadata, at the precision they are written.

A header ``DATE``, an HTML page's date, a manifest line's ``date`` and the
``--published`` option are read by :func:`parse_published`: a day, a month or a
year. ``Document.published`` is then the first day of that period and
``Document.published_precision`` its precision.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from mildip.dates import format_date
from mildip.nlp.citations import DATE_PHRASE, partial_date

_ISO_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?![\d-])")
_ISO_TIME = re.compile(
    r"[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?(?![\w:])"
)

ACCEPTED_DATES = (
    "YYYY, YYYY-MM, YYYY-MM-DD, an ISO date-time, or a date such as "
    "'April 14, 2023', '14 April 2023' or 'April 2023'"
)
"""What a publication date may look like, for error messages."""


class PublishedDate(NamedTuple):
    """A publication date read from metadata, at the precision it was written.

    ``day`` is the first day of the period; ``rest`` is any text after the date
    that was ignored (empty when the value was only a date).
    """

    day: date
    precision: str
    rest: str = ""

    @property
    def iso(self) -> str:
        """The date written at its precision: ``2024``, ``2024-01`` or ``2024-01-15``."""
        return format_date(self.day, self.precision)


def parse_published(value: str) -> PublishedDate | None:
    """The publication date ``value`` starts with, or None when it starts with none.

    Accepted (see :data:`ACCEPTED_DATES`): ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, an
    ISO date-time (``2023-04-14T09:00Z``: its date as written, no time-zone shift),
    ``April 14, 2023`` (also ``Apr. 14 2023``, ``Sept. 9, 2024``), ``14 April 2023``
    and ``April 2023``. Text after a valid date is returned in ``rest``, but only
    when something other than a letter or digit separates it from the date
    (``2023-04-14 (updated)``; ``2023-04-14abc`` is no date). An impossible date
    (``2023-02-30``, ``2023-13``) or one without a year (``April 14``) is None.
    """
    text = value.strip()
    m = _ISO_DATE.match(text)
    if m:
        try:
            day = date(int(m["year"]), int(m["month"] or 1), int(m["day"] or 1))
        except ValueError:
            return None
        precision = "day" if m["day"] else "month" if m["month"] else "year"
        end = m.end()
        if m["day"]:
            clock = _ISO_TIME.match(text, end)
            end = clock.end() if clock else end
    else:
        m = DATE_PHRASE.match(text)
        when = partial_date(m) if m else None
        if when is None or when.year is None:
            return None
        day = date(when.year, when.month, when.day or 1)
        precision = "day" if when.day else "month"
        end = m.end()
    if end < len(text) and text[end].isalnum():
        return None
    rest = text[end:].strip()
    return PublishedDate(day, precision, "" if rest == "." else rest)


def published_or_error(value: str, what: str, warnings: list[str]) -> PublishedDate:
    """:func:`parse_published` of ``value`` for metadata named ``what`` (``header DATE``).

    Raises ValueError with a one-line message naming the value and what is accepted
    when it is no date; appends a one-line warning to ``warnings`` when text after
    the date was ignored.
    """
    found = parse_published(value)
    if found is None:
        raise ValueError(f"{what} {value!r} is not a date; write {ACCEPTED_DATES}")
    if found.rest:
        warnings.append(
            f"{what} {value.strip()!r} read as {found.iso}; ignored the text after the date"
        )
    return found


def as_published(value: PublishedDate | date | str | None) -> PublishedDate | None:
    """A caller's publication date (the ``published`` argument of ingest): a
    :class:`PublishedDate`, a ``date`` (day precision), or a string that
    :func:`parse_published` reads whole (``"2024-01"``, ``"April 2023"``).

    Raises ValueError, naming the value and what is accepted, for anything else.
    """
    if value is None or isinstance(value, PublishedDate):
        return value
    if isinstance(value, date):
        return PublishedDate(date(value.year, value.month, value.day), "day")
    found = parse_published(value) if isinstance(value, str) else None
    if found is None or found.rest:
        raise ValueError(f"published date {value!r} is not a date; write {ACCEPTED_DATES}")
    return found
