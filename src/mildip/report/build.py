"""``build_report``: everything a brief shows, as data (rendering is in :mod:`mildip.report.render`).

Selection: the :class:`~mildip.analysis.filters.EventFilter` ``selection`` - the same
filter as ``mildip events`` - so ``--party CHN --party USA`` keeps only events with both.

Knowledge date: ``selection.as_of``, else the last day of ``selection.until``. With one,
the whole brief is what could be known that day (:func:`mildip.analysis.asof.knowledge_at`):
only documents published by then, events dated by then, plans announced by then; the
subtitle says so and counts what was left out. Without one, the board is as of the newest
publication date of the documents behind the selected events (else the last day of the
latest asserted event's date), and everything stored counts.

The comparison: the *focus* party is the filter's first party, else the most frequent
actor; the *reference* is its second party, else the focus's most frequent co-actor.
Groups: ``vs_groups`` when given; otherwise, when the filter names at most one party,
every group whose ``allies_of`` is the reference (``us-allies`` for the United States),
and none when it names two or more (the comparison then counts only filtered events).
Explicit ``vs_groups`` with a party filter count events outside it (the focus with the
group's members), and the brief says so (``comparison_note``).

The status board is :func:`mildip.analysis.board.status_board` of the filtered events
for the filter's parties (else the focus), keeping mechanisms with an observed state;
registry facts are listed apart (``BoardLine.registry``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from mildip.analysis.asof import knowledge_at
from mildip.analysis.board import BoardRow, status_board
from mildip.analysis.filters import EventFilter
from mildip.analysis.network import Centrality, centrality, party_graph
from mildip.analysis.trends import Comparison, compare
from mildip.dates import bounds, sort_key
from mildip.kb.groups import load_groups
from mildip.model import Document, Event
from mildip.report import charts, findings
from mildip.report.names import counterpart_name, in_sentence, party_name
from mildip.report.reliability import Reliability, reliability
from mildip.settings import Settings

_SAFE_SCHEMES = ("http://", "https://")


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
    registry: tuple[str, ...] = ()
    """Registry facts ("first round 1997", "established 2008"), each with its sources."""
    scheduled: str | None = None


@dataclass(frozen=True)
class Report:
    """A brief as data: findings, board, comparison, network, events with evidence, figures."""

    title: str
    parties: tuple[str, ...]
    since: str | None
    until: str | None
    as_of: str | None
    n_documents: int
    subtitle: str = ""
    """The filter in words, and the knowledge date."""
    knowledge_note: str | None = None
    comparison_note: str | None = None
    selection: EventFilter = field(default_factory=EventFilter)
    reliability: Reliability | None = None
    findings: tuple[str, ...] = ()
    events: tuple[EventRow, ...] = ()
    comparison: Comparison | None = None
    labels: Mapping[str, str] = field(default_factory=dict)
    """Display name of every party code and group name the report uses."""
    board: tuple[BoardLine, ...] = ()
    board_note: str | None = None
    centrality: tuple[Centrality, ...] = ()
    charts: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


def select_events(events: Iterable[Event], selection: EventFilter | None = None) -> list[Event]:
    """Events of the report: those ``selection`` keeps, by date then id."""
    chosen = (selection or EventFilter()).apply(events)
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


def _as_of(events: Sequence[Event], documents: Sequence[Document]) -> str | None:
    """The default board date: what the corpus could know, i.e. the last day of the newest
    publication among the documents behind ``events``; without publication dates, the
    last day of the latest asserted event's date. A plan dated later stays a plan."""
    cited = {d for e in events for d in e.docs}
    published = [
        bounds(doc.published_iso)[1] for doc in documents if doc.doc_id in cited and doc.published
    ]
    if published:
        return max(published).isoformat()
    dated = [e for e in events if e.date]
    asserted = [e for e in dated if e.modality == "asserted"] or dated
    return max(bounds(e.date)[1] for e in asserted).isoformat() if asserted else None


def _board_line(row: BoardRow) -> BoardLine:
    state = row.state or "unknown"
    if row.accounts:
        state = f"{state} ({' / '.join(row.accounts)})"
    last = " ".join(
        x
        for x in (f"#{row.last_round}" if row.last_round is not None else None, row.last_round_date)
        if x
    )
    quotes = tuple(dict.fromkeys(q for change in row.evidence for q in change.quotes))
    facts = tuple(
        f"{_fact_name(c.state, c.round)} {c.date} (registry; source: {'; '.join(c.quotes)})"
        for c in row.registry
    )
    plan = ", ".join(f"{c.intended or 'held'} {c.date}" for c in row.scheduled) or None
    return BoardLine(
        mechanism=row.mechanism.name,
        parties=row.mechanism.parties,
        state=state,
        since=row.since,
        last_round=last or None,
        evidence=quotes,
        registry=facts,
        scheduled=plan,
    )


def _fact_name(state: str, round_: int | None) -> str:
    if state == "held":
        return f"round {round_}" if round_ is not None else "first round"
    return state


