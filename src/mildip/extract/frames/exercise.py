"""Frame ``exercise``: combined exercises, drills, joint patrols and training.

The parties are every phrase that names a participant: the noun's modifiers
("U.S.-Philippine", "Sino-Russian", "China's"), its ``with``/``between``/``among``/
``involving`` phrases and participial clauses ("drills involving Japan and the U.S.",
"held with Cambodia"), the subject and ``with`` phrases of the verb that carries it
("China and Russia held joint drills", "Japan took part in the exercise"), and the
parties of a registered exercise series it names. One party's own drills are no event:
at least two parties are needed; "joint" with one named party takes the narrative pair.
One party joining a combined, named or registered exercise held in a country ("joined
war games in Australia") trains with that host.
"""

from __future__ import annotations

from mildip.extract.arguments import clause_verb, objects, prep_objects, subjects
from mildip.extract.frames import FrameContext, assemble, draft, generic_mention, register
from mildip.extract.frames.interaction import WITH, nominal_sides

EXERCISE_WITH = WITH | {"of", "by", "from", "involving", "including", "featuring"}


def names_series(tok) -> bool:
    """A proper name of an exercise ("Exercise Pitch Black", "Balikatan 2024")."""
    return tok.pos_ == "PROPN" or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children)


def host_country(ctx: FrameContext, tok) -> str | None:
    """The country of an ``in``/``off``/``at`` place of the exercise or its verb."""
    verb = clause_verb(tok)
    for holder in (tok, verb):
        if holder is None:
            continue
        for p in prep_objects(holder, {"in", "off", "at"}):
            for t in p.subtree:
                for pm in ctx.sent.places_of(t.i):
                    if pm.kind in ("country", "place", "capital"):
                        return pm.code
    return None


def _joint(ctx: FrameContext, tok) -> bool:
    words = {c.lower_ for c in tok.subtree} | {tok.head.lower_}
    return any(ctx.lex.cue("joint", w) for w in words)


_JOINING = frozenset({"join", "participate", "attend"})


def _joined(tok) -> bool:
    """ "The Philippines also joined war games in Australia": a party that joins or
    takes part in an exercise trains with others, so the host takes part too."""
    verb = clause_verb(tok)
    if verb is None or verb.i == tok.i:
        return False
    lemma = verb.lemma_.lower()
    return lemma in _JOINING or (lemma == "take" and any(c.lower_ == "part" for c in verb.children))


_BACK_DETERMINERS = frozenset({"the", "this", "that", "its", "their"})


def _told_before(ctx: FrameContext, tok) -> bool:
    """ "The previous edition of the exercise was held in France": the definite exercise
    a session noun is "of" refers to the exercise the document told, so its parties come
    from the narrative."""
    told = ctx.state.last_channels.get("EXERCISE")
    if told is None:
        return False
    definite = any(c.dep_ in ("det", "poss") and c.lower_ in _BACK_DETERMINERS for c in tok.children)
    if not (definite and tok.dep_ == "pobj" and tok.head.lower_ == "of"):
        return False
    session = tok.head.head
    # the session is told as happening ("... was held in France"), not described ("which
    # is the largest iteration of the exercise")
    return session.lemma_.lower() in ctx.lex.session_nouns and session.dep_ in ("nsubj", "nsubjpass")


def _participants_as_object(ctx: FrameContext, tok) -> list:
    """ "Balikatan included Australian and French forces", "the drills brought together
    troops from China and Russia": the objects (and their ``from`` phrases, which the
    parser may hang on the verb) of a ``comprise`` verb whose subject is the exercise,
    its name ("Exercise Pitch Black brought together ...") or a verb coordinated with
    the one it is the subject of ("The drills began on Monday and include ...")."""
    while tok.dep_ == "compound" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ != "nsubj" or tok.head.pos_ != "VERB":
        return []
    verbs = [tok.head, *(v for v in tok.head.conjuncts if not subjects_of_its_own(v))]
    out = []
    for verb in verbs:
        lemma = verb.lemma_.lower()
        phrasal = [f"{lemma} {c.lower_}" for c in verb.children if c.dep_ in ("prt", "advmod")]
        if not any(ctx.lex.in_class("comprise", w) for w in [lemma, *phrasal]):
            continue
        objs = objects(verb)
        if objs:
            out += objs + [p for o in objs for p in prep_objects(o, {"from", "of"})]
            out += prep_objects(verb, {"from"})
    return out


def subjects_of_its_own(verb) -> bool:
    """Whether ``verb`` has a subject of its own (a coordinated verb without one shares
    the first verb's)."""
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _taking_part(ctx: FrameContext, tok) -> list:
    """ "the participation of the Japan Self-Defense Forces in Exercise Talisman Sabre",
    "Japan's involvement in the drills": who a noun of taking part says takes part in
    the exercise (its ``of`` phrase or possessor)."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "in":
        return []
    noun = tok.head.head
    if not ctx.lex.in_class("participation", noun.lemma_):
        return []
    return prep_objects(noun, {"of", "by"}) + [c for c in noun.children if c.dep_ == "poss"]


@register("exercise")
def exercise(ctx: FrameContext, tok, entry):
    """An EXERCISE between two parties or more."""
    if entry.pos == "verb":
        sides = [ctx.parties(subjects(tok), "subject"), ctx.parties(prep_objects(tok, WITH), "with")]
    else:
        if generic_mention(ctx, tok):
            return []
        sides = nominal_sides(ctx, tok, EXERCISE_WITH)
        sides.append(ctx.parties(_participants_as_object(ctx, tok), "with"))
        sides.append(ctx.parties(_taking_part(ctx, tok), "with"))
    name = " ".join(t.text for t in ctx.resolver.phrase_tokens(tok))
    mech = ctx.registered(name) if entry.pos == "noun" else None
    registered = tuple(mech.parties) if mech is not None else ()
    back = entry.pos == "noun" and _told_before(ctx, tok)
    codes, sources = assemble(ctx, sides, allow_context=_joint(ctx, tok) or back)
    # fixed parties complete any mention; a series' leading parties ("Australian soldiers
    # took part in Balikatan") join only the participants a text names
    core = mech.core if mech is not None and codes else ()
    for c in (*registered, *core):
        if c not in codes:
            codes.append(c)
            sources.add("registry")
    if len(codes) == 1 and (registered or _joint(ctx, tok) or names_series(tok) or _joined(tok)):
        # "German jets will take part in Exercise Pitch Black in northern Australia": the
        # host of a combined exercise takes part in it
        host = host_country(ctx, tok)
        if host and host not in codes:
            codes.append(host)
            sources.add("host")
    return draft(ctx, tok, entry, codes, sources, "exercise", verb=clause_verb(tok), objects=[tok])
