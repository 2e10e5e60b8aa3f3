"""Frame ``interaction``: meetings, talks, calls and sessions of a dialogue.

The parties are the subject of the trigger's verb, its object ("met Wei"), its
``with``/``between``/``among`` phrases and, for a noun ("talks", "meeting", "call"),
the noun's possessors and modifiers ("U.S.-China talks", "their meeting") and the
subject of the verb that carries it ("held talks", "had his first encounter with").
A call-mode trigger used for something else ("called for", "called on", "so-called")
gives nothing. The type (MEET, CALL or DIALOGUE) is settled later by
:mod:`mildip.extract.typing`.
"""

from __future__ import annotations

from mildip.extract.arguments import (
    agents,
    clause_verb,
    conjuncts,
    is_passive,
    modifiers,
    objects,
    passive_subjects,
    prep_objects,
    prepositions,
    recalled_ordinal,
    subjects,
)
from mildip.extract.frames import FrameContext, assemble, draft, generic_mention, register
from mildip.extract.frames.not_talks import not_talks
from mildip.extract.frames.sessions import (
    event_noun,
    restated_session,
    session_met_for,
    session_of_nothing,
)
from mildip.nlp.ordinals import parse_ordinal

WITH = frozenset({"with", "between", "among", "amongst", "alongside", "and"})
NOUN_WITH = WITH | {"of", "by", "from"}
_NOT_A_CALL = frozenset({"for", "on", "upon", "off", "out", "in", "up", "back"})
_EVENT_MODIFIERS = frozenset({"first", "latest", "last", "recent", "upcoming", "next", "previous", "inaugural"})


def is_demand(tok) -> bool:
    """ "Canberra's call for an inquiry", "calls for restraint": a demand, not a call."""
    return tok.lemma_.lower() == "call" and any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children)


def calls_something_else(tok, date_of) -> bool:
    """Whether a call verb at ``tok`` names, demands or visits rather than phones:
    "called China's coercion the greatest challenge", "what the Navy calls FONOPs",
    "called for restraint", "called on the minister" (but "phoned Marles on 3 May":
    ``date_of(i)`` tells whether token ``i`` is part of a date)."""
    return (
        any(
            c.dep_ in ("prt", "prep")
            and c.lower_ in _NOT_A_CALL
            and not (c.dep_ == "prep" and any(date_of(t.i) is not None for t in c.subtree))
            for c in tok.children
        )
        or any(c.dep_ in ("oprd", "xcomp", "ccomp", "attr", "acomp") for c in tok.children)
        or any(c.tag_ in ("``", "''") for c in tok.children)
        or tok.dep_ in ("amod", "compound")
        or any(c.tag_ in ("WP", "WDT") for c in tok.children)
    )


def carried_by(lex, noun, verb) -> bool:
    """Whether ``verb`` carries the event ``noun`` states, so that its subject takes
    part: a support verb ("held talks", "took part in the drills", "paid a visit")
    with the noun as object, subject or the object of one preposition; or any verb
    other than a reporting one with the noun as its direct object ("China announced
    joint drills" does not count; "China staged drills" does)."""
    t, steps = noun, 0
    while t.i != verb.i and steps < 4:
        if t.i != noun.i and t.pos_ == "NOUN" and not _passes_on(lex, t):
            # "Participants in that arrangement have troops ...": the event noun only
            # qualifies another noun
            return False
        if t.dep_ in ("conj", "compound", "appos"):
            t = t.head
            continue
        if t.dep_ == "prep" and t.lower_ == "with" and lex.in_class("phase", t.head.lemma_.lower()):
            # "the series started in December 2014 with a joint exercise": what happened then
            t, steps = t.head, steps + 1
            continue
        if t.dep_ == "prep" and t.lower_ not in CARRYING_PREPS:
            # "after Pelosi's visit, Beijing issued ...": a time frame, not a part
            return False
        if t.dep_ in ("dobj", "attr", "nsubjpass", "nsubj", "oprd", "pobj", "prep", "pcomp"):
            if t.dep_ == "nsubj" and t.head.i == verb.i and any(
                c.dep_ == "dobj" and not lex.in_class("support", f"{verb.lemma_.lower()} {c.lemma_.lower()}")
                for c in verb.children
            ):
                # "The signing of the arrangement will take our partnership to a new
                # level": a verb with an object of its own tells what the event does
                # ("the meeting did not take place" still carries it)
                return False
            t, steps = t.head, steps + 1
            continue
        if t.dep_ == "acomp" and lex.in_class("support", t.lemma_.lower()):
            # "the unit was responsible for the intercepts"
            t, steps = t.head, steps + 1
            continue
        return False
    if t.i != verb.i:
        return False
    lemma = verb.lemma_.lower()
    if lex.in_class("meeting_verbs", lemma) and steps == 2 and noun.dep_ == "pobj" and noun.head.lower_ == "for":
        # "met ... for the 14th round of their consultations": the session they met for
        return True
    if lex.in_class("support", lemma) or any(
        lex.in_class("support", f"{lemma} {p.lower_}") for p in verb.children if p.dep_ == "prt"
    ):
        # "held talks"; a phrasal one: "firefights broke out"
        return True
    return steps == 1 and noun.dep_ == "dobj" and not lex.in_class("reporting", lemma)


