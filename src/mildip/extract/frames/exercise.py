"""Frame ``exercise``: combined exercises, drills, joint patrols and training.

The parties are every phrase that names a participant: the noun's modifiers
("U.S.-Philippine", "Sino-Russian", "China's"), its ``with``/``between``/``among``/
``involving`` phrases and participial clauses ("drills involving Japan and the U.S.",
"held with Cambodia"), the subject and ``with`` phrases of the verb that carries it
("China and Russia held joint drills", "Japan took part in the exercise"), and the
parties of a registered exercise series it names. One party's own drills are no event:
at least two parties are needed; "joint" with one named party takes the narrative pair.
"""

from __future__ import annotations

from mildip.extract.arguments import clause_verb, prep_objects, subjects
from mildip.extract.frames import FrameContext, assemble, draft, generic_mention, register
from mildip.extract.frames.interaction import WITH, nominal_sides

EXERCISE_WITH = WITH | {"of", "by", "from", "involving", "including", "featuring"}


def _joint(ctx: FrameContext, tok) -> bool:
    words = {c.lower_ for c in tok.subtree} | {tok.head.lower_}
    return any(ctx.lex.cue("joint", w) for w in words)


@register("exercise")
def exercise(ctx: FrameContext, tok, entry):
    """An EXERCISE between two parties or more."""
    if entry.pos == "verb":
        sides = [ctx.parties(subjects(tok), "subject"), ctx.parties(prep_objects(tok, WITH), "with")]
    else:
        if generic_mention(ctx, tok):
            return []
        sides = nominal_sides(ctx, tok, EXERCISE_WITH)
    name = " ".join(t.text for t in ctx.resolver.phrase_tokens(tok))
    registered = ctx.registered_parties(name) if entry.pos == "noun" else ()
    codes, sources = assemble(ctx, sides, allow_context=_joint(ctx, tok))
    for c in registered:
        if c not in codes:
            codes.append(c)
            sources.add("registry")
    return draft(ctx, tok, entry, codes, sources, "exercise", verb=clause_verb(tok), objects=[tok])
