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
from mildip.extract.frames.interaction import WITH, carried_by, nominal_sides


def _agrees(ctx: FrameContext, verb) -> bool:
    return ctx.lex.has_frame(verb.lemma_.lower(), "verb", "agree")


_TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning"})
_TALK_NOUNS = frozenset({"talk", "talks", "negotiation", "negotiations", "discussion", "discussions", "consultation", "consultations"})


def _concluded(ctx: FrameContext, noun) -> bool:
    """Whether the text tells an agreement being made, not just naming one ("under the
    1984 Joint Declaration"): a verb of agreeing or a support verb carries it ("signed
    a memorandum", "reached an agreement"), a clause on it does ("an agreement the two
    governments signed last year"), or a ``between``/``with`` phrase names its parties
    with a date ("the 2021 memorandum between Seoul and Beijing")."""
    if noun.dep_ == "pobj" and noun.head.lower_ in ("under", "within", "pursuant"):
        # "hold their first exercise under the agreement": the framework of an act
        return False
    topic_of = noun.head.head
    if (
        noun.dep_ == "pobj"
        and noun.head.lower_ in _TOPIC_PREPS
        and topic_of.pos_ in ("NOUN", "PROPN")
        and topic_of.lemma_.lower() in _TALK_NOUNS
    ):
        # "talks on similar access arrangements are under way": what is negotiated
        return False
    verb = clause_verb(noun)
    if verb is not None and verb.i != noun.i and carried_by(ctx.lex, noun, verb) and _makes_agreement(ctx, verb):
        return True
    if any(c.dep_ in ("relcl", "acl") and (_agrees(ctx, c) or ctx.lex.in_class("support", c.lemma_)) for c in noun.children):
        return True
    if noun.lemma_.lower() in ("signing", "conclusion"):
        return True
    dated = any(ctx.sent.date_of(t.i) is not None for t in noun.subtree)
    return dated and bool(prep_objects(noun, {"between", "with", "among"}))


def _makes_agreement(ctx: FrameContext, verb) -> bool:
    """Whether ``verb`` can make an agreement it carries: a support verb ("signed",
    "reached") or a verb of agreeing, not one that only uses it ("would trigger the 1951
    Mutual Defense Treaty", "invoked the pact")."""
    lemma = verb.lemma_.lower()
    return ctx.lex.in_class("support", lemma) or _agrees(ctx, verb) or not ctx.lex.in_class("invoke", lemma)


def _is_agreement(ctx: FrameContext, noun) -> bool:
    """Whether ``noun`` names an agreement, alone ("a memorandum") or with its ``of``
    phrase ("terms of reference", "memorandum of understanding")."""
    if ctx.lex.in_class("agreement", noun.lemma_):
        return True
    return any(
        ctx.lex.in_class("agreement", f"{noun.lower_} of {p.lower_}") for p in prep_objects(noun, {"of"})
    )


def _agreement_objects(ctx: FrameContext, verb) -> list:
    """The agreements ``verb`` makes; a verb of publishing ("issued") makes only those
    one party cannot issue alone ("new guidelines", "a joint statement", not "a
    statement")."""
    found = [o for o in objects(verb) if _is_agreement(ctx, o)]
    if ctx.lex.in_class("publish", verb.lemma_):
        found = [
            o for o in found
            if not ctx.lex.in_class("utterance", o.lemma_) or any(m.lower_ == "joint" for m in o.children)
        ]
    return found


@register("agree")
def agree(ctx: FrameContext, tok, entry):
    """An AGREE between two parties or more."""
    if entry.pos == "verb":
        if is_passive(tok):
            if not agents(tok) and entry.objects != "agreement":
                # "Japan was committed to peace": a state, not an agreement
                return []
            sides = [ctx.parties(agents(tok), "agent"), ctx.parties(passive_subjects(tok), "object")]
        else:
            sides = [ctx.parties(subjects(tok), "subject")]
        sides.append(ctx.parties(prep_objects(tok, WITH), "with"))
        if any(c.dep_ == "xcomp" and ctx.lex.in_class("publicity", c.lemma_) for c in tok.children):
            # "the pair agreed to be interviewed": consent to the press, not a deal
            return []
        agreements = _agreement_objects(ctx, tok)
        if (
            entry.objects == "agreement"
            and not agreements
            and not is_passive(tok)
            and (ctx.lex.in_class("publish", tok.lemma_) or not ctx.parties(prep_objects(tok, WITH), "with").codes)
        ):
            # "signed a law", "renewed fears", "the exercise concluded with a fleet
            # separation ceremony": signing is an agreement only of one, or with a party;
            # publishing only of one
            return []
        for obj in agreements:
            sides.extend(nominal_sides(ctx, obj))
        objs = agreements or [tok]
    else:
        if not _concluded(ctx, tok):
            return []
        sides = nominal_sides(ctx, tok)
        for rel in (c for c in tok.children if c.dep_ in ("relcl", "acl")):
            sides.append(ctx.parties(subjects(rel), "subject"))
        objs = [tok]
    codes, sources = assemble(ctx, sides, entry=entry)
    return draft(ctx, tok, entry, codes, sources, "agree", verb=clause_verb(tok), objects=objs)
