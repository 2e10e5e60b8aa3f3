"""Trend series per dyad and period, and the freeze-out comparison.

A *series* follows one party (``CHN``) and one counterpart: another party (``USA``)
or a group (``us-allies``, resolved with the membership on each event's date). An event
belongs to the series when the party is one of its actors and at least one other actor
is the counterpart (or a member of the group on the event's date). A multilateral event
counts once per series.

Only **asserted** events count as engagements. Events with modality ``future`` are
counted apart as ``scheduled`` (announced, not happened); ``hypothetical`` and
``negated`` events are counted as ``not_counted`` and otherwise ignored. Events without a
date are counted as ``undated``; events dated less precisely than the period (a year when
counting by quarter) as ``too_coarse``: neither is spread over periods.

Formulas (see ``docs/indicators.md``), per series and period, with smoothing ``alpha``::

    net        = cooperative - restrictive
    net_rate   = net / (coverage + alpha)
    freeze_out = net_rate(group series) - net_rate(reference series)

``coverage`` is the number of documents published in the period that mention the
party and the counterpart (``coverage="dyad"``, see :mod:`mildip.analysis.coverage`),
or every document published in the period (``coverage="corpus"``).

Windows: an event is in ``since..until`` when the span of its date overlaps the window
(:func:`mildip.dates.overlaps`, the rule of every filter); a document when its
publication day lies in it. ``compare(..., as_of=D)`` first cuts the events and the
documents to what was known on D (:func:`mildip.analysis.asof.knowledge_at`), so the
coverage counts only documents published by then.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from functools import cache
from types import MappingProxyType
from typing import Any

from mildip.analysis.asof import knowledge_at
from mildip.analysis.coverage import mentioned_parties, parties_by_document
from mildip.analysis.periods import check_period, label, period_of, period_range
from mildip.dates import bounds, overlaps
from mildip.kb.groups import get_group, load_groups, resolve_members
from mildip.model import COOPERATIVE_TYPES, RESTRICTIVE_TYPES, Document, Event
from mildip.settings import Settings

COVERAGE_MODES: tuple[str, ...] = ("dyad", "corpus")
UNKNOWN_LEVEL = "unknown"

Counterparts = Callable[[str | date | None], frozenset[str]]
"""Given a date, the parties that count as the counterpart on that date."""


@dataclass(frozen=True)
class PeriodStats:
    """Counts of one series in one period (``period="total"`` for the whole window)."""

    period: str
    cooperative: int = 0
    restrictive: int = 0
    rounds: int = 0
    scheduled: int = 0
    not_counted: int = 0
    coverage: int = 0
    net_rate: float = 0.0
    by_type: Mapping[str, int] = field(default_factory=dict)
    by_level: Mapping[str, int] = field(default_factory=dict)
    event_ids: tuple[str, ...] = ()

    @property
    def net(self) -> int:
        """Cooperative minus restrictive asserted events."""
        return self.cooperative - self.restrictive

    @property
    def engagements(self) -> int:
        """Asserted events of any type."""
        return sum(self.by_type.values())

    def to_dict(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["by_type"] = dict(self.by_type)
        data["by_level"] = dict(self.by_level)
        data["event_ids"] = list(self.event_ids)
        data["net"] = self.net
        return data


@dataclass(frozen=True)
class Series:
    """One party against one counterpart (a party or a group), period by period."""

    party: str
    counterpart: str
    kind: str
    periods: tuple[PeriodStats, ...]
    total: PeriodStats
    undated: int = 0
    too_coarse: int = 0

    @property
    def key(self) -> str:
        """``CHN–USA`` or ``CHN–us-allies``."""
        return f"{self.party}–{self.counterpart}"

    def at(self, period: str) -> PeriodStats:
        """The stats of ``period`` (zeros when the period is outside the series)."""
        for stats in self.periods:
            if stats.period == period:
                return stats
        return PeriodStats(period)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "party": self.party,
            "counterpart": self.counterpart,
            "kind": self.kind,
            "undated": self.undated,
            "too_coarse": self.too_coarse,
            "total": self.total.to_dict(),
            "periods": [p.to_dict() for p in self.periods],
        }


@dataclass(frozen=True)
class FreezeOut:
    """Freeze-out of ``reference`` relative to ``group``: positive = the reference is frozen out."""

    group: str
    reference: str
    values: tuple[tuple[str, float], ...]
    overall: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "reference": self.reference,
            "overall": self.overall,
            "values": [{"period": p, "value": v} for p, v in self.values],
        }


@dataclass(frozen=True)
class Comparison:
    """Side-by-side series of one party against parties and groups, with freeze-out indicators."""

    party: str
    by: str
    periods: tuple[str, ...]
    series: tuple[Series, ...]
    freeze_out: tuple[FreezeOut, ...]
    smoothing: float
    coverage: str
    since: str | None = None
    until: str | None = None
    as_of: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "party": self.party,
            "by": self.by,
            "since": self.since,
            "until": self.until,
            "as_of": self.as_of,
            "smoothing": self.smoothing,
            "coverage": self.coverage,
            "periods": list(self.periods),
            "series": [s.to_dict() for s in self.series],
            "freeze_out": [f.to_dict() for f in self.freeze_out],
        }

    def long_rows(self) -> list[dict[str, Any]]:
        """One row per (period, series), periods in order then a ``total`` block: the CLI/CSV form.

        Group rows carry ``freeze-out vs <reference>`` for each reference party; other rows
        leave those cells empty.
        """
        references = sorted(
            {f.reference for f in self.freeze_out}, key=[s.counterpart for s in self.series].index
        )
        out = []
        for period in (*self.periods, "total"):
            for s in self.series:
                stats = s.total if period == "total" else s.at(period)
                row: dict[str, Any] = {
                    "period": period,
                    "dyad": s.key,
                    "coop": stats.cooperative,
                    "restr": stats.restrictive,
                    "rounds": stats.rounds,
                    "scheduled": stats.scheduled,
                    "coverage": stats.coverage,
                    "net rate": round(stats.net_rate, 4),
                }
                for ref in references:
                    match = [
                        f
                        for f in self.freeze_out
                        if f.group == s.counterpart and f.reference == ref
                    ]
                    value = None
                    if match and s.kind == "group":
                        value = (
                            match[0].overall
                            if period == "total"
                            else dict(match[0].values).get(period, 0.0)
                        )
                    row[f"freeze-out vs {ref}"] = None if value is None else round(value, 4)
                out.append(row)
        return out

    def rows(self) -> list[dict[str, Any]]:
        """One wide row per period (and a final ``total`` row), every series side by side: the report's table."""
        out = []
        for period in (*self.periods, "total"):
            row: dict[str, Any] = {"period": period}
            for s in self.series:
                stats = s.total if period == "total" else s.at(period)
                row[f"{s.key} coop"] = stats.cooperative
                row[f"{s.key} restr"] = stats.restrictive
                row[f"{s.key} rounds"] = stats.rounds
                row[f"{s.key} coverage"] = stats.coverage
                row[f"{s.key} net rate"] = round(stats.net_rate, 4)
            for f in self.freeze_out:
                value = f.overall if period == "total" else dict(f.values).get(period, 0.0)
                row[f"freeze-out {f.group} vs {f.reference}"] = round(value, 4)
            out.append(row)
        return out


