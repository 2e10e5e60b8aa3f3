"""Sources files: the feeds and pages ``mildip watch`` polls, with a label and a side.

A sources file is TOML, one ``[[source]]`` table per feed or page::

    [[source]]
    label = "U.S. Department of Defense: releases"
    side = "USA"                  # the party the source speaks for ("" for none)
    kind = "feed"                 # "feed": RSS/Atom, every new item is fetched;
                                  # "index": a news listing page, every new link that
                                  #   matches `links` is fetched;
                                  # "page": the page itself, a new version when it changes
    url = "https://www.defense.gov/..."
    links = "/content_\\d+\\.htm$"  # "index" only: a regular expression searched in
                                  # each absolute link URL of the same host
    publication = "U.S. Department of Defense"   # optional: fills a page without one
    verified = false              # optional (default true): false = not checked to work
    note = "..."                  # optional

:func:`load_sources` reads a file, :func:`shipped_sources` the one shipped in
``mildip/data/sources.toml``, :func:`parse_sources` a text. A malformed file is a
``SourcesFileError`` naming the file and the entry.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from mildip._exceptions import SourcesFileError
from mildip.ingest.urls import FETCH_SCHEMES, normalise_url
from mildip.resources import data_text

SOURCE_KINDS: tuple[str, ...] = ("feed", "index", "page")
SHIPPED = "sources.toml"
_KEYS = frozenset({"label", "side", "kind", "url", "links", "publication", "verified", "note"})
_SIDE = re.compile(r"^[A-Z]{2,5}$")


@dataclass(frozen=True)
class Source:
    """One feed or page to watch."""

    url: str
    kind: str = "feed"
    label: str = ""
    side: str | None = None
    publication: str | None = None
    verified: bool = True
    note: str | None = None
    links: str | None = None
    """For an ``index``: the regular expression an article link must match."""

    @property
    def name(self) -> str:
        """The label, or the URL when there is none."""
        return self.label or self.url


def _entry(table: object, number: int, origin: str) -> Source:
    where = f"{origin}: source {number}"
    if not isinstance(table, dict):
        raise SourcesFileError(f"{where}: each [[source]] must be a table")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise SourcesFileError(f"{where}: unknown key(s) {unknown}; known: {sorted(_KEYS)}")
    url = table.get("url")
    if not isinstance(url, str) or url.split(":", 1)[0].lower() not in FETCH_SCHEMES:
        raise SourcesFileError(f"{where}: 'url' must be an http or https URL, not {url!r}")
    try:
        normalise_url(url)
    except ValueError as exc:
        raise SourcesFileError(f"{where}: 'url' {url!r}: {exc}") from None
    kind = table.get("kind", "feed")
    if kind not in SOURCE_KINDS:
        raise SourcesFileError(f"{where}: 'kind' must be one of {list(SOURCE_KINDS)}, not {kind!r}")
    links = table.get("links")
    if kind == "index":
        if not isinstance(links, str) or not links:
            raise SourcesFileError(f"{where}: an index needs 'links', a regular expression")
        try:
            re.compile(links)
        except re.error as exc:
            raise SourcesFileError(
                f"{where}: 'links' is not a regular expression ({exc})"
            ) from None
    elif links is not None:
        raise SourcesFileError(f"{where}: 'links' is only for kind = \"index\"")
    side = table.get("side") or None
    if side is not None and (not isinstance(side, str) or not _SIDE.match(side)):
        raise SourcesFileError(f"{where}: 'side' must be a party code such as USA, not {side!r}")
    for key in ("label", "publication", "note"):
        if key in table and not isinstance(table[key], str):
            raise SourcesFileError(f"{where}: {key!r} must be a string")
    verified = table.get("verified", True)
    if not isinstance(verified, bool):
        raise SourcesFileError(f"{where}: 'verified' must be true or false")
    return Source(
        url=url,
        kind=kind,
        label=table.get("label", "").strip(),
        side=side,
        publication=table.get("publication") or None,
        verified=verified,
        note=table.get("note") or None,
        links=links,
    )


def parse_sources(text: str, origin: str) -> list[Source]:
    """The sources of a TOML text (``origin`` names it in errors)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesFileError(f"{origin}: not valid TOML ({exc})") from None
    unknown = sorted(set(data) - {"source"})
    if unknown:
        raise SourcesFileError(
            f"{origin}: unknown top-level key(s) {unknown}; use [[source]] tables"
        )
    tables = data.get("source", [])
    if not isinstance(tables, list) or not tables:
        raise SourcesFileError(f"{origin}: no [[source]] tables")
    sources = [_entry(t, i, origin) for i, t in enumerate(tables, start=1)]
    seen: dict[str, int] = {}
    for i, s in enumerate(sources, start=1):
        key = normalise_url(s.url)
        if key in seen:
            raise SourcesFileError(f"{origin}: source {i} repeats the URL of source {seen[key]}")
        seen[key] = i
    return sources


def load_sources(path: str | Path) -> list[Source]:
    """The sources of the TOML file at ``path``."""
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise SourcesFileError(f"sources file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesFileError(f"sources file {path} cannot be read ({exc})") from None
    return parse_sources(text, str(path))


def shipped_sources() -> list[Source]:
    """The sources shipped with mildip (``mildip/data/sources.toml``)."""
    return parse_sources(data_text(SHIPPED), SHIPPED)
