"""Frame ``hosting``: "Wei received Austin", "Tokyo hosted the delegation".

The subject is the host and the object the guest, who is the visitor (the initiator);
in the passive ("was received by") the roles swap. An object that is itself an event
("hosted talks", "hosted the exercise") is left to that noun's own frame.
"""

from __future__ import annotations

from mildip.extract.arguments import agents, is_passive, objects, passive_subjects, subjects
from mildip.extract.frames import FrameContext, assemble, draft, register


@register("hosting")
def hosting(ctx: FrameContext, tok, entry):
    """A MEET whose initiator is the guest."""
    if is_passive(tok):
        guests, hosts = passive_subjects(tok), agents(tok)
    else:
        guests, hosts = objects(tok), subjects(tok)
    if not guests or any(ctx.lex.in_class("engagement", g.lemma_) for g in guests):
        return []
    guest = ctx.parties(guests, "object")
    host = ctx.parties(hosts, "subject")
    codes, sources = assemble(ctx, [host, guest])
    initiator = guest.codes[0] if guest.codes else None
    return draft(ctx, tok, entry, codes, sources, "hosting", initiator=initiator, verb=tok, objects=[tok])
