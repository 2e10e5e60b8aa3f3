"""Frames of meetings, calls, visits and port calls.

* ``interaction``: the parties around the trigger; a bare "talks" or "met" becomes a CALL
  when a call cue (video teleconference, phone) is near; one subject meeting several
  counterparts is several bilateral meetings; a numbered channel's meeting is a round.
* ``visit``: the visitor is the subject (or the possessor, or the party after
  "visiting"); each host after the trigger is one event; a navy's visit is a port call.
* ``port_call``: the navy's party (or the last navy named) visits each country after the
  trigger.
"""

from __future__ import annotations

import re

from mildip.extract.arguments import (
    Draft,
    Trigger,
    _actor_mentions,
    _anaphor_pair,
    _anaphoric,
    _base_draft,
    _call_or_meet,
    _codes,
    _location,
    _next_trigger_start,
    _subject,
    _two_party_context,
)
from mildip.extract.frames_channels import _round_of
from mildip.extract.lexicon import Lexicon
from mildip.extract.mechanism_np import find_phrases
from mildip.extract.view import LOCATIVE, SentenceView
from mildip.nlp.gazetteer import PartyMention

_NOMINAL = re.compile(
    r"^(?:last talks|latest talks|talks between|talks occurred|talks took|meeting between|"
    r"video teleconference|video call|videoconference|phone call|telephone call|call between)"
)


def frame_interaction(view, trig, lex, ctx, neighbours) -> list[Draft]:
    low = trig.text.lower()
    if _anaphoric(view, trig) and not low.startswith(
        ("last", "latest", "talks between", "meeting between")
    ):
        return []
    lo_c, hi_c = view.clause(trig.start)
    if _NOMINAL.match(low) and not any(lo_c <= d.start < hi_c for d in view.dates):
        # a call or talks named as a noun is an event only with a date of its own
        return []
    lo, hi = view.clause(trig.start)
    codes = _anaphor_pair(view, trig, lex, ctx) or _codes(_actor_mentions(view, lo, hi))
    if len(codes) < 2:
        codes = _codes(_actor_mentions(view, view.base, view.sentence.end))
    if len(codes) < 2:
        codes = sorted(set(codes) | set(_two_party_context(view, ctx, lex)))
    if len(codes) < 2:
        return []
    round_draft = _round_after(view, trig, lex, codes) or _named_channel_at(view, trig, lex, codes)
    if round_draft is not None:
        return [round_draft]
    type_ = _call_or_meet(view, trig, lex, neighbours)
    loc = _location(view, lo, hi) if type_ == "MEET" else None
    hint = _after_modality(view, trig)
    separate = _separate_counterparts(view, trig, codes)
    if separate:
        return [
            _base_draft(view, trig, type_, pair, location=loc, modality_hint=hint)
            for pair in separate
        ]
    return [_base_draft(view, trig, type_, codes, location=loc, modality_hint=hint)]


_JOINT = re.compile(
    r"(?i)\b(?:trilateral|quadrilateral|multilateral|jointly|together|joint meeting)\b"
)


def _separate_counterparts(view: SentenceView, trig: Trigger, codes: list[str]) -> list[list[str]]:
    """ "Hegseth met Philippine Secretary Teodoro and Malaysian Minister Khaled": one subject
    meeting several counterparts, each with their own party, is several bilateral meetings
    (unless the text says the meeting was joint or trilateral)."""
    if not re.match(
        r"(?i)^(?:met|meets|met with|meets with|held talks with|spoke with)", trig.text
    ):
        return []
    if _JOINT.search(view.masked):
        return []
    subj = _subject(view, trig.start, view.clause(trig.start)[0])
    if subj is None:
        return []
    after = _codes(
        [
            p
            for p in _actor_mentions(view, trig.end, view.clause(trig.end)[1])
            if view.role(p.start) not in ("of", "for")
        ]
    )
    after = [c for c in after if c != subj.code]
    if len(after) < 2:
        return []
    return [sorted({subj.code, c}) for c in after]


_POSSESSOR = re.compile(r"['’]s\s+(?:(?:[A-Z][a-z]+\s+\d+[-–]\d+|[\w-]+)\s+){0,3}$")


def _possessor(view: SentenceView, trig: Trigger) -> PartyMention | None | bool:
    """For "Pelosi's visit to", the visitor's party; False when the possessor has none."""
    head = view.masked[: view.rel(trig.start)]
    m = _POSSESSOR.search(head)
    if not m:
        return None
    end = view.base + m.start()
    for p in _actor_mentions(view, view.base, end + 1):
        if p.end == end:
            return p
    return False


