"""What every frame rule needs: the draft record, the document context, triggers, and
the finders of arguments in a prepared sentence (the parties of a clause, the subject,
the agent of a passive, "the two sides", anaphoric references).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mildip.extract.lexicon import Lexicon
from mildip.extract.view import SentenceView
from mildip.nlp.gazetteer import PartyMention


@dataclass
class Draft:
    """An event mention before dating, modality and resolution."""

    type: str
    actors: set[str]
    trigger: tuple[int, int]
    frame: str
    initiator: str | None = None
    mechanism_text: str | None = None
    round: int | None = None
    resumed: bool = False
    location: str | None = None
    evidence: tuple[int, int] | None = None
    object_span: tuple[int, int] | None = None
    modality_hint: str | None = None


@dataclass
class Context:
    """What earlier sentences of the document leave for later ones."""

    naval_party: str | None = None
    list_lead_parties: list[str] = field(default_factory=list)
    list_lead_initiator: str | None = None
    recent_pairs: list[set[str]] = field(default_factory=list)
    registry: object = None
    """The mechanism registry (:class:`mildip.kb.mechanisms.Registry`)."""
    pairs_from_events: bool = False
    """Once an event is told, "the two sides" refers to event pairs only."""
    last_channel: tuple[list[str], str, str] | None = None
    """(actors, channel phrase, type) of the last round told: "the previous, 13th round"."""


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    text: str
    type: str
    frame: str


def find_triggers(view: SentenceView, lex: Lexicon) -> list[Trigger]:
    """Trigger matches of the sentence, outside citations and datelines."""
    out = []
    for m in lex.trigger_regex.finditer(view.masked):
        spec = lex.trigger_spec(m.lastgroup)
        out.append(
            Trigger(view.base + m.start(), view.base + m.end(), m.group(0), spec.type, spec.frame)
        )
    return out


def _codes(parties: list[PartyMention]) -> list[str]:
    seen: list[str] = []
    for p in parties:
        if p.code and p.code not in seen:
            seen.append(p.code)
    return seen


def _person_parties(view: SentenceView, lo: int, hi: int) -> list[PartyMention]:
    out = []
    for pm in view.persons:
        if pm.party and lo <= pm.start < hi:
            out.append(PartyMention(pm.start, pm.end, pm.name, pm.party, "person"))
    return out


def _actor_mentions(view: SentenceView, lo: int, hi: int) -> list[PartyMention]:
    mentions = view.actor_parties(lo, hi) + _person_parties(view, lo, hi)
    return sorted(mentions, key=lambda p: p.start)


def _subject(view: SentenceView, before: int, lo: int | None = None) -> PartyMention | None:
    """The nearest party before ``before`` that no preposition governs."""
    lo = view.base if lo is None else lo
    for p in reversed(_actor_mentions(view, lo, before)):
        if view.role(p.start) is None:
            return p
    return None


def _agent(view: SentenceView, after: int) -> PartyMention | None:
    """ "by the U.S. Air Force" after a passive trigger."""
    for p in _actor_mentions(view, after, view.sentence.end):
        if view.role(p.start) == "by":
            return p
    return None


def _location(view: SentenceView, lo: int, hi: int) -> str | None:
    """The first place named in [lo, hi): a city, region, capital or locative country."""
    for p in view.locations(lo, hi):
        if p.kind in ("country", "capital", "place", "demonym"):
            return p.code
    return None


def _two_party_context(view: SentenceView, ctx: Context, lex: Lexicon) -> list[str]:
    if lex.two_parties.search(view.masked) and ctx.recent_pairs:
        return sorted(ctx.recent_pairs[-1])
    return []


def _anaphor_pair(
    view: SentenceView, trig: Trigger, lex: Lexicon, ctx: Context | None = None
) -> list[str]:
    """When "the two sides"/"both leaders" is the subject of the trigger, the two parties
    named before it in the sentence (else an empty list)."""
    lo = view.clause(trig.start)[0]
    head = view.masked[view.rel(lo) : view.rel(trig.start)]
    matches = list(lex.two_parties.finditer(head))
    m = matches[-1] if matches else None
    if m is None or len(head) - m.end() > 25:
        return []
    anaphor_at = lo + m.start()
    codes = []
    for p in reversed(_actor_mentions(view, view.base, anaphor_at)):
        if p.code not in codes:
            codes.append(p.code)
        if len(codes) == 2:
            return sorted(codes)
    if ctx is not None and ctx.recent_pairs:
        return sorted(ctx.recent_pairs[-1])
    return []


def _is_question(view: SentenceView) -> bool:
    return view.text.rstrip().endswith("?")


def _anaphoric(view: SentenceView, trig: Trigger) -> bool:
    """ "the call", "The meeting", "this discussion": a reference to an event told before."""
    head = view.masked[: view.rel(trig.start)]
    if re.search(r"(?:^|\s)(?:the|The|this|This|that|these|those)\s+$", head):
        return True
    # "It was the first call between ... since ...": a description of a call told before
    return bool(
        re.search(r"\b(?:It|it|This|this|That|that) (?:is|was) (?:the|its|their) \w+ $", head)
    )


def _base_draft(view: SentenceView, trig: Trigger, type_: str, actors, **kw) -> Draft:
    return Draft(
        type=type_, actors=set(actors), trigger=(trig.start, trig.end), frame=trig.frame, **kw
    )


def _call_or_meet(view: SentenceView, trig: Trigger, lex: Lexicon, neighbours: str) -> str:
    if trig.type == "CALL":
        return "CALL"
    if lex.call_cues.search(view.masked):
        return "CALL"
    low = trig.text.lower()
    if ("talks" in low or "meeting" in low) and lex.call_cues.search(neighbours):
        return "CALL"
    return "MEET"


def _next_trigger_start(view: SentenceView, trig: Trigger, lex: Lexicon) -> int | None:
    for m in lex.trigger_regex.finditer(view.masked, view.rel(trig.end)):
        return view.base + m.start()
    return None
