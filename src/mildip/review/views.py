"""What each workbench page shows, as data: one function per page, called by one route.

* :func:`overview` - counts by type and month, latest documents, what awaits review,
  the freeze-out indicator for a pair;
* :func:`event_page` - a filtered, sorted page of events with the outlets and parties
  to filter by; :func:`filtered_events` - the whole filtered set (exports, report);
* :func:`event_dossier` - one event: passages highlighted in their documents, sources,
  participants with their posts on the date, mechanism rounds, proposal thread, history;
* :func:`document_view` - a document with every extraction highlighted;
* :func:`mechanism_board` / :func:`mechanism_view` - the status board as of a date,
  overdue marks, and one mechanism's lifecycle;
* :func:`trends_view` - the comparison of a party against parties and groups, its
  chart and the who-met-whom network;
* :func:`report_html` - the HTML brief for the current filters.

Filters come as an :class:`~mildip.analysis.filters.EventFilter` (the filter of the
CLI, exports, reports and trends), parsed against :meth:`OutletIndex.filter_context`;
every event read here is the reviewed state (rejected events hidden unless the
``review`` filter names them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from mildip.analysis.board import BoardRow, status_board
from mildip.analysis.cadence import OverdueRow, overdue
from mildip.analysis.filters import EventFilter, FilterContext
from mildip.analysis.lifecycle import StateChange, mechanism_history
from mildip.analysis.network import Centrality, centrality, party_graph
from mildip.analysis.trends import Comparison, compare
from mildip.dates import sort_key
from mildip.kb.groups import load_groups
from mildip.kb.mechanisms import Mechanism, load_registry
from mildip.kb.officials import Post, posts_of
from mildip.kb.publishers import Publisher, find_publisher
from mildip.model import Citation, Document, Event, Evidence, Participant
from mildip.resolve.overrides import evidence_anchor
from mildip.review.highlight import Mark, Segment, segments
from mildip.review.history import Change, describe, event_history
from mildip.settings import Settings
from mildip.store import Store
from mildip.store.stats import (
    DocumentInfo,
    document_infos,
    document_months,
    documents_mark,
    event_counts,
    layer_mark,
    party_codes,
)

SAFE_SCHEMES = ("http", "https")


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) URL (documents are untrusted: no ``javascript:``)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in SAFE_SCHEMES else None


@dataclass(frozen=True)
class Outlet:
    publisher_id: str
    name: str
    side: str | None
    documents: tuple[str, ...]


class OutletIndex:
    """Which outlet published each document (cached until the documents change) and
    which parties and mechanisms the events name (cached until the resolved layer
    changes): the filter form's choices and the filter's :class:`FilterContext`, without
    reading every document or event on every page."""

    def __init__(self) -> None:
        self._key: tuple[int, Any] | None = None
        self._outlets: dict[str, Outlet] = {}
        self._by_doc: dict[str, Publisher | None] = {}
        self._layer: tuple[int, list[str], tuple[str, ...]] = (-1, [], ())

    def _refresh_layer(self, store: Store) -> None:
        mark = layer_mark(store)
        if mark != self._layer[0]:
            self._layer = (mark, party_codes(store), tuple(store.mechanism_names()))

    def parties(self, store: Store) -> list[str]:
        """Every party code among the actors of resolved events."""
        self._refresh_layer(store)
        return self._layer[1]

    def filter_context(self, store: Store) -> FilterContext:
        """What a filter from the URL is checked against: the parties, documents,
        mechanisms and outlets of the store."""
        self._refresh(store)
        self._refresh_layer(store)
        return FilterContext(
            parties=frozenset(self._layer[1]),
            documents=frozenset(self._by_doc),
            mechanisms=self._layer[2],
            outlets={pid: o.documents for pid, o in self._outlets.items()},
        )

    def _refresh(self, store: Store) -> None:
        key = documents_mark(store)
        if key == self._key:
            return
        infos = document_infos(store)
        by_doc = {i.doc_id: find_publisher(i.publication, i.url) for i in infos}
        grouped: dict[str, list[str]] = {}
        for doc_id, pub in by_doc.items():
            if pub is not None:
                grouped.setdefault(pub.publisher_id, []).append(doc_id)
        pubs = {p.publisher_id: p for p in by_doc.values() if p is not None}
        self._outlets = {
            pid: Outlet(pid, pubs[pid].name, pubs[pid].side, tuple(sorted(docs)))
            for pid, docs in sorted(grouped.items(), key=lambda kv: pubs[kv[0]].name.lower())
        }
        self._by_doc = by_doc
        self._key = key

    def outlets(self, store: Store) -> list[Outlet]:
        """The outlets of the stored documents, by name."""
        self._refresh(store)
        return list(self._outlets.values())

    def documents_of(self, store: Store, outlet: str) -> tuple[str, ...]:
        """The ids of the documents published by ``outlet`` (empty when unknown)."""
        self._refresh(store)
        found = self._outlets.get(outlet)
        return found.documents if found else ()

    def publisher_of(self, store: Store, doc_id: str) -> Publisher | None:
        self._refresh(store)
        return self._by_doc.get(doc_id)


# --- overview ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FreezeRow:
    group: str
    reference: str
    overall: float
    values: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Overview:
    n_documents: int
    n_events: int
    by_type: list[tuple[str, int]]
    by_month: list[tuple[str, int]]
    documents_by_month: list[tuple[str, int]]
    by_review: dict[str, int]
    latest_documents: list[DocumentInfo]
    awaiting: list[Event]
    awaiting_total: int
    party: str | None
    vs: str | None
    freeze: list[FreezeRow]
    freeze_note: str | None


def _default_pair(store: Store) -> tuple[str | None, str | None]:
    codes = party_codes(store)
    if "CHN" in codes and "USA" in codes:
        return "CHN", "USA"
    return (codes[0], codes[1]) if len(codes) >= 2 else (None, None)


def overview(
    store: Store, settings: Settings, party: str | None = None, vs: str | None = None
) -> Overview:
    """The overview page. The freeze-out indicator compares ``party`` with ``vs`` and with
    every group of allies of ``vs`` (default pair: CHN and USA when present)."""
    by_review = dict(event_counts(store, "review"))
    awaiting, total = store.event_page(review="machine", order="date", descending=True, limit=10)
    if not (party and vs):
        party, vs = _default_pair(store)
    freeze: list[FreezeRow] = []
    note = None
    if party and vs:
        groups = [g.name for g in load_groups(settings).values() if g.allies_of == vs]
        if groups:
            result = compare(
                store.events(party=party),
                store.documents(),
                party=party,
                vs=[vs],
                vs_groups=groups,
                by="year",
                settings=settings,
            )
            freeze = [
                FreezeRow(f.group, f.reference, f.overall, tuple(f.values))
                for f in result.freeze_out
            ]
        else:
            note = f"no group of allies of {vs} is defined, so there is no freeze-out indicator"
    return Overview(
        n_documents=store.count_documents(),
        n_events=sum(n for k, n in by_review.items() if k != "rejected"),
        by_type=event_counts(store, "type"),
        by_month=event_counts(store, "month"),
        documents_by_month=document_months(store),
        by_review=by_review,
        latest_documents=document_infos(store, newest_first=True, limit=8),
        awaiting=awaiting,
        awaiting_total=total,
        party=party,
        vs=vs,
        freeze=freeze,
        freeze_note=note,
    )


# --- events ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventsPage:
    events: list[Event]
    total: int
    page: int
    per_page: int
    outlets: list[Outlet]
    parties: list[str]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def event_page(
    store: Store,
    selection: EventFilter,
    outlets: OutletIndex,
    *,
    order: str = "date",
    descending: bool = False,
    page: int = 1,
    per_page: int = 50,
) -> EventsPage:
    """One page of the filtered events (:meth:`EventFilter.page`), and what the filter
    form offers."""
    events, total = selection.page(
        store, order=order, descending=descending, limit=per_page, offset=(page - 1) * per_page
    )
    return EventsPage(events, total, page, per_page, outlets.outlets(store), outlets.parties(store))


def filtered_events(store: Store, selection: EventFilter) -> list[Event]:
    """Every event the filter keeps, by date (for exports)."""
    return selection.select(store)


# --- one event ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    number: int
    evidence: Evidence
    anchor: str
    key: str


@dataclass(frozen=True)
class DocumentPanel:
    doc_id: str
    document: Document | None
    url: str | None
    outlet: Publisher | None
    segments: list[Segment]
    passages: list[Passage]


@dataclass(frozen=True)
class CitedSource:
    citation: Citation
    doc_id: str


@dataclass(frozen=True)
class ParticipantView:
    participant: Participant
    posts: tuple[Post, ...]


@dataclass(frozen=True)
class Dossier:
    event: Event
    panels: list[DocumentPanel]
    sources: list[CitedSource]
    participants: list[ParticipantView]
    mechanism: Mechanism | None
    rounds: list[Event]
    previous_round: Event | None
    next_round: Event | None
    proposal: Event | None
    answers: list[Event]
    history: list[Change]


def passage_key(event: Event, number: int) -> str:
    """The HTML id of passage ``number`` of ``event`` on the event page."""
    return f"passage-{number}"


def _neighbours(event: Event, rounds: Sequence[Event]) -> tuple[Event | None, Event | None]:
    ordered = sorted(rounds, key=lambda e: (sort_key(e.date), e.round or 0, e.event_id))
    ids = [e.event_id for e in ordered]
    if event.event_id not in ids:
        return None, None
    i = ids.index(event.event_id)
    return (ordered[i - 1] if i > 0 else None), (ordered[i + 1] if i + 1 < len(ordered) else None)


def event_dossier(store: Store, settings: Settings, event_id: str, outlets: OutletIndex) -> Dossier:
    """Everything the event page shows (rejected events too: their page says so)."""
    event = store.get_event(event_id)
    panels = []
    for doc_id in event.docs:
        doc = store.get_document(doc_id)
        passages = [
            Passage(n, ev, evidence_anchor(ev), passage_key(event, n))
            for n, ev in enumerate(event.evidence, 1)
            if ev.doc_id == doc_id
        ]
        marks = [
            Mark(p.evidence.start, p.evidence.end, p.key, event.type, "current") for p in passages
        ]
        panels.append(
            DocumentPanel(
                doc_id,
                doc,
                safe_url(doc.url) if doc else None,
                outlets.publisher_of(store, doc_id),
                segments(doc.text, marks) if doc else [],
                passages,
            )
        )
    sources = [CitedSource(c, ev.doc_id) for ev in event.evidence for c in ev.sources_cited]
    people = [
        ParticipantView(
            p,
            tuple(x for x in posts_of(p.person_id) if event.date and x.held_on(event.date))
            if p.person_id
            else (),
        )
        for p in event.participants
    ]
    registry = load_registry(settings)
    mechanism = registry.mechanism_for(event) if (event.mechanism or event.mechanism_id) else None
    rounds: list[Event] = []
    if mechanism is not None:
        same = store.events(party=list(event.actors))
        rounds = [e for e in same if registry.mechanism_for(e) == mechanism]
        rounds.sort(key=lambda e: (sort_key(e.date), e.round or 0, e.event_id))
    previous_round, next_round = _neighbours(event, rounds)
    related = store.events(
        party=list(event.actors), type=["PROPOSE", "REJECT", "CALL", "MEET", "DIALOGUE"]
    )
    proposal = next((e for e in related if e.event_id == event.responds_to), None)
    answers = [e for e in related if e.responds_to == event.event_id]
    history = [describe(h) for h in event_history(store, event_id)]
    return Dossier(
        event,
        panels,
        sources,
        people,
        mechanism,
        rounds,
        previous_round,
        next_round,
        proposal,
        answers,
        history,
    )


# --- one document ------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentView:
    document: Document
    url: str | None
    outlet: Publisher | None
    segments: list[Segment]
    events: list[Event]


def document_view(store: Store, doc_id: str, outlets: OutletIndex) -> DocumentView | None:
    """A document with every resolved event's passages in it marked (rejected ones too,
    shown as such), or None when there is no such document."""
    doc = store.get_document(doc_id)
    if doc is None:
        return None
    events = store.events(doc=doc_id, review=("machine", "accepted", "edited", "rejected"))
    marks = [
        Mark(
            ev.start,
            ev.end,
            f"{e.event_id}-{n}",
            e.type,
            "rejected" if e.review == "rejected" else "evidence",
            e.event_id,
        )
        for e in events
        for n, ev in enumerate(e.evidence, 1)
        if ev.doc_id == doc_id
    ]
    return DocumentView(
        doc,
        safe_url(doc.url),
        outlets.publisher_of(store, doc_id),
        segments(doc.text, marks),
        events,
    )


# --- mechanisms --------------------------------------------------------------------------


@dataclass(frozen=True)
class Board:
    as_of: str
    parties: tuple[str, ...]
    rows: list[BoardRow]
    overdue: dict[str, OverdueRow]


def mechanism_board(
    store: Store, settings: Settings, as_of: str, parties: Sequence[str] = ()
) -> Board:
    """The status board as of ``as_of`` (mechanisms some event names), with overdue rows,
    from what was known that day: documents published by then (no hindsight)."""
    events = store.events(party=list(parties) or None)
    documents = store.documents()
    registry = load_registry(settings)
    rows = status_board(
        events, as_of, parties, registry, include_silent=False, documents=documents
    )
    late = {
        r.mechanism.mechanism_id: r
        for r in overdue(events, as_of, settings, registry, documents)
    }
    return Board(as_of, tuple(parties), rows, late)


@dataclass(frozen=True)
class MechanismView:
    mechanism: Mechanism
    as_of: str
    row: BoardRow | None
    history: list[StateChange]
    rounds: list[StateChange]
    overdue: OverdueRow | None


def mechanism_view(
    store: Store, settings: Settings, mechanism_id: str, as_of: str
) -> MechanismView | None:
    """One mechanism's lifecycle (every state change), rounds and state as of ``as_of``;
    None when neither the registry nor any event knows the id."""
    events = store.events()
    registry = load_registry(settings).with_discovered(events)
    mechanism = registry.get(mechanism_id)
    if mechanism is None:
        return None
    history = mechanism_history(events, registry).get(mechanism_id, [])
    documents = store.documents()
    rows = status_board(events, as_of, mechanism.parties, registry, documents=documents)
    row = next((r for r in rows if r.mechanism.mechanism_id == mechanism_id), None)
    late = next(
        (
            r
            for r in overdue(events, as_of, settings, registry, documents)
            if r.mechanism.mechanism_id == mechanism_id
        ),
        None,
    )
    rounds = [c for c in history if c.state == "held"]
    return MechanismView(mechanism, as_of, row, history, rounds, late)


# --- trends ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendsView:
    comparison: Comparison
    trends_svg: str | None
    network_svg: str | None
    centrality: list[Centrality]
    groups: list[str]


def trends_view(
    store: Store,
    settings: Settings,
    party: str,
    vs: Sequence[str],
    vs_groups: Sequence[str],
    by: str,
    since: str | None = None,
    until: str | None = None,
) -> TrendsView:
    """The comparison of ``party`` with ``vs`` and ``vs_groups`` (ValueError/UnknownGroupError
    for bad input), its chart, and the party network of the events in the window."""
    from mildip.report import charts
    from mildip.report.names import counterpart_name, party_name

    events, documents = store.events(), store.documents()
    comparison = compare(
        events,
        documents,
        party=party,
        vs=list(vs),
        vs_groups=list(vs_groups),
        by=by,
        settings=settings,
        since=since,
        until=until,
    )
    names = {
        s.counterpart: counterpart_name(s.counterpart, s.kind, settings) for s in comparison.series
    }
    names[party] = party_name(party)
    spec = charts.trends_spec(comparison, names)
    graph = party_graph(events, since, until)
    network = charts.network_spec(graph, highlight=[party])
    return TrendsView(
        comparison,
        charts.to_svg(spec, "fig-trends") if spec else None,
        charts.to_svg(network, "fig-network") if network else None,
        centrality(graph),
        sorted(load_groups(settings)),
    )


# --- report ------------------------------------------------------------------------------


def report_html(store: Store, settings: Settings, selection: EventFilter) -> str:
    """The self-contained HTML brief (:mod:`mildip.report`) of the filtered events, as
    ``mildip report`` builds it (the other stored events are the comparison's context)."""
    from mildip.report import build_report, render_html

    report = build_report(store.events(), store.documents(), settings, selection=selection)
    return render_html(report)


def today() -> str:
    """Today's date, ISO (the default as-of date)."""
    return date.today().isoformat()
