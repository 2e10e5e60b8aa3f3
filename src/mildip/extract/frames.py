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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mildip.dates import dates_agree
from mildip.extract.dating import choose_text_date, event_dates
from mildip.extract.lexicon import Lexicon
from mildip.extract.mechanism_np import Phrase, find_phrases, is_specific
from mildip.extract.view import LOCATIVE, SentenceView
from mildip.nlp.gazetteer import PartyMention
from mildip.nlp.ordinals import parse_ordinal


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
    """The mechanism registry (:class:`mildip.resolve.mechanisms.Registry`)."""
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
    if _NOMINAL.match(low) and not view.dates:
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
    if trig.type == "MEET" and lex.naval.search(head):
        # "The taskforce visited Dar es Salaam": a navy's visit is a port call
        navy = naval_owner(view, lex, trig.start) or ctx.naval_party
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


def _next_trigger_start(view: SentenceView, trig: Trigger, lex: Lexicon) -> int | None:
    for m in lex.trigger_regex.finditer(view.masked, view.rel(trig.end)):
        return view.base + m.start()
    return None


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


_COPULAR = re.compile(r"^(?:this|it|which) (?:is|was|marks|marked) the$")
_HELD_BEFORE = re.compile(
    r"^(?:was held|were held|is held|took place|takes place|concluded|concludes|wrapped up|"
    r"kicked off|kicks off|began|begins|started|opened|last convened|was convened|"
    r"is scheduled|are scheduled|will be held)$",
    re.IGNORECASE,
)


def frame_held(view, trig, lex, ctx, neighbours) -> list[Draft]:
    phrases = find_phrases(view.masked, view.base, lex, lex.dialogue_heads | lex.exercise_heads)
    low = trig.text.lower()
    after = [p for p in phrases if p.start >= trig.end and p.start - trig.end <= 80]
    before = [p for p in phrases if p.end <= trig.start and trig.start - p.end <= 160]
    phrase: Phrase | None = None
    participle = bool(before) and re.fullmatch(
        r",?\s*", view.masked[view.rel(before[-1].end) : view.rel(trig.start)]
    )
    if low == "preparations for":
        phrase = after[0] if after else None
    elif _HELD_BEFORE.match(low) or participle:
        phrase = before[-1] if before else (after[0] if after else None)
    else:
        phrase = after[0] if after else None
    if phrase is None:
        return []
    phrase = _round_phrase_before(phrase, phrases, view)
    phrase, composed_round = _round_of(phrase, phrases, view)
    if composed_round is None:
        if phrase.plural and phrase.round is None and not phrase.quoted:
            return []
        if not is_specific(phrase, lex):
            return []
    if phrase.head in {"talks", "talk", "meeting", "meetings"} and phrase.round is None:
        # "held a bilateral meeting" is a meeting; a round needs a named channel
        if not re.search(r"\b[A-Z]", phrase.name or ""):
            return []
    type_ = "EXERCISE" if phrase.kind == "exercise" else "DIALOGUE"
    lo, hi = view.clause(min(trig.start, phrase.start))
    hi = max(hi, view.clause(max(trig.start, phrase.start))[1])
    codes = _anaphor_pair(view, trig, lex, ctx) or _codes(_actor_mentions(view, lo, hi))
    if len(codes) < 2:
        codes = _codes(_actor_mentions(view, view.base, view.sentence.end))
    if len(codes) < 2:
        codes = _registry_parties(ctx, phrase) or codes
    if len(codes) < 2:
        codes = sorted(set(codes) | set(_two_party_context(view, ctx, lex)))
    rnd = phrase.round if composed_round is None else composed_round
    if len(codes) < 2 and rnd is not None and ctx.last_channel and _generic_name(phrase, lex):
        # "The previous, 13th round of the consultations was held in Brussels"
        codes, channel, type_ = ctx.last_channel
        phrase = Phrase(
            phrase.start,
            phrase.end,
            phrase.text,
            phrase.head,
            phrase.kind,
            rnd,
            channel,
            phrase.quoted,
            phrase.plural,
        )
    if len(codes) < 2:
        return []
    clause_text = view.masked[view.rel(lo) : view.rel(hi)]
    resumed = bool(lex.resumption.search(clause_text))
    if rnd is None:
        m = re.search(
            r"\b(\w+)\s+(?:iteration|round|session|edition)\b|\bthe\s+(\w+)\s+(?:of|in)\s+(?:the|this)\s+series\b",
            clause_text,
        )
        if m:
            rnd = parse_ordinal(m.group(1) or m.group(2))
    if resumed and rnd == 1:
        rnd = None
    if _COPULAR.match(low) and (rnd is None or rnd < 2):
        # "it was the first dialogue since ..." describes a round told before; only
        # "this is the sixth ... exercise" gives a round number
        return []
    mech = phrase.quoted or phrase.name
    if _generic_name(phrase, lex) and not phrase.quoted:
        mech = _registry_by_head(ctx, codes, phrase.head)
        series = _SERIES_OF.match(view.masked[view.rel(phrase.end) :])
        if series:
            mech = series.group(1)
    if phrase.quoted:
        mech, numbered = _series_name(phrase.quoted)
        rnd = rnd if rnd is not None else numbered
    return [
        _base_draft(
            view,
            trig,
            type_,
            codes,
            mechanism_text=mech,
            round=rnd,
            resumed=resumed,
            location=_location(view, lo, hi),
            object_span=(phrase.start, phrase.end),
        )
    ]


