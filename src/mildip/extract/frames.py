"""Frame rules: from a trigger in a prepared sentence to event drafts.

Each frame finds the arguments its event type needs:

* ``interaction`` (meetings, calls): the parties around the trigger; a bare "talks"
  or "met" becomes a CALL when a call cue (video teleconference, phone) is near.
* ``visit``: the visitor is the subject, each host after the trigger is one event.
* ``port_call``: the navy's party (or the last navy named in the document) visits
  each port country after the trigger.
* ``held``: a held/convened/concluded verb next to a channel or exercise phrase.
* ``mechanism_action`` (cancel, suspend): one event per specific channel object.
* ``resume``, ``agree``, ``establish``, ``propose``, ``reject``, ``incident``.

A draft needs two distinct parties; generic objects ("the military dialogues"),
questions and anaphoric references ("the call") produce nothing.

This module dispatches triggers to the frames (:mod:`frames_meetings`,
:mod:`frames_channels`, :mod:`frames_directed`; shared argument finders in
:mod:`arguments`) and keeps one draft per event and phrase in a sentence.
"""

from __future__ import annotations

from mildip.dates import dates_agree
from mildip.extract.arguments import Context, Draft, Trigger, _is_question, find_triggers
from mildip.extract.dating import choose_text_date, event_dates
from mildip.extract.frames_channels import (
    frame_agree,
    frame_establish,
    frame_held,
    frame_mechanism_action,
    frame_resume,
    match_registered,
)
from mildip.extract.frames_directed import frame_incident, frame_propose, frame_reject
from mildip.extract.frames_meetings import (
    frame_interaction,
    frame_port_call,
    frame_visit,
    naval_owner,
)
from mildip.extract.lexicon import Lexicon
from mildip.extract.view import SentenceView

__all__ = ["FRAMES", "Context", "Draft", "Trigger", "drafts_for", "match_registered", "naval_owner"]


FRAMES = {
    "interaction": frame_interaction,
    "visit": frame_visit,
    "port_call": frame_port_call,
    "held": frame_held,
    "mechanism_action": frame_mechanism_action,
    "resume": frame_resume,
    "agree": frame_agree,
    "establish": frame_establish,
    "propose": frame_propose,
    "reject": frame_reject,
    "incident": frame_incident,
}


def drafts_for(view: SentenceView, lex: Lexicon, ctx: Context, neighbours: str) -> list[Draft]:
    """Every draft in one sentence; triggers inside an earlier draft's object are skipped."""
    if _is_question(view):
        return []
    if lex.habitual.search(view.masked) and not event_dates(view.dates, view.masked, view.base):
        # "Austin has met his Chinese counterparts several times": a habit, not an event
        return []
    drafts: list[Draft] = []
    claimed: list[tuple[int, int]] = []
    triggers = find_triggers(view, lex)
    for trig in triggers:
        if any(a <= trig.start < b for a, b in claimed):
            continue
        made = FRAMES[trig.frame](view, trig, lex, ctx, neighbours)
        for d in made:
            if d.object_span:
                claimed.append(d.object_span)
            if d.type in ("PROPOSE", "REJECT", "AGREE", "CANCEL", "SUSPEND"):
                tail_end = view.clause(trig.end)[1]
                claimed.append((trig.end, tail_end))
        drafts.extend(made)
    return _one_per_event(drafts, view)


def _one_per_event(drafts: list[Draft], view: SentenceView) -> list[Draft]:
    """Two triggers of one sentence that give the same type and actors about the same
    phrase ("held the X exercise ..., which concluded on ...") tell one event: keep the
    first, completed by the others. Different channels in one sentence stay apart."""
    kept: list[Draft] = []
    for d in drafts:
        first = next((k for k in kept if _same_draft(k, d, view)), None)
        if first is None:
            kept.append(d)
            continue
        first.round = first.round if first.round is not None else d.round
        first.mechanism_text = first.mechanism_text or d.mechanism_text
        first.location = first.location or d.location
        first.initiator = first.initiator or d.initiator
        first.resumed = first.resumed or d.resumed
    return kept


def _same_draft(a: Draft, b: Draft, view: SentenceView) -> bool:
    if a.type != b.type or a.actors != b.actors:
        return False
    da, db = _trigger_date(view, a), _trigger_date(view, b)
    if da and db and not dates_agree(da, db):
        # "had held a meeting at the 2022 SLD ... and met again last November": two events
        return False
    if a.object_span and b.object_span:
        return a.object_span[0] < b.object_span[1] and b.object_span[0] < a.object_span[1]
    return a.type not in _STATE_CHANGES


_STATE_CHANGES = frozenset({"CANCEL", "SUSPEND", "RESUME", "ESTABLISH"})


def _trigger_date(view: SentenceView, draft: Draft) -> str | None:
    """The sentence date nearest a draft's trigger in its clause (see :mod:`dating`)."""
    usable = event_dates(view.dates, view.masked, view.base)
    return choose_text_date(usable, draft.trigger, view.clause(draft.trigger[0]))
