"""Frames of directed acts: proposals, rejections and incidents."""

from __future__ import annotations

import re

from mildip.extract.arguments import (
    Draft,
    _actor_mentions,
    _agent,
    _base_draft,
    _codes,
    _person_parties,
    _subject,
    _two_party_context,
)


def _answer_frame(view, trig, lex, ctx, type_: str, window: int, context: bool) -> list[Draft]:
    """PROPOSE and REJECT: an engagement object ("a call", "the offer to talk") within
    ``window`` characters after the verb, a subject that initiates, and two parties (the
    last pair named before, when ``context`` allows and the sentence names one party)."""
    tail = view.masked[view.rel(trig.end) : view.rel(trig.end) + window]
    if not lex.engagement_objects.search(tail):
        return []
    subj = _subject(view, trig.start)
    if subj is None:
        return []
    codes = set(_codes(_actor_mentions(view, view.base, view.sentence.end)))
    if len(codes) < 2 and context:
        codes |= set(_two_party_context(view, ctx, lex))
    if len(codes) < 2:
        return []
    return [_base_draft(view, trig, type_, codes, initiator=subj.code)]


def frame_propose(view, trig, lex, ctx, neighbours) -> list[Draft]:
    return _answer_frame(view, trig, lex, ctx, "PROPOSE", 80, context=True)


def frame_reject(view, trig, lex, ctx, neighbours) -> list[Draft]:
    return _answer_frame(view, trig, lex, ctx, "REJECT", 60, context=False)


_OBJECT_STOP = re.compile(
    r"\b(?:during|over|in|near|off|with|while|as|at|on|for|after|before|which|that|who|when|"
    r"against|to|from|into|monitoring|conducting|flying|operating)\b|[,;]"
)


def frame_incident(view, trig, lex, ctx, neighbours) -> list[Draft]:
    """Agents (the subject's coordinated parties, or "by X" after a passive) against the
    parties named as the object, up to the first preposition; bystanders named later
    ("during a transit with the Canadian frigate") are not actors."""
    head = view.masked[max(0, view.rel(trig.start) - 12) : view.rel(trig.start)]
    passive = bool(re.search(r"\b(?:being|been|was|were|be|is|are)\s+$", head))
    named = [p for p in view.parties if p.code and p.kind not in ("place", "forum", "capital")]
    named += _person_parties(view, view.base, view.sentence.end)
    named.sort(key=lambda p: p.start)
    stop = _OBJECT_STOP.search(view.masked, view.rel(trig.end) + 1)
    obj_end = view.base + stop.start() if stop else view.sentence.end
    objects = [p.code for p in named if trig.end <= p.start < obj_end]
    if passive:
        agent = _agent(view, trig.end)
        agents = [agent.code] if agent else []
        objects = [p.code for p in named if p.end <= trig.start][-1:]
    else:
        lo = view.clause(trig.start)[0]
        subjects = [p for p in named if lo <= p.start < trig.start and view.role(p.start) is None]
        agents = [p.code for p in subjects] or [p.code for p in named if p.end <= trig.start][-1:]
    if not objects:
        objects = [p.code for p in named if p.start >= trig.end][:1]
    initiator = agents[0] if agents else None
    codes = set(agents) | set(objects)
    if len(codes) < 2:
        return []
    loc = None
    for p in view.parties:
        if p.start >= trig.end and p.kind == "place":
            loc = p.code
            break
    return [_base_draft(view, trig, "INCIDENT", codes, initiator=initiator, location=loc)]
