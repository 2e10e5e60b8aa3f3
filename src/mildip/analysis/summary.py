"""Per-pair summary: how many events of each type each pair of parties has."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from mildip.model import COOPERATIVE_TYPES, RESTRICTIVE_TYPES, Event


@dataclass(frozen=True)
class PairSummary:
    pair: tuple[str, str]
    by_type: dict[str, int]
    cooperative: int
    restrictive: int
    first: str | None
    last: str | None

    @property
    def total(self) -> int:
        return sum(self.by_type.values())


def pair_summaries(events: Iterable[Event], asserted_only: bool = True) -> list[PairSummary]:
    """One row per pair of parties that share an event, busiest pair first.

    A multilateral event counts for every pair of its actors. With
    ``asserted_only`` future, hypothetical and negated events are left out.
    """
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    dates: dict[tuple[str, str], list[str]] = defaultdict(list)
    for ev in events:
        if asserted_only and ev.modality != "asserted":
            continue
        for pair in combinations(sorted(ev.actors), 2):
            counts[pair][ev.type] += 1
            if ev.date:
                dates[pair].append(ev.date)
    rows = []
    for pair, by_type in counts.items():
        ds = sorted(dates[pair])
        rows.append(
            PairSummary(
                pair=pair,
                by_type=dict(sorted(by_type.items())),
                cooperative=sum(n for t, n in by_type.items() if t in COOPERATIVE_TYPES),
                restrictive=sum(n for t, n in by_type.items() if t in RESTRICTIVE_TYPES),
                first=ds[0] if ds else None,
                last=ds[-1] if ds else None,
            )
        )
    return sorted(rows, key=lambda r: (-r.total, r.pair))
