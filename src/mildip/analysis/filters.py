"""One event filter for every reader: the CLI, the report, trends, exports and the web workbench.

:class:`EventFilter` is plain data; one instance means the same selection wherever it
is used::

    from mildip.analysis.filters import EventFilter, FilterContext

    parsed = EventFilter.parse(party=["china", "USA"], since="2022-08",
                               context=FilterContext.from_store(store))
    parsed.notes                      # ("--party: read 'china' as CHN (China)",)
    events = parsed.filter.select(store)          # or .apply(events, documents)
    events, total = parsed.filter.page(store, order="date", limit=50)  # one page, in SQL
    parsed.filter.matches(event)                  # one event (everything but as_of)
    parsed.filter.describe()          # "China and United States (events with both); 2022-08 onwards"

The meaning of each field (all given fields must hold):

=================  ============================================================
``parties``        every code is an actor (``--party A --party B``: events with both)
``any_party``      at least one code is an actor (``--any-party A --any-party B``)
``types``          the event type is one of them
``modalities``     the modality is one of them
``since/until``    partial dates; the span of the event's date overlaps the window
                   (:func:`mildip.dates.overlaps`); undated events then drop out
``mechanism``      the text a user typed; the event's mechanism is one of the
                   registry mechanisms it names (``mechanism_ids``: by id, name,
                   alias or abbreviation such as ``DPCT``), or the folded text is
                   part of the event's mechanism name or id
``doc``            the event has evidence in this document
``outlet``         the event has evidence in a document of this outlet (a publisher
                   id; ``outlet_docs``: the ids of its documents, which the caller
                   resolves and gives in :attr:`FilterContext.outlets`)
``text``           one of the event's evidence quotes contains these words
                   (case-insensitive)
``review``         the event's :attr:`~mildip.model.Event.review` is one of them
                   (:data:`~mildip.model.REVIEW_STATES`); when none is given, every
                   status but ``rejected``: **rejected events are left out unless
                   asked for** (``--review rejected``), everywhere this filter is used
``as_of``          only what was known that day (:mod:`mildip.analysis.asof`):
                   needs the documents, so :meth:`apply` / :meth:`select` only
=================  ============================================================

:meth:`EventFilter.store_query` turns every condition but ``as_of`` into the keyword
filters of :meth:`mildip.store.Store.events` / :meth:`~mildip.store.Store.event_page`,
which select exactly the same events in SQL; :meth:`select` and :meth:`page` use it.

:meth:`EventFilter.parse` turns what a user typed into a filter: party names through
the gazetteer (``china`` → ``CHN``, with a note; unknown names refused with
suggestions), dates checked against the calendar, mechanisms through the registry,
document ids against the store. Every refusal is a
:class:`~mildip._exceptions.FilterError` whose ``option`` is the CLI option name
(``--party``); the web workbench maps it to its own field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from mildip._exceptions import FilterError, UnknownPartyError
from mildip.analysis.asof import as_of_day, knowledge_at
from mildip.dates import check_partial, overlaps, sort_key
from mildip.kb.mechanisms import Registry, load_registry
from mildip.kb.parties import party_names, resolve_party
from mildip.kb.text import fold
from mildip.model import EVENT_TYPES, MODALITIES, REVIEW_STATES, Document, Event

if TYPE_CHECKING:
    from mildip.store import Store

SHOWN_REVIEW_STATES: tuple[str, ...] = tuple(s for s in REVIEW_STATES if s != "rejected")
"""The review states a filter keeps when it names none: every state but ``rejected``."""


def _tuple(values: str | Iterable[str] | None) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        return (values,)
    return tuple(values)


def _choose(values: Iterable[str], allowed: Sequence[str], option: str, what: str) -> tuple:
    out = []
    for value in values:
        key = value.strip().lower()
        match = [a for a in allowed if a.lower() == key]
        if not match:
            raise FilterError(option, f"{value!r} is not {what}; choose from {', '.join(allowed)}")
        out.append(match[0])
    return tuple(dict.fromkeys(out))


def _date(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        return check_partial(value)
    except ValueError as exc:
        raise FilterError(option, str(exc)) from None


def _and(words: Sequence[str], joiner: str = "and") -> str:
    if len(words) <= 2:
        return f" {joiner} ".join(words)
    return ", ".join(words[:-1]) + f" {joiner} " + words[-1]


@dataclass(frozen=True)
class FilterContext:
    """What :meth:`EventFilter.parse` checks a user's values against.

    ``parties``: codes found in the data (accepted as they are, besides the
    gazetteer's); ``documents``: stored document ids (None: not checked);
    ``mechanisms``: mechanism names and ids found in the data (None: not checked);
    ``registry``: the mechanism registry (default: the shipped one); ``outlets``: the
    document ids of each outlet (publisher id), which an ``outlet`` must be one of
    (None: no outlet can be asked for).
    """

    parties: frozenset[str] = frozenset()
    documents: frozenset[str] | None = None
    mechanisms: tuple[str, ...] | None = None
    registry: Registry | None = None
    outlets: Mapping[str, tuple[str, ...]] | None = None

    @classmethod
    def from_store(cls, store: Store, registry: Registry | None = None) -> FilterContext:
        """The context of a store: its parties, document ids and mechanism names."""
        return cls(
            parties=frozenset(store.parties()),
            documents=frozenset(store.document_ids()),
            mechanisms=tuple(store.mechanism_names()),
            registry=registry,
        )


@dataclass(frozen=True)
class ParsedFilter:
    """A filter parsed from user input, and the notes on how the input was read."""

    filter: EventFilter
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventFilter:
    """A selection of events (see the module docstring for each field)."""

    parties: tuple[str, ...] = ()
    any_party: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    mechanism: str | None = None
    mechanism_ids: tuple[str, ...] = ()
    mechanism_names: tuple[str, ...] = field(default=(), repr=False)
    doc: str | None = None
    outlet: str | None = None
    outlet_docs: tuple[str, ...] = ()
    text: str | None = None
    review: tuple[str, ...] = ()
    as_of: date | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "parties", tuple(dict.fromkeys(p.upper() for p in _tuple(self.parties))))
        set_(self, "any_party", tuple(dict.fromkeys(p.upper() for p in _tuple(self.any_party))))
        set_(self, "types", _choose(_tuple(self.types), EVENT_TYPES, "--type", "an event type"))
        set_(
            self,
            "modalities",
            _choose(_tuple(self.modalities), MODALITIES, "--modality", "a modality"),
        )
        set_(
            self,
            "review",
            _choose(_tuple(self.review), REVIEW_STATES, "--review", "a review status"),
        )
        set_(self, "outlet_docs", tuple(sorted(set(_tuple(self.outlet_docs)))))
        set_(self, "text", (self.text or "").strip() or None)
        set_(self, "since", _date(self.since, "--since"))
        set_(self, "until", _date(self.until, "--until"))
        if self.since and self.until and sort_key(self.since) > sort_key(self.until):
            raise FilterError("--since", f"{self.since} is after --until {self.until}")
        if isinstance(self.as_of, str):
            set_(self, "as_of", as_of_day(_date(self.as_of, "--as-of")))
        set_(self, "mechanism_ids", _tuple(self.mechanism_ids))
        set_(self, "mechanism_names", tuple(fold(n) for n in _tuple(self.mechanism_names)))

    # --- building --------------------------------------------------------------------

    @classmethod
    def parse(
        cls,
        *,
        party: Iterable[str] = (),
        any_party: Iterable[str] = (),
        type: Iterable[str] = (),  # noqa: A002 - the option's name
        modality: Iterable[str] = (),
        since: str | None = None,
        until: str | None = None,
        mechanism: str | None = None,
        doc: str | None = None,
        outlet: str | None = None,
        text: str | None = None,
        review: Iterable[str] = (),
        as_of: str | date | None = None,
        context: FilterContext | None = None,
    ) -> ParsedFilter:
        """A filter from what a user typed, checked against ``context`` (FilterError on a bad value)."""
        context = context or FilterContext()
        notes: list[str] = []
        resolved: dict[str, list[str]] = {"--party": [], "--any-party": []}
        for option, values in (("--party", party), ("--any-party", any_party)):
            for value in _tuple(values):
                try:
                    match = resolve_party(value, context.parties)
                except UnknownPartyError as exc:
                    raise FilterError(option, str(exc)) from None
                resolved[option].append(match.code)
                if match.note:
                    notes.append(f"{option}: {match.note}")
        ids: tuple[str, ...] = ()
        names: tuple[str, ...] = ()
        if mechanism is not None:
            ids, names = _resolve_mechanism(mechanism, context)
        if doc is not None and context.documents is not None and doc not in context.documents:
            close = [
                d
                for d, score, _ in process.extract(doc, sorted(context.documents), limit=3)
                if score >= 60
            ]
            hint = f"; close ids: {', '.join(close)}" if close else ""
            raise FilterError(
                "--doc", f"no document {doc!r} in the store{hint} (list them with `mildip events`)"
            )
        outlet_docs: tuple[str, ...] = ()
        if outlet is not None:
            known = context.outlets or {}
            if outlet not in known:
                choices = ", ".join(sorted(known)) or "none: no stored document names its outlet"
                raise FilterError(
                    "--outlet", f"{outlet!r} is not a known outlet; choose from {choices}"
                )
            outlet_docs = tuple(known[outlet])
        day = None
        if as_of is not None:
            day = as_of if isinstance(as_of, date) else as_of_day(_date(as_of, "--as-of"))
        built = cls(
            parties=tuple(resolved["--party"]),
            any_party=tuple(resolved["--any-party"]),
            types=_tuple(type),
            modalities=_tuple(modality),
            since=since,
            until=until,
            mechanism=mechanism,
            mechanism_ids=ids,
            mechanism_names=names,
            doc=doc,
            outlet=outlet,
            outlet_docs=outlet_docs,
            text=text,
            review=_tuple(review),
            as_of=day,
        )
        return ParsedFilter(built, tuple(notes))

    def with_(self, **changes: Any) -> EventFilter:
        """A copy with ``changes`` applied."""
        return replace(self, **changes)

    def without_parties(self) -> EventFilter:
        """The same filter with no party condition (the report's comparison context)."""
        return replace(self, parties=(), any_party=())

    # --- selecting -------------------------------------------------------------------

    def matches(self, event: Event) -> bool:
        """True when ``event`` meets every condition except ``as_of`` (which needs documents)."""
        actors = set(event.actors)
        if not set(self.parties) <= actors:
            return False
        if self.any_party and not actors & set(self.any_party):
            return False
        if self.types and event.type not in self.types:
            return False
        if self.modalities and event.modality not in self.modalities:
            return False
        if not overlaps(event.date, self.since, self.until):
            return False
        if self.doc is not None and self.doc not in event.docs:
            return False
        if self.outlet is not None and not set(event.docs) & set(self.outlet_docs):
            return False
        if self.text is not None:
            needle = self.text.lower()
            if not any(needle in e.quote.lower() for e in event.evidence):
                return False
        if event.review not in (self.review or SHOWN_REVIEW_STATES):
            return False
        if self.mechanism is None:
            return True
        return self._name_matches(event.mechanism) or self._id_matches(event.mechanism_id)

    def _name_matches(self, name: str | None) -> bool:
        """The mechanism condition on an event's mechanism name."""
        folded = fold(name or "")
        needle = fold(self.mechanism or "")
        return bool(folded) and (
            folded in self.mechanism_names or bool(needle) and needle in folded
        )

    def _id_matches(self, mechanism_id: str | None) -> bool:
        """The mechanism condition on an event's mechanism id."""
        if not mechanism_id:
            return False
        needle = fold(self.mechanism or "")
        return mechanism_id in self.mechanism_ids or bool(needle) and needle in fold(mechanism_id)

    def apply(
        self, events: Iterable[Event], documents: Iterable[Document] | None = None
    ) -> list[Event]:
        """The events that match, sorted by (date, type, id); with ``as_of``, as known that day.

        ``as_of`` without ``documents`` checks only the events' dates (publication
        dates unknown); pass the documents for a true as-of view.
        """
        chosen = [e for e in events if self.matches(e)]
        if self.as_of is not None:
            chosen = list(knowledge_at(chosen, documents, self.as_of).events)
        return sorted(chosen, key=lambda e: (sort_key(e.date), e.type, e.event_id))

    def documents(self, documents: Iterable[Document]) -> list[Document]:
        """The documents an answer under this filter may use (published by ``as_of``)."""
        documents = list(documents)
        if self.as_of is None:
            return documents
        return list(knowledge_at((), documents, self.as_of).documents)

    def store_query(self, store: Store) -> dict[str, Any]:
        """The keyword filters of :meth:`Store.events` that select exactly the events this
        filter matches (every condition but ``as_of``).

        The mechanism condition becomes the stored mechanism names and ids it matches
        (read from ``store``), so SQL needs no text folding.
        """
        query: dict[str, Any] = {
            "party": list(self.parties) or None,
            "any_party": list(self.any_party) or None,
            "type": list(self.types) or None,
            "modality": list(self.modalities) or None,
            "since": self.since,
            "until": self.until,
            "doc": self.doc,
            "docs": list(self.outlet_docs) if self.outlet is not None else None,
            "text": self.text,
            "review": list(self.review) or None,
        }
        if self.mechanism is not None:
            names, ids = store.mechanism_values()
            query["mechanism_in"] = (
                [n for n in names if self._name_matches(n)],
                [i for i in ids if self._id_matches(i)],
            )
        return {k: v for k, v in query.items() if v is not None}

    def select(self, store: Store) -> list[Event]:
        """The matching resolved events of ``store``, sorted by (date, type, id)."""
        events = store.events(**self.store_query(store))
        documents = store.documents() if self.as_of is not None else None
        return self.apply(events, documents)

    def page(
        self,
        store: Store,
        *,
        order: str = "date",
        descending: bool = False,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[Event], int]:
        """One page of the matching events sorted in SQL (:meth:`Store.event_page`), and
        how many match in all. An ``as_of`` filter has no page (ValueError): use
        :meth:`select`."""
        if self.as_of is not None:
            raise ValueError("an as-of selection needs the documents: use select(), not page()")
        return store.event_page(
            order=order,
            descending=descending,
            limit=limit,
            offset=offset,
            **self.store_query(store),
        )

    # --- describing ------------------------------------------------------------------

    @property
    def named_parties(self) -> tuple[str, ...]:
        """Every party the filter names, ``parties`` first (the report's focus is the first)."""
        return tuple(dict.fromkeys((*self.parties, *self.any_party)))

    def party_phrase(self) -> str | None:
        """``"China and United States (events with both)"``, or None without a party condition."""
        names = party_names()
        parts = []
        if self.parties:
            words = [names.get(p, p) for p in self.parties]
            kind = {1: "", 2: " (events with both)"}.get(len(words), " (events with all of them)")
            parts.append(_and(words) + kind)
        if self.any_party:
            words = [names.get(p, p) for p in self.any_party]
            kind = " (events with either)" if len(words) == 2 else " (events with any of them)"
            parts.append(_and(words, "or") + (kind if len(words) > 1 else ""))
        return "; with ".join(parts) if parts else None

    def describe(self) -> str:
        """Every condition in words, ``"; "``-separated (``"all events"`` when there is none)."""
        parts = []
        parties = self.party_phrase()
        if parties:
            parts.append(parties)
        if self.types:
            parts.append(f"types {', '.join(self.types)}")
        if self.modalities:
            parts.append(f"modality {' or '.join(self.modalities)}")
        if self.since and self.until:
            parts.append(f"dated {self.since} to {self.until}")
        elif self.since:
            parts.append(f"dated {self.since} onwards")
        elif self.until:
            parts.append(f"dated up to {self.until}")
        if self.mechanism:
            parts.append(f"mechanism {self.mechanism!r}")
        if self.doc:
            parts.append(f"evidence in document {self.doc}")
        if self.outlet:
            parts.append(f"reported by outlet {self.outlet}")
        if self.text:
            parts.append(f"a quote contains {self.text!r}")
        if self.review:
            parts.append(f"review status {' or '.join(self.review)}")
        if self.as_of:
            parts.append(f"as known on {self.as_of.isoformat()}")
        return "; ".join(parts) if parts else "all events"

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for JSON, the web workbench and report metadata)."""
        return {
            "parties": list(self.parties),
            "any_party": list(self.any_party),
            "types": list(self.types),
            "modalities": list(self.modalities),
            "since": self.since,
            "until": self.until,
            "mechanism": self.mechanism,
            "mechanism_ids": list(self.mechanism_ids),
            "doc": self.doc,
            "outlet": self.outlet,
            "text": self.text,
            "review": list(self.review),
            "as_of": self.as_of.isoformat() if self.as_of else None,
        }


def _resolve_mechanism(
    text: str, context: FilterContext
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(ids, names) of the registry mechanisms ``text`` names; FilterError when nothing could match."""
    registry = context.registry or load_registry()
    found = registry.lookup(text)
    ids = tuple(m.mechanism_id for m in found)
    names = tuple(n for m in found for n in m.names)
    if found or context.mechanisms is None:
        return ids, names
    needle = fold(text)
    if needle and any(needle in fold(m) for m in context.mechanisms):
        return ids, names
    close = registry.suggest(text)
    in_data = [
        m
        for m, score, _ in process.extract(
            needle, list(context.mechanisms), scorer=fuzz.ratio, processor=fold, limit=3
        )
        if score >= 70
    ]
    options = list(dict.fromkeys([*close, *in_data]))[:3]
    hint = f"; did you mean {', '.join(options)}?" if options else ""
    raise FilterError(
        "--mechanism",
        f"{text!r} names no registered mechanism (id, name, alias or abbreviation) and no "
        f"mechanism in the data{hint}",
    )
