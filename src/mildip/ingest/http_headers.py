"""Reading the HTTP response headers fetching depends on, from whatever a server sends.

Every function takes the raw header value (or None) and returns a value or None;
none of them raises, whatever the input (Hypothesis checks this), so a malformed
header is treated as absent rather than failing the fetch.

* :func:`media_type` - ``"text/html; charset=GBK"`` → ``("text/html", "gbk")``.
* :func:`content_length` - a non-negative integer, or None.
* :func:`retry_after` - seconds to wait, from a number of seconds or an HTTP date.
* :func:`http_date` - an aware UTC datetime from an HTTP date (RFC 9110 IMF-fixdate,
  and the obsolete RFC 850 and asctime forms, as ``email.utils`` reads them).
"""

from __future__ import annotations

import codecs
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
_DIGITS = re.compile(r"^[0-9]{1,18}$")
MAX_HEADER_CHARS = 8192
"""Header values longer than this are ignored (no server needs more)."""


def _clean(value: str | None) -> str | None:
    if value is None or not isinstance(value, str) or len(value) > MAX_HEADER_CHARS:
        return None
    value = value.strip()
    return value or None


def charset_name(value: str | None) -> str | None:
    """A charset label Python knows, normalised (``"UTF8"`` → ``"utf-8"``), or None."""
    value = _clean(value)
    if value is None:
        return None
    value = value.strip("\"' ").lower()
    if not value or not value.isascii():
        return None
    try:
        return codecs.lookup(value).name
    except (LookupError, ValueError):
        return None


def media_type(value: str | None) -> tuple[str | None, str | None]:
    """``(type/subtype in lower case, charset)`` of a Content-Type value; either may be None."""
    value = _clean(value)
    if value is None:
        return None, None
    head, _, params = value.partition(";")
    kind = head.strip().lower()
    kind = kind if _TOKEN.match(kind) else None
    charset = None
    for param in params.split(";"):
        key, eq, val = param.partition("=")
        if eq and key.strip().lower() == "charset":
            charset = charset_name(val)
            break
    return kind, charset


def content_length(value: str | None) -> int | None:
    """The declared body size in bytes, or None when absent or malformed."""
    value = _clean(value)
    if value is None:
        return None
    first = value.split(",")[0].strip()
    return int(first) if _DIGITS.match(first) else None


def http_date(value: str | None) -> datetime | None:
    """An HTTP date as an aware UTC datetime, or None."""
    value = _clean(value)
    if value is None:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` value asks to wait (0 for a date in the past), or None."""
    value = _clean(value)
    if value is None:
        return None
    if _DIGITS.match(value):
        return float(int(value))
    when = http_date(value)
    if when is None:
        return None
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())