_PART_NOUNS = frozenset({
    "part", "start", "beginning", "end", "conclusion", "opening", "close", "series", "phase",
    "sideline", "sidelines", "margin", "margins", "course", "leg", "stage", "text", "terms",
    "occasion", "framework", "kind", "type", "form",
})


def _passes_on(lex, noun) -> bool:
    """Whether a noun between an event word and its verb lets the verb carry the event:
    a part or session of it ("took part in", "the ninth round of talks", "on the
    sidelines of the summit") or an event word itself."""
    lemma = noun.lemma_.lower()
    return lemma in _PART_NOUNS or lemma in lex.session_nouns or bool(lex.for_token(lemma, "noun"))


def eventive(ctx: FrameContext, noun) -> bool:
    """Whether a nominal meeting or talks trigger tells one event rather than naming a
    kind of engagement ("U.S.-China defense talks" in general): a support verb carries
    it, a ``between``/``with`` phrase names its parties, a date or ordinal hangs from
    it, a clause describes it, or it is a proper name."""
    verb = clause_verb(noun)
    if verb is not None and verb.i != noun.i and carried_by(ctx.lex, noun, verb):
        return True
    if verb is not None and framed_by_time(noun, verb):
        return True
    if prep_objects(noun, {"between", "with", "among"}):
        return True
    if any(ctx.sent.date_of(t.i) is not None for t in noun.subtree):
        return True
    if any(c.dep_ in ("acl", "relcl") and ctx.lex.in_class("occurrence", c.lemma_) for c in noun.children):
        return True
    return noun.pos_ == "PROPN" or any(
        c.dep_ in ("amod", "nummod") and (c.lower_ in _EVENT_MODIFIERS or parse_ordinal(c.text))
        for c in noun.children
    )


def organisation_forum(ctx: FrameContext, noun) -> bool:
    """ "an SCO summit", "the SCO defence ministers' meeting", "the NATO summit": a
    gathering (``gathering`` class) whose modifiers name one international organisation
    and no other party is that organisation's forum, a venue and no event ("the EU-China
    summit" names two parties and is one)."""
    if not ctx.lex.in_class("gathering", noun.lemma_):
        return False
    words = [t for m in modifiers(noun) for t in m.subtree if t.i != noun.i]
    kinds = {(p.code, p.kind) for t in words for p in ctx.sent.parties_of(t.i)}
    return len({code for code, _kind in kinds}) == 1 and all(kind == "org" for _code, kind in kinds)


