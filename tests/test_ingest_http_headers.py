"""HTTP header values mildip reads: parsed when well-formed, None otherwise, never an
exception (Hypothesis feeds them arbitrary Unicode and control characters)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mildip.ingest import http_headers as h

NOW = datetime(2026, 12, 3, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("text/html; charset=GBK", ("text/html", "gbk")),
        ('TEXT/HTML;Charset="utf-8"', ("text/html", "utf-8")),
        ("application/pdf", ("application/pdf", None)),
        ("text/html; charset=no-such-charset", ("text/html", None)),
        ("not a type", (None, None)),
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_http_headers_media_type(value, expected):
    assert h.media_type(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1234", 1234),
        (" 0 ", 0),
        ("12, 12", 12),
        ("-1", None),
        ("1e3", None),
        ("x", None),
        (None, None),
    ],
)
def test_http_headers_content_length(value, expected):
    assert h.content_length(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", 120.0),
        ("Thu, 03 Dec 2026 12:00:30 GMT", 30.0),
        ("Thursday, 03-Dec-26 12:01:00 GMT", 60.0),  # RFC 850
        ("Thu Dec  3 12:00:10 2026", 10.0),  # asctime
        ("Wed, 02 Dec 2026 12:00:00 GMT", 0.0),  # in the past: no wait
        ("soon", None),
        ("-5", None),
        ("", None),
    ],
)
def test_http_headers_retry_after(value, expected):
    assert h.retry_after(value, now=NOW) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.none(),
        st.text(max_size=300),
        st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=50),
    )
)
def test_http_headers_never_raise(value):
    kind, charset = h.media_type(value)
    assert kind is None or "/" in kind
    assert charset is None or isinstance(charset, str)
    n = h.content_length(value)
    assert n is None or n >= 0
    wait = h.retry_after(value, now=NOW)
    assert wait is None or wait >= 0
    moment = h.http_date(value)
    assert moment is None or moment.tzinfo is not None


def test_http_headers_ignore_huge_values():
    assert h.media_type("text/html" + " " * 10_000) == (None, None)
