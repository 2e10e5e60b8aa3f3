"""Frame ``hosting``: "Wei received Austin", "Tokyo hosted the delegation".

The subject is the host and the object the guest, who is the visitor (the initiator);
in the passive ("was received by") the roles swap. An object that is itself an event
("hosted talks", "hosted the exercise") is left to that noun's own frame.
"""

from __future__ import annotations

from mildip.extract.arguments import agents, is_passive, objects, passive_subjects, subjects
from mildip.extract.frames import FrameContext, assemble, draft, register
from mildip.extract.frames.visit import is_naval, is_official


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
    if not guest.codes:
        return []
    host = ctx.parties(hosts, "subject", places=True)
    naval = is_naval(ctx, guests)
    if not naval and not is_official(ctx, guests):
        # "receiving US$17.7 billion": a guest must be someone
        return []
    codes, sources = assemble(ctx, [host, guest])
    initiator = guest.codes[0]
    # "the base has also welcomed ships from the Chinese navy": the ships' port call
    return draft(
        ctx, tok, entry, codes, sources, "hosting", initiator=initiator, verb=tok, objects=[tok],
        type="PORT_CALL" if naval else entry.type,
    )
