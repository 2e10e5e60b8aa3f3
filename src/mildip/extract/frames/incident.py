"""Frame ``incident``: intercepts, collisions, shots, seizures and unsafe encounters.

The acting side is the subject ("a Chinese J-11 intercepted ..."), the ``by`` phrase of
a passive ("was intercepted by two Chinese fighters"), or a noun's possessor, modifier
or ``by`` phrase ("China's seizure of", "a Chinese intercept of"); its party is the
initiator. The other side is the object, the passive subject, or a ``with``/``of``/
``at``/``near``/``toward``/``within`` phrase ("collided with", "flew within 50 feet
of a U.S. EP-3"). One of the two sides must name military forces or craft (``military``
class), or a military institution, unless the noun is armed by itself ("firefights",
"the deadly clash"). "Indian and Chinese troops clashed" has both sides
in the subject and no initiator.
"""

from __future__ import annotations

import re

from mildip.extract.arguments import (
    agents,
    clause_verb,
    free_relative_host,
    has_words,
    is_passive,
    modifiers,
    objects,
    passive_subjects,
    prep_objects,
    subjects,
)
from mildip.extract.dating import attached
from mildip.extract.frames import FrameContext, assemble, draft, generic_mention, register
from mildip.extract.frames.interaction import carried_by
from mildip.extract.modality import clause_has_cue

TARGET = frozenset(
    {"with", "of", "at", "on", "upon", "near", "toward", "towards", "against", "into", "within", "across", "around", "over", "to", "from", "between"}
)


_DESIGNATOR = re.compile(r"^(?!G-?\d+$)(?:[A-Z]{1,3}[a-z]?-\d{1,3}[A-Z]{0,2}|[A-Z]{1,2}\d{2,3})$")
"""A military aircraft's or system's designator: J-16, P-8A, RC-135, Su-30, Tu-95, H-6,
MQ-9, F-35A, CP-140, KJ-500, HQ-9."""


def _military(ctx: FrameContext, heads) -> bool:
    for h in heads:
        for t in ctx.resolver.phrase_tokens(h):
            if ctx.lex.in_class("military", t.lemma_) or _DESIGNATOR.match(t.text):
                return True
            pm = ctx.sent.party_of(t.i)
            if pm is not None and pm.kind in ("institution", "craft"):
                return True
    return False


def _armed(ctx: FrameContext, tok, entry) -> bool:
    """Whether the incident noun ``tok`` of ``entry`` is force against force by itself
    (``armed`` class: "firefights broke out", "an exchange of fire") or by a modifier
    (``violent`` class: "the deadly clash")."""
    if ctx.lex.in_class("armed", tok.lemma_) or ctx.lex.in_class("armed", entry.words):
        return True
    return any(
        m.dep_ in ("amod", "compound") and ctx.lex.in_class("violent", m.lower_)
        for m in modifiers(tok)
    )


def _deep_targets(ctx: FrameContext, tok) -> list:
    """Targets of a preposition chain: "within 50 feet of a U.S. aircraft", "flew
    close to an Australian aircraft"."""
    out = []
    for c in tok.children:
        if c.dep_ in ("advmod", "acomp") and c.pos_ in ("ADV", "ADJ"):
            # "flew close to", "came dangerously close to": the phrase hangs on the adverb
            out.extend(prep_objects(c, {"to", "within", "of"}))
    for p in prep_objects(tok, TARGET):
        out.append(p)
        out.extend(prep_objects(p, {"of"}))
    for p in prep_objects(tok, {"in"}):
        if ctx.lex.in_class("path", p.lemma_.lower()):
            # "dropped flares in the path of a Philippine patrol plane"
            out.extend(prep_objects(p, {"of"}))
    return out


def _dated_clause(ctx: FrameContext, tok) -> bool:
    """Whether an adverbial date of ``tok``'s clause ("began in early May with a
    brawl", "combat ... on June 15") dates it; a date modifying another noun ("under a
    1951 treaty") does not."""
    verb = clause_verb(tok)
    for d in ctx.sent.dates:
        head = ctx.sent.span_head(d.start, d.end)
        if head is None or not d.value:
            continue
        adverbial = (
            head.dep_ == "npadvmod"
            or (head.dep_ == "pobj" and head.head.head.pos_ in ("VERB", "AUX"))
            or head.head.head.i == tok.i
        )
        if adverbial and attached(head, tok, verb):
            return True
    return False


def _side_by_side(ctx: FrameContext, tok) -> bool:
    """ "U.S. and Philippine forces will fight side by side", "the two navies fought
    together against pirates": force used together, not against each other (a cue of
    ``[cues] side_by_side`` in the verb's clause)."""
    return tok.pos_ == "VERB" and clause_has_cue(tok, tok, ctx.lex, "side_by_side")


def _rehearsed(ctx: FrameContext, tok) -> bool:
    """Whether the incident word tells part of an exercise ("exercises that include
    simulating attacks", "war games involve the sinking of abandoned vessels", "mock
    attacks", "flew joint patrols", "fired missiles in the drills"): an exercise word
    governs it or is its verb's object or ``in``/``during`` phrase, or a word of
    rehearsal or preparation (``rehearsal`` class: "train for littoral combat") modifies
    or governs it."""

    def rehearsal(word) -> bool:
        return ctx.lex.in_class("rehearsal", word.lemma_.lower()) or ctx.lex.in_class("rehearsal", word.lower_)

    if any(rehearsal(c) for c in tok.children):
        return True
    if tok.pos_ == "VERB" and any(
        _exercise_word(ctx, o, "noun") for o in [*objects(tok), *prep_objects(tok, {"in", "during"})]
    ):
        # "flew joint patrols near Japan", "fired missiles ... in the largest drills it had
        # ever held": the act is part of the exercise
        return True
    for a in tok.ancestors:
        if rehearsal(a):
            return True
        if _exercise_word(ctx, a, "verb" if a.pos_ == "VERB" else "noun"):
            return True
        if a.dep_ in ("ccomp", "ROOT") or a.dep_ == "conj" and a.pos_ == "VERB":
            break
    return False


