"""Frame ``agree``: agreements, joint statements, pledges and commitments.

For a verb ("agreed to", "signed", "pledged", "committed to") the parties are the
subject, the ``with`` phrases and the parties of an agreement object ("signed a
U.S.-Philippine MoU"); "sign"-like entries need an agreement object or a ``with``
party. For a noun ("agreement", "memorandum of understanding", "joint statement") they
are its modifiers and ``between``/``with`` phrases, the subject of the verb that
carries it ("reached an agreement") and the subject of a relative clause on it ("an
agreement the two governments signed last year").
"""

from __future__ import annotations

from mildip.extract.arguments import (
    agents,
    clause_verb,
    is_passive,
    objects,
    passive_subjects,
    prep_objects,
    subjects,
)
from mildip.extract.frames import FrameContext, assemble, draft, register
from mildip.extract.frames.interaction import WITH, nominal_sides


def _agreement_objects(ctx: FrameContext, verb) -> list:
    return [o for o in objects(verb) if ctx.lex.in_class("agreement", o.lemma_)]


@register("agree")
def agree(ctx: FrameContext, tok, entry):
    """An AGREE between two parties or more."""
    if entry.pos == "verb":
        if is_passive(tok):
            sides = [ctx.parties(agents(tok), "agent"), ctx.parties(passive_subjects(tok), "object")]
        else:
            sides = [ctx.parties(subjects(tok), "subject")]
        sides.append(ctx.parties(prep_objects(tok, WITH), "with"))
        agreements = _agreement_objects(ctx, tok)
        for obj in agreements:
            sides.extend(nominal_sides(ctx, obj))
        objs = agreements or [tok]
    else:
        sides = nominal_sides(ctx, tok)
        for rel in (c for c in tok.children if c.dep_ == "relcl"):
            sides.append(ctx.parties(subjects(rel), "subject"))
        objs = [tok]
    codes, sources = assemble(ctx, sides, entry=entry)
    return draft(ctx, tok, entry, codes, sources, "agree", verb=clause_verb(tok), objects=objs)
