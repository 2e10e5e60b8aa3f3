"""Frame ``reject``: a party refuses a proposed meeting, call or dialogue.

"Beijing rejected the offer to talk", "China declined a U.S. request for a meeting",
"refused to meet Austin", "China's refusal to hold talks". The refuser is the
initiator; what is refused must be an engagement or a proposal of one (``engagement``
class, or a clause whose verb is a meeting or visit word); the other party is the
proposal's author ("a U.S. request"), the engagement's parties, or the narrative
counterpart.
"""

from __future__ import annotations

from mildip.extract.arguments import clause_verb, prep_objects
from mildip.extract.frames import FrameContext, assemble, draft, register
from mildip.extract.frames.interaction import WITH
from mildip.extract.frames.propose import engagement_of, engagement_parties


@register("reject")
def reject(ctx: FrameContext, tok, entry):
    """A REJECT initiated by the refuser."""
    refuser, others, engagements = engagement_of(ctx, tok, entry)
    if not engagements:
        return []
    who = ctx.parties(refuser, "subject")
    sides = [who, ctx.parties(others, "object"), *engagement_parties(ctx, engagements)]
    sides.append(ctx.parties(prep_objects(tok, WITH), "with"))
    codes, sources = assemble(ctx, sides)
    initiator = who.codes[0] if who.codes else None
    if len(set(codes)) == 1 and initiator:
        other = ctx.state.counterpart_of(initiator)
        if other:
            codes.append(other)
            sources.add("counterpart")
    return draft(
        ctx, tok, entry, codes, sources, "reject",
        initiator=initiator, verb=clause_verb(tok), objects=engagements,
    )
