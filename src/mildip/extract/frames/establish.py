"""Frame ``establish``: a hotline, mechanism, working group or channel is set up.

The object must be a channel noun (``channel`` class): the verb's object or passive
subject ("a hotline was established"), or a noun trigger's ``of`` phrase ("the opening
of a military hotline", "the launch of the Counternarcotics Working Group"). The
parties are the subject, the object phrase's parties and ``between``/``with`` phrases.
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
from mildip.extract.frames.interaction import WITH, nominal_sides


def channel_objects(ctx: FrameContext, tok, entry) -> list:
    """The channel phrases a trigger sets up, or []: a verb's object, passive subject
    or the noun its participle modifies ("a telephone link, set up in 2008")."""
    if entry.pos == "verb":
        participle = tok.dep_ == "acl" and tok.tag_ == "VBN"
        heads = passive_subjects(tok) if is_passive(tok) or participle else objects(tok)
        if all(h.pos_ == "ADJ" for h in heads) and not (is_passive(tok) or participle):
            # "the hotline, which opened on March 31", "the hotline became
            # operational": the channel is the subject; a
            # gathering that opens ("the exercise opened on November 13", "the Forum,
            # which opens on Monday") begins a session, it sets nothing up
            heads = [s for s in subjects(tok) if not ctx.lex.in_class("gathering", s.lemma_)]
    else:
        heads = prep_objects(tok, {"of", "for"})
    # "opened the Sea Guardian-3 joint maritime exercise", "the launch of the drills":
    # an exercise begun is the exercise itself, no channel set up
    return [h for h in heads if ctx.lex.in_class("channel", h.lemma_) and not ctx.lex.has_frame(h.lemma_.lower(), "noun", "exercise")]


@register("establish")
def establish(ctx: FrameContext, tok, entry):
    """One ESTABLISH per channel object."""
    found = channel_objects(ctx, tok, entry)
    if not found:
        return []
    out = []
    for obj in found:
        sides = nominal_sides(ctx, obj)
        if entry.pos == "verb":
            sides.append(ctx.parties(agents(tok) if is_passive(tok) else subjects(tok), "subject"))
            sides.append(ctx.parties(prep_objects(tok, WITH), "with"))
        else:
            sides.append(ctx.parties(modifiers(tok), "modifier"))
            sides.extend(nominal_sides(ctx, tok))
        codes, sources = assemble(ctx, sides)
        out += draft(ctx, tok, entry, codes, sources, "establish", verb=clause_verb(tok), objects=[obj])
    return out
