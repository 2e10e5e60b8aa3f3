"""RSS and Atom feeds, and news listing pages → the item URLs to fetch.

:func:`parse_feed` reads fetched feed bytes (it never lets feedparser fetch
anything itself: the bytes come from :class:`~mildip.ingest.fetch.Fetcher`, with its
address and robots checks). Each entry with a link becomes a :class:`FeedEntry`:
its absolute URL (relative links are resolved against the feed's final URL), title
and date (``published``, else ``updated``, as a day). Entries repeating a URL are
given once. A body feedparser cannot read as a feed at all is a ``FetchError``.

:func:`index_links` reads a news listing page instead (a ``kind = "index"`` source):
its links to the same host that match a regular expression, in page order, as
entries without title or date.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin

from mildip._exceptions import FetchError
from mildip.ingest.urls import FETCH_SCHEMES, normalise_url


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: where its article is, its title and date (if given)."""

    url: str
    title: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class Feed:
    """A parsed feed: its title and entries in feed order."""

    title: str | None
    entries: tuple[FeedEntry, ...]


def _day(entry) -> date | None:
    for key in ("published_parsed", "updated_parsed"):
        moment = entry.get(key)
        if moment:
            try:
                return date(moment.tm_year, moment.tm_mon, moment.tm_mday)
            except (ValueError, AttributeError):
                continue
    return None


def parse_feed(body: bytes, feed_url: str, content_type: str | None = None) -> Feed:
    """The entries of an RSS or Atom document fetched from ``feed_url``."""
    import feedparser

    headers = {"content-location": feed_url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers)
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = " ".join(str(problem).split())[:200] if problem else "no RSS or Atom elements"
        raise FetchError(feed_url, f"not a readable RSS or Atom feed ({detail})")
    entries, seen = [], set()
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not link and str(entry.get("id", "")).startswith(("http://", "https://")):
            link = entry["id"]
        if not link:
            continue
        url = urljoin(feed_url, link.strip())
        if url.split(":", 1)[0].lower() not in FETCH_SCHEMES:
            continue
        try:
            key = normalise_url(url)
        except ValueError:
            continue
        if key in seen:
            continue
        seen.add(key)
        title = " ".join(str(entry.get("title", "")).split()) or None
        entries.append(FeedEntry(url=url, title=title, published=_day(entry)))
    title = " ".join(str(parsed.feed.get("title", "")).split()) or None
    return Feed(title=title, entries=tuple(entries))


def index_links(body: bytes, page_url: str, pattern: str) -> Feed:
    """The links of an HTML listing page to articles of its host that match ``pattern``."""
    import re
    from urllib.parse import urlsplit

    from lxml import etree, html

    try:
        tree = html.document_fromstring(body)
    except (etree.ParserError, ValueError) as exc:
        raise FetchError(page_url, f"not a readable HTML page ({exc})") from None
    host = urlsplit(page_url).hostname
    wanted = re.compile(pattern)
    entries, seen = [], set()
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href:
            continue
        url = urljoin(page_url, href).split("#", 1)[0]
        parts = urlsplit(url)
        if parts.scheme not in FETCH_SCHEMES or parts.hostname != host or not wanted.search(url):
            continue
        key = normalise_url(url)
        if key in seen or key == normalise_url(page_url):
            continue
        seen.add(key)
        title = " ".join(anchor.text_content().split()) or None
        entries.append(FeedEntry(url=url, title=title))
    title = tree.findtext(".//title")
    return Feed(title=" ".join(title.split()) if title else None, entries=tuple(entries))
