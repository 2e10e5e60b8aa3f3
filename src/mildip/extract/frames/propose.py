"""Frame ``propose``: a party offers or asks for a meeting, call or dialogue.

"The U.S. side proposed a call between the defense chiefs", "invited Wei to visit",
"asked for talks", "China's offer to hold talks". The proposer (subject, possessor or
modifier, ``from``/``by`` phrase) is the initiator. What is proposed must be an
engagement: an engagement noun as object or ``for``/``of``/``to`` complement, or a
clause whose verb is a meeting or visit word ("to meet", "to visit"). The other party is
the invitee (object of "invite"), the engagement's own parties ("a call with Austin"),
or the narrative counterpart.
"""

from __future__ import annotations

from mildip.extract.arguments import (
    agents,
    antecedent,
    clause_verb,
    is_passive,
    modifiers,
    objects,
    passive_subjects,
    prep_objects,
    subjects,
)
from mildip.extract.frames import FrameContext, assemble, draft, register
from mildip.extract.frames.interaction import WITH, nominal_sides, verbal_sides

_MAKING = frozenset({"make", "extend", "put", "submit", "send", "issue", "renew", "repeat", "present", "table", "convey", "deliver", "give", "forward", "reiterate"})
ENGAGEMENT_FRAMES = frozenset({"interaction", "visit", "hosting", "exercise", "port_call"})


def _engagement_noun(ctx: FrameContext, tok) -> bool:
    """An engagement noun, or a proposal noun whose complement is an engagement ("the
    offer to talk", "a request for a meeting")."""
    if ctx.lex.in_class("proposable", tok.lemma_):
        return True
    if not ctx.lex.in_class("proposal", tok.lemma_):
        return False
    comps = prep_objects(tok, {"for", "of", "to"})
    clauses = [c for c in tok.children if c.dep_ in ("acl", "relcl") and _engagement_verb(ctx, c)]
    return bool(clauses) or any(ctx.lex.in_class("proposable", c.lemma_) for c in comps) or not (comps or clauses)


def _engagement_verb(ctx: FrameContext, tok) -> bool:
    """A clause that is an engagement: "to meet", "to visit", or a verb of taking part
    whose object is one ("to join the exercise"; not "to join the alliance")."""
    lemma = tok.lemma_.lower()
    if any(t.frame in ENGAGEMENT_FRAMES for t in ctx.lex.for_token(lemma, "verb")):
        return True
    taking_part = ctx.lex.in_class("engagement_verbs", lemma)
    carrying = ctx.lex.in_class("support", lemma)
    if not carrying:
        return taking_part
    heads = objects(tok) + prep_objects(tok, {"in", "for", "at"})
    if not taking_part:
        # a verb that only carries a noun: "to make a port call", "to pay a visit"
        return any(ctx.lex.in_class("proposable", h.lemma_) for h in objects(tok)) and lemma != "be"
    # the parser may hang a long name on its first noun ("in the Military Maritime
    # Consultative Agreement Working Group and Plenary session"): any noun of the phrase
    return not heads or any(ctx.lex.in_class("proposable", t.lemma_) for h in heads for t in h.subtree if t.pos_ in ("NOUN", "PROPN"))


def _permitted(ctx: FrameContext, verb) -> tuple[list, list, list]:
    """(would-be actors, engagement nouns, engagement clauses) of the verbs of permitting
    under ``verb``: "refused to allow a U.S. carrier to make a port call", "did not let
    two warships visit Qingdao", "declined to approve the visit"."""
    actors, nouns, clauses = [], [], []
    for c in verb.children:
        if c.dep_ not in ("xcomp", "ccomp") or not ctx.lex.in_class("permit", c.lemma_):
            continue
        nouns += [o for o in objects(c) if _engagement_noun(ctx, o)]
        for g in c.children:
            if g.dep_ in ("xcomp", "ccomp") and _engagement_verb(ctx, g):
                clauses.append(g)
                actors += [s for s in g.children if s.dep_ == "nsubj"]
        actors += [o for o in objects(c) if not _engagement_noun(ctx, o)]
    return actors, nouns, clauses


