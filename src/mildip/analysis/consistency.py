"""Round consistency: flags on the numbered rounds of each mechanism.

:func:`round_consistency` looks at asserted *held* changes with a round number
(:mod:`mildip.analysis.lifecycle`) and returns a :class:`Flag` for each of:

* ``round_dates_disagree`` - one round reported with two dates that do not agree at
  the coarser precision (``2024-01`` and ``2024-01-09`` agree; ``2024-01`` and
  ``2024-03`` do not);
* ``round_order`` - a round dated strictly after (its first possible day is after
  the other's last possible day) a round with a *higher* number;
* ``missing_rounds`` - rounds between two known ones that no event reports (a
  coverage hint rather than an error).

The registry's ``first_round``/``first_round_number`` counts as a reported round.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from mildip.analysis.lifecycle import StateChange, mechanism_history
from mildip.dates import bounds, dates_agree
from mildip.kb.mechanisms import Registry, load_registry
from mildip.model import Event

FLAG_KINDS: tuple[str, ...] = ("round_dates_disagree", "round_order", "missing_rounds")


@dataclass(frozen=True)
class Flag:
    """One inconsistency: its kind, mechanism, the rounds and events involved, and a message."""

    kind: str
    mechanism_id: str
    rounds: tuple[int, ...]
    event_ids: tuple[str, ...]
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "mechanism_id": self.mechanism_id,
            "rounds": list(self.rounds),
            "event_ids": list(self.event_ids),
            "message": self.message,
        }


def _numbered(history: Iterable[StateChange]) -> list[StateChange]:
    return [
        c for c in history if c.state == "held" and c.effective and c.date and c.round is not None
    ]


def _date_flags(mechanism_id: str, rounds: list[StateChange]) -> list[Flag]:
    flags = []
    for i, a in enumerate(rounds):
        for b in rounds[i + 1 :]:
            if a.round == b.round and not dates_agree(a.date, b.date):
                flags.append(
                    Flag(
                        "round_dates_disagree",
                        mechanism_id,
                        (a.round,),
                        tuple(sorted({a.event_id, b.event_id})),
                        f"{mechanism_id}: round {a.round} is reported as {a.date} and as {b.date}",
                    )
                )
    return flags


def _order_flags(mechanism_id: str, rounds: list[StateChange]) -> list[Flag]:
    flags = []
    for a in rounds:
        for b in rounds:
            if a.round < b.round and bounds(a.date)[0] > bounds(b.date)[1]:
                flags.append(
                    Flag(
                        "round_order",
                        mechanism_id,
                        (a.round, b.round),
                        tuple(sorted({a.event_id, b.event_id})),
                        f"{mechanism_id}: round {a.round} ({a.date}) is dated after "
                        f"round {b.round} ({b.date})",
                    )
                )
    return flags


def _gap_flags(mechanism_id: str, rounds: list[StateChange]) -> list[Flag]:
    numbers = sorted({c.round for c in rounds})
    flags = []
    for low, high in pairwise(numbers):
        if high - low > 1:
            missing = tuple(range(low + 1, high))
            ids = tuple(sorted({c.event_id for c in rounds if c.round in (low, high)}))
            listed = ", ".join(map(str, missing))
            flags.append(
                Flag(
                    "missing_rounds",
                    mechanism_id,
                    missing,
                    ids,
                    f"{mechanism_id}: no report of round(s) {listed} between rounds {low} and {high}",
                )
            )
    return flags


def round_consistency(events: Iterable[Event], registry: Registry | None = None) -> list[Flag]:
    """Every round-consistency flag, sorted by mechanism, kind and rounds."""
    registry = registry or load_registry()
    flags: list[Flag] = []
    for mechanism_id, history in mechanism_history(events, registry).items():
        rounds = _numbered(history)
        flags += _date_flags(mechanism_id, rounds)
        flags += _order_flags(mechanism_id, rounds)
        flags += _gap_flags(mechanism_id, rounds)
    return sorted(
        flags, key=lambda f: (f.mechanism_id, FLAG_KINDS.index(f.kind), f.rounds, f.event_ids)
    )
