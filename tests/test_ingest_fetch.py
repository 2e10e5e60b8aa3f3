"""Fetching URLs against a local server on 127.0.0.1: addresses, redirects, limits,
retries, robots.txt, content types, politeness and conditional requests."""

from __future__ import annotations

import hashlib
import re
import time

import pytest

from mildip._exceptions import (
    FetchError,
    InputTooLargeError,
    RefusedURLError,
    UnsupportedInputError,
)
from mildip.ingest.fetch import FEED_TYPES, Fetcher, sniff_kind

PAGE = (
    "<html><head><title>Talks</title></head><body><p>Arnor and Gondor held talks.</p></body></html>"
)


class Sleeps(list):
    """A stand-in for time.sleep that records the waits instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(round(seconds, 3))


@pytest.fixture
def fetcher(fetch_settings):
    made = []

    def make(**kwargs):
        kwargs.setdefault("allow_private", True)
        f = Fetcher(fetch_settings.with_(**kwargs.pop("settings", {})), **kwargs)
        made.append(f)
        return f

    yield make
    for f in made:
        f.close()


# --- addresses ------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_fetch_refuses_loopback_without_allow_private(web_site, fetcher, host):
    web_site.route("/page.html", PAGE)
    with pytest.raises(RefusedURLError, match="a loopback address; refused .*--allow-private"):
        fetcher(allow_private=False).fetch(web_site.url("/page.html", host=host))
    assert web_site.requests == []


def test_fetch_checks_the_resolved_address_not_the_name(web_site, fetcher, public_names):
    resolver, transport = public_names
    web_site.route("/page.html", PAGE)
    url = web_site.url("/page.html", host="sneaky.ministry.test")
    with pytest.raises(RefusedURLError) as refused:
        fetcher(allow_private=False, resolver=resolver, transport=transport).fetch(url)
    assert refused.value.reason == (
        "sneaky.ministry.test resolves to 127.0.0.1, a loopback address; refused "
        "(pass --allow-private to fetch from such addresses)"
    )
    assert web_site.requests == []


def test_fetch_public_name_is_fetched_with_its_host_header(web_site, fetcher, public_names):
    resolver, transport = public_names
    web_site.route("/page.html", PAGE)
    url = web_site.url("/page.html", host="news.ministry.test")
    record = fetcher(allow_private=False, resolver=resolver, transport=transport).fetch(url)
    assert (record.status, record.kind, record.final_url) == (200, "html", url)
    path, headers = web_site.requests[-1]
    assert path == "/page.html" and headers["Host"] == f"news.ministry.test:{web_site.port}"
    assert headers["User-Agent"].startswith("mildip/")


@pytest.mark.parametrize(
    ("location", "why"),
    [
        ("http://127.0.0.1:{port}/inside.html", "127.0.0.1 is a loopback address"),
        ("http://intranet.ministry.test/inside.html", "resolves to 10.20.30.40, a private address"),
    ],
)
def test_fetch_refuses_a_redirect_into_a_private_address(
    web_site, fetcher, public_names, location, why
):
    resolver, transport = public_names
    target = location.format(port=web_site.port)
    web_site.route("/go", status=302, headers={"Location": target})
    web_site.route("/inside.html", PAGE)
    url = web_site.url("/go", host="news.ministry.test")
    with pytest.raises(RefusedURLError) as refused:
        fetcher(allow_private=False, resolver=resolver, transport=transport).fetch(url)
    assert refused.value.reason.startswith(f"redirected to {target}: ")
    assert why in refused.value.reason
    assert web_site.hits("/inside.html") == 0


# --- pages, PDFs, redirects --------------------------------------------------------------


def test_fetch_page_record_keeps_bytes_and_how_they_came(web_site, fetcher):
    web_site.route("/page.html", PAGE, headers={"X-Test": "1"})
    record = fetcher().fetch(web_site.url("/page.html"))
    assert record.body == PAGE.encode()
    assert record.sha256 == hashlib.sha256(PAGE.encode()).hexdigest()
    assert (record.status, record.media_type, record.charset, record.kind) == (
        200,
        "text/html",
        "utf-8",
        "html",
    )
    assert record.header("x-test") == "1" and record.retrieved_at.tzinfo is not None


def test_fetch_pdf_by_type_and_by_sniffing(web_site, fetcher, text_pdf):
    pdf = text_pdf(["Arnor and Gondor held talks."])
    web_site.route("/a.pdf", pdf, content_type="application/pdf")
    web_site.route("/download", pdf, content_type="application/octet-stream")
    f = fetcher()
    assert f.fetch(web_site.url("/a.pdf")).kind == "pdf"
    assert f.fetch(web_site.url("/download")).kind == "pdf"


def test_fetch_follows_redirects_and_records_each_hop(web_site, fetcher):
    web_site.route("/old", status=301, headers={"Location": "/middle"})
    web_site.route("/middle", status=307, headers={"Location": web_site.url("/page.html")})
    web_site.route("/page.html", PAGE)
    record = fetcher().fetch(web_site.url("/old"))
    assert record.final_url == web_site.url("/page.html")
    assert record.redirects == (web_site.url("/middle"), web_site.url("/page.html"))


@pytest.mark.parametrize(
    ("routes", "message"),
    [
        ({"/a": "/b", "/b": "/a"}, "redirect loop back to"),
        ({f"/r{i}": f"/r{i + 1}" for i in range(8)}, "more than 5 redirects (fetch_max_redirects)"),
        ({"/a": "ftp://127.0.0.1/file"}, "scheme 'ftp' is not fetched"),
    ],
    ids=["loop", "too-many", "scheme"],
)
def test_fetch_bad_redirects_fail_with_a_reason(web_site, fetcher, routes, message):
    for path, location in routes.items():
        web_site.route(path, status=302, headers={"Location": location})
    first = next(iter(routes))
    with pytest.raises(FetchError, match=re.escape(message)):
        fetcher().fetch(web_site.url(first))


# --- limits ------------------------------------------------------------------------------


def test_fetch_refuses_a_declared_size_over_the_limit_before_reading(web_site, fetcher):
    web_site.route("/big", b"small body", length=50 * 1024 * 1024)
    with pytest.raises(InputTooLargeError, match=r"declares 50\.0 MB, over the 1 MB limit"):
        fetcher(settings={"max_input_mb": 1}).fetch(web_site.url("/big"))


def test_fetch_stops_reading_a_body_over_the_limit(web_site, fetcher):
    web_site.route("/big", b"a" * (1536 * 1024), content_type="text/plain", length=False)
    with pytest.raises(InputTooLargeError, match=r"the response is over the 1 MB limit"):
        fetcher(settings={"max_input_mb": 1}).fetch(web_site.url("/big"))


def test_fetch_read_time_limit(web_site, fetcher):
    web_site.route("/slow", PAGE, delay=1.5)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"no response within 0\.5 s \(fetch_read_timeout\)"):
        fetcher().fetch(web_site.url("/slow"))
    assert time.monotonic() - started < 1.4


def test_fetch_total_time_limit_cuts_off_a_dripping_body(web_site, fetcher):
    web_site.route("/drip", PAGE * 4, drip=0.2)  # 20 chunks, 4 s in all, each within 0.5 s
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"took longer than 1\.5 s \(fetch_total_timeout\)"):
        fetcher().fetch(web_site.url("/drip"))
    assert time.monotonic() - started < 3


# --- retries -----------------------------------------------------------------------------


@pytest.mark.parametrize("retry_after", ["1", "Thu, 01 Jan 1970 00:00:00 GMT"])
def test_fetch_retries_429_honouring_retry_after(web_site, fetcher, retry_after):
    web_site.route(
        "/busy",
        answers=[
            {"status": 429, "headers": {"Retry-After": retry_after}, "body": b"slow down"},
            {"body": PAGE},
        ],
    )
    sleeps = Sleeps()
    record = fetcher(sleep=sleeps).fetch(web_site.url("/busy"))
    assert record.status == 200 and web_site.hits("/busy") == 2
    assert sleeps == [1.0 if retry_after == "1" else 0.0]


def test_fetch_gives_up_when_retry_after_is_too_long(web_site, fetcher):
    web_site.route("/busy", status=503, headers={"Retry-After": "3600"})
    with pytest.raises(FetchError, match="retry after 3600 s, longer than fetch_max_wait_seconds"):
        fetcher(sleep=Sleeps()).fetch(web_site.url("/busy"))
    assert web_site.hits("/busy") == 1


def test_fetch_backs_off_on_5xx_then_fails(web_site, fetcher):
    web_site.route("/down", status=503, body=b"down")
    sleeps = Sleeps()
    with pytest.raises(FetchError, match=r"HTTP 503 Service Unavailable after 3 attempts") as err:
        fetcher(sleep=sleeps).fetch(web_site.url("/down"))
    assert err.value.status == 503
    assert web_site.hits("/down") == 3 and sleeps == [0.01, 0.02]


@pytest.mark.parametrize("status", [404, 410, 403])
def test_fetch_client_errors_are_not_retried(web_site, fetcher, status):
    web_site.route("/x", status=status, body=b"no")
    with pytest.raises(FetchError, match=rf"^.*: HTTP {status} "):
        fetcher(sleep=Sleeps()).fetch(web_site.url("/x"))
    assert web_site.hits("/x") == 1


# --- robots.txt --------------------------------------------------------------------------


def test_fetch_obeys_robots_txt_unless_told_not_to(web_site, fetcher):
    web_site.route("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    web_site.route("/private/page.html", PAGE)
    web_site.route("/page.html", PAGE)
    f = fetcher()
    assert f.fetch(web_site.url("/page.html")).status == 200
    with pytest.raises(RefusedURLError, match="robots.txt of 127.0.0.1 disallows this path"):
        f.fetch(web_site.url("/private/page.html"))
    assert fetcher(respect_robots=False).fetch(web_site.url("/private/page.html")).status == 200
    assert web_site.hits("/robots.txt") == 1  # read once per host and fetcher


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (500, False)])
def test_fetch_missing_robots_allows_unreachable_robots_forbids(web_site, fetcher, status, allowed):
    web_site.route("/robots.txt", status=status, body=b"")
    web_site.route("/page.html", PAGE)
    f = fetcher(sleep=Sleeps())
    if allowed:
        assert f.fetch(web_site.url("/page.html")).status == 200
    else:
        with pytest.raises(RefusedURLError, match="robots.txt"):
            f.fetch(web_site.url("/page.html"))


# --- content types, politeness, conditional requests --------------------------------------


@pytest.mark.parametrize(
    ("content_type", "body", "accepted"),
    [
        ("image/png", b"\x89PNG\r\n", False),
        ("application/json", b"{}", False),
        ("text/plain; charset=utf-8", b"Arnor and Gondor held talks.", True),
        ("text/plain", b"<!DOCTYPE html><html><body>x</body></html>", True),
        (None, b"<html><body>x</body></html>", True),
    ],
)
def test_fetch_content_type_checks(web_site, fetcher, content_type, body, accepted):
    web_site.route("/x", body, content_type=content_type)
    f = fetcher()
    if accepted:
        assert f.fetch(web_site.url("/x")).kind in ("html", "text")
    else:
        with pytest.raises(
            UnsupportedInputError, match=r"content type .* is not HTML, PDF or text"
        ):
            f.fetch(web_site.url("/x"))


def test_fetch_feed_types_are_their_own(web_site, fetcher):
    web_site.route("/feed", "<rss version='2.0'></rss>", content_type="application/rss+xml")
    web_site.route("/page.html", PAGE)
    f = fetcher()
    assert f.fetch(web_site.url("/feed"), accept=FEED_TYPES).kind == "feed"
    with pytest.raises(UnsupportedInputError, match="is not an RSS or Atom feed"):
        f.fetch(web_site.url("/page.html"), accept=FEED_TYPES)
    with pytest.raises(
        UnsupportedInputError, match="it is a feed: watch it with `mildip watch URL`"
    ):
        f.fetch(web_site.url("/feed"))


def test_fetch_waits_between_requests_to_one_host(web_site, fetcher):
    web_site.route("/page.html", PAGE)
    sleeps, now = Sleeps(), [100.0]
    f = fetcher(settings={"fetch_host_delay_seconds": 2.0}, sleep=sleeps, clock=lambda: now[0])
    f.fetch(web_site.url("/page.html"))
    now[0] += 0.5
    f.fetch(web_site.url("/page.html"))
    assert sleeps == [2.0, 1.5]  # after robots.txt, then after the first page


def test_fetch_conditional_request_gets_not_modified(web_site, fetcher):
    web_site.route("/page.html", PAGE, etag='"v1"')
    f = fetcher()
    first = f.fetch(web_site.url("/page.html"))
    again = f.fetch(web_site.url("/page.html"), etag=first.header("etag"))
    assert again.not_modified and again.body == b"" and again.kind is None
    assert web_site.requests[-1][1]["If-None-Match"] == '"v1"'


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (b"%PDF-1.4", "pdf"),
        (b"\xef\xbb\xbf<!doctype html>", "html"),
        (b"<?xml?><rss>", "feed"),
        (b"hi", None),
    ],
)
def test_fetch_sniff_kind(body, kind):
    assert sniff_kind(body) == kind


# --- HTTPS ---------------------------------------------------------------------------------


def test_fetch_https_checks_the_certificate_of_the_name_not_the_address(tls_site, fetch_settings):
    from conftest import _loopback_transport, _test_resolver

    site, context = tls_site
    site.route("/page.html", PAGE)
    transport = _loopback_transport(site.port, verify=context)
    with Fetcher(fetch_settings, resolver=_test_resolver, transport=transport) as f:
        record = f.fetch(f"https://news.ministry.test:{site.port}/page.html")
        assert record.status == 200 and record.body == PAGE.encode()
        with pytest.raises(FetchError, match="TLS failed: .*CERTIFICATE_VERIFY_FAILED") as failed:
            f.fetch(
                f"https://other.ministry.test:{site.port}/page.html"
            )  # same address, other name
        assert "attempts" not in failed.value.reason  # a bad certificate is not retried
