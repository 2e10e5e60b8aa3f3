"""Proposal threads as of a date: each proposal with the answers known by then.

The links themselves (which event answers which proposal) are
:func:`mildip.resolve.threads.link_proposals`, a stage of resolution.
:func:`proposal_threads` groups, as of a date, each asserted proposal with the
answers known by then; :func:`unanswered_proposals` keeps the proposals without one.
With ``documents``, only what was published by the as-of date counts
(:func:`mildip.analysis.asof.knowledge_at`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from mildip.analysis.asof import known_events
from mildip.analysis.lifecycle import as_of_date
from mildip.dates import bounds
from mildip.model import Document, Event
from mildip.resolve.threads import canonical_order as _canonical
from mildip.resolve.threads import link_proposals
from mildip.settings import Settings


@dataclass(frozen=True)
class Thread:
    """A proposal and its answers known by a date.

    ``days_waiting`` counts from the proposal's last possible day to the as-of date;
    ``window_open`` is true while an answer could still come within the window.
    """

    proposal: Event
    answers: tuple[Event, ...]
    days_waiting: int
    window_open: bool

    @property
    def answered(self) -> bool:
        return bool(self.answers)

    def to_dict(self) -> dict[str, Any]:
        def brief(e: Event) -> dict[str, Any]:
            quote = e.evidence[0].quote if e.evidence else None
            return {
                "event_id": e.event_id,
                "type": e.type,
                "date": e.date,
                "actors": list(e.actors),
                "initiator": e.initiator,
                "mechanism": e.mechanism,
                "evidence": quote,
            }

        return {
            "proposal": brief(self.proposal),
            "answers": [brief(a) for a in self.answers],
            "days_waiting": self.days_waiting,
            "window_open": self.window_open,
        }


@dataclass(frozen=True)
class UnansweredProposal:
    """A proposal with no answer by ``as_of``; ``window_open`` while an answer may still come."""

    event: Event
    days_waiting: int
    window_open: bool


def proposal_threads(
    events: Iterable[Event],
    as_of: date | str,
    settings: Settings | None = None,
    documents: Iterable[Document] | None = None,
) -> list[Thread]:
    """Each asserted proposal known by ``as_of`` with the answers known by then (oldest first)."""
    settings = settings or Settings()
    day = as_of_date(as_of)
    known = [e for e in known_events(events, documents, day) if e.date and bounds(e.date)[0] <= day]
    linked = sorted(link_proposals(known, settings), key=_canonical)
    threads = []
    for event in linked:
        if event.type != "PROPOSE" or event.modality != "asserted":
            continue
        replies = tuple(e for e in linked if e.responds_to == event.event_id)
        waiting = max(0, (day - bounds(event.date)[1]).days)
        threads.append(Thread(event, replies, waiting, waiting <= settings.proposal_window_days))
    return threads


def unanswered_proposals(
    events: Iterable[Event],
    as_of: date | str,
    settings: Settings | None = None,
    documents: Iterable[Document] | None = None,
) -> list[UnansweredProposal]:
    """Asserted proposals known by ``as_of`` that nothing known by ``as_of`` answers (oldest first)."""
    return [
        UnansweredProposal(t.proposal, t.days_waiting, t.window_open)
        for t in proposal_threads(events, as_of, settings, documents)
        if not t.answered
    ]
