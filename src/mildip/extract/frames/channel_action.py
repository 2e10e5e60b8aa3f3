"""Frame ``channel_action``: a party suspends, cancels or resumes an engagement.

"China suspended military talks with the U.S.", "drills were called off by Seoul",
"the restart of the maritime safety consultations", "Beijing's cancellation of ...".
The initiator is the subject (the ``by`` phrase in the passive, a noun's possessor or
modifier). The thing acted on - the object, the passive subject, a noun's ``of``
phrase, or the subject of an intransitive use ("talks halted") - must be an engagement
noun (``engagement`` class); each coordinated object is one event ("called off A, B and
C"). The other parties come from the object phrase ("China-U.S. talks", "talks with
Japan"), the verb's ``with`` phrases, a registered mechanism the object names, and
finally the narrative (the counterpart of the initiator). RESUME has no initiator.
"""

from __future__ import annotations

from dataclasses import replace

from mildip.extract.arguments import (
    agents,
    clause_verb,
    conjuncts,
    is_passive,
    modifiers,
    objects,
    passive_subjects,
    prep_objects,
    subjects,
)
from mildip.extract.frames import FrameContext, assemble, draft, register
from mildip.extract.frames.interaction import (
    NOUN_WITH,
    WITH,
    carried_by,
    lasting_state,
    nominal_sides,
)

OBJECT_WITH = NOUN_WITH | {"for", "to", "in"}
"""Complements that name the other party of what is acted on ("an invitation for a
French warship", "military assistance to Thailand", "$2 billion in aid to Pakistan")."""


def _is_engagement(ctx: FrameContext, tok) -> bool:
    """An engagement noun, one compounded with it ("the Seabees' construction program"),
    an amount of one ("$3.5 million in military assistance"), or the name of a
    registered channel or exercise series ("called off Angkor Sentinel")."""
    if ctx.lex.in_class("engagement", tok.lemma_):
        return True
    if tok.pos_ == "PROPN" and ctx.registered(" ".join(t.text for t in ctx.resolver.phrase_tokens(tok))) is not None:
        # "Phnom Penh called off that year's Angkor Sentinel": a registered channel or
        # exercise series by its name
        return True
    if any(c.dep_ == "compound" and ctx.lex.in_class("engagement", c.lemma_) for c in tok.children):
        return True
    if tok.like_num or tok.lower_ in ("part", "some", "all", "most", "much", "million", "billion"):
        return any(ctx.lex.in_class("engagement", p.lemma_) for p in prep_objects(tok, {"in", "of"}))
    return False


def owners_of(heads) -> list:
    """ "Beijing issued countermeasures, which included canceling ...": for a subject
    that names no party (a measure, a decision), the subject of the verb that took it."""
    out = []
    for h in heads:
        if h.pos_ == "NOUN" and h.dep_ in ("dobj", "nsubjpass") and h.head.pos_ == "VERB":
            out += subjects(h.head) if h.dep_ == "dobj" else agents(h.head)
    return out


def acted_on(ctx: FrameContext, tok, entry) -> tuple[list, list]:
    """(initiator heads, object heads) of a channel action."""
    if entry.pos == "verb":
        if is_passive(tok):
            return agents(tok), passive_subjects(tok)
        objs = objects(tok) + prep_objects(tok, {"from", "of"})
        if objs:
            return subjects(tok), objs
        clauses = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp")]
        if clauses:
            # "China stopped holding military talks": what the clause's verb engages in;
            # "the relationship has stopped declining" acts on nothing
            return subjects(tok), [
                o for c in clauses if ctx.lex.in_class("engagement_verbs", c.lemma_.lower()) for o in objects(c)
            ]
        return [], subjects(tok)
    initiators = [m for m in modifiers(tok) if m.dep_ in ("poss", "compound", "amod")]
    objs = [t for h in prep_objects(tok, {"of", "in", "to"}) for t in conjuncts(h)]
    verb = clause_verb(tok)
    if verb is not None and verb.i != tok.i and tok.dep_ != "nsubj" and (
        carried_by(ctx.lex, tok, verb) or (tok.dep_ == "dobj" and ctx.lex.in_class("decree", verb.lemma_.lower()))
    ) and not (_onlooker_verb(ctx, verb) and _objects_name_pair(ctx, objs)):
        # "The United States welcomed the resumption of defence talks between Australia
        # and China": whoever welcomes a change between two named parties is not one
        initiators += subjects(verb)
    return initiators, objs


def _onlooker_verb(ctx: FrameContext, verb) -> bool:
    """A verb neither of doing ("held") nor of ordering ("ordered") the change."""
    lemma = verb.lemma_.lower()
    return not ctx.lex.in_class("support", lemma) and not ctx.lex.in_class("decree", lemma)


def _objects_name_pair(ctx: FrameContext, objs) -> bool:
    """Whether a ``between`` phrase of the engagement objects names two parties or more."""
    return any(len(set(ctx.parties(prep_objects(o, {"between", "among"}), "with").codes)) >= 2 for o in objs)


