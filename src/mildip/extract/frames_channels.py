"""Frames of channels: rounds held, cancellations and suspensions, resumptions,
agreements and channels set up.

* ``held``: a held/convened/concluded verb next to a channel or exercise phrase gives a
  DIALOGUE or EXERCISE with its mechanism, round and resumption;
* ``mechanism_action``: one CANCEL or SUSPEND per specific channel object;
* ``resume``, ``agree``, ``establish``.
"""

from __future__ import annotations

import re

from mildip.extract.arguments import (
    Context,
    Draft,
    _actor_mentions,
    _anaphor_pair,
    _anaphoric,
    _base_draft,
    _codes,
    _location,
    _subject,
    _two_party_context,
)
from mildip.extract.lexicon import Lexicon
from mildip.extract.mechanism_np import Phrase, find_phrases, is_specific
from mildip.extract.view import SentenceView
from mildip.nlp.ordinals import parse_ordinal

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
        # "held a security dialogue ... for the first time in four years": a resumed
        # round is a particular one even when its name is generic
        clause = view.masked[
            view.rel(view.clause(trig.start)[0]) : view.rel(view.clause(trig.start)[1])
        ]
        if not is_specific(phrase, lex) and not lex.resumption.search(clause):
            return []
    if phrase.head in {"talks", "talk", "meeting", "meetings"} and (phrase.round or 1) == 1:
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
        completes = (
            out
            and re.search(r"\s(?:on|of|for)\s", out[-1][2])
            and len(piece.split()) <= 3
            and not re.match(r"(?i)(?:the|its|their|a|an)\b", piece)
        )
        if not has_head or completes:
            # "on strategic security, arms control and non-proliferation", "between China
            # and the United States", "on a new round of arms control and non-proliferation
            # consultations": a piece that cannot stand alone completes the one before
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
        # "agreed to hold the 2020 MMCA meeting": a registered channel names its parties
        tail_phrases = find_phrases(view.masked, view.base, lex, lex.dialogue_heads)
        for ph in tail_phrases:
            if ph.start >= trig.end:
                parties = _registry_parties(ctx, ph)
                if set(codes) <= set(parties):
                    codes = parties
                break
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