def _in_window(day: date | None, since: str | None, until: str | None) -> bool:
    if day is None:
        return since is None and until is None
    too_early = bool(since) and day < bounds(since)[0]
    too_late = bool(until) and day > bounds(until)[1]
    return not (too_early or too_late)


def _event_day(event: Event) -> date | None:
    return bounds(event.date)[0] if event.date else None


def _levels(event: Event) -> list[str]:
    levels = sorted({p.level for p in event.participants if p.level})
    return levels or [UNKNOWN_LEVEL]


def is_round(event: Event) -> bool:
    """A held round of a mechanism: an asserted DIALOGUE with a round number or a mechanism."""
    return (
        event.modality == "asserted"
        and event.type == "DIALOGUE"
        and (event.round is not None or bool(event.mechanism))
    )


def involves(event: Event, party: str, counterparts: Counterparts) -> bool:
    """True when ``party`` is an actor and another actor is a counterpart on the event's date."""
    if party not in event.actors:
        return False
    others = set(event.actors) - {party}
    return bool(others & counterparts(event.date))


def _stats(period: str, events: Sequence[Event], coverage: int, alpha: float) -> PeriodStats:
    asserted = [e for e in events if e.modality == "asserted"]
    coop = sum(1 for e in asserted if e.type in COOPERATIVE_TYPES)
    restr = sum(1 for e in asserted if e.type in RESTRICTIVE_TYPES)
    levels = Counter(level for e in asserted for level in _levels(e))
    return PeriodStats(
        period=period,
        cooperative=coop,
        restrictive=restr,
        rounds=sum(1 for e in asserted if is_round(e)),
        scheduled=sum(1 for e in events if e.modality == "future"),
        not_counted=sum(1 for e in events if e.modality in ("hypothetical", "negated")),
        coverage=coverage,
        net_rate=net_rate(coop - restr, coverage, alpha),
        by_type=MappingProxyType(dict(sorted(Counter(e.type for e in asserted).items()))),
        by_level=MappingProxyType(dict(sorted(levels.items()))),
        event_ids=tuple(e.event_id for e in events),
    )


