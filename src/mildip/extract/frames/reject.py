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
        return _answer_to_last_proposal(ctx, tok, entry, refuser)
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
    out = draft(
        ctx, tok, entry, codes, sources, "reject",
        initiator=initiator, verb=clause_verb(tok), objects=engagements,
    )
    return out + _proposals_refused(ctx, tok, entry, engagements, initiator)


_ANSWERED_WITHIN = 2
"""Sentences after a proposal within which a bare "Beijing refused." answers it."""


def _answer_to_last_proposal(ctx: FrameContext, tok, entry, refuser) -> list:
    """ "The Pentagon asked for a call between Austin and Wei. Beijing refused.", "a stop
    that Berlin had requested and that Beijing turned down in September": a verb of
    refusal without object or clause (a date aside) answers the proposal just told, in
    this sentence or shortly before, when its subject is that proposal's other party."""
    last = ctx.state.last_proposal
    if (
        entry.pos != "verb"
        or last is None
        or ctx.state.sentence_index - last[2] > _ANSWERED_WITHIN
        or any(c.dep_ in ("dobj", "xcomp", "ccomp") or c.dep_ == "prep" and not _dating(ctx, c) for c in tok.children)
    ):
        return []
    who = ctx.parties(refuser, "subject")
    actors, proposer, _ = last
    if len(who.codes) != 1 or who.codes[0] not in actors or who.codes[0] == proposer:
        return []
    return draft(
        ctx, tok, entry, list(actors), who.sources | {"proposal"}, "reject",
        initiator=who.codes[0], verb=clause_verb(tok),
    )


def _dating(ctx: FrameContext, prep) -> bool:
    """Whether the phrase of ``prep`` only dates the refusal ("turned down in September")."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objs) and all(ctx.sent.date_of(o.i) is not None for o in objs)


def _proposals_refused(ctx: FrameContext, tok, entry, engagements, refuser) -> list:
    """ "China declined Austin's invitation to meet Li": the refused proposal, made by
    someone else, is told too (the refusal claims the phrase, so it is drafted here)."""
    out = []
    for head in engagements:
        if head.pos_ != "NOUN" or not ctx.lex.in_class("proposal", head.lemma_):
            continue
        makers = [m for m in head.children if m.dep_ in ("poss", "compound", "amod")]
        maker = ctx.parties(makers, "subject")
        if len(maker.codes) != 1 or maker.codes[0] == refuser or refuser is None:
            continue
        codes = [maker.codes[0], refuser]
        out += draft(
            ctx, head, entry, codes, maker.sources, "reject",
            type="PROPOSE", initiator=maker.codes[0], verb=clause_verb(tok), objects=[head],
        )
    return out
