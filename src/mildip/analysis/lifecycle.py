"""The life of each mechanism: the state changes its events record.

``mechanism_history(events, registry)`` maps each mechanism id to its ordered
:class:`StateChange` list. Event types map to states:

==============================  =======================================
PROPOSE                         proposed
AGREE                           agreed
ESTABLISH                       established
DIALOGUE / EXERCISE / CALL /    held (with the round); ``resumed=True``
MEET naming a mechanism         gives *resumed* then *held*
SUSPEND                         suspended (postponed when the evidence
                                says "postpone", "delay" or "put off")
CANCEL                          cancelled (postponed likewise)
RESUME                          resumed
==============================  =======================================

Only asserted events change the state. A future event is kept as a change with
state ``scheduled`` (shown, never the state); negated and hypothetical events are
kept as notes (their ``modality`` says so) and never change the state. REJECT and
INCIDENT events are not state changes (see :mod:`mildip.analysis.threads`).

The registry contributes a baseline: a mechanism's ``established`` date gives an
*established* change and its ``first_round`` a *held* change, with the registry's
sources as evidence (their ``event_id`` starts with ``registry:``, their
``event_type`` is :data:`REGISTRY`). They are *registry facts*, not observations: the
board never derives a state, a "since" or a last round from them and shows them in a
column of their own (``is_registry`` tells them apart); round numbering checks
(:mod:`mildip.analysis.consistency`) do count the registry's first round.

Two asserted changes from different events whose dates agree
(:func:`mildip.dates.dates_agree`) but whose states contradict (a halt beside an
opening, or two different halts) are *conflicting accounts*: both are kept, and each
lists the other's event id in ``conflicts_with``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from mildip.analysis.asof import as_of_day
from mildip.dates import bounds, dates_agree, sort_key
from mildip.kb.mechanisms import Mechanism, Registry, load_registry
from mildip.model import Event

STATES: tuple[str, ...] = (
    "proposed",
    "agreed",
    "established",
    "resumed",
    "held",
    "postponed",
    "suspended",
    "cancelled",
)
"""The states a mechanism can be in, in the order they are applied on one date."""

SCHEDULED = "scheduled"
REGISTRY = "REGISTRY"
"""``StateChange.event_type`` of a fact taken from the mechanism registry, not from an event."""
HALTED_STATES: frozenset[str] = frozenset({"postponed", "suspended", "cancelled"})
OPEN_STATES: frozenset[str] = frozenset({"agreed", "established", "resumed", "held"})

HELD_TYPES: frozenset[str] = frozenset({"DIALOGUE", "EXERCISE", "CALL", "MEET"})
TYPE_STATES: Mapping[str, str] = {
    "PROPOSE": "proposed",
    "AGREE": "agreed",
    "ESTABLISH": "established",
    "SUSPEND": "suspended",
    "CANCEL": "cancelled",
    "RESUME": "resumed",
}
_POSTPONE = re.compile(r"\b(postpon\w*|delay\w*|put off|defer\w*)\b", re.IGNORECASE)


@dataclass(frozen=True)
class StateChange:
    """One change (or, for notes and schedules, one reported would-be change) of a mechanism.

    ``state`` is one of :data:`STATES`, or ``scheduled`` for a future event (then
    ``intended`` is the state it would bring). ``quotes`` are the evidence passages.
    """

    mechanism_id: str
    state: str
    date: str | None
    round: int | None
    event_id: str
    event_type: str
    modality: str
    quotes: tuple[str, ...] = ()
    docs: tuple[str, ...] = ()
    intended: str | None = None
    conflicts_with: tuple[str, ...] = ()

    @property
    def effective(self) -> bool:
        """True when the change sets the state (asserted, not a schedule)."""
        return self.modality == "asserted" and self.state != SCHEDULED

    @property
    def is_registry(self) -> bool:
        """True for a fact stated by the mechanism registry rather than observed in a document."""
        return self.event_type == REGISTRY

    @property
    def is_note(self) -> bool:
        """True for negated or hypothetical reports, kept for the analyst only."""
        return self.modality in ("negated", "hypothetical")

    def to_dict(self) -> dict:
        return {
            "state": self.state,
            "date": self.date,
            "round": self.round,
            "event_id": self.event_id,
            "event_type": self.event_type,
            "modality": self.modality,
            "intended": self.intended,
            "quotes": list(self.quotes),
            "docs": list(self.docs),
            "conflicts_with": list(self.conflicts_with),
        }


def _event_states(event: Event) -> list[str]:
    if event.type in HELD_TYPES:
        return ["resumed", "held"] if event.resumed else ["held"]
    state = TYPE_STATES.get(event.type)
    if state is None:
        return []
    if state in ("suspended", "cancelled") and any(
        _POSTPONE.search(e.quote) for e in event.evidence
    ):
        return ["postponed"]
    return [state]


def changes_of(event: Event, mechanism_id: str) -> list[StateChange]:
    """The state changes one event records for ``mechanism_id`` (possibly none)."""
    quotes = tuple(
        dict.fromkeys(e.quote for e in sorted(event.evidence, key=lambda e: (e.doc_id, e.start)))
    )
    out = []
    for state in _event_states(event):
        scheduled = event.modality == "future"
        out.append(
            StateChange(
                mechanism_id=mechanism_id,
                state=SCHEDULED if scheduled else state,
                date=event.date,
                round=event.round if state == "held" else None,
                event_id=event.event_id,
                event_type=event.type,
                modality=event.modality,
                quotes=quotes,
                docs=tuple(event.docs),
                intended=state if scheduled else None,
            )
        )
    return out


def registry_baseline(mechanism: Mechanism) -> list[StateChange]:
    """Changes stated by the registry itself (its ``established`` and ``first_round``)."""
    out = []
    for state, when, round_ in (
        ("established", mechanism.established, None),
        ("held", mechanism.first_round, mechanism.first_round_number),
    ):
        if when:
            out.append(
                StateChange(
                    mechanism_id=mechanism.mechanism_id,
                    state=state,
                    date=when,
                    round=round_,
                    event_id=f"registry:{mechanism.mechanism_id}",
                    event_type=REGISTRY,
                    modality="asserted",
                    quotes=mechanism.sources,
                )
            )
    return out


def _order(change: StateChange) -> tuple:
    state = change.intended or change.state
    return (sort_key(change.date), STATES.index(state), change.event_id)


def _contradict(a: str, b: str) -> bool:
    if a == b:
        return False
    return (a in HALTED_STATES and (b in HALTED_STATES or b in OPEN_STATES)) or (
        b in HALTED_STATES and a in OPEN_STATES
    )


def _mark_conflicts(changes: list[StateChange]) -> list[StateChange]:
    partners: dict[int, set[str]] = {}
    candidates = [i for i, c in enumerate(changes) if c.effective and c.date]
    for n, i in enumerate(candidates):
        for j in candidates[n + 1 :]:
            a, b = changes[i], changes[j]
            if (
                a.event_id != b.event_id
                and _contradict(a.state, b.state)
                and dates_agree(a.date, b.date)
            ):
                partners.setdefault(i, set()).add(b.event_id)
                partners.setdefault(j, set()).add(a.event_id)
    return [
        replace(c, conflicts_with=tuple(sorted(partners[i]))) if i in partners else c
        for i, c in enumerate(changes)
    ]


def mechanism_history(
    events: Iterable[Event], registry: Registry | None = None, baseline: bool = True
) -> dict[str, list[StateChange]]:
    """Every mechanism's ordered state changes, keyed by mechanism id (sorted).

    Events name their mechanism by ``mechanism_id`` or by text (resolved with
    ``registry``, discovering unregistered names). With ``baseline``, the registry's
    own dates are included for every mechanism that appears in ``events``.
    """
    registry = registry or load_registry()
    grouped: dict[str, list[StateChange]] = {}
    for event in events:
        mechanism = registry.mechanism_for(event)
        if mechanism is None:
            continue
        grouped.setdefault(mechanism.mechanism_id, []).extend(
            changes_of(event, mechanism.mechanism_id)
        )
    if baseline:
        for mechanism_id, changes in grouped.items():
            known = registry.get(mechanism_id)
            if known:
                changes.extend(registry_baseline(known))
    return {k: _mark_conflicts(sorted(grouped[k], key=_order)) for k in sorted(grouped)}


as_of_date = as_of_day
"""The day of an as-of answer (kept under this name for callers of the lifecycle API)."""


def known_by(change: StateChange, as_of: date) -> bool:
    """True when the change is dated and may have happened on or before ``as_of``.

    A partial date counts from its first day: "2023-04" is known by 2023-04-14.
    """
    return bool(change.date) and bounds(change.date)[0] <= as_of
