"""Verbs of talking that tell no talks between parties: an idiom ("talked their way back
from the brink"), one side speaking of a topic ("officials speak of de-escalation"), and
speech to the press or the public ("spoke to reporters on condition of anonymity", "were
not authorized to discuss the incidents publicly"). The cues are data (``[cues]
public_speech`` and ``licence`` of frames.toml).
"""

from __future__ import annotations

from mildip.extract.arguments import objects, prep_objects, subjects
from mildip.extract.frames import FrameContext

TALK_WITH = frozenset({"with", "between", "among", "amongst", "alongside", "and", "to"})
"""Prepositions that name whom one talks with or to (the interaction frame's ``WITH``,
and "to")."""


def not_talks(ctx: FrameContext, verb) -> bool:
    """Whether the talk verb ``verb`` tells no talks between parties (see the module
    docstring)."""
    if any(o.lemma_.lower() == "way" for o in objects(verb)):
        return True
    return speaks_of_topic(ctx, verb) or speech_to_public(ctx, verb)


def speaks_of_topic(ctx: FrameContext, verb) -> bool:
    """Whether a verb of speaking tells what one side says about a topic ("officials
    speak of de-escalation"): an ``of``/``about`` phrase, no object or ``with`` phrase,
    and a subject that names fewer than two parties."""
    if verb.lemma_.lower() not in ("speak", "talk") or not prep_objects(verb, {"of", "about"}):
        return False
    if objects(verb) or prep_objects(verb, TALK_WITH):
        return False
    return len(set(ctx.parties(subjects(verb), "subject").codes)) < 2


def speech_to_public(ctx: FrameContext, tok) -> bool:
    """Whether the talk verb ``tok`` is speech to the public: a ``public_speech`` cue as
    its adverb or in its prepositional phrases ("discuss ... publicly", "spoke to
    reporters on condition of anonymity"), or the clause of a verb of permission
    (``licence`` cue: "were not authorized to discuss")."""
    for c in tok.children:
        if c.dep_ == "advmod" and ctx.lex.cue("public_speech", c.lower_):
            return True
        if c.dep_ in ("prep", "dative") and any(ctx.lex.cue("public_speech", t.lower_) for t in c.subtree):
            return True
    return tok.dep_ == "xcomp" and (
        ctx.lex.cue("licence", tok.head.lemma_.lower()) or ctx.lex.cue("licence", tok.head.lower_)
    )
