"""Session nouns and the dialogues they name: a session noun whose ``of`` phrase names
no channel ("the 2020 edition of Science of Military Strategy", "a new round of
sanctions"), the trigger nouns a session is "of" ("the 17th round of the ... Talks"), and
the session a meeting verb's ``for`` phrase names ("met ... for the 14th round of their
consultations").
"""

from __future__ import annotations

from mildip.extract.arguments import has_words, prep_objects
from mildip.extract.frames import FrameContext

def event_noun(ctx: FrameContext, noun) -> bool:
    """Whether ``noun`` is a trigger noun, a plural proper one ("Talks") tried singular."""
    lemma = noun.lemma_.lower()
    return bool(
        ctx.lex.for_token(lemma, "noun") or (lemma.endswith("s") and ctx.lex.for_token(lemma[:-1], "noun"))
    )


def session_of_nothing(ctx: FrameContext, tok) -> bool:
    """Whether ``tok`` is a session noun ("round", "edition", "session") whose ``of``
    phrase names no dialogue: no trigger noun, no channel noun, no party and no
    registered mechanism in it, or a registered exercise series."""
    if tok.lemma_.lower() not in ctx.lex.session_nouns:
        return False
    ofs = prep_objects(tok, {"of"})
    if not ofs:
        return False
    for o in ofs:
        words = ctx.resolver.phrase_tokens(o)
        mech = ctx.registered(" ".join(t.text for t in words))
        if mech is not None:
            # "the third iteration of Pacific Vanguard": a registered exercise is the
            # exercise frame's event, a registered dialogue is this one's
            return mech.kind.startswith("exercise")
        for t in words:
            if event_noun(ctx, t) or ctx.lex.in_class("channel", t.lemma_.lower()):
                return False
            if ctx.sent.party_of(t.i) is not None:
                return False
    return True


def restated_session(ctx: FrameContext, tok) -> bool:
    """Whether ``tok`` is a session noun that restates another object of its verb or the
    noun it stands beside ("held Balikatan in April, the largest edition ever", "the
    talks, the third round"): that object is the event, the session noun only describes
    it."""
    if tok.lemma_.lower() not in ctx.lex.session_nouns or not tok.is_lower:
        # "two channels: the Corps Commander Level Meeting ...": a name is a channel
        return False
    if tok.dep_ == "appos":
        return True
    return tok.dep_ == "dobj" and any(
        c.dep_ == "dobj" and c.i < tok.i and c.pos_ in ("NOUN", "PROPN") for c in tok.head.children
    )


def session_met_for(ctx: FrameContext, verb, entry):
    """``(noun, entry)`` of the dialogue session a meeting verb's ``for`` phrase names
    ("met ... for the 14th round of their consultations", "met PLA representatives in
    Honolulu for another working group and plenary"), or None."""
    if not ctx.lex.in_class("meeting_verbs", verb.lemma_):
        return None
    for noun in prep_objects(verb, {"for"}):
        for e in ctx.lex.for_token(noun.lemma_.lower(), "noun"):
            if e.frame == "interaction" and e.type == "DIALOGUE" and (not e.rest or has_words(noun, e.rest)):
                return noun, e
    return None
