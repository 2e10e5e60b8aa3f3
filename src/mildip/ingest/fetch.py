"""Fetching URLs with httpx, carefully: what ``mildip ingest URL`` and ``mildip watch`` use.

:class:`Fetcher` (``with Fetcher(settings) as f: record = f.fetch(url)``) returns a
:class:`FetchRecord` - the bytes and how they were obtained - or raises an
``IngestError`` subclass whose ``reason`` is one line. What it does, per URL:

* only ``http`` and ``https``; a clear ``User-Agent`` (``settings.fetch_user_agent``);
  no proxies or credentials from the environment;
* **robots.txt** of each host is read once (RFC 9309, :mod:`mildip.ingest.robots`)
  and obeyed, unless ``respect_robots`` is off (``--ignore-robots``);
* **addresses**: the host is resolved and every address must be public unless
  ``allow_private`` (:mod:`mildip.ingest.addresses`); the request goes to the checked
  address (``Host`` header and TLS server name keep the real name), so DNS cannot
  answer differently between the check and the connection;
* **redirects** are followed by hand, at most ``fetch_max_redirects``, and every hop
  is checked again (scheme, robots.txt, address);
* **time limits**: ``fetch_connect_timeout``, ``fetch_read_timeout`` (each read), and
  ``fetch_total_timeout`` for the whole response (a server dripping bytes is cut off);
* **size limit**: ``max_input_mb``, from ``Content-Length`` before reading and from the
  bytes actually received (after decompression) while reading;
* **content type**: HTML, PDF or text for documents; RSS, Atom or XML for feeds; a
  missing or generic type is sniffed from the first bytes;
* **retries** on 429 and 5xx answers and on dropped connections, at most
  ``fetch_retries``, waiting ``Retry-After`` when the server gives it (up to
  ``fetch_max_wait_seconds``; a longer wait fails the URL) and otherwise
  ``fetch_backoff_seconds`` doubled each time;
* **politeness**: at least ``fetch_host_delay_seconds`` between two requests to a host.

``sleep`` and ``clock`` are parameters so tests can run without waiting; ``resolver``
and ``transport`` let tests point names at a local server.
"""

from __future__ import annotations

import hashlib
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Self
from urllib.parse import urljoin

import httpx

from mildip._exceptions import (
    FetchError,
    InputTooLargeError,
    RefusedURLError,
    UnsupportedInputError,
)
from mildip._version import __version__
from mildip.ingest import http_headers
from mildip.ingest.addresses import Resolver, checked_address
from mildip.ingest.robots import ALLOW_ALL, DISALLOW_ALL, MAX_ROBOTS_BYTES, Robots, parse_robots
from mildip.ingest.urls import FETCH_SCHEMES
from mildip.settings import Settings

MEGABYTE = 1024 * 1024
RETRY_STATUSES: frozenset[int] = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES: frozenset[int] = frozenset({301, 302, 303, 307, 308})

DOCUMENT_TYPES: Mapping[str, str] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "text/plain": "text",
    "text/markdown": "text",
}
"""Media types accepted for documents → the reader that takes them."""
FEED_TYPES: Mapping[str, str] = {
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
}
"""Media types accepted for feeds."""
GENERIC_TYPES = frozenset(
    {"application/octet-stream", "binary/octet-stream", "application/x-download"}
)


@dataclass(frozen=True)
class FetchRecord:
    """The bytes of one fetched URL and how they came: kept with the document, so it
    can be read again without the network.

    ``url`` is what was asked for, ``final_url`` where the bytes came from after
    redirects (``redirects`` lists the hops in between); ``headers`` are the final
    response's, in order; ``kind`` is ``html``, ``pdf``, ``text`` or ``feed``
    (None for a 304 answer, whose ``body`` is empty).
    """

    url: str
    final_url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    retrieved_at: datetime
    body: bytes
    media_type: str | None
    charset: str | None
    kind: str | None
    redirects: tuple[str, ...] = ()

    @property
    def sha256(self) -> str:
        """SHA-256 hex digest of ``body``."""
        return hashlib.sha256(self.body).hexdigest()

    def header(self, name: str) -> str | None:
        """The first value of header ``name`` (any case), or None."""
        low = name.lower()
        return next((v for k, v in self.headers if k.lower() == low), None)

    @property
    def not_modified(self) -> bool:
        """True for a 304 answer to a conditional request."""
        return self.status == 304


@dataclass
class _Limits:
    connect: float
    read: float
    total: float
    max_bytes: int


