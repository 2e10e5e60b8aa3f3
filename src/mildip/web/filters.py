"""The events page's filters, parsed from the URL in one place.

:func:`parse_events_request` turns query parameters into an :class:`EventsRequest`
(an :class:`~mildip.review.views.EventQuery` for the store, the sort, the page) and
refuses bad values with :class:`FilterError` naming the parameter. Parameters:

``party`` (repeatable: all must take part), ``pair`` (``CHN-USA``: both), ``type``
and ``modality`` and ``review`` (repeatable: any of them), ``since`` / ``until``
(partial dates), ``mechanism`` (part of its name or id), ``outlet`` (a publisher id),
``doc`` (a document id), ``q`` (words in a quote), ``sort`` (``date``, ``type``,
``mechanism``, ``modality``, ``sources``, ``review``), ``order`` (``asc``/``desc``),
``page``, ``per_page``.

``EventsRequest.params`` is the normalised list of parameters, so links (sorting,
pages, exports) keep the filters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlencode

from mildip.dates import bounds
from mildip.model import EVENT_TYPES, MODALITIES, REVIEW_STATES
from mildip.review.views import EventQuery
from mildip.store.repository import EVENT_ORDERS

PER_PAGE: tuple[int, ...] = (25, 50, 100, 200)
DEFAULT_PER_PAGE = 50
_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,15}$")
FILTER_KEYS = (
    "party",
    "pair",
    "type",
    "since",
    "until",
    "mechanism",
    "modality",
    "review",
    "outlet",
    "doc",
    "q",
)


class FilterError(ValueError):
    """A filter parameter has a value the workbench cannot use; the message names it."""


class Params(Protocol):
    def getlist(self, key: str) -> list[str]: ...


@dataclass(frozen=True)
class EventsRequest:
    query: EventQuery
    order: str = "date"
    descending: bool = False
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    params: tuple[tuple[str, str], ...] = ()
    parties: tuple[str, ...] = field(default=())

    def filter_params(self) -> list[tuple[str, str]]:
        """The filter parameters only (no sort or page)."""
        return [(k, v) for k, v in self.params if k in FILTER_KEYS]

    def url(self, path: str, **changes: str | int | None) -> str:
        """``path`` with these parameters, some replaced (None drops a key)."""
        items = [(k, v) for k, v in self.params if k not in changes]
        items += [(k, str(v)) for k, v in changes.items() if v is not None]
        return f"{path}?{urlencode(items)}" if items else path


def _values(params: Params, key: str) -> list[str]:
    return [v.strip() for v in params.getlist(key) if v and v.strip()]


def _one(params: Params, key: str) -> str | None:
    values = _values(params, key)
    if len(values) > 1:
        raise FilterError(f"{key} is given {len(values)} times; give it once")
    return values[0] if values else None


def _codes(values: Iterable[str], key: str) -> list[str]:
    out = []
    for value in values:
        code = value.upper()
        if not _CODE.match(code):
            raise FilterError(f"{key}={value!r} is not a party code such as CHN or USA")
        out.append(code)
    return out


def _choices(
    values: Sequence[str], allowed: Sequence[str], key: str, upper: bool = False
) -> list[str]:
    chosen = [v.upper() if upper else v.lower() for v in values]
    bad = [v for v in chosen if v not in allowed]
    if bad:
        raise FilterError(f"{key}={bad[0]!r} is unknown; choose from {', '.join(allowed)}")
    return list(dict.fromkeys(chosen))


def _date(params: Params, key: str) -> str | None:
    value = _one(params, key)
    if value is None:
        return None
    try:
        bounds(value)
    except ValueError:
        raise FilterError(f"{key}={value!r} is not YYYY, YYYY-MM or YYYY-MM-DD") from None
    return value


def _int(params: Params, key: str, default: int, allowed: Sequence[int] | None = None) -> int:
    value = _one(params, key)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise FilterError(f"{key}={value!r} is not a whole number") from None
    if number < 1 or (allowed and number not in allowed):
        raise FilterError(
            f"{key}={value!r} is not allowed"
            + (f"; choose from {', '.join(map(str, allowed))}" if allowed else "")
        )
    return number


def parse_events_request(params: Params) -> EventsRequest:
    """The request the parameters describe (FilterError for a bad one)."""
    given = [x for v in _values(params, "party") for x in re.split(r"[\s,;]+", v) if x]
    parties = _codes(given, "party")
    pair = _one(params, "pair")
    if pair:
        both = _codes(re.split(r"[-–,\s]+", pair.strip()), "pair")
        if len(set(both)) != 2:
            raise FilterError(f"pair={pair!r} must name two parties, e.g. CHN-USA")
        parties += both
    parties = list(dict.fromkeys(parties))
    types = _choices(_values(params, "type"), EVENT_TYPES, "type", upper=True)
    modalities = _choices(_values(params, "modality"), MODALITIES, "modality")
    reviews = _choices(_values(params, "review"), REVIEW_STATES, "review")
    filters = {
        "party": parties or None,
        "type": types or None,
        "since": _date(params, "since"),
        "until": _date(params, "until"),
        "mechanism": _one(params, "mechanism"),
        "modality": modalities or None,
        "review": reviews or None,
        "doc": _one(params, "doc"),
        "text": _one(params, "q"),
    }
    order = (_one(params, "sort") or "date").lower()
    if order not in EVENT_ORDERS:
        raise FilterError(f"sort={order!r} is unknown; choose from {', '.join(EVENT_ORDERS)}")
    direction = (_one(params, "order") or "asc").lower()
    if direction not in ("asc", "desc"):
        raise FilterError(f"order={direction!r} must be asc or desc")
    page = _int(params, "page", 1)
    per_page = _int(params, "per_page", DEFAULT_PER_PAGE, PER_PAGE)
    outlet = _one(params, "outlet")
    items: list[tuple[str, str]] = [("party", p) for p in parties]
    items += [("type", t) for t in types]
    for key in ("since", "until", "mechanism"):
        if filters[key]:
            items.append((key, filters[key]))
    items += [("modality", m) for m in modalities]
    items += [("review", r) for r in reviews]
    if outlet:
        items.append(("outlet", outlet))
    if filters["doc"]:
        items.append(("doc", filters["doc"]))
    if filters["text"]:
        items.append(("q", filters["text"]))
    if order != "date":
        items.append(("sort", order))
    if direction != "asc":
        items.append(("order", direction))
    if per_page != DEFAULT_PER_PAGE:
        items.append(("per_page", str(per_page)))
    if page != 1:
        items.append(("page", str(page)))
    return EventsRequest(
        query=EventQuery({k: v for k, v in filters.items() if v is not None}, outlet),
        order=order,
        descending=direction == "desc",
        page=page,
        per_page=per_page,
        params=tuple(items),
        parties=tuple(parties),
    )