def lasting_state(ctx: FrameContext, verb) -> bool:
    """ "South Korea's relations with China's military, frozen for more than a year",
    "talks have been suspended for two years": a participle or a perfect state told "for"
    a span of time (``duration`` class) says how long the state lasted, not when a change
    was made; "suspended the talks for a year in 2022" tells the change."""
    if verb is None or verb.tag_ != "VBN":
        return False
    aux = {c.lemma_.lower() for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if not (verb.dep_ in ("acl", "amod", "advcl") and not aux) and not {"have", "be"} <= aux:
        return False
    return any(ctx.lex.in_class("duration", o.lemma_) for o in prep_objects(verb, {"for"}))


def nominal_sides(ctx: FrameContext, noun, with_words=NOUN_WITH, time_framed: bool = False) -> list:
    """The party phrases of a nominal event: its modifiers and complements, and the
    subject and ``with`` phrases of the verb that carries it (of a support verb only,
    when the noun's own phrases name two parties or more); with ``time_framed``,
    also the subject and ``with`` phrases of a verb the noun frames in time ("X said
    after the meeting", "X raised it with Y during their talks")."""
    sides = [
        ctx.parties(modifiers(noun), "modifier"),
        ctx.parties(prep_objects(noun, with_words), "with"),
        ctx.parties([c for c in noun.children if c.dep_ == "appos"], "modifier"),
    ]
    if recalled_ordinal(noun):
        # "The first was held in 2020": the series told before names the parties
        sides.append(ctx.parties([noun], "modifier"))
    for acl in (c for c in noun.children if c.dep_ in ("acl", "relcl")):
        if acl.dep_ == "acl" and acl.tag_ == "VBD":
            # "The NATO summit last week called China ...": a finite verb the parser
            # hung on its subject says something of the noun, with no party of it
            continue
        sides.append(ctx.parties(objects(acl) + prep_objects(acl, WITH), "with"))
        if acl.dep_ == "relcl" or acl.tag_ == "VBN":
            sides.append(ctx.parties(agents(acl), "agent"))
        if acl.dep_ == "relcl" and ctx.lex.in_class("support", acl.lemma_):
            # "the activity that the Philippines, Japan and Australia conducted"
            subj = [c for c in acl.children if c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP")]
            sides.append(ctx.parties([t for s in subj for t in conjuncts(s)], "subject"))
    verb = clause_verb(noun)
    own = {c for side in sides for c in side.codes}
    if verb is not None and verb.i != noun.i and carried_by(ctx.lex, noun, verb):
        if len(own) >= 2 and not ctx.lex.in_class("support", verb.lemma_.lower()):
            # "We also welcomed the first Japan-Philippines-U.S. leaders' summit": a noun
            # that names its own parties is not joined by whoever welcomes it
            return sides
        if noun.dep_ != "nsubj" or is_passive(verb):
            heads = subjects(verb)
            if verb.lemma_.lower() == "be":
                # "What alarms China most is a proposed exercise": a clause as subject
                heads = [h for h in heads if h.pos_ not in ("VERB", "AUX") and h.tag_ not in ("WP", "WDT")]
            sides.append(ctx.parties(heads, "subject"))
        sides.append(ctx.parties(prep_objects(verb, WITH), "with"))
        sides.append(ctx.parties(agents(verb), "agent"))
        if verb.lemma_.lower() in _JOINING and noun.dep_ != "dobj":
            # "the three ministers joined Austin for a four-way meeting"
            sides.append(ctx.parties(objects(verb), "object"))
    elif time_framed and verb is not None and framed_by_time(noun, verb):
        sides.append(ctx.parties(subjects(verb), "subject"))
        # "Marles raised the issue with Dong during their meeting": who the subject
        # dealt with during it took part too
        sides.append(ctx.parties(prep_objects(verb, WITH), "with"))
    return sides


CARRYING_PREPS = frozenset({"in", "for", "into", "to", "at", "on", "of", "under"})
_JOINING = frozenset({"join", "accompany", "host", "receive", "invite", "welcome", "meet"})
TIME_PREPS = frozenset({"during", "after", "following", "before", "ahead", "upon"})


def framed_by_time(noun, verb) -> bool:
    """ "X announced the plan following a meeting", "during the talks, X stressed":
    the noun is the object of a preposition of time hanging from ``verb``, so the
    subject of ``verb`` took part in it."""
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.lower_ in TIME_PREPS
        and prep.head.i == verb.i
    )


_TOGETHER = frozenset({"trilateral", "three-way", "four-way", "jointly", "together", "multilateral", "quadrilateral", "joint", "group"})


_APART = frozenset({"separate", "bilateral"})


def separate_meetings(ctx: FrameContext, tok, entry) -> list:
    """ "Hegseth met Teodoro and Khaled", "held separate meetings with his Japanese and
    Philippine counterparts", "held bilateral talks with Austin and with Dong": one
    subject meeting counterparts of several parties is one bilateral meeting each (for a
    noun, when it is "separate" or "bilateral", the preposition is repeated, or a
    possessor's meetings are counted in the plural: "Wei's meetings with ..."), unless
    the text says they met together ("a trilateral meeting", "jointly")."""
    if any(t.lower_ in _TOGETHER for t in tok.doc):
        return []
    if entry.pos == "verb":
        subject = ctx.parties(subjects(tok), "subject")
        heads = objects(tok) + prep_objects(tok, {"with"})
        if len(heads) < 2:
            return []
        each = [ctx.parties([h], "with") for h in heads]
        if any(len(f.codes) != 1 for f in each):
            return []
        others = [f.codes[0] for f in each]
    else:
        verb = clause_verb(tok)
        owners = [c for c in tok.children if c.dep_ == "poss"]
        counted = (
            tok.tag_ == "NNS" and tok.lower_ != tok.lemma_.lower() and bool(owners)
            and not ctx.lex.in_class("mass_plural", tok.lemma_)
        )
        if not (
            counted
            or any(c.lower_ in _APART for c in tok.children)
            or len(prepositions(tok, {"with"}) + (prepositions(verb, {"with"}) if verb is not None else [])) >= 2
        ):
            return []
        # "Wei's meetings with Iwaya and Jeong": a possessor's meetings, counted in the
        # plural, are one with each counterpart
        subject = ctx.parties(owners if counted else subjects(verb) if verb is not None else [], "subject")
        found = ctx.parties(prep_objects(tok, {"with"}) + prep_objects(verb, {"with"}) if verb is not None else prep_objects(tok, {"with"}), "with")
        others = [c for c in found.codes if c not in subject.codes]
    if not subject.codes or len(set(others)) < 2 or set(others) & set(subject.codes):
        return []
    out = []
    for code in dict.fromkeys(others):
        codes = [*subject.codes, code]
        out += draft(ctx, tok, entry, codes, subject.sources | {"with"}, "interaction", verb=clause_verb(tok), objects=[tok])
    return out


def where_places(ctx: FrameContext, verb) -> list[str]:
    """ "a trip to Vietnam and India, where he will discuss ...": the countries of the
    place a ``where`` clause hangs from, one per conjunct."""
    if verb.dep_ != "relcl" or not any(c.lower_ == "where" for c in verb.children):
        return []
    out: list[str] = []
    for head in conjuncts(verb.head):
        found = ctx.parties([head], "place", places=True)
        if len(found.codes) == 1 and found.codes[0] not in out:
            out.append(found.codes[0])
    return out


def _at_each_place(ctx: FrameContext, verb, entry, places: list[str]) -> list:
    """One meeting of the clause's subject in each place of a ``where`` clause."""
    subject = ctx.parties(subjects(verb), "subject")
    out = []
    for code in places:
        codes = [*subject.codes, code] if subject.codes else []
        out += draft(ctx, verb, entry, codes, subject.sources | {"where"}, "interaction", verb=verb, objects=[verb])
    return out


def _callee(ctx: FrameContext, obj) -> bool:
    """Whether the object of a call verb is someone called: a party, a person, an
    official or a pronoun."""
    if obj.pos_ in ("PRON", "PROPN") or ctx.lex.in_class("official", obj.lemma_.lower()):
        return True
    return bool(ctx.parties([obj], "object").codes)


def _two_sided(ctx: FrameContext, verb, sides: list) -> bool:
    """Whether a weak verb of talking ("spoke", "discussed") has a second side of its
    own: an object or ``with`` phrase with a party, coordinated or plural subjects."""
    subject, _agent, obj, with_ = sides
    if obj.codes or with_.codes or obj.anaphoric or with_.anaphoric or obj.counterpart or with_.counterpart:
        return True
    heads = passive_subjects(verb) if is_passive(verb) else subjects(verb)
    return len(heads) >= 2 or bool(subject.anaphoric) or any(h.tag_ in ("NNS", "NNPS") or h.lower_ in ("they", "we") for h in heads)


def verbal_sides(ctx: FrameContext, verb, topic_object: bool = False) -> list:
    """The party phrases of a verb of meeting: subject, object ("met Wei"; not the topic
    of "discussed Russia's war"), ``with`` phrases."""
    if is_passive(verb):
        subj = ctx.parties(passive_subjects(verb), "subject")
    else:
        subj = ctx.parties(subjects(verb), "subject")
    return [
        subj,
        ctx.parties(agents(verb), "agent"),
        ctx.parties([] if topic_object else objects(verb), "object"),
        ctx.parties(prep_objects(verb, WITH), "with"),
    ]


def _visiting(ctx: FrameContext, verb) -> str | None:
    """The party of a ``visiting`` object or ``with`` phrase of a meeting verb ("met with
    visiting French President Macron"), or None."""
    for head in objects(verb) + prep_objects(verb, WITH):
        if head.lower_ == "visiting" and head.dep_ == "pcomp":
            # the tagger's reading: "with visiting(VERB) Macron(dobj)"
            heads = objects(head)
        elif any(
            t.lower_ == "visiting" and t.dep_ in ("amod", "compound", "acl") for t in ctx.resolver.phrase_tokens(head)
        ):
            heads = [head]
        else:
            continue
        found = ctx.parties(heads, "object").codes
        if len(found) == 1:
            return found[0]
    return None


def _purpose(tok) -> bool:
    """A "to" infinitive with no subject of its own that hangs on a noun or adjective
    ("a channel to discuss", "ready to discuss"), or on a verb as its purpose ("flew to
    Manila to discuss"): the talk is what something else is for."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False
    return tok.dep_ in ("acl", "relcl", "advcl") or tok.head.pos_ in ("ADJ", "NOUN", "PROPN")


@register("interaction")
def interaction(ctx: FrameContext, tok, entry):
    """Drafts of a meeting, talk, call or dialogue session (see the module docstring)."""
    if entry.pos == "noun" and is_demand(tok):
        # "Canberra's call for an inquiry"
        return []
    if entry.pos == "noun" and any(
        ctx.lex.in_class("pastime", m.lower_) for m in modifiers(tok) if m.dep_ in ("amod", "compound")
    ):
        # "organizing cultural and sport exchanges with local naval sailors"
        return []
    if entry.pos == "verb":
        if entry.mode == "call" and calls_something_else(tok, ctx.sent.date_of):
            # "called the report fake news", "what the Navy calls FONOPs", "called on"
            return []
        if entry.mode == "call" and any(not _callee(ctx, o) for o in objects(tok)):
            # "calling the pilot's actions unsafe": the object is no one called
            return []
        if not_talks(ctx, tok):
            # "talked their way back", "officials speak of de-escalation", "spoke to
            # reporters": no talks between parties
            return []
        if entry.topic_object and _purpose(tok):
            # "a working-level channel to discuss ways to ...": the talk is what
            # something else is for
            return []
        session = session_met_for(ctx, tok, entry)
        if session is not None:
            # "met in Beijing on 11 March for the 14th round of their annual
            # consultations": the meeting is that session
            noun, noun_entry = session
            codes, sources = assemble(ctx, verbal_sides(ctx, tok, entry.topic_object))
            return draft(ctx, noun, noun_entry, codes, sources, "interaction", verb=tok, objects=[noun])
        separate = separate_meetings(ctx, tok, entry)
        if separate:
            return separate
        places = where_places(ctx, tok)
        if places:
            return _at_each_place(ctx, tok, entry, places)
        sides = verbal_sides(ctx, tok, entry.topic_object)
        if entry.weak and not _two_sided(ctx, tok, sides):
            # "the ambassador spoke in Sihanoukville": a speech, not talks
            return []
        visitor = _visiting(ctx, tok)
        if visitor:
            # "Xi met with visiting French President Macron": the visitor initiates
            codes, sources = assemble(ctx, sides)
            return draft(ctx, tok, entry, codes, sources, "interaction", verb=clause_verb(tok), objects=[tok], initiator=visitor)
    else:
        if tok.lemma_.lower() in ctx.lex.session_nouns and any(
            event_noun(ctx, o) for o in prep_objects(tok, {"of"})
        ):
            # "the previous edition of the exercise", "the 17th round of the Defense
            # Policy Coordination Talks": the exercise or the channel is the event
            return []
        if restated_session(ctx, tok) or organisation_forum(ctx, tok):
            return []
        if entry.type == "DIALOGUE" and session_of_nothing(ctx, tok):
            # "the 2020 edition of Science of Military Strategy", "a new round of
            # sanctions": a session of something that is no channel
            return []
        if not eventive(ctx, tok) or generic_mention(ctx, tok):
            return []
        verb = clause_verb(tok)
        if lasting_state(ctx, verb) and ctx.lex.has_frame(verb.lemma_.lower(), "verb", "channel_action"):
            # "talks between China and the U.S. have been suspended for two years": the
            # talks are what the state holds off, not an event
            return []
        separate = separate_meetings(ctx, tok, entry)
        if separate:
            return separate
        sides = nominal_sides(ctx, tok, time_framed=True)
    codes, sources = assemble(ctx, sides)
    if entry.pos == "noun":
        # "The Defense Policy Coordination Talks took place in January": a registered
        # channel between fixed parties names them
        for c in ctx.registered_parties(" ".join(t.text for t in ctx.resolver.phrase_tokens(tok))):
            if c not in codes:
                codes.append(c)
                sources.add("registry")
    return draft(ctx, tok, entry, codes, sources, "interaction", verb=clause_verb(tok), objects=[tok])
