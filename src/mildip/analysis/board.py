"""The mechanism status board: every mechanism's state as of a date, with its evidence.

``status_board(events, as_of, parties=(), registry=None, documents=None)`` returns one
:class:`BoardRow` per mechanism (registered ones, and those discovered in
``events``) whose parties include every code in ``parties``. With ``documents``, the
events are first cut to what was known on ``as_of``
(:func:`mildip.analysis.asof.knowledge_at`: documents published by then, events dated
by then, plans announced by then); pass them, or the board may use hindsight.

Observed fields come from events only:

* ``state``: the state set by the latest asserted change known by ``as_of``
  (:func:`mildip.analysis.lifecycle.known_by`), ``"conflicting"`` when that change
  has a contradicting account on an agreeing date (``accounts`` then lists the
  states side by side), or None when no event says anything yet;
* ``since``: the date of the first change of the final run of that state;
* ``last_round`` / ``last_round_date``: the latest *held* change known by ``as_of``;
* ``evidence``: the changes of that final run (quotes, event ids);
* ``scheduled``: future changes not yet past on ``as_of``; ``notes``: negated or
  hypothetical reports known by ``as_of``.

``registry`` holds the registry's own facts dated by ``as_of`` (founding date, first
round), each with the registry's sources. They are shown as registry facts and never
become a state, a "since" or a last round: a mechanism known only from the registry
has state None.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from mildip.analysis.asof import known_events
from mildip.analysis.lifecycle import (
    SCHEDULED,
    StateChange,
    as_of_date,
    known_by,
    mechanism_history,
    registry_baseline,
)
from mildip.dates import bounds
from mildip.kb.mechanisms import Mechanism, Registry, load_registry
from mildip.model import Document, Event

CONFLICTING = "conflicting"


@dataclass(frozen=True)
class BoardRow:
    """One line of the status board (see the module docstring for each field)."""

    mechanism: Mechanism
    state: str | None
    since: str | None
    last_round: int | None
    last_round_date: str | None
    evidence: tuple[StateChange, ...] = ()
    accounts: tuple[str, ...] = ()
    scheduled: tuple[StateChange, ...] = ()
    notes: tuple[StateChange, ...] = ()
    registry: tuple[StateChange, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        m = self.mechanism
        return {
            "mechanism_id": m.mechanism_id,
            "mechanism": m.name,
            "parties": list(m.parties),
            "kind": m.kind,
            "level": m.level,
            "discovered": m.discovered,
            "state": self.state,
            "accounts": list(self.accounts),
            "since": self.since,
            "last_round": self.last_round,
            "last_round_date": self.last_round_date,
            "evidence": [c.to_dict() for c in self.evidence],
            "scheduled": [c.to_dict() for c in self.scheduled],
            "notes": [c.to_dict() for c in self.notes],
            "registry": [
                {"fact": c.state, "date": c.date, "round": c.round, "sources": list(c.quotes)}
                for c in self.registry
            ],
        }


def board_row(mechanism: Mechanism, history: Sequence[StateChange], as_of: date | str) -> BoardRow:
    """The board row of one mechanism from its ordered history."""
    day = as_of_date(as_of)
    facts = tuple(c for c in history if c.is_registry and known_by(c, day))
    observed = [c for c in history if not c.is_registry]
    effective = [c for c in observed if c.effective and known_by(c, day)]
    held = [c for c in effective if c.state == "held"]
    last_held = held[-1] if held else None
    scheduled = tuple(
        c for c in observed if c.state == SCHEDULED and c.date and bounds(c.date)[1] >= day
    )
    notes = tuple(c for c in observed if c.is_note and (not c.date or known_by(c, day)))
    if not effective:
        return BoardRow(
            mechanism, None, None, None, None, scheduled=scheduled, notes=notes, registry=facts
        )
    last = effective[-1]
    rivals = [
        c
        for c in effective
        if c.event_id in last.conflicts_with and last.event_id in c.conflicts_with
    ]
    if rivals:
        evidence = tuple(sorted([last, *rivals], key=lambda c: (c.state, c.event_id)))
        state, accounts = CONFLICTING, tuple(sorted({c.state for c in evidence}))
        since = min((c.date for c in evidence), key=lambda d: bounds(d)[0])
    else:
        run: list[StateChange] = []
        for change in reversed(effective):
            if change.state != last.state:
                break
            run.insert(0, change)
        evidence, state, accounts, since = tuple(run), last.state, (), run[0].date
    return BoardRow(
        mechanism=mechanism,
        state=state,
        since=since,
        last_round=last_held.round if last_held else None,
        last_round_date=last_held.date if last_held else None,
        evidence=evidence,
        accounts=accounts,
        scheduled=scheduled,
        notes=notes,
        registry=facts,
    )


def status_board(
    events: Iterable[Event],
    as_of: date | str,
    parties: Sequence[str] = (),
    registry: Registry | None = None,
    include_silent: bool = True,
    documents: Iterable[Document] | None = None,
) -> list[BoardRow]:
    """Every mechanism involving all of ``parties``, with its state as of ``as_of``.

    A mechanism without events known by ``as_of`` has state None and shows only the
    registry's own facts; ``include_silent=False`` drops the mechanisms that no known
    event names. ``documents`` bound what is known (see the module docstring).
    Rows are sorted by parties, then name.
    """
    events = known_events(events, documents, as_of)
    registry = (registry or load_registry()).with_discovered(events)
    histories = mechanism_history(events, registry)
    wanted = set(parties)
    rows = []
    for mechanism in registry:
        if not wanted <= set(mechanism.parties):
            continue
        if mechanism.mechanism_id not in histories and not include_silent:
            continue
        history = histories.get(mechanism.mechanism_id) or registry_baseline(mechanism)
        rows.append(board_row(mechanism, history, as_of))
    return sorted(
        rows,
        key=lambda r: (r.mechanism.parties, r.mechanism.name.lower(), r.mechanism.mechanism_id),
    )
