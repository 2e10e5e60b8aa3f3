"""Which party's side a report comes from, by its publication name or URL.

Data: ``mildip/data/publishers.tsv``. A party's government, armed forces and
state-controlled media count as that party's side; independent media, wires and
think tanks have no side.

* :func:`find_publisher` - the :class:`Publisher` a publication string or URL names.
* :func:`source_side` - that publisher's side (a party code) or None.
* :func:`origin_key` - a stable key for a cited source such as ``"FMPRC"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from mildip._exceptions import DataFileError
from mildip.kb.text import fold
from mildip.resources import load_tsv

KINDS: frozenset[str] = frozenset({"government", "military", "state_media", "media", "think_tank"})


@dataclass(frozen=True)
class Publisher:
    publisher_id: str
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    side: str | None
    kind: str


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in (cell or "").split("|") if x.strip())


@lru_cache(maxsize=1)
def load_publishers() -> tuple[Publisher, ...]:
    """Every row of ``publishers.tsv`` (validated once per process)."""
    out = []
    for row in load_tsv("publishers.tsv"):
        pub = Publisher(
            publisher_id=row["publisher_id"] or "",
            name=row["name"] or "",
            aliases=_split(row["aliases"]),
            domains=tuple(d.lower() for d in _split(row["domains"])),
            side=row["side"],
            kind=row["kind"] or "",
        )
        if not (pub.publisher_id and pub.name) or pub.kind not in KINDS:
            raise DataFileError(
                f"publishers.tsv: row {pub.publisher_id or pub.name!r} needs an id, a name and "
                f"a kind in {sorted(KINDS)}"
            )
        out.append(pub)
    return tuple(out)


@lru_cache(maxsize=1)
def _names() -> tuple[tuple[str, Publisher], ...]:
    """(folded name or alias, publisher), longest first."""
    pairs = [(fold(n), p) for p in load_publishers() for n in (p.name, *p.aliases)]
    return tuple(sorted(((n, p) for n, p in pairs if n), key=lambda x: (-len(x[0]), x[0])))


def _by_publication(publication: str) -> Publisher | None:
    text = f" {fold(publication)} "
    hits = [(text.find(f" {name} "), -len(name), pub.publisher_id, pub) for name, pub in _names()]
    hits = [h for h in hits if h[0] >= 0]
    return min(hits, key=lambda h: h[:3])[3] if hits else None


def _by_url(url: str) -> Publisher | None:
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    if not host:
        return None
    best: tuple[int, Publisher] | None = None
    for pub in load_publishers():
        for domain in pub.domains:
            if (host == domain or host.endswith("." + domain)) and (
                best is None or len(domain) > best[0]
            ):
                best = (len(domain), pub)
    return best[1] if best else None


def find_publisher(publication: str | None, url: str | None = None) -> Publisher | None:
    """The publisher named earliest in ``publication`` (the origin comes before a
    "republished by ..." note), else the one whose domain the ``url`` belongs to."""
    found = _by_publication(publication) if publication else None
    if found is None and url:
        found = _by_url(url)
    return found


def source_side(publication: str | None, url: str | None) -> str | None:
    """The party whose outlet published a report (``"CHN"`` for the PRC MND, Xinhua,
    China Military Online ...; ``"USA"`` for DoD, INDOPACOM, DVIDS ...), or None for
    independent media, think tanks and unknown outlets."""
    pub = find_publisher(publication, url)
    return pub.side if pub else None


def origin_key(source: str) -> str:
    """A key naming where a cited report came from: the publisher id when the name is
    known (``"FMPRC"`` → ``"prc-mfa"``), else the folded name itself."""
    pub = find_publisher(source)
    return pub.publisher_id if pub else fold(source)
