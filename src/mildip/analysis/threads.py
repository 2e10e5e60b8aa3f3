"""Proposal–response threads: which event answers which proposal.

:func:`link_proposals` sets ``Event.responds_to`` (the proposal's ``event_id``) on
answers. An *answer* is an asserted REJECT, CALL, MEET or DIALOGUE that

* has the same actors (as a set) as an asserted PROPOSE,
* names the same mechanism when both name one (by ``mechanism_id``, else by the
  mechanism text, case-insensitively),
* is not earlier than the proposal (its last possible day is on or after the
  proposal's first possible day; within one document, a same-date answer must also
  come later in the text), and
* begins at most ``settings.proposal_window_days`` after the proposal's last
  possible day.

Each answer answers the latest such proposal (ties broken by event id); a proposal
may have several answers. An answer that already has ``responds_to`` is left as it
is. The input order is kept; the decisions are taken on a canonical order, so the
result does not depend on the input order.

:func:`proposal_threads` groups, as of a date, each asserted proposal with the
answers known by then; :func:`unanswered_proposals` keeps the proposals without one.
With ``documents``, only what was published by the as-of date counts
(:func:`mildip.analysis.asof.knowledge_at`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from mildip.analysis.asof import known_events
from mildip.analysis.lifecycle import as_of_date
from mildip.dates import bounds, sort_key
from mildip.model import Document, Event
from mildip.settings import Settings

ANSWER_TYPES: frozenset[str] = frozenset({"REJECT", "CALL", "MEET", "DIALOGUE"})


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


def _mechanism_key(event: Event) -> str | None:
    if event.mechanism_id:
        return event.mechanism_id
    return event.mechanism.strip().lower() if event.mechanism else None


def _first_position(event: Event) -> tuple[str, int]:
    return min(((e.doc_id, e.start) for e in event.evidence), default=("", 0))


def answers(proposal: Event, candidate: Event, window_days: int) -> bool:
    """True when ``candidate`` may answer ``proposal`` (the rules of the module docstring)."""
    if proposal.type != "PROPOSE" or candidate.type not in ANSWER_TYPES:
        return False
    if proposal.modality != "asserted" or candidate.modality != "asserted":
        return False
    if set(proposal.actors) != set(candidate.actors) or not proposal.date or not candidate.date:
        return False
    p_key, c_key = _mechanism_key(proposal), _mechanism_key(candidate)
    if p_key and c_key and p_key != c_key:
        return False
    p_first, p_last = bounds(proposal.date)
    c_first, c_last = bounds(candidate.date)
    if c_last < p_first or c_first > p_last + timedelta(days=window_days):
        return False
    p_doc, p_start = _first_position(proposal)
    c_doc, c_start = _first_position(candidate)
    return not (proposal.date == candidate.date and p_doc == c_doc and c_start < p_start)


def _canonical(event: Event) -> tuple:
    return (sort_key(event.date), _first_position(event), event.type, event.event_id)


def link_proposals(events: Iterable[Event], settings: Settings | None = None) -> list[Event]:
    """The events, with ``responds_to`` set on answers (copies; the inputs are not changed)."""
    settings = settings or Settings()
    events = list(events)
    proposals = sorted((e for e in events if e.type == "PROPOSE"), key=_canonical)
    links: dict[str, str] = {}
    for candidate in sorted(events, key=_canonical):
        if candidate.responds_to or candidate.type not in ANSWER_TYPES:
            continue
        fitting = [p for p in proposals if answers(p, candidate, settings.proposal_window_days)]
        if fitting:
            latest = max(fitting, key=lambda p: (sort_key(p.date), p.event_id))
            links[candidate.event_id] = latest.event_id
    return [e.with_(responds_to=links[e.event_id]) if e.event_id in links else e for e in events]


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
