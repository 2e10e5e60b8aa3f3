"""URLs as inputs: telling them from paths, their identity, and a document id for them.

* :func:`is_url` - ``"https://..."`` is a URL; ``"corpus/a.txt"`` and ``"C:/x"`` are not.
* :func:`normalise_url` - the identity of a fetched document: scheme and host in
  lower case, the default port and the fragment dropped, an empty path written ``/``.
* :func:`url_doc_id` - a readable, deterministic document id for a URL:
  ``https://www.defense.gov/News/Releases/Release/Article/3624242/`` →
  ``defense.gov-3624242``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

FETCH_SCHEMES: tuple[str, ...] = ("http", "https")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_SLUG = re.compile(r"[^A-Za-z0-9._-]+")
MAX_DOC_ID = 120


def is_url(value: str) -> bool:
    """Whether ``value`` is written as a URL (``scheme://...``) rather than a path."""
    return bool(_SCHEME.match(value))


def normalise_url(url: str) -> str:
    """The canonical form of ``url`` used as a document identity (see module docstring).
    Raises ValueError for a URL without a host."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if not host:
        raise ValueError("the URL has no host")
    try:
        port = parts.port
    except ValueError:
        raise ValueError("the URL's port is not a number from 0 to 65535") from None
    if ":" in host:
        host = f"[{host}]"
    default = {"http": 80, "https": 443}.get(scheme)
    netloc = host if port in (None, default) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def url_doc_id(url: str) -> str:
    """``host-lastsegment`` (``www.`` dropped, the segment's extension dropped, a query
    kept), cut to :data:`MAX_DOC_ID` characters; the host alone for a bare domain."""
    parts = urlsplit(url)
    host = (parts.hostname or "url").lower().removeprefix("www.")
    segments = [s for s in parts.path.split("/") if s]
    last = segments[-1] if segments else ""
    if "." in last and not last.startswith("."):
        last = last.rsplit(".", 1)[0]
    if last in ("index", "default") and len(segments) > 1:
        last = segments[-2]
    if parts.query:
        last = f"{last}-{parts.query}" if last else parts.query
    slug = _SLUG.sub("-", f"{host}-{last}" if last else host).strip("-.")
    return slug[:MAX_DOC_ID].rstrip("-.") or "url"