def net_rate(net: int, coverage: int, alpha: float) -> float:
    """``net / (coverage + alpha)``: net cooperation per document of coverage, smoothed."""
    if alpha <= 0:
        raise ValueError(f"the smoothing constant must be positive, not {alpha}")
    return net / (coverage + alpha)


def check_coverage(mode: str) -> str:
    """``mode`` itself, or ValueError naming the coverage modes."""
    if mode not in COVERAGE_MODES:
        raise ValueError(
            f"unknown coverage mode {mode!r}; expected one of {', '.join(COVERAGE_MODES)}"
        )
    return mode


def _covering(
    documents: Sequence[Document],
    party: str,
    counterparts: Counterparts,
    mode: str,
    mentioned: Mapping[str, frozenset[str]] | None,
) -> list[Document]:
    dated = [d for d in documents if d.published is not None]
    if check_coverage(mode) == "corpus":
        return dated
    known = mentioned or {}
    out = []
    for d in dated:
        parties = known.get(d.doc_id)
        if parties is None:
            parties = mentioned_parties(d)
        if party in parties and parties & (counterparts(d.published) - {party}):
            out.append(d)
    return out


def build_series(
    events: Iterable[Event],
    documents: Iterable[Document],
    party: str,
    counterpart: str,
    counterparts: Counterparts,
    *,
    kind: str,
    by: str,
    periods: Sequence[str],
    since: str | None = None,
    until: str | None = None,
    smoothing: float = 1.0,
    coverage: str = "dyad",
    mentioned: Mapping[str, frozenset[str]] | None = None,
) -> Series:
    """The series of ``party`` against ``counterparts`` over the given ``periods``.

    ``counterpart`` is only the series' name; ``counterparts(date)`` decides membership.
    ``mentioned`` (doc_id → parties, from :func:`parties_by_document`) saves recomputing
    the mentions when several series share the documents.
    """
    check_period(by)
    selected = [
        e
        for e in events
        if involves(e, party, counterparts) and (e.date is None or overlaps(e.date, since, until))
    ]
    by_period: dict[str, list[Event]] = {p: [] for p in periods}
    undated = too_coarse = 0
    for e in selected:
        if not e.date:
            undated += 1
            continue
        p = period_of(e.date, by)
        if p is None:
            too_coarse += 1
        elif p in by_period:
            by_period[p].append(e)
    docs = [
        d
        for d in _covering(list(documents), party, counterparts, coverage, mentioned)
        if _in_window(d.published, since, until)
    ]
    doc_count = Counter(label(d.published, by) for d in docs)
    stats = tuple(_stats(p, by_period[p], doc_count.get(p, 0), smoothing) for p in periods)
    in_periods = [e for p in periods for e in by_period[p]]
    total = _stats("total", in_periods, sum(doc_count.get(p, 0) for p in periods), smoothing)
    return Series(party, counterpart, kind, stats, total, undated=undated, too_coarse=too_coarse)


def party_counterparts(other: str) -> Counterparts:
    """Counterparts for a single party: always ``{other}``."""
    fixed = frozenset({other})
    return lambda _on: fixed


def group_counterparts(
    group: str, settings: Settings | None = None, exclude: Iterable[str] = ()
) -> Counterparts:
    """Counterparts for a group: its members on the given date, minus ``exclude``."""
    get_group(group, settings)
    groups = load_groups(settings)
    excluded = frozenset(exclude)

    @cache
    def members(on: str | date | None) -> frozenset[str]:
        return frozenset(resolve_members(group, on, groups) - excluded)

    return members


def _window_periods(
    events: Iterable[Event],
    documents: Iterable[Document],
    by: str,
    since: str | None,
    until: str | None,
) -> list[str]:
    days = [d for d in (_event_day(e) for e in events if period_of(e.date, by)) if d]
    if not days:
        days = [d.published for d in documents if d.published is not None]
    first = bounds(since)[0] if since else (min(days) if days else None)
    last = bounds(until)[1] if until else (max(days) if days else None)
    if first is None or last is None:
        return []
    return period_range(label(first, by), label(last, by), by)