_NAMED_PART = re.compile(
    r"^(?:[A-Z][\w’'.-]*|of|and|the|on|for)(?:\s+(?:[A-Z][\w’'.-]*|of|and|the|on|for))*"
)


def match_registered(registry, text: str, actors):
    """The registered mechanism ``text`` names, trying the whole phrase and then its
    leading proper name ("Military Maritime Consultative Agreement working group
    meeting" → the MMCA meetings), or None."""
    mech = registry.match(text, actors)
    if mech is None:
        named = _NAMED_PART.match(text)
        if named and named.end() < len(text) and len(named.group(0).split()) >= 2:
            name = re.sub(r"(?:\s+(?:of|and|the|on|for))+$", "", named.group(0))
            mech = registry.match(name, actors)
    return mech


def _registry_parties(ctx: Context, phrase: Phrase) -> list[str]:
    """The parties of the registered channel a phrase names ("the Military Maritime
    Consultative Agreement working group meeting" → CHN, USA), when the text names none."""
    if ctx.registry is None or not phrase.name:
        return []
    mech = match_registered(ctx.registry, phrase.name, ())
    return sorted(mech.parties) if mech is not None and len(mech.parties) >= 2 else []


def _registry_by_head(ctx: Context, codes: list[str], head: str) -> str | None:
    """ "their 14th consultations": the one registered channel of these parties whose name
    has this head noun, else no mechanism."""
    if ctx.registry is None:
        return None
    stem = head.rstrip("s")
    found = [
        m
        for m in ctx.registry
        if frozenset(m.parties) == frozenset(codes) and stem in m.name.lower()
    ]
    return found[0].name if len(found) == 1 else None


_SERIES_OF = re.compile(r"^\s+of\s+the\s+[“\"]([^”\"]{2,40})[”\"]\s+series")


def _series_name(quoted: str) -> tuple[str, int | None]:
    """ "Sea Guardian-3" → ("Sea Guardian", 3); "Golden Dragon 2024" → ("Golden Dragon", None)."""
    name = re.sub(r"[\s-]*\b(?:19|20)\d\d\b", "", quoted).strip(" -")
    m = re.match(r"^(.*?)[\s-]+(\d{1,2})$", name)
    if m:
        return m.group(1).strip(), int(m.group(2))
    return name, None


def _generic_name(phrase: Phrase, lex: Lexicon) -> bool:
    words = [w.lower() for w in re.findall(r"[\w’'-]+", phrase.name)]
    return all(w in lex.generic or w == phrase.head or w in {"round", "session"} for w in words)


def _round_phrase_before(phrase: Phrase, phrases: list[Phrase], view: SentenceView) -> Phrase:
    """For "the first round of the talks was held", the round phrase that governs ``phrase``."""
    for prev in phrases:
        if prev.head in ("round", "session") and prev.end < phrase.start:
            gap = view.masked[view.rel(prev.end) : view.rel(phrase.start)]
            if re.fullmatch(r"\s+of\s+(?:the\s+|their\s+|its\s+)?", gap):
                return prev
    return phrase


def _round_of(
    phrase: Phrase, phrases: list[Phrase], view: SentenceView
) -> tuple[Phrase, int | None]:
    """ "the 14th round of their annual consultations": the channel is the phrase after "of"."""
    if phrase.head not in ("round", "session"):
        return phrase, None
    for nxt in phrases:
        if nxt.start > phrase.end:
            gap = view.masked[view.rel(phrase.end) : view.rel(nxt.start)]
            if re.fullmatch(r"\s+of\s+(?:the\s+|their\s+|its\s+)?", gap):
                return nxt, phrase.round
            break
    return phrase, phrase.round


