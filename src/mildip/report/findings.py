"""Key findings: short sentences generated from the data, never written by hand.

Each function returns plain sentences (no markup). The sentence forms are listed in
``docs/report.md``; every number in them is a count or indicator of
:mod:`mildip.analysis.trends`, the board or the network.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from mildip.analysis.network import Centrality
from mildip.analysis.periods import period_bounds
from mildip.analysis.trends import (
    Comparison,
    Series,
    group_counterparts,
    involves,
    party_counterparts,
)
from mildip.dates import bounds, sort_key
from mildip.model import COOPERATIVE_TYPES, RESTRICTIVE_TYPES, Event
from mildip.report.names import in_sentence
from mildip.settings import Settings

TYPE_NOUNS: Mapping[str, tuple[str, str]] = {
    "MEET": ("meeting", "meetings"),
    "CALL": ("call", "calls"),
    "DIALOGUE": ("dialogue round", "dialogue rounds"),
    "EXERCISE": ("exercise", "exercises"),
    "PORT_CALL": ("port call", "port calls"),
    "AGREE": ("agreement", "agreements"),
    "ESTABLISH": ("new channel", "new channels"),
    "PROPOSE": ("proposal", "proposals"),
    "REJECT": ("rejection", "rejections"),
    "SUSPEND": ("suspension", "suspensions"),
    "CANCEL": ("cancellation", "cancellations"),
    "RESUME": ("resumption", "resumptions"),
    "INCIDENT": ("incident", "incidents"),
}
"""Singular and plural noun of each event type, as used in sentences."""


def plural(n: int, singular: str, many: str | None = None) -> str:
    """``"1 call"``, ``"3 calls"``."""
    return f"{n} {singular if n == 1 else (many or singular + 's')}"


def type_counts_phrase(by_type: Mapping[str, int]) -> str:
    """``"3 cancellations and 1 suspension"`` (most frequent first, then by type)."""
    items = sorted(((n, t) for t, n in by_type.items() if n), key=lambda x: (-x[0], x[1]))
    parts = [plural(n, *TYPE_NOUNS[t]) for n, t in items]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def window_phrase(periods: Sequence[str]) -> str:
    """``"2022-Q3"`` or ``"2022-Q3 to 2023-Q2"``."""
    if not periods:
        return "the whole record"
    return periods[0] if len(periods) == 1 else f"{periods[0]} to {periods[-1]}"


def overview(events: Sequence[Event], n_documents: int) -> str:
    """``"12 events (10 asserted) from 4 documents, dated 2019-05 to 2023-04."``"""
    asserted = sum(1 for e in events if e.modality == "asserted")
    dated = sorted((e.date for e in events if e.date), key=sort_key)
    span = f", dated {dated[0]} to {dated[-1]}" if dated else ""
    return (
        f"{plural(len(events), 'event')} ({asserted} asserted) from "
        f"{plural(n_documents, 'document')}{span}."
    )


def _restrictive_only(by_type: Mapping[str, int]) -> dict[str, int]:
    return {t: n for t, n in by_type.items() if t in RESTRICTIVE_TYPES}


def _peak(series: Series) -> int | None:
    """Index of the period with the most restrictive events (earliest on a tie)."""
    best = None
    for i, stats in enumerate(series.periods):
        if stats.restrictive and (
            best is None or stats.restrictive > series.periods[best].restrictive
        ):
            best = i
    return best


def _last_cooperative(
    series: Series, events: Sequence[Event], settings: Settings | None
) -> Event | None:
    counterparts = (
        party_counterparts(series.counterpart)
        if series.kind == "party"
        else group_counterparts(series.counterpart, settings)
    )
    coop = [
        e
        for e in events
        if e.modality == "asserted"
        and e.type in COOPERATIVE_TYPES
        and e.date
        and involves(e, series.party, counterparts)
    ]
    return max(coop, key=lambda e: (sort_key(e.date), e.event_id)) if coop else None


def comparison_findings(
    comparison: Comparison,
    events: Sequence[Event],
    names: Mapping[str, str],
    settings: Settings | None = None,
) -> list[str]:
    """Sentences on each reference dyad, each group dyad over the same periods, and freeze-out.

    ``names`` maps party codes and group names to display names.
    """
    party = names.get(comparison.party, comparison.party)
    out: list[str] = []
    start: int | None = None
    for s in comparison.series:
        if s.kind != "party":
            continue
        other = names.get(s.counterpart, s.counterpart)
        peak = _peak(s)
        last = _last_cooperative(s, events, settings)
        if peak is None:
            out.append(
                f"{party}–{other}: {plural(s.total.cooperative, 'cooperative engagement')} and "
                f"{plural(s.total.restrictive, 'restrictive act')} in {window_phrase(comparison.periods)}."
            )
            continue
        start = peak if start is None else start
        stats = s.periods[peak]
        sentence = f"{party}–{other}: {type_counts_phrase(_restrictive_only(stats.by_type))} in {stats.period}"
        if last is None:
            sentence += "; no cooperative engagement on record"
        elif bounds(last.date)[0] <= period_bounds(stats.period, comparison.by)[1]:
            sentence += f"; no cooperative engagement since {last.date}"
        else:
            sentence += f"; last cooperative engagement {last.date} ({TYPE_NOUNS[last.type][0]})"
        out.append(sentence + ".")
    same = comparison.periods[start or 0 :]
    for s in comparison.series:
        if s.kind != "group":
            continue
        other = names.get(s.counterpart, s.counterpart)
        coop = sum(s.at(p).cooperative for p in same)
        rounds = sum(s.at(p).rounds for p in same)
        restr = sum(s.at(p).restrictive for p in same)
        extra = f", including {plural(rounds, 'dialogue round')}" if rounds else ""
        against = f"; {plural(restr, 'restrictive act')}" if restr else ""
        out.append(
            f"{party}–{other}: {plural(coop, 'cooperative engagement')}{extra} in the same period "
            f"({window_phrase(same)}){against}."
        )
    for f in comparison.freeze_out:
        group = in_sentence(names.get(f.group, f.group))
        ref = in_sentence(names.get(f.reference, f.reference))
        if f.overall > 0:
            verdict = (
                f"{party} cooperates more with {group} than with {ref}, per document of coverage"
            )
        elif f.overall < 0:
            verdict = (
                f"{party} cooperates less with {group} than with {ref}, per document of coverage"
            )
        else:
            verdict = f"no difference between {group} and {ref}"
        out.append(
            f"Freeze-out indicator ({names.get(f.group, f.group)} minus {names.get(f.reference, f.reference)}, "
            f"{window_phrase(comparison.periods)}): "
            f"{f.overall:+.2f}; {verdict}."
        )
    return out


def board_findings(states: Sequence[tuple[str, str]], as_of: str) -> list[str]:
    """``"As of 2023-04-14: 3 mechanisms cancelled (...); 5 suspended (...)."``

    ``states`` are (mechanism name, state) pairs; only cancelled and suspended are named.
    """
    by_state: dict[str, list[str]] = {}
    for name, state in states:
        by_state.setdefault(state, []).append(name)
    parts = []
    for state in ("cancelled", "suspended"):
        names = sorted(by_state.get(state, []))
        if names:
            parts.append(f"{plural(len(names), 'mechanism')} {state} ({', '.join(names)})")
    if not parts:
        return []
    return [f"As of {as_of}: " + "; ".join(parts) + "."]


def network_findings(rows: Sequence[Centrality], names: Mapping[str, str]) -> list[str]:
    """``"Most connected party: China (4 partners, 9 engagements)."``"""
    if not rows:
        return []
    top = rows[0]
    partners = plural(top.degree, "partner")
    engaged = plural(int(top.weighted_degree), "engagement")
    return [f"Most connected party: {names.get(top.node, top.label)} ({partners}, {engaged})."]