def engagement_of(ctx: FrameContext, tok, entry) -> tuple[list, list, list]:
    """(proposer heads, other-party heads, engagement heads) of a proposal or answer."""
    if entry.pos == "verb":
        if is_passive(tok):
            proposer, objs = agents(tok), passive_subjects(tok)
        else:
            proposer, objs = subjects(tok), objects(tok)
        # "a stop that Berlin had requested": the relative pronoun stands for the stop
        objs = [antecedent(tok) if o.tag_ in ("WDT", "WP") and tok.dep_ == "relcl" else o for o in objs]
        comps = prep_objects(tok, {"for", "to", "of"})
        clauses = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and _engagement_verb(ctx, c)]
        invitees = [o for o in objs if not _engagement_noun(ctx, o)] + prep_objects(tok, {"to", "with"})
        engagements = [o for o in objs + comps if _engagement_noun(ctx, o)] + clauses
        permitted, nouns, inner = _permitted(ctx, tok)
        return proposer, invitees + permitted, engagements + nouns + inner
    proposer = [m for m in modifiers(tok) if m.dep_ in ("poss", "compound", "amod")]
    proposer += prep_objects(tok, {"from", "by"})
    verb = clause_verb(tok)
    if (
        not proposer
        and verb is not None
        and verb.i != tok.i
        and tok.dep_ == "dobj"
        and verb.lemma_.lower() in _MAKING
    ):
        # "Washington extended an invitation": the verb's subject made the proposal
        proposer += subjects(verb)
    comps = prep_objects(tok, {"for", "of", "to"})
    clauses = [c for c in tok.children if c.dep_ in ("acl", "relcl") and _engagement_verb(ctx, c)]
    engagements = [o for o in comps if _engagement_noun(ctx, o)] + clauses
    addressees = prep_objects(tok, {"to", "with"})
    if verb is not None and verb.i != tok.i and tok.dep_ == "dobj" and verb.lemma_.lower() in _MAKING:
        # "China made an offer of defence talks to Australia": the parser hangs the
        # addressee on the verb of making
        addressees += prep_objects(verb, {"to"})
    return proposer, addressees, engagements


def engagement_parties(ctx: FrameContext, heads) -> list:
    """The parties an engagement names; a clause ("to participate in the talks with the
    U.S. Navy") also gives those of the engagement nouns it takes part in. A proposal
    noun also gives those of the engagement it asks for: "requests for two U.S. Navy ships to visit Hong Kong" (the
    ``for`` phrase is the would-be visitor) and its clause ("to visit Hong Kong")."""
    sides = []
    for h in heads:
        if h.pos_ == "VERB":
            sides.extend(verbal_sides(ctx, h)[1:])
            for o in objects(h) + prep_objects(h, {"in", "at", "for"}):
                # "declined to participate in the talks with the U.S. Navy", "in the MMCA
                # Working Group and Plenary session with U.S. Indo-Pacific Command"
                for t in o.subtree:
                    if t.pos_ in ("NOUN", "PROPN") and ctx.lex.in_class("proposable", t.lemma_):
                        sides.extend(nominal_sides(ctx, t))
            continue
        sides.extend(nominal_sides(ctx, h))
        if h.pos_ == "NOUN" and ctx.lex.in_class("proposal", h.lemma_):
            clauses = [c for c in h.children if c.dep_ in ("acl", "relcl") and _engagement_verb(ctx, c)]
            if clauses:
                sides.append(ctx.parties(prep_objects(h, {"for"}), "object"))
            for c in clauses:
                sides.extend(verbal_sides(ctx, c)[1:])
    return sides


def _answers(ctx: FrameContext, verb) -> bool:
    """Whether ``verb`` answers a proposal: a ``reject`` or ``agree`` entry ("declined",
    "turned down", "agreed")."""
    return ctx.lex.has_frame(verb.lemma_.lower(), "verb", "reject", "agree")


@register("propose")
def propose(ctx: FrameContext, tok, entry):
    """A PROPOSE initiated by the proposer."""
    proposer, others, engagements = engagement_of(ctx, tok, entry)
    if not engagements:
        return []
    who = ctx.parties(proposer, "subject")
    sides = [who, ctx.parties(others, "object"), *engagement_parties(ctx, engagements)]
    sides.append(ctx.parties(prep_objects(tok, WITH), "with"))
    codes, sources = assemble(ctx, sides)
    initiator = who.codes[0] if who.codes else None
    if len(set(codes)) == 1 and initiator and entry.pos == "verb":
        # "Tokyo proposed a meeting of defense chiefs, but Beijing declined the
        # invitation": the party that answers in the coordinated clause is the addressee
        answering = [c for c in tok.children if c.dep_ == "conj" and _answers(ctx, c)]
        for code in ctx.parties([s for c in answering for s in subjects(c)], "subject").codes:
            if code not in codes:
                codes.append(code)
                sources.add("subject")
    if len(set(codes)) == 1 and initiator:
        other = ctx.state.counterpart_of(initiator)
        if other:
            codes.append(other)
            sources.add("counterpart")
    return draft(
        ctx, tok, entry, codes, sources, "propose",
        initiator=initiator, verb=clause_verb(tok), objects=engagements,
    )
