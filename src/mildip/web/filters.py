"""The events page's filters, parsed from the URL in one place.

:func:`parse_events_request` turns query parameters into an :class:`EventsRequest`: the
selection as a :class:`~mildip.analysis.filters.EventFilter` (the one filter of the CLI,
exports, reports and trends, parsed by :meth:`EventFilter.parse
<mildip.analysis.filters.EventFilter.parse>` against a
:class:`~mildip.analysis.filters.FilterContext`), the sort and the page. A bad value is
refused with :class:`QueryError` naming the parameter. Parameters:

``party`` (repeatable, or several in one value: all must take part), ``pair``
(``CHN-USA``: both), ``any_party`` (repeatable: at least one takes part), ``type`` and
``modality`` and ``review`` (repeatable: any of them; no ``review``: every status but
``rejected``), ``since`` / ``until`` (partial dates), ``mechanism`` (a registry id,
name, alias or abbreviation, or part of a name), ``outlet`` (a publisher id), ``doc``
(a document id), ``q`` (words in a quote), ``sort`` (``date``, ``type``,
``mechanism``, ``modality``, ``sources``, ``review``), ``order`` (``asc``/``desc``),
``page``, ``per_page``.

``EventsRequest.params`` is the normalised list of parameters, so links (sorting,
pages, exports) keep the filters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlencode

from mildip._exceptions import FilterError
from mildip.analysis.filters import EventFilter, FilterContext
from mildip.store.repository import EVENT_ORDERS

PER_PAGE: tuple[int, ...] = (25, 50, 100, 200)
DEFAULT_PER_PAGE = 50
FILTER_KEYS = (
    "party",
    "any_party",
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

PARAMETER_OF_OPTION = {
    "--party": "party",
    "--any-party": "any_party",
    "--type": "type",
    "--modality": "modality",
    "--since": "since",
    "--until": "until",
    "--mechanism": "mechanism",
    "--doc": "doc",
    "--outlet": "outlet",
    "--review": "review",
    "--as-of": "as_of",
}
"""The URL parameter of each :class:`~mildip._exceptions.FilterError` option."""


class QueryError(ValueError):
    """A parameter has a value the workbench cannot use; the message names it."""


class Params(Protocol):
    def getlist(self, key: str) -> list[str]: ...


@dataclass(frozen=True)
class EventsRequest:
    selection: EventFilter
    order: str = "date"
    descending: bool = False
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    params: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    """How names were read (``party: read 'china' as CHN (China)``)."""

    @property
    def parties(self) -> tuple[str, ...]:
        """The parties that must all take part (``party`` and ``pair``)."""
        return self.selection.parties

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
        raise QueryError(f"{key} is given {len(values)} times; give it once")
    return values[0] if values else None


def _int(params: Params, key: str, default: int, allowed: Sequence[int] | None = None) -> int:
    value = _one(params, key)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise QueryError(f"{key}={value!r} is not a whole number") from None
    if number < 1 or (allowed and number not in allowed):
        raise QueryError(
            f"{key}={value!r} is not allowed"
            + (f"; choose from {', '.join(map(str, allowed))}" if allowed else "")
        )
    return number


def _split(values: Sequence[str]) -> list[str]:
    return [x for v in values for x in re.split(r"[\s,;]+", v) if x]


def _query_error(exc: FilterError, given: dict[str, list[str]]) -> QueryError:
    """The filter's refusal, named by its URL parameter and the value given there."""
    key = PARAMETER_OF_OPTION.get(exc.option, exc.option.lstrip("-"))
    values = given.get(key, [])
    shown = next((v for v in values if repr(v) in exc.reason), None)
    if shown is None and len(values) == 1:
        shown = values[0]
    return QueryError(f"{key}={shown or ''}: {exc.reason}")


def parse_events_request(params: Params, context: FilterContext | None = None) -> EventsRequest:
    """The request the parameters describe, its filter checked against ``context``
    (party codes and names, documents, mechanisms and outlets; QueryError for a bad one)."""
    parties = _split(_values(params, "party"))
    pair = _one(params, "pair")
    if pair:
        both = [p for p in re.split(r"[-–,\s]+", pair.strip()) if p]
        if len({p.upper() for p in both}) != 2:
            raise QueryError(f"pair={pair!r} must name two parties, e.g. CHN-USA")
        parties += both
    given = {
        "party": parties,
        "any_party": _split(_values(params, "any_party")),
        "type": _values(params, "type"),
        "modality": _values(params, "modality"),
        "review": _values(params, "review"),
    }
    single = {key: _one(params, key) for key in ("since", "until", "mechanism", "outlet", "doc")}
    text = _one(params, "q")
    try:
        parsed = EventFilter.parse(
            party=given["party"],
            any_party=given["any_party"],
            type=given["type"],
            modality=given["modality"],
            review=given["review"],
            text=text,
            context=context,
            **single,
        )
    except FilterError as exc:
        raise _query_error(exc, {**given, **{k: [v] for k, v in single.items() if v}}) from None
    selection = parsed.filter
    order = (_one(params, "sort") or "date").lower()
    if order not in EVENT_ORDERS:
        raise QueryError(f"sort={order!r} is unknown; choose from {', '.join(EVENT_ORDERS)}")
    direction = (_one(params, "order") or "asc").lower()
    if direction not in ("asc", "desc"):
        raise QueryError(f"order={direction!r} must be asc or desc")
    page = _int(params, "page", 1)
    per_page = _int(params, "per_page", DEFAULT_PER_PAGE, PER_PAGE)
    items: list[tuple[str, str]] = [("party", p) for p in selection.parties]
    items += [("any_party", p) for p in selection.any_party]
    items += [("type", t) for t in selection.types]
    for key in ("since", "until", "mechanism"):
        if getattr(selection, key):
            items.append((key, getattr(selection, key)))
    items += [("modality", m) for m in selection.modalities]
    items += [("review", r) for r in selection.review]
    for key in ("outlet", "doc"):
        if getattr(selection, key):
            items.append((key, getattr(selection, key)))
    if selection.text:
        items.append(("q", selection.text))
    if order != "date":
        items.append(("sort", order))
    if direction != "asc":
        items.append(("order", direction))
    if per_page != DEFAULT_PER_PAGE:
        items.append(("per_page", str(per_page)))
    if page != 1:
        items.append(("page", str(page)))
    notes = tuple(
        re.sub(r"^--([a-z-]+):", lambda m: m[1].replace("-", "_") + ":", n) for n in parsed.notes
    )
    return EventsRequest(
        selection=selection,
        order=order,
        descending=direction == "desc",
        page=page,
        per_page=per_page,
        params=tuple(items),
        notes=notes,
    )


def events_request(request) -> EventsRequest:
    """:func:`parse_events_request` of a workbench request's query parameters, checked
    against the app's store (its cached :meth:`~mildip.review.views.OutletIndex.filter_context`)."""
    state = request.app.state
    return parse_events_request(request.query_params, state.outlets.filter_context(state.store))