def _bond_without_military(ctx: FrameContext, obj) -> bool:
    """ "restored diplomatic relations", "suspended ties with Lithuania": a noun of a bond
    (``bond`` class) whose phrase names no military side (``martial`` class)."""
    if not ctx.lex.in_class("bond", obj.lemma_):
        return False
    return not any(
        ctx.lex.in_class("martial", w.lemma_) or ctx.lex.in_class("martial", w.lower_)
        for w in ctx.resolver.phrase_tokens(obj)
    )


def _closed(ctx: FrameContext, tok, entry) -> bool:
    """ "the Garuda exercise, which ended on Saturday": a verb of a close (``close``
    class) used without object, whose subject is a gathering, tells the gathering's end."""
    if entry.pos != "verb" or is_passive(tok) or objects(tok) or not ctx.lex.in_class("close", tok.lemma_):
        return False
    return any(ctx.lex.in_class("gathering", s.lemma_) for s in subjects(tok))


_BACK_PRONOUNS = frozenset({"they", "it"})


def _acted_on_before(ctx: FrameContext, tok, entry):
    """ "Beijing cut off military exchanges with Washington in 2010. They resumed in
    2011": a pronoun that is the only subject of a channel verb used without object
    stands for the engagement acted on in the sentence before, between its parties."""
    if entry.pos != "verb" or is_passive(tok) or objects(tok):
        return []
    subj = subjects(tok)
    last = ctx.state.last_acted
    if len(subj) != 1 or subj[0].lower_ not in _BACK_PRONOUNS or last is None:
        return []
    actors, index = last
    if ctx.state.sentence_index - index > 1:
        return []
    return draft(
        ctx, tok, entry, list(actors), {"narrative"}, "channel_action",
        verb=clause_verb(tok), objects=subj, resumed=entry.resumed,
    )


@register("channel_action")
def channel_action(ctx: FrameContext, tok, entry):
    """One SUSPEND/CANCEL/RESUME per engagement object."""
    if _closed(ctx, tok, entry) or (entry.pos == "verb" and lasting_state(ctx, tok)):
        return []
    initiators, objs = acted_on(ctx, tok, entry)
    objs = [o for o in objs if _is_engagement(ctx, o) and not _bond_without_military(ctx, o)]
    # "canceling phone calls between military commanders as well as the DPCT and MMCA
    # meetings": the parser may hang later items of the list inside the first one
    for o in list(objs):
        objs += [
            t for t in o.subtree
            if t.dep_ == "conj" and t.i not in {x.i for x in objs} and _is_engagement(ctx, t)
        ]
    if not objs:
        return _acted_on_before(ctx, tok, entry)
    if (
        entry.type == "RESUME"
        and all(ctx.lex.in_class("agreement", o.lemma_) for o in objs)
        and ctx.lex.has_frame(tok.lemma_.lower(), entry.pos, "agree")
    ):
        # "renewed their defence cooperation agreement": an agreement made again is an
        # AGREE (the agree frame's), not a channel restarted
        return []
    initiator_found = ctx.parties(initiators, "subject") if initiators else ctx.implicit_subject()
    if not initiator_found.codes:
        initiator_found = ctx.parties(owners_of(initiators), "subject")
    initiator = initiator_found.codes[0] if initiator_found.codes else None
    verb = clause_verb(tok)
    if entry.pos == "noun" and entry.type in ("SUSPEND", "CANCEL") and verb is not None and verb.i != tok.i and (
        tok.dep_ == "dobj" and ctx.lex.in_class("undo", verb.lemma_)
    ):
        # "Beijing lifted its suspension of military exchanges": what was halted resumes
        entry = replace(entry, type="RESUME")
    out = []
    for obj in objs:
        sides = [initiator_found, *nominal_sides(ctx, obj, OBJECT_WITH)]
        if entry.pos == "verb":
            sides.append(ctx.parties(prep_objects(tok, WITH), "with"))
            # "suspending its permanent mission to NATO": the parser often hangs the
            # object's "to" phrase on the verb
            sides.append(ctx.parties(prep_objects(tok, {"to"}), "with"))
        codes, sources = assemble(ctx, sides)
        name = " ".join(t.text for t in ctx.resolver.phrase_tokens(obj))
        mech = ctx.registered(name)
        # a series' leading parties (Balikatan: PHL, USA) join a party the text names
        core = mech.core if mech is not None and codes else ()
        for c in (*ctx.registered_parties(name), *core):
            if c not in codes:
                codes.append(c)
                sources.add("registry")
        if len(set(codes)) == 1 and initiator:
            other = ctx.state.counterpart_of(initiator)
            if other:
                codes.append(other)
                sources.add("counterpart")
        out += draft(
            ctx, tok, entry, codes, sources, "channel_action",
            initiator=None if entry.type == "RESUME" else initiator,
            verb=clause_verb(tok), objects=[obj], resumed=entry.resumed, list_item=len(objs) > 1,
        )
    return out