def _adjectival_visitor(view: SentenceView, trig: Trigger) -> PartyMention | None:
    """ "met with visiting French President X": the party right after "visiting" is the visitor."""
    if trig.text.lower() != "visiting":
        return None
    for p in view.parties:
        if p.start >= trig.end:
            gap = view.masked[view.rel(trig.end) : view.rel(p.start)]
            if gap.strip() in ("", "the") and p.kind in ("demonym", "country", "institution"):
                return p
            return None
    return None


def _round_after(view: SentenceView, trig: Trigger, lex: Lexicon, codes: list[str]) -> Draft | None:
    """ "met in Beijing for the 14th round of their annual consultations": a channel round."""
    tail_end = min(view.clause(trig.end)[1], trig.end + 120)
    phrases = find_phrases(view.masked, view.base, lex, lex.dialogue_heads)
    for ph in phrases:
        if trig.end <= ph.start < tail_end and ph.head in ("round", "session") and ph.round:
            channel, rnd = _round_of(ph, phrases, view)
            if channel is ph:
                return None
            return _base_draft(
                view,
                trig,
                "DIALOGUE",
                codes,
                mechanism_text=channel.name,
                round=rnd,
                location=_location(view, *view.clause(trig.start)),
                object_span=(ph.start, channel.end),
            )
    return None


def _named_channel_at(
    view: SentenceView, trig: Trigger, lex: Lexicon, codes: list[str]
) -> Draft | None:
    """ "the 57th U.S.-ROK Security Consultative Meeting with ...": a meeting or talks
    trigger whose noun heads a numbered or named channel is a round of that channel."""
    if not re.match(r"(?i)^(?:meeting|talks)\b", trig.text):
        return None
    for ph in find_phrases(view.masked, view.base, lex, lex.dialogue_heads):
        if ph.start < trig.start < ph.end or ph.end == trig.start + len(trig.text.split()[0]):
            if re.search(r"['’]s\b", ph.name):
                # "Secretary Hegseth's Meeting With ...": a person's meeting, not a channel
                return None
            words = [w for w in ph.name.split() if w.lower() != ph.head and "-" not in w]
            named = [w for w in words if w[:1].isupper() and w.lower() in lex.modifiers]
            if (ph.round or 0) < 2 and not named:
                # "the first face-to-face meeting", "the Bali meeting": no channel
                return None
            hint = "future" if lex.future.search(view.masked[: view.rel(ph.start)]) else None
            return _base_draft(
                view,
                trig,
                "DIALOGUE",
                codes,
                mechanism_text=ph.name,
                round=ph.round,
                object_span=(ph.start, ph.end),
                modality_hint=hint,
            )
    return None


_AFTER_FUTURE = re.compile(
    r"^[^.;]{0,200}?\b(?:would|will)\s+(?:take\s+place|be\s+held|be\s+convened|happen|occur)\b"
)


def _after_modality(view: SentenceView, trig: Trigger) -> str | None:
    """A nominal trigger whose verb comes after it: "a call ... would take place" is future."""
    tail = view.masked[view.rel(trig.end) : view.rel(view.clause(trig.end)[1])]
    return "future" if _AFTER_FUTURE.match(tail) else None