def status_board_lines(
    events: Sequence[Event], as_of: str | None, parties: Sequence[str]
) -> tuple[tuple[BoardLine, ...], str | None]:
    """Board lines of every mechanism of ``parties`` with an observed state, and a note when
    there is no board."""
    if as_of is None:
        return (), "No dated events: no status board."
    rows = status_board(events, as_of, parties=tuple(parties), include_silent=False)
    lines = tuple(_board_line(r) for r in rows if r.state is not None)
    return lines, None if lines else "No mechanism with an observed state in the selected events."


def _join(words: Sequence[str], joiner: str) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" {joiner} " + words[-1]


def _title_parties(selection: EventFilter, focus: str | None) -> str | None:
    names = [in_sentence(party_name(p)) for p in selection.parties]
    any_names = [in_sentence(party_name(p)) for p in selection.any_party]
    parts = []
    if names:
        parts.append(names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])
    if any_names:
        either = (
            any_names[0]
            if len(any_names) == 1
            else ", ".join(any_names[:-1]) + " or " + any_names[-1]
        )
        parts.append(either if not names else f"with {either}")
    if parts:
        text = " ".join(parts)
        return text[0].upper() + text[1:]
    return party_name(focus) if focus else None


def _subtitle(selection: EventFilter, as_of: str | None, cut: bool) -> str:
    rest = selection.with_(as_of=None).without_parties().describe()
    both = [in_sentence(party_name(p)) for p in selection.parties]
    either = [in_sentence(party_name(p)) for p in selection.any_party]
    parts = []
    if both:
        lead = {1: "involving", 2: "involving both"}.get(len(both), "involving all of")
        parts.append(f"{lead} {_join(both, 'and')}")
    if either:
        parts.append(f"involving {'either ' if len(either) == 2 else ''}{_join(either, 'or')}")
    if rest != "all events":
        parts.append(rest)
    text = "Events " + "; ".join(parts) + "." if parts else "All events."
    if as_of and cut:
        text += f" As known on {as_of}."
    elif as_of:
        text += f" Board as of {as_of}."
    return text


def build_report(
    events: Iterable[Event],
    documents: Iterable[Document],
    settings: Settings | None = None,
    selection: EventFilter | None = None,
    *,
    by: str = "quarter",
    vs_groups: Sequence[str] | None = None,
    title: str | None = None,
) -> Report:
    """Assemble the brief (see the module docstring for every choice it makes)."""
    selection = selection or EventFilter()
    all_events = list(events)
    documents = list(documents)
    cut_day = selection.as_of or (bounds(selection.until)[1] if selection.until else None)
    knowledge_note = None
    if cut_day is not None:
        knowledge = knowledge_at(all_events, documents, cut_day)
        all_events, documents = list(knowledge.events), list(knowledge.documents)
        knowledge_note = knowledge.note()
    plain = selection.with_(as_of=None)
    chosen = select_events(all_events, plain)
    focus, reference = _focus(chosen, selection.named_parties)
    comparison: Comparison | None = None
    comparison_note = None
    labels: dict[str, str] = {}
    if focus and reference:
        if vs_groups is not None:
            groups = list(vs_groups)
        elif len(selection.named_parties) <= 1:
            groups = [g.name for g in load_groups(settings).values() if g.allies_of == reference]
        else:
            groups = []
        context = chosen
        if vs_groups and selection.named_parties:
            context = select_events(all_events, plain.without_parties())
            comparison_note = (
                "The comparison with "
                + ", ".join(counterpart_name(g, "group", settings) for g in groups)
                + f" also counts {party_name(focus)}'s events outside the party filter."
            )
        comparison = compare(
            context,
            documents,
            party=focus,
            vs=[reference],
            vs_groups=groups,
            by=by,
            settings=settings,
            since=selection.since,
            until=selection.until,
        )
        labels = {
            s.counterpart: counterpart_name(s.counterpart, s.kind, settings)
            for s in comparison.series
        }
        labels[focus] = party_name(focus)
        in_window = context
    else:
        in_window = chosen
    names = {**{a: party_name(a) for e in chosen for a in e.actors}, **labels}
    graph = party_graph(chosen)
    central = tuple(centrality(graph))
    as_of = cut_day.isoformat() if cut_day else _as_of(chosen, documents)
    board_parties = selection.parties or ((focus,) if focus else ())
    board, board_note = status_board_lines(chosen, as_of, board_parties)
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
    who = _title_parties(selection, focus)
    heading = title or (f"Military diplomacy brief: {who}" if who else "Military diplomacy brief")
    return Report(
        title=heading,
        parties=selection.named_parties,
        since=selection.since,
        until=selection.until,
        as_of=as_of,
        n_documents=len(documents),
        subtitle=_subtitle(selection, as_of, cut_day is not None),
        knowledge_note=knowledge_note,
        comparison_note=comparison_note,
        selection=selection,
        reliability=reliability(chosen),
        findings=tuple(sentences),
        events=event_rows(chosen, documents),
        comparison=comparison,
        labels=MappingProxyType(names),
        board=board,
        board_note=board_note,
        centrality=central,
        charts=MappingProxyType({k: v for k, v in specs.items() if v is not None}),
    )
