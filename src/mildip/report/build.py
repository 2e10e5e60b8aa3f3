"""``build_report``: everything a brief shows, as data (rendering is in :mod:`mildip.report.render`).

Selection: events dated within ``since..until`` (undated events only when no window is
given) and involving at least one of ``parties`` (all events when ``parties`` is empty).

The comparison: the *focus* party is ``parties[0]``, else the most frequent actor; the
*reference* is ``parties[1]``, else the focus's most frequent co-actor; the groups are
``vs_groups``, else every group whose ``allies_of`` is the reference (``us-allies`` for
the United States). The comparison runs over all events and documents of the window
(coverage needs documents that report no event too).

The status board is :func:`mildip.analysis.board.status_board` for the focus party as
of ``until`` (else the last day of the latest event's date), keeping the mechanisms
whose state is known by then (including the registry's own founding dates).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from mildip.analysis.board import BoardRow, status_board
from mildip.analysis.groups import load_groups
from mildip.analysis.network import Centrality, centrality, party_graph
from mildip.analysis.trends import Comparison, compare
from mildip.dates import bounds, sort_key
from mildip.model import Document, Event
from mildip.report import charts, findings
from mildip.report.names import counterpart_name, party_name
from mildip.settings import Settings

_SAFE_SCHEMES = ("http://", "https://")
REGISTRY = "REGISTRY"
"""``StateChange.event_type`` of a state taken from the mechanism registry, not from an event."""


@dataclass(frozen=True)
class SourceQuote:
    """One piece of evidence with the document it comes from (``url`` only when http(s))."""

    quote: str
    doc_id: str
    title: str | None = None
    url: str | None = None
    publication: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class EventRow:
    """One row of the event table and its evidence section."""

    event_id: str
    date: str | None
    type: str
    actors: tuple[str, ...]
    modality: str
    initiator: str | None = None
    mechanism: str | None = None
    round: int | None = None
    participants: tuple[str, ...] = ()
    sources: tuple[SourceQuote, ...] = ()

    @property
    def row_anchor(self) -> str:
        """HTML id of the table row."""
        return f"row-{self.event_id}"

    @property
    def evidence_anchor(self) -> str:
        """HTML id of the evidence section the row links to."""
        return f"evidence-{self.event_id}"

    @property
    def quote(self) -> str | None:
        """The first evidence quote, if any."""
        return self.sources[0].quote if self.sources else None


@dataclass(frozen=True)
class BoardLine:
    """One mechanism on the status board (``evidence``: the quotes behind its state)."""

    mechanism: str
    parties: tuple[str, ...]
    state: str
    since: str | None = None
    last_round: str | None = None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    """A brief as data: findings, board, comparison, network, events with evidence, figures."""

    title: str
    parties: tuple[str, ...]
    since: str | None
    until: str | None
    as_of: str | None
    n_documents: int
    findings: tuple[str, ...]
    events: tuple[EventRow, ...]
    comparison: Comparison | None = None
    labels: Mapping[str, str] = field(default_factory=dict)
    """Display name of every party code and group name the report uses."""
    board: tuple[BoardLine, ...] = ()
    board_note: str | None = None
    centrality: tuple[Centrality, ...] = ()
    charts: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


def _in_window(e: Event, since: str | None, until: str | None) -> bool:
    if not (since or until):
        return True
    if not e.date:
        return False
    day = bounds(e.date)[0]
    return not ((since and day < bounds(since)[0]) or (until and day > bounds(until)[1]))


def select_events(
    events: Iterable[Event],
    parties: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
) -> list[Event]:
    """Events of the report (see the module docstring), by date then id."""
    wanted = set(parties)
    chosen = [
        e for e in events if _in_window(e, since, until) and (not wanted or wanted & set(e.actors))
    ]
    return sorted(chosen, key=lambda e: (sort_key(e.date), e.event_id))


def _participant(p) -> str:
    details = ", ".join(x for x in (p.title, p.party) if x)
    name = p.name or "unnamed"
    return f"{name} ({details})" if details else name


def _sources(event: Event, docs: Mapping[str, Document]) -> tuple[SourceQuote, ...]:
    out = []
    for ev in sorted(event.evidence, key=lambda x: (x.doc_id, x.start)):
        doc = docs.get(ev.doc_id)
        url = doc.url if doc and doc.url and doc.url.startswith(_SAFE_SCHEMES) else None
        out.append(
            SourceQuote(
                quote=ev.quote,
                doc_id=ev.doc_id,
                title=doc.title if doc else None,
                url=url,
                publication=doc.publication if doc else None,
                published=doc.published_iso if doc else None,
            )
        )
    return tuple(out)


def event_rows(events: Iterable[Event], documents: Iterable[Document]) -> tuple[EventRow, ...]:
    """Table rows with their evidence and source documents."""
    docs = {d.doc_id: d for d in documents}
    return tuple(
        EventRow(
            event_id=e.event_id,
            date=e.date,
            type=e.type,
            actors=e.actors,
            modality=e.modality,
            initiator=e.initiator,
            mechanism=e.mechanism,
            round=e.round,
            participants=tuple(_participant(p) for p in e.participants),
            sources=_sources(e, docs),
        )
        for e in events
    )


def _focus(events: Sequence[Event], parties: Sequence[str]) -> tuple[str | None, str | None]:
    counts = Counter(a for e in events for a in e.actors)
    focus = (
        parties[0] if parties else (min(counts, key=lambda p: (-counts[p], p)) if counts else None)
    )
    if len(parties) > 1:
        return focus, parties[1]
    partners = Counter(a for e in events if focus in e.actors for a in e.actors if a != focus)
    reference = min(partners, key=lambda p: (-partners[p], p)) if partners else None
    return focus, reference


def _as_of(events: Sequence[Event], until: str | None) -> str | None:
    if until:
        return bounds(until)[1].isoformat()
    ends = [bounds(e.date)[1] for e in events if e.date]
    return max(ends).isoformat() if ends else None


def _board_line(row: BoardRow) -> BoardLine:
    state = row.state or "unknown"
    if row.accounts:
        state = f"{state} ({' / '.join(row.accounts)})"
    last = " ".join(
        x
        for x in (f"#{row.last_round}" if row.last_round is not None else None, row.last_round_date)
        if x
    )
    quotes = tuple(
        dict.fromkeys(
            f"Registry: {q}" if change.event_type == REGISTRY else q
            for change in row.evidence
            for q in change.quotes
        )
    )
    return BoardLine(
        mechanism=row.mechanism.name,
        parties=row.mechanism.parties,
        state=state,
        since=row.since,
        last_round=last or None,
        evidence=quotes,
    )


def status_board_lines(
    events: Sequence[Event], as_of: str | None, focus: str | None
) -> tuple[tuple[BoardLine, ...], str | None]:
    """Board lines of every mechanism of ``focus`` with a known state, and a note when there is no board."""
    if as_of is None:
        return (), "No dated events: no status board."
    rows = status_board(events, as_of, parties=(focus,) if focus else (), include_silent=False)
    lines = tuple(_board_line(r) for r in rows if r.state is not None)
    return lines, None if lines else "No mechanism with a known state in the selected events."


def build_report(
    events: Iterable[Event],
    documents: Iterable[Document],
    settings: Settings | None = None,
    parties: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    *,
    by: str = "quarter",
    vs_groups: Sequence[str] | None = None,
    title: str | None = None,
) -> Report:
    """Assemble the brief (see the module docstring for every choice it makes)."""
    all_events = list(events)
    documents = list(documents)
    chosen = select_events(all_events, parties, since, until)
    in_window = select_events(all_events, (), since, until)
    focus, reference = _focus(chosen, tuple(parties))
    comparison: Comparison | None = None
    labels: dict[str, str] = {}
    if focus and reference:
        groups = (
            list(vs_groups)
            if vs_groups is not None
            else [g.name for g in load_groups(settings).values() if g.allies_of == reference]
        )
        comparison = compare(
            in_window,
            documents,
            party=focus,
            vs=[reference],
            vs_groups=groups,
            by=by,
            settings=settings,
            since=since,
            until=until,
        )
        labels = {
            s.counterpart: counterpart_name(s.counterpart, s.kind, settings)
            for s in comparison.series
        }
        labels[focus] = party_name(focus)
    names = {**{a: party_name(a) for e in chosen for a in e.actors}, **labels}
    graph = party_graph(chosen)
    central = tuple(centrality(graph))
    as_of = _as_of(chosen, until)
    board, board_note = status_board_lines(chosen, as_of, focus)
    sentences = [findings.overview(chosen, len({d for e in chosen for d in e.docs}))]
    if comparison is not None:
        sentences += findings.comparison_findings(comparison, in_window, names, settings)
    if as_of is not None:
        sentences += findings.board_findings([(b.mechanism, b.state) for b in board], as_of)
    sentences += findings.network_findings(central, names)
    specs = {
        "timeline": charts.timeline_spec(chosen),
        "trends": charts.trends_spec(comparison, names),
        "network": charts.network_spec(graph, highlight=[p for p in (focus,) if p]),
    }
    heading = title or (
        f"Military diplomacy brief: {party_name(focus)}" if focus else "Military diplomacy brief"
    )
    return Report(
        title=heading,
        parties=tuple(parties),
        since=since,
        until=until,
        as_of=as_of,
        n_documents=len(documents),
        findings=tuple(sentences),
        events=event_rows(chosen, documents),
        comparison=comparison,
        labels=MappingProxyType(names),
        board=board,
        board_note=board_note,
        centrality=central,
        charts=MappingProxyType({k: v for k, v in specs.items() if v is not None}),
    )