def frame_visit(view, trig, lex, ctx, neighbours) -> list[Draft]:
    low = trig.text.lower()
    visitor = _adjectival_visitor(view, trig)
    if visitor is not None:
        host = _subject(view, trig.start)
        locs = view.locations(view.base, view.sentence.end)
        host_code = host.code if host else (locs[0].code if locs else None)
        if host_code is None or host_code == visitor.code:
            return []
        loc = next((p.code for p in locs if p.kind in ("country", "capital", "place")), host_code)
        return [
            _base_draft(
                view, trig, "MEET", {visitor.code, host_code}, initiator=visitor.code, location=loc
            )
        ]
    head = view.masked[view.rel(view.clause(trig.start)[0]) : view.rel(trig.start)]
    pronoun = re.search(r"\b(?:it|they)\s+(?:\w+\s+)?$", head)
    if trig.type == "MEET" and (
        lex.naval.search(head) or (pronoun and lex.naval.search(view.masked))
    ):
        # "The taskforce visited Dar es Salaam", "the training ship ..., during which it will
        # pay visits to Indonesia": a navy's visit is a port call
        navy = naval_owner(view, lex, trig.start)
        if navy is None and pronoun and not lex.naval.search(head):
            navy = naval_owner(view, lex)
        navy = navy or ctx.naval_party
        if navy is not None:
            return _port_calls(view, trig, lex, navy)
    subj = _possessor(view, trig) if "visit to" in low else None
    if subj is False:
        return []
    subj = subj or _subject(view, trig.start)
    if subj is None:
        return []
    obj_end = min(
        _next_trigger_start(view, trig, lex) or view.sentence.end, view.clause(trig.end)[1]
    )
    if low.startswith(("sent a delegation", "delegation")):
        obj_end = view.clause(trig.end)[1]
    hosts_m = [p for p in view.parties if trig.end <= p.start < view.clause(trig.end)[1] and p.code]
    hosts = []
    capital_hosts = []
    for p in hosts_m:
        if p.code == subj.code:
            continue
        role = view.role(p.start)
        if p.kind == "capital" and role in {"to", "in", "at", None}:
            capital_hosts.append(p)
            continue
        if p.kind == "place":
            capital_hosts.append(p)
            continue
        if role in LOCATIVE - {"in", "at"}:
            continue
        if p.start >= obj_end and not low.startswith(("sent a delegation", "delegation")):
            continue
        hosts.append(p)
    location = capital_hosts[0].code if capital_hosts else None
    if not hosts and capital_hosts:
        hosts = capital_hosts[:1]
    drafts = []
    for code in _codes(hosts):
        if code == subj.code:
            continue
        drafts.append(
            _base_draft(
                view,
                trig,
                "MEET",
                {subj.code, code},
                initiator=subj.code,
                location=location or (code if hosts and hosts[0].kind != "org" else None),
            )
        )
    return drafts


def _navy_party(view: SentenceView, m: re.Match) -> str | None:
    """The party written right before the naval noun ``m`` ("Chinese naval escort taskforce")."""
    for p in reversed(view.parties):
        if p.code is None or p.kind in ("place", "forum") or view.rel(p.end) > m.start():
            continue
        gap = view.masked[view.rel(p.end) : m.start()]
        if len(gap) <= 30 and not re.search(r"\b(?:of|from|off|to|in|at|and|with)\b", gap):
            if view.role(p.start) not in LOCATIVE:
                return p.code
        return None
    return None


def naval_owner(view: SentenceView, lex: Lexicon, before: int | None = None) -> str | None:
    """The party of a navy named in the sentence ("Chinese naval escort taskforce",
    "PLA Navy"). With ``before`` (a trigger's start): the navy that is the trigger's
    subject - the last naval noun before it that no preposition governs ("the commander
    of the Tanzania Navy" is not it) - else None."""
    if before is None:
        for m in lex.naval.finditer(view.masked):
            code = _navy_party(view, m)
            if code:
                return code
        return None
    lo = view.rel(view.clause(before)[0])
    subjects = [
        m
        for m in lex.naval.finditer(view.masked, lo, view.rel(before))
        if not re.search(
            r"\b(?:of|from|to|with|by|for)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$",
            view.masked[max(0, m.start() - 40) : m.start()],
        )
    ]
    return _navy_party(view, subjects[-1]) if subjects else None


def _port_calls(view: SentenceView, trig: Trigger, lex: Lexicon, navy: str) -> list[Draft]:
    """One PORT_CALL per country visited after the trigger (up to the next trigger)."""
    obj_end = min(
        _next_trigger_start(view, trig, lex) or view.sentence.end, view.clause(trig.end)[1]
    )
    drafts: dict[str, Draft] = {}
    for p in view.parties:
        if not (trig.end <= p.start < obj_end) or not p.code or p.code == navy:
            continue
        if p.kind in ("org", "forum", "institution", "demonym") or p.code in drafts:
            continue
        drafts[p.code] = _base_draft(
            view, trig, "PORT_CALL", {navy, p.code}, initiator=navy, location=p.code
        )
    return list(drafts.values())


def frame_port_call(view, trig, lex, ctx, neighbours) -> list[Draft]:
    navy = naval_owner(view, lex, trig.start)
    if (
        navy is None
        and not lex.naval.search(view.masked)
        and not re.search(r"(?i)port|dock|berth", trig.text)
    ):
        return frame_visit(view, trig, lex, ctx, neighbours)
    navy = navy or ctx.naval_party
    if navy is None:
        return []
    return _port_calls(view, trig, lex, navy)
