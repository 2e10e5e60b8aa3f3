"""Proposal–answer links: which event answers which proposal (a pure stage of
resolution: the same events give the same links).

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
result does not depend on the input order. The threads as of a date are
:mod:`mildip.analysis.threads`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from mildip.dates import bounds, sort_key
from mildip.model import Event
from mildip.settings import Settings

ANSWER_TYPES: frozenset[str] = frozenset({"REJECT", "CALL", "MEET", "DIALOGUE"})


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


def canonical_order(event: Event) -> tuple:
    """The order the linking decisions are taken in: date, position, type, id."""
    return (sort_key(event.date), _first_position(event), event.type, event.event_id)


def link_proposals(events: Iterable[Event], settings: Settings | None = None) -> list[Event]:
    """The events, with ``responds_to`` set on answers (copies; the inputs are not changed)."""
    settings = settings or Settings()
    events = list(events)
    proposals = sorted((e for e in events if e.type == "PROPOSE"), key=canonical_order)
    links: dict[str, str] = {}
    for candidate in sorted(events, key=canonical_order):
        if candidate.responds_to or candidate.type not in ANSWER_TYPES:
            continue
        fitting = [p for p in proposals if answers(p, candidate, settings.proposal_window_days)]
        if fitting:
            latest = max(fitting, key=lambda p: (sort_key(p.date), p.event_id))
            links[candidate.event_id] = latest.event_id
    return [e.with_(responds_to=links[e.event_id]) if e.event_id in links else e for e in events]