def compare(
    events: Iterable[Event],
    documents: Iterable[Document],
    party: str = "CHN",
    vs: Sequence[str] = ("USA",),
    vs_groups: Sequence[str] = ("us-allies",),
    by: str = "quarter",
    settings: Settings | None = None,
    *,
    since: str | None = None,
    until: str | None = None,
    smoothing: float = 1.0,
    coverage: str = "dyad",
    as_of: date | str | None = None,
) -> Comparison:
    """Series of ``party`` against each party in ``vs`` and each group in ``vs_groups``.

    Group series leave out the ``vs`` parties (an ally series never counts the United
    States when the United States is compared on its own). Every group series gets a
    freeze-out indicator against every ``vs`` series. Periods run from ``since`` to
    ``until`` (else from the first to the last dated event of every series, or of the
    documents when no event is dated precisely enough), gaps included. ``as_of`` limits
    everything to what was known that day (see the module docstring).
    """
    check_period(by)
    check_coverage(coverage)
    net_rate(0, 0, smoothing)
    events = list(events)
    documents = list(documents)
    as_of_text = None
    if as_of is not None:
        knowledge = knowledge_at(events, documents, as_of)
        events, documents = list(knowledge.events), list(knowledge.documents)
        as_of_text = knowledge.as_of.isoformat()
    mentioned = parties_by_document(documents) if coverage == "dyad" else None
    sources: list[tuple[str, str, Counterparts]] = [("party", v, party_counterparts(v)) for v in vs]
    sources += [("group", g, group_counterparts(g, settings, exclude=vs)) for g in vs_groups]
    relevant = [
        e
        for e in events
        if any(involves(e, party, cp) for _, _, cp in sources) and overlaps(e.date, since, until)
    ]
    periods = _window_periods(relevant, documents, by, since, until)
    series = tuple(
        build_series(
            events,
            documents,
            party,
            name,
            cp,
            kind=kind,
            by=by,
            periods=periods,
            since=since,
            until=until,
            smoothing=smoothing,
            coverage=coverage,
            mentioned=mentioned,
        )
        for kind, name, cp in sources
    )
    references = [s for s in series if s.kind == "party"]
    groups = [s for s in series if s.kind == "group"]
    freeze = tuple(freeze_out(g, r) for g in groups for r in references)
    return Comparison(
        party=party,
        by=by,
        periods=tuple(periods),
        series=series,
        freeze_out=freeze,
        smoothing=smoothing,
        coverage=coverage,
        since=since,
        until=until,
        as_of=as_of_text,
    )


def freeze_out(group: Series, reference: Series) -> FreezeOut:
    """Per-period and overall ``net_rate(group) - net_rate(reference)``."""
    values = tuple((g.period, g.net_rate - reference.at(g.period).net_rate) for g in group.periods)
    return FreezeOut(
        group=group.counterpart,
        reference=reference.counterpart,
        values=values,
        overall=group.total.net_rate - reference.total.net_rate,
    )


def dyads(events: Iterable[Event]) -> list[tuple[str, str]]:
    """Every unordered pair of co-actors, sorted."""
    pairs = set()
    for e in events:
        for i, a in enumerate(e.actors):
            for b in e.actors[i + 1 :]:
                pairs.add((a, b))
    return sorted(pairs)


def pair_trends(
    events: Iterable[Event],
    documents: Iterable[Document] = (),
    by: str = "quarter",
    *,
    since: str | None = None,
    until: str | None = None,
    smoothing: float = 1.0,
    coverage: str = "dyad",
) -> list[Series]:
    """A series for every dyad in ``events`` (the first party alphabetically as ``party``)."""
    check_coverage(coverage)
    events = [e for e in events if e.date is None or overlaps(e.date, since, until)]
    documents = list(documents)
    mentioned = parties_by_document(documents) if coverage == "dyad" else None
    out = []
    for a, b in dyads(events):
        cp = party_counterparts(b)
        pair_events = [e for e in events if involves(e, a, cp)]
        periods = _window_periods(pair_events, documents, by, since, until)
        out.append(
            build_series(
                pair_events,
                documents,
                a,
                b,
                cp,
                kind="party",
                by=by,
                periods=periods,
                since=since,
                until=until,
                smoothing=smoothing,
                coverage=coverage,
                mentioned=mentioned,
            )
        )
    return out
