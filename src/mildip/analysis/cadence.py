"""How often a mechanism meets, and which ones are overdue.

Cadence (:func:`estimate_cadence`): the registry's ``cadence_days`` when it has one;
otherwise the median of the per-round gaps between dated rounds (asserted *held*
changes). A gap between rounds *m* and *n* (n > m) counts as (days between them) /
(n - m), so a gap spanning unreported rounds is divided among them; a gap between
two rounds without numbers counts whole. A partial date stands for the middle of
the period it covers. One gap is enough for an estimate; none gives None.

Overdue (:func:`overdue`): with the last round known by ``as_of`` dated ``last`` (the
*last* day its partial date covers, so a month-precision round is never made
earlier than it could be) and cadence ``c``::

    next_expected = last + c
    overdue       when as_of > last + c * settings.overdue_factor
    days_late     = as_of - next_expected

A mechanism whose state on ``as_of`` is suspended, cancelled or postponed is not
overdue: it is returned with ``halted=True`` and ``overdue=False`` so a report can
list it separately.

Only observed rounds count as "the last round": the registry's first round is a
registry fact, not an observation (its ``cadence_days`` is still used). With
``documents``, the events are first cut to what was known on ``as_of``
(:func:`mildip.analysis.asof.knowledge_at`).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from mildip.analysis.asof import known_events
from mildip.analysis.board import board_row
from mildip.analysis.lifecycle import (
    HALTED_STATES,
    StateChange,
    as_of_date,
    known_by,
    mechanism_history,
)
from mildip.dates import bounds
from mildip.kb.mechanisms import Mechanism, Registry, load_registry
from mildip.model import Document, Event
from mildip.settings import Settings


@dataclass(frozen=True)
class OverdueRow:
    """A mechanism whose next round was expected by ``as_of`` (or would be, were it not halted)."""

    mechanism: Mechanism
    state: str | None
    last_round: int | None
    last_round_date: str
    cadence_days: int
    next_expected: date
    days_late: int
    overdue: bool
    halted: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "mechanism_id": self.mechanism.mechanism_id,
            "mechanism": self.mechanism.name,
            "parties": list(self.mechanism.parties),
            "state": self.state,
            "last_round": self.last_round,
            "last_round_date": self.last_round_date,
            "cadence_days": self.cadence_days,
            "next_expected": self.next_expected.isoformat(),
            "days_late": self.days_late,
            "overdue": self.overdue,
            "halted": self.halted,
        }


def _midpoint(value: str) -> date:
    first, last = bounds(value)
    return first + timedelta(days=(last - first).days // 2)


def held_rounds(history: Iterable[StateChange]) -> list[StateChange]:
    """Asserted, dated *held* changes, one per round number (the first report wins), by date."""
    seen: set[int] = set()
    out = []
    for change in history:
        if change.state != "held" or not change.effective or not change.date:
            continue
        if change.round is not None:
            if change.round in seen:
                continue
            seen.add(change.round)
        out.append(change)
    return sorted(out, key=lambda c: (_midpoint(c.date), c.round or 0))


def estimate_cadence(
    history: Sequence[StateChange], registry_value: int | None = None
) -> int | None:
    """Days between rounds: ``registry_value`` first, else the median per-round gap (see module doc)."""
    if registry_value:
        return int(registry_value)
    rounds = held_rounds(history)
    gaps: list[float] = []
    for earlier, later in pairwise(rounds):
        days = (_midpoint(later.date) - _midpoint(earlier.date)).days
        if earlier.round is not None and later.round is not None:
            if later.round <= earlier.round:
                continue
            gaps.append(days / (later.round - earlier.round))
        elif days > 0:
            gaps.append(float(days))
    gaps = [g for g in gaps if g > 0]
    return round(statistics.median(gaps)) if gaps else None


def overdue(
    events: Iterable[Event],
    as_of: date | str,
    settings: Settings | None = None,
    registry: Registry | None = None,
    documents: Iterable[Document] | None = None,
) -> list[OverdueRow]:
    """Mechanisms overdue on ``as_of`` (most late first), then halted ones that would be."""
    settings = settings or Settings()
    day = as_of_date(as_of)
    events = known_events(events, documents, day)
    registry = (registry or load_registry(settings)).with_discovered(events)
    rows = []
    for mechanism_id, history in mechanism_history(events, registry).items():
        mechanism = registry.get(mechanism_id)
        known = [c for c in history if known_by(c, day) and not c.is_registry]
        cadence = estimate_cadence(known, mechanism.cadence_days)
        rounds = held_rounds(known)
        if cadence is None or not rounds:
            continue
        last = rounds[-1]
        last_day = bounds(last.date)[1]
        next_expected = last_day + timedelta(days=cadence)
        if day <= last_day + timedelta(days=cadence * settings.overdue_factor):
            continue
        state = board_row(mechanism, history, day).state
        halted = state in HALTED_STATES
        rows.append(
            OverdueRow(
                mechanism=mechanism,
                state=state,
                last_round=last.round,
                last_round_date=last.date,
                cadence_days=cadence,
                next_expected=next_expected,
                days_late=(day - next_expected).days,
                overdue=not halted,
                halted=halted,
            )
        )
    return sorted(rows, key=lambda r: (r.halted, -r.days_late, r.mechanism.mechanism_id))
