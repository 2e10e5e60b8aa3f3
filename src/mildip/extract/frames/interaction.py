"""Frame ``interaction``: meetings, talks, calls and sessions of a dialogue.

The parties are the subject of the trigger's verb, its object ("met Wei"), its
``with``/``between``/``among`` phrases and, for a noun ("talks", "meeting", "call"),
the noun's possessors and modifiers ("U.S.-China talks", "their meeting") and the
subject of the verb that carries it ("held talks", "had his first encounter with").
A call-mode trigger used for something else ("called for", "called on", "so-called")
gives nothing. The type (MEET, CALL or DIALOGUE) is settled later by
:mod:`mildip.extract.typing`.
"""

from __future__ import annotations

from mildip.extract.arguments import (
    agents,
    clause_verb,
    is_passive,
    modifiers,
    objects,
    passive_subjects,
    prep_objects,
    subjects,
)
from mildip.extract.frames import FrameContext, assemble, draft, register

WITH = frozenset({"with", "between", "among", "amongst", "alongside", "and"})
NOUN_WITH = WITH | {"of", "by", "from"}
_NOT_A_CALL = frozenset({"for", "on", "upon", "off", "out", "in", "up", "back"})


def carried_by(noun, verb) -> bool:
    """Whether ``verb`` carries the event ``noun`` states: the noun is its object or
    subject, or the object of one preposition hanging from it ("took part in talks")."""
    t, steps = noun, 0
    while t.i != verb.i and steps < 4:
        if t.dep_ in ("conj", "compound", "appos"):
            t = t.head
            continue
        if t.dep_ in ("dobj", "attr", "nsubjpass", "nsubj", "oprd", "pobj", "prep", "pcomp"):
            t, steps = t.head, steps + 1
            continue
        return False
    return t.i == verb.i


def nominal_sides(ctx: FrameContext, noun, with_words=NOUN_WITH) -> list:
    """The party phrases of a nominal event: its modifiers and complements, and the
    subject and ``with`` phrases of the verb that carries it."""
    sides = [
        ctx.parties(modifiers(noun), "modifier"),
        ctx.parties(prep_objects(noun, with_words), "with"),
        ctx.parties([c for c in noun.children if c.dep_ == "appos"], "modifier"),
    ]
    for acl in (c for c in noun.children if c.dep_ in ("acl", "relcl")):
        sides.append(ctx.parties(objects(acl) + prep_objects(acl, WITH), "with"))
        if acl.dep_ == "relcl" or acl.tag_ == "VBN":
            sides.append(ctx.parties(agents(acl), "agent"))
    verb = clause_verb(noun)
    if verb is not None and verb.i != noun.i and carried_by(noun, verb):
        if noun.dep_ != "nsubj" or is_passive(verb):
            sides.append(ctx.parties(subjects(verb), "subject"))
        sides.append(ctx.parties(prep_objects(verb, WITH), "with"))
        sides.append(ctx.parties(agents(verb), "agent"))
    return sides


def verbal_sides(ctx: FrameContext, verb) -> list:
    """The party phrases of a verb of meeting: subject, object, ``with`` phrases."""
    if is_passive(verb):
        subj = ctx.parties(passive_subjects(verb), "subject")
    else:
        subj = ctx.parties(subjects(verb), "subject")
    return [
        subj,
        ctx.parties(agents(verb), "agent"),
        ctx.parties(objects(verb), "object"),
        ctx.parties(prep_objects(verb, WITH), "with"),
    ]


@register("interaction")
def interaction(ctx: FrameContext, tok, entry):
    """Drafts of a meeting, talk, call or dialogue session (see the module docstring)."""
    if entry.pos == "verb":
        if entry.mode == "call" and (
            any(c.dep_ in ("prt", "prep") and c.lower_ in _NOT_A_CALL for c in tok.children)
            or tok.dep_ in ("amod", "compound")
        ):
            return []
        sides = verbal_sides(ctx, tok)
    else:
        sides = nominal_sides(ctx, tok)
    codes, sources = assemble(ctx, sides)
    return draft(ctx, tok, entry, codes, sources, "interaction", verb=clause_verb(tok), objects=[tok])