_SPLIT_OBJECTS = re.compile(
    r",\s*(?:and\s+|including\s+|as well as\s+)?|\s+as well as\s+|\s+and\s+|;\s*"
)


def _object_phrases(
    view: SentenceView, start: int, end: int, lex: Lexicon
) -> list[tuple[int, int, str]]:
    """Coordinated objects in [start, end) that contain a cooperation head noun."""
    text = view.masked[view.rel(start) : view.rel(end)]
    out = []
    pos = 0
    pieces = []
    for m in _SPLIT_OBJECTS.finditer(text):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(text)))
    for s, e in pieces:
        piece = text[s:e].strip().rstrip(".")
        if not piece:
            continue
        lead = len(text[s:e]) - len(text[s:e].lstrip())
        has_head = any(
            re.search(rf"\b{re.escape(h)}\b", piece, re.IGNORECASE) for h in lex.cooperation_heads
        )
        if not has_head:
            # "on strategic security, arms control and non-proliferation", "between China
            # and the United States": a piece with no head noun completes the one before
            if out:
                ps = out[-1][0]
                pe = start + s + lead + len(piece)
                out[-1] = (ps, pe, view.masked[view.rel(ps) : view.rel(pe)])
            continue
        out.append((start + s + lead, start + s + lead + len(piece), piece))
    return out


def _strip_party_tail(view: SentenceView, start: int, piece: str) -> str:
    """ "Maritime Safety Talks with the United States" → "Maritime Safety Talks"."""
    for m in re.finditer(r"\s+(?:with|against|between)\s+(?:the\s+)?", piece):
        at = start + m.end()
        if any(p.start == at for p in view.parties):
            return piece[: m.start()]
    return piece


def _without_parties(view: SentenceView, obj: tuple[int, int, str]) -> str:
    """An object phrase with its party names blanked: "dialogues with the United States"
    is as generic as "dialogues"."""
    start, end, piece = obj
    chars = list(piece)
    for p in view.parties:
        for i in range(max(p.start, start), min(p.end, end)):
            chars[i - start] = " "
    return re.sub(r"\b(?:with|between|and)\s+(?:the\s+)?\s*$", "", "".join(chars).strip())


_CLAUSAL = re.compile(
    r"\b(?:it|they|we|he|she|has|have|had|is|are|was|were|will|would|could|should|sought|seeks|"
    r"that|who|our|your|my|greatly|further|also)\b",
    re.IGNORECASE,
)
_GERUND = re.compile(r"\b([a-z]+ing)\b")


def _specific_object(piece: str, lex: Lexicon) -> bool:
    """A named channel or cooperation area: not generic, not a clause, not too long."""
    words = re.findall(r"[\w’'+\-.]+", piece)
    if len(words) > 12 or _CLAUSAL.search(piece):
        return False
    nouns = lex.cooperation_heads | lex.dialogue_heads | lex.exercise_heads | lex.modifiers
    if any(g not in nouns for g in _GERUND.findall(piece.lower())):
        return False
    for w in words:
        low = w.lower().strip(".")
        if low in lex.generic or low in lex.cooperation_heads:
            continue
        if low in {
            "the",
            "on",
            "of",
            "in",
            "against",
            "between",
            "to",
            "with",
            "for",
            "efforts",
            "address",
        }:
            continue
        return True
    return False


def frame_mechanism_action(view, trig, lex, ctx, neighbours) -> list[Draft]:
    if _anaphoric(view, trig):
        return []
    end = view.clause(trig.end)[1]
    stop = re.search(
        r"\s(?:because|after|amid|in response|to protest|which)\b",
        view.masked[view.rel(trig.end) : view.rel(end)],
    )
    if stop:
        end = trig.end + stop.start()
    objects = _object_phrases(view, trig.end, end, lex)
    objects = [o for o in objects if _specific_object(_without_parties(view, o), lex)]
    if not objects:
        return []
    subj = _subject(view, trig.start)
    initiator = subj.code if subj else ctx.list_lead_initiator
    if view.sentence.is_list_item and ctx.list_lead_initiator:
        initiator = initiator or ctx.list_lead_initiator
    counterpart_codes = set(_codes(_actor_mentions(view, trig.end, end)))
    for p in _actor_mentions(view, view.base, trig.start):
        if view.role(p.start) in {"against", "with", "on", "toward", "towards"}:
            counterpart_codes.add(p.code)
    if view.sentence.is_list_item and len(counterpart_codes | {initiator} - {None}) < 2:
        counterpart_codes |= set(ctx.list_lead_parties)
    drafts = []
    for s, e, piece in objects:
        actors = set(counterpart_codes)
        if initiator:
            actors.add(initiator)
        if len(actors) < 2 and ctx.registry is not None:
            # "Beijing canceled the Military Maritime Consultative Agreement talks": the
            # registry names the other party of a registered channel
            mech = match_registered(ctx.registry, piece, ())
            if mech is not None and initiator in mech.parties:
                actors |= set(mech.parties)
        if len(actors) < 2:
            continue
        drafts.append(
            _base_draft(
                view,
                trig,
                trig.type,
                actors,
                initiator=initiator,
                mechanism_text=_strip_party_tail(view, s, piece),
                object_span=(s, e),
                evidence=(min(trig.start, s), e),
            )
        )
    return drafts