def sniff_kind(body: bytes) -> str | None:
    """``pdf``, ``html`` or ``feed`` from a body's first bytes, or None."""
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")):
        return "feed" if (b"<rss" in head or b"<feed" in head or b"<rdf" in head) else None
    return None


def kind_for(media: str | None, body: bytes, accept: Mapping[str, str]) -> str | None:
    """The reader for a body: its declared type when accepted (a ``text/plain`` body
    that is plainly HTML is read as HTML), else, for a missing or generic type, what
    the bytes look like."""
    sniffed = sniff_kind(body)
    if media in accept:
        if accept[media] == "text" and sniffed == "html":
            return "html"
        return accept[media]
    if media is None or media in GENERIC_TYPES:
        return sniffed if sniffed in set(accept.values()) else None
    return None


@dataclass
class Fetcher:
    """A polite, guarded HTTP client for one command (see the module docstring).

    ``allow_private`` and ``respect_robots`` default to the settings of the same name.
    Use it as a context manager, or call :meth:`close`.
    """

    settings: Settings
    allow_private: bool | None = None
    respect_robots: bool | None = None
    resolver: Resolver | None = None
    transport: httpx.BaseTransport | None = None
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _robots: dict[str, Robots] = field(default_factory=dict, init=False, repr=False)
    _last_request: dict[str, float] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        s = self.settings
        if self.allow_private is None:
            self.allow_private = s.allow_private
        if self.respect_robots is None:
            self.respect_robots = s.respect_robots
        self.user_agent = s.fetch_user_agent.replace("{version}", __version__)
        self._limits = _Limits(
            s.fetch_connect_timeout,
            s.fetch_read_timeout,
            s.fetch_total_timeout,
            s.max_input_mb * MEGABYTE,
        )
        self._clients: dict[tuple[str, str], httpx.Client] = {}

    def _client_for(self, target: httpx.URL) -> httpx.Client:
        """One client (connection pool) per scheme and host name: requests go to an IP
        address, and two names served from one address (a CDN) must not share a
        connection opened with the other's TLS server name. A test transport is shared."""
        key = ("", "") if self.transport is not None else (target.scheme, target.host)
        if key not in self._clients:
            s = self.settings
            self._clients[key] = httpx.Client(
                transport=self.transport or httpx.HTTPTransport(trust_env=False),
                trust_env=False,
                follow_redirects=False,
                headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"},
                timeout=httpx.Timeout(
                    connect=s.fetch_connect_timeout,
                    read=s.fetch_read_timeout,
                    write=s.fetch_read_timeout,
                    pool=s.fetch_connect_timeout,
                ),
            )
        return self._clients[key]

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections."""
        for client in self._clients.values():
            client.close()
        self._clients.clear()

    # public

    def fetch(
        self,
        url: str,
        accept: Mapping[str, str] = DOCUMENT_TYPES,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchRecord:
        """Fetch ``url`` following redirects; ``etag``/``last_modified`` make the request
        conditional (a 304 answer comes back as a record with ``not_modified``).

        Raises RefusedURLError, FetchError, InputTooLargeError or UnsupportedInputError
        (content type), each with the original ``url`` as ``source``.
        """
        conditional = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        return self._follow(url, accept, conditional, self._limits.max_bytes, robots=True)

    def fetch_robots_txt(self, url: str) -> Robots:
        """The robots.txt rules for ``url``'s origin that apply to mildip (cached per origin)."""
        return self._robots_for(self._parse(url, url, ""))

    # redirects, robots

    def _follow(
        self,
        url: str,
        accept: Mapping[str, str] | None,
        extra: dict[str, str],
        max_bytes: int,
        robots: bool,
        truncate: bool = False,
    ) -> FetchRecord:
        current, hops = url, []
        for _ in range(self.settings.fetch_max_redirects + 1):
            where = "" if not hops else f"redirected to {current}: "
            target = self._parse(url, current, where)
            port = target.port or (443 if target.scheme == "https" else 80)
            address, why = checked_address(
                target.host, port, bool(self.allow_private), self.resolver
            )
            if address is None:
                raise RefusedURLError(url, f"{where}{why}")
            if (
                robots
                and self.respect_robots
                and not self._robots_for(target).allows(target.raw_path.decode("ascii", "replace"))
            ):
                raise RefusedURLError(
                    url,
                    f"{where}robots.txt of {target.host} disallows this path for mildip "
                    "(pass --ignore-robots to fetch it anyway)",
                )
            status, headers, body = self._get(
                url, target, address, extra, (max_bytes, truncate), where
            )
            if status in REDIRECT_STATUSES:
                location = next((v for k, v in headers if k.lower() == "location"), None)
                if not location:
                    raise FetchError(
                        url, f"{where}HTTP {status} redirect without a Location", status
                    )
                nxt = urljoin(current, location.strip()).split("#", 1)[0]
                if nxt in hops or nxt == url:
                    raise FetchError(url, f"{where}redirect loop back to {nxt}", status)
                hops.append(nxt)
                current = nxt
                continue
            return self._record(url, current, hops, status, headers, body, accept, where)
        raise FetchError(
            url, f"more than {self.settings.fetch_max_redirects} redirects (fetch_max_redirects)"
        )

    def _parse(self, source: str, url: str, where: str) -> httpx.URL:
        try:
            target = httpx.URL(url)
        except (httpx.InvalidURL, TypeError, ValueError) as exc:
            raise RefusedURLError(source, f"{where}not a valid URL ({exc})") from None
        if target.scheme not in FETCH_SCHEMES:
            raise RefusedURLError(
                source,
                f"{where}scheme {target.scheme or '(none)'!r} is not fetched; use http or https",
            )
        if not target.host:
            raise RefusedURLError(source, f"{where}the URL has no host")
        return target

    def _robots_for(self, target: httpx.URL) -> Robots:
        origin = f"{target.scheme}://{target.netloc.decode('ascii', 'replace')}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(f"{origin}/robots.txt")
        return self._robots[origin]

    def _read_robots(self, url: str) -> Robots:
        """RFC 9309 §2.3.1: 2xx → the rules; 4xx → allow all; 5xx or no answer → disallow all."""
        try:
            record = self._follow(url, None, {}, MAX_ROBOTS_BYTES, robots=False, truncate=True)
        except FetchError as exc:
            missing = exc.status is not None and 400 <= exc.status < 500 and exc.status != 429
            return ALLOW_ALL if missing else DISALLOW_ALL
        return parse_robots(record.body.decode("utf-8", "replace"))

    # one request, with retries

    def _get(
        self,
        source: str,
        target: httpx.URL,
        address: str,
        extra: dict[str, str],
        budget: tuple[int, bool],
        where: str,
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        attempts = max(0, self.settings.fetch_retries) + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            self._wait_turn(target.host)
            try:
                status, headers, body = self._once(target, address, extra, budget, source, where)
            except _Transient as exc:
                if last:
                    raise FetchError(source, f"{where}{exc} (after {attempts} attempts)") from None
                self.sleep(self._backoff(attempt))
                continue
            if status in RETRY_STATUSES and not last:
                wait = http_headers.retry_after(
                    next((v for k, v in headers if k.lower() == "retry-after"), None)
                )
                if wait is not None and wait > self.settings.fetch_max_wait_seconds:
                    raise FetchError(
                        source,
                        f"{where}HTTP {status}; the server asks to retry after {wait:.0f} s, "
                        f"longer than fetch_max_wait_seconds = "
                        f"{self.settings.fetch_max_wait_seconds:g}",
                        status,
                    )
                self.sleep(wait if wait is not None else self._backoff(attempt))
                continue
            if status in REDIRECT_STATUSES or status == 304 or 200 <= status < 300:
                return status, headers, body
            tries = f" after {attempts} attempts" if status in RETRY_STATUSES else ""
            raise FetchError(
                source, f"{where}HTTP {status} {_phrase(status)}{tries}".rstrip(), status
            )
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _backoff(self, attempt: int) -> float:
        wait = self.settings.fetch_backoff_seconds * (2**attempt)
        return min(wait, self.settings.fetch_max_wait_seconds)

    def _wait_turn(self, host: str) -> None:
        delay = self.settings.fetch_host_delay_seconds
        last = self._last_request.get(host)
        if last is not None and delay > 0:
            remaining = delay - (self.clock() - last)
            if remaining > 0:
                self.sleep(remaining)
        self._last_request[host] = self.clock()

    def _once(
        self,
        target: httpx.URL,
        address: str,
        extra: dict[str, str],
        budget: tuple[int, bool],
        source: str,
        where: str,
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        """One GET of ``target`` at ``address``; ``budget`` is (max bytes, truncate
        instead of failing when over)."""
        limits = self._limits
        max_bytes, truncate = budget
        default_port = 443 if target.scheme == "https" else 80
        host_header = target.host if ":" not in target.host else f"[{target.host}]"
        if target.port not in (None, default_port):
            host_header = f"{host_header}:{target.port}"
        extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
        client = self._client_for(target)
        request = client.build_request(
            "GET",
            target.copy_with(host=address),
            headers={"Host": host_header, **extra},
            extensions=extensions,
        )
        deadline = self.clock() + limits.total
        try:
            response = client.send(request, stream=True)
        except httpx.ConnectTimeout:
            raise FetchError(
                source,
                f"{where}could not connect within {limits.connect:g} s (fetch_connect_timeout)",
            ) from None
        except httpx.TimeoutException:
            raise FetchError(
                source, f"{where}no response within {limits.read:g} s (fetch_read_timeout)"
            ) from None
        except (httpx.ConnectError, httpx.ReadError, httpx.RemoteProtocolError) as exc:
            if _tls_failure(exc):
                raise FetchError(
                    source, f"{where}TLS failed: {_one_line(exc, 'no detail')}"
                ) from None
            raise _Transient(_one_line(exc, "the connection failed")) from None
        except httpx.HTTPError as exc:
            raise FetchError(source, f"{where}{_one_line(exc, 'the request failed')}") from None
        try:
            headers = [(k, v) for k, v in response.headers.multi_items()]
            if response.status_code >= 300:
                return response.status_code, headers, b""
            declared = http_headers.content_length(response.headers.get("content-length"))
            if declared is not None and declared > max_bytes and not truncate:
                raise InputTooLargeError(
                    source,
                    f"{where}the server declares {declared / MEGABYTE:.1f} MB, over the "
                    f"{max_bytes / MEGABYTE:g} MB limit (max_input_mb)",
                )
            body = self._read(response, budget, deadline, source, where)
            return response.status_code, headers, body
        finally:
            response.close()

    def _read(
        self,
        response: httpx.Response,
        budget: tuple[int, bool],
        deadline: float,
        source: str,
        where: str,
    ) -> bytes:
        max_bytes, truncate = budget
        chunks, size = [], 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    if truncate:
                        chunks.append(chunk[: max_bytes - (size - len(chunk))])
                        break
                    raise InputTooLargeError(
                        source,
                        f"{where}the response is over the {max_bytes / MEGABYTE:g} MB limit "
                        "(max_input_mb)",
                    )
                if self.clock() > deadline:
                    raise FetchError(
                        source,
                        f"{where}the response took longer than {self._limits.total:g} s "
                        "(fetch_total_timeout)",
                    )
                chunks.append(chunk)
        except httpx.TimeoutException:
            raise FetchError(
                source,
                f"{where}the response stalled for more than {self._limits.read:g} s "
                "(fetch_read_timeout)",
            ) from None
        except httpx.DecodingError:
            raise FetchError(source, f"{where}the response's content encoding is broken") from None
        except (httpx.ReadError, httpx.RemoteProtocolError) as exc:
            raise _Transient(_one_line(exc, "the connection broke while reading")) from None
        return b"".join(chunks)

    def _record(
        self,
        url: str,
        final: str,
        hops: list[str],
        status: int,
        headers: list[tuple[str, str]],
        body: bytes,
        accept: Mapping[str, str] | None,
        where: str,
    ) -> FetchRecord:
        content_type = next((v for k, v in headers if k.lower() == "content-type"), None)
        media, charset = http_headers.media_type(content_type)
        kind = None
        if accept is not None and status != 304:
            kind = kind_for(media, body, accept)
            if kind is None:
                wanted = "an RSS or Atom feed" if "feed" in accept.values() else "HTML, PDF or text"
                hint = ""
                if wanted != "an RSS or Atom feed" and kind_for(media, body, FEED_TYPES):
                    hint = "; it is a feed: watch it with `mildip watch URL`"
                raise UnsupportedInputError(
                    url, f"{where}content type {media or '(none)'} is not {wanted}{hint}"
                )
        return FetchRecord(
            url=url,
            final_url=final,
            status=status,
            headers=tuple(headers),
            retrieved_at=datetime.now(UTC),
            body=body,
            media_type=media,
            charset=charset,
            kind=kind,
            redirects=tuple(hops),
        )


class _Transient(Exception):
    """A dropped connection: worth another attempt."""


def _tls_failure(exc: BaseException) -> bool:
    """Whether ``exc`` was caused by TLS (a bad certificate is not worth retrying)."""
    seen: BaseException | None = exc
    for _ in range(6):
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _one_line(exc: BaseException, fallback: str) -> str:
    text = " ".join(str(exc).split())
    return text[:300] if text else fallback


def _phrase(status: int) -> str:
    try:
        from http import HTTPStatus

        return HTTPStatus(status).phrase
    except ValueError:
        return ""