def _exercise_word(ctx: FrameContext, tok, pos: str) -> bool:
    """Whether ``tok`` is a (non-weak) exercise trigger with all its words."""
    return any(
        e.frame == "exercise" and not e.weak and (not e.rest or has_words(tok, e.rest))
        for e in ctx.lex.for_token(tok.lemma_.lower(), pos)
    )


def _one_side(side, other, codes) -> bool:
    """Whether ``codes`` are all parties of ``side``, which names two or more, while
    ``other`` names none."""
    return len(set(side.codes)) >= 2 and not other.codes and set(codes) <= set(side.codes)


@register("incident")
def incident(ctx: FrameContext, tok, entry):
    """An INCIDENT between two parties' forces."""
    if _rehearsed(ctx, tok) or _side_by_side(ctx, tok):
        return []
    if entry.pos == "verb":
        if ctx.lex.has_frame(tok.lemma_.lower(), "verb", "channel_action") and any(
            ctx.lex.in_class("engagement", o.lemma_) and not ctx.lex.in_class("military", o.lemma_)
            for o in objects(tok)
        ):
            # "China cut off military contacts with Australia", "expelled a military
            # mission": a verb that also acts on channels, with a channel as object, is
            # the channel frame's
            return []
        if is_passive(tok):
            actors, targets = agents(tok), passive_subjects(tok)
        else:
            actors, targets = subjects(tok), objects(tok)
        targets = targets + _deep_targets(ctx, tok)
        for o in objects(tok):
            targets += _deep_targets(ctx, o)
    else:
        if generic_mention(ctx, tok):
            return []
        actors = [m for m in modifiers(tok) if m.dep_ in ("poss", "compound", "amod")]
        actors += prep_objects(tok, {"by", "from"})
        for o in prep_objects(tok, {"of"}):
            # "the intercept of a RAAF P-8 by a PLA J-16", the "by" phrase parsed
            # under the target
            actors += prep_objects(o, {"by"})
        targets = _deep_targets(ctx, tok)
        verb = clause_verb(tok)
        host = free_relative_host(tok, ctx.lex.classes["support"])
        if host is not None:
            # "Chinese jets carried out what the Pentagon said was an unsafe intercept"
            actors += subjects(host)
        elif verb is not None and verb.i != tok.i and carried_by(ctx.lex, tok, verb):
            if tok.dep_ != "nsubj":
                actors += subjects(verb)
                targets += prep_objects(verb, TARGET - {"to"})
            elif not objects(verb):
                # "firefights broke out between India and China": the sides of an
                # incident that a support verb tells happened
                targets += prep_objects(verb, {"between"})
    if not _military(ctx, actors + targets + [tok]) and not (entry.pos == "noun" and _armed(ctx, tok, entry)):
        return []
    acting = ctx.parties(actors, "subject")
    target = ctx.parties(targets, "object")
    # "a U.S. destroyer sailed within 12 nautical miles of a disputed island": a target
    # that is a place, not a party or its forces, leaves no other side to take from the
    # narrative
    placed = (
        bool(targets)
        and not target.codes
        and all(ctx.lex.in_class("geography", t.lemma_.lower()) for t in targets)
    )
    codes, sources = assemble(ctx, [acting, target], allow_context=not placed)
    if not codes and entry.pos == "noun" and _armed(ctx, tok, entry) and _dated_clause(ctx, tok):
        # "The face-off began in early May with a fierce brawl": force against force that
        # names no side, at a time of its own, is between the narrative's two parties
        codes, sources = list(ctx.state.pair()), {"context"}
    if (
        entry.pos == "verb"
        and not ctx.lex.in_class("reciprocal", tok.lemma_.lower())
        and (_one_side(acting, target, codes) or _one_side(target, acting, codes))
    ):
        # "U.S. and Canadian fighter jets intercepted ..." with the intercepted side lost
        # to the parse, "U.S. and Philippine ships were harassed" with the acting side
        # unsaid: one side only, no encounter to record
        return []
    if target.codes and len(set(acting.codes)) >= 2 and set(target.codes) <= set(acting.codes):
        # "the USS Durham ... was hit by missiles fired from American, Australian and
        # Canadian ships": a party's own hulk sunk in a drill, no encounter between sides
        return []
    initiator = acting.codes[0] if len(acting.codes) == 1 else None
    if len(set(codes)) == 1 and initiator and not targets:
        # "the same Chinese unit was responsible for similar 'close intercepts' in March":
        # intercepts of whom the story is about - the narrative's counterpart
        other = ctx.state.counterpart_of(initiator)
        if other:
            codes.append(other)
            sources.add("counterpart")
    if sources & {"context", "counterpart"} and ctx.state.allied is not None and ctx.state.allied(tuple(sorted(set(codes)))):
        # "an attack on the Philippine coast guard would trigger the treaty" in a story
        # about the Philippines and the United States: the narrative's pair are allies,
        # not the two sides of an encounter
        return []
    return draft(
        ctx, tok, entry, codes, sources, "incident",
        initiator=initiator, verb=clause_verb(tok), objects=[tok],
    )