def frame_resume(view, trig, lex, ctx, neighbours) -> list[Draft]:
    head = view.masked[: view.rel(trig.start)]
    if re.search(r"\b(?:to|toward|towards)\s+(?:\w+\s+)?$", head, re.IGNORECASE):
        return []
    if not re.match(r"(?i)resumed|restored|reopened|restarted|revived|resumes", trig.text):
        return []
    if re.search(r"\b(?:them|it|this|that|these|those)\s+$", head):
        return []
    lo, hi = view.clause(trig.start)
    around = view.masked[max(view.rel(lo), view.rel(trig.start) - 60) : view.rel(trig.end) + 60]
    if not lex.engagement_objects.search(around):
        return []
    codes = _codes(_actor_mentions(view, lo, hi))
    if len(codes) < 2:
        return []
    obj = find_phrases(view.masked, view.base, lex)
    mech = next((p for p in obj if lo <= p.start < hi and is_specific(p, lex)), None)
    return [_base_draft(view, trig, "RESUME", codes, mechanism_text=mech.name if mech else None)]


_BETWEEN_CHANNEL = re.compile(
    r"(?:dialogue|talks|conversations|consultations)\s+between\s+"
    r"(?:the\s+)?[^,;.]{3,120}?\s+and\s+(?:the\s+)?[^,;.“”\"]{3,80}",
    re.IGNORECASE,
)


def frame_agree(view, trig, lex, ctx, neighbours) -> list[Draft]:
    low = trig.text.lower()
    if low == "joint statement":
        head = view.masked[max(0, view.rel(trig.start) - 40) : view.rel(trig.start)]
        if not re.search(
            r"(?:released|issued|signed|adopted|published)\s+(?:a|the|their)?\s*$", head
        ):
            return []
    if low in {"sign", "signed", "inked"}:
        tail = view.masked[view.rel(trig.end) : view.rel(trig.end) + 80]
        if not re.search(
            r"\b(?:agreement|memorandum|MoU|MOU|accord|protocol|treaty|statement|plan)\b", tail
        ):
            return []
    lo, hi = view.sentence.start, view.sentence.end
    subjects = _codes(_actor_mentions(view, view.clause(trig.start)[0], trig.start))
    codes = (
        _anaphor_pair(view, trig, lex, ctx)
        or (subjects if len(subjects) >= 2 else [])
        or _codes(_actor_mentions(view, lo, hi))
    )
    if len(codes) < 2:
        codes = sorted(set(codes) | set(_two_party_context(view, ctx, lex)))
    if len(codes) < 2:
        return []
    tail = view.masked[view.rel(trig.end) :]
    m = _BETWEEN_CHANNEL.search(tail)
    mech = m.group(0) if m else None
    return [_base_draft(view, trig, "AGREE", codes, mechanism_text=mech)]


def frame_establish(view, trig, lex, ctx, neighbours) -> list[Draft]:
    tail_end = view.clause(trig.end)[1]
    tail = view.masked[view.rel(trig.end) : view.rel(tail_end)]
    obj = lex.channel_objects.search(tail[:120])
    if obj is None and not lex.channel_objects.search(trig.text):
        return []
    head = view.masked[: view.rel(trig.start)]
    if re.search(r"\b(?:the|its|their)\s+$", head) and trig.text.lower().startswith("establish"):
        return []
    codes = _anaphor_pair(view, trig, lex, ctx) or _codes(
        _actor_mentions(view, view.base, view.sentence.end)
    )
    if len(codes) < 2:
        codes = sorted(set(codes) | set(_two_party_context(view, ctx, lex)))
    if len(codes) < 2:
        return []
    mech_text = tail[: (obj.end() if obj else 0) + 80].strip().rstrip(".") if obj else None
    if mech_text:
        mech_text = re.split(
            r"\s+(?:to|which|that|will|and will|as part of|in order to)\s", mech_text
        )[0]
    return [_base_draft(view, trig, "ESTABLISH", codes, mechanism_text=mech_text)]


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
