"""The workbench's Jinja2 environment: autoescaping on for every template, so every
text that comes from a document or a user is escaped; :func:`render` adds what every
page needs (the user, the CSRF token, the active section)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse

from mildip import __version__
from mildip.web.auth import CSRF_FIELD, csrf_token, current_user


def _query(items: Any = (), **changes: Any) -> str:
    """``?a=1&b=2`` from (key, value) pairs with ``changes`` replacing keys (None drops)."""
    pairs = [(k, v) for k, v in (items or ()) if k not in changes]
    pairs += [(k, v) for k, v in changes.items() if v is not None]
    return "?" + urlencode(pairs) if pairs else ""


def _path(value: str) -> str:
    """A value made safe as one URL path segment (``/`` kept, for document ids)."""
    return quote(str(value), safe="/~")


def _shown(value: Any) -> str:
    """A history value for people: lists joined, None as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value) or "—"
    return str(value)


def _number(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:+.2f}"
    return str(value)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("mildip.web", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["path"] = _path
    env.filters["signed"] = _number
    env.filters["shown"] = _shown
    env.globals["query"] = _query
    env.globals["version"] = __version__
    return env


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """The template ``name`` rendered with ``context`` plus ``request``, ``user``,
    ``csrf`` (the token) and ``csrf_field`` (its form field name)."""
    template = environment().get_template(name)
    html = template.render(
        request=request,
        user=current_user(request),
        csrf=csrf_token(request),
        csrf_field=CSRF_FIELD,
        **context,
    )
    return HTMLResponse(html, status_code=status_code)
