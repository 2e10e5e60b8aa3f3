"""Frame ``visit``: "Austin visited Beijing", "Wei's visit to Hanoi", "a Chinese
delegation led by ... travelled to Phnom Penh".

The visitor is the subject (the ``by`` phrase in the passive; the possessor, modifier or
``by``/``of`` phrase of a noun, or the subject of "paid/made/began a visit"); the host
is the object or the ``to``/``in`` phrase, where places count for their country. The
visitor is the initiator and the host country the location. A ship or a navy as visitor
is a port call (frame ``port_call``), not a visit.
"""

from __future__ import annotations

from dataclasses import replace

from mildip.extract.arguments import (
    agents,
    clause_verb,
    is_passive,
    modifiers,
    objects,
    passive_subjects,
    prep_objects,
    subjects,
    vessel_antecedent,
)
from mildip.extract.frames import FrameContext, assemble, draft, generic_object, register
from mildip.extract.frames.interaction import carried_by
from mildip.extract.persons import name_words

TO = frozenset({"to", "in", "at", "into", "for", "on", "upon"})


def is_naval(ctx: FrameContext, heads) -> bool:
    """Whether a phrase names a ship or a naval force ("three PLA Navy ships", "USS X"),
    or is an "it" that stands for one earlier in its sentence (see
    :func:`vessel_antecedent`). A phrase headed by an official ("the commander of the
    Seventh Fleet", "the Chinese navy chief") names a person, not a ship."""
    for h in heads:
        if h.lower_ == "it" and vessel_antecedent(ctx.resolver, h):
            return True
        phrase = ctx.resolver.phrase_tokens(h)
        if any(t.text in name_words().ship_prefixes for t in phrase):
            return True
        if ctx.lex.in_class("official", h.lemma_) or ctx.sent.person_of(h.i) is not None:
            continue
        if any(ctx.lex.in_class("naval", t.lemma_) for t in phrase):
            return True
    return False


def is_official(ctx: FrameContext, heads, institutions: bool = False) -> bool:
    """Whether a phrase names people acting for a party: a person, an official or
    delegation noun, a personal pronoun, with ``institutions`` an institution - not
    "Australians" or "the base"."""
    for h in heads:
        if h.pos_ == "PRON" and h.lower_ in ("he", "she", "i", "we", "they", "him", "her", "us", "them"):
            return True
        if ctx.lex.in_class("official", h.lemma_) or ctx.sent.person_of(h.i) is not None:
            return True
        if h.pos_ == "PROPN" and h.text in ctx.state.people:
            return True
        for t in ctx.resolver.phrase_tokens(h):
            if ctx.sent.person_of(t.i) is not None:
                return True
            mention = ctx.sent.party_of(t.i)
            if institutions and mention is not None and mention.kind == "institution":
                # "the PLA sent a delegation ... and to visit NATO headquarters"
                return True
    return False


def visit_roles(ctx: FrameContext, tok, entry) -> tuple[list, list]:
    """(visitor heads, host heads) of a visit trigger."""
    if entry.pos == "verb":
        if is_passive(tok):
            return agents(tok), passive_subjects(tok) + _places(ctx, prep_objects(tok, TO))
        objs = objects(tok)
        listed = [t for o in objs if o.lemma_.lower() in entry.rest for t in _places(ctx, prep_objects(o, TO))]
        if len(listed) > 1:
            # "paid official visits to Russia and Belarus": the visit's hosts, one by one
            objs = listed
        return subjects(tok), objs + _places(ctx, prep_objects(tok, TO))
    visitors = [m for m in modifiers(tok) if m.dep_ != "nummod"] + prep_objects(tok, {"by", "of", "from"})
    hosts = _places(ctx, prep_objects(tok, TO))
    verb = clause_verb(tok)
    if verb is not None and verb.i != tok.i and carried_by(ctx.lex, tok, verb):
        if tok.dep_ != "nsubj":
            visitors += subjects(verb)
        hosts += _places(ctx, prep_objects(verb, TO))
    elif verb is not None and _left_after(ctx, tok, verb):
        # "HMAS Toowoomba left Manila after a four-day port visit": who left made the
        # visit, and the place left was its host
        visitors += subjects(verb)
        hosts += _places(ctx, objects(verb) + prep_objects(verb, {"from"}))
    return visitors, hosts


def _left_after(ctx: FrameContext, tok, verb) -> bool:
    """Whether the visit noun ``tok`` is what a verb of leaving ended: "left Manila after
    a visit", "departed from Colombo at the end of a goodwill visit"."""
    prep = tok.head
    if tok.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lemma_.lower() in ("end", "conclusion"):
        prep = prep.head.head
        if prep.lower_ != "at":
            return False
    elif tok.dep_ != "pobj" or prep.lower_ not in ("after", "following"):
        return False
    return prep.head.i == verb.i and ctx.lex.in_class("departure", verb.lemma_)


def _places(ctx: FrameContext, heads) -> list:
    """The heads that can name where a visit went: a proper name, or a common noun that is
    itself a party or place mention or has one among its own modifiers ("the Chinese
    capital"); not an abstract noun whose "of" phrase names a party ("In disregard of
    China's strong opposition, Pelosi visited Taiwan")."""
    def named(t) -> bool:
        return bool(ctx.sent.parties_of(t.i) or ctx.sent.places_of(t.i))

    return [
        h for h in heads
        if ctx.sent.date_of(h.i) is None  # "On July 6 NATO's ...": a date is no host
        and (h.pos_ != "NOUN" or named(h) or any(named(m) for m in modifiers(h)))
    ]


@register("visit")
def visit(ctx: FrameContext, tok, entry):
    """A directed MEET: the visitor travels to the host."""
    if generic_object(ctx, tok, entry):
        # "paid regular visits to Australian ports": a habit, not a visit
        return []
    if any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
        # "called on China to ...": a demand, not a visit
        return []
    if _trip_to_a_forum(ctx, tok, entry):
        # "Gates traveled to Singapore for the Shangri-La Dialogue": the country hosts a
        # forum, not the visitor
        return []
    visitors, hosts = visit_roles(ctx, tok, entry)
    if entry.pos == "noun" and is_naval(ctx, visitors):
        # "the naval taskforce paid a five-day visit to Maputo": a navy's visit is a port call
        from mildip.extract.frames.port_call import port_call

        return port_call(ctx, tok, replace(entry, frame="port_call", type="PORT_CALL"))
    if is_naval(ctx, visitors) or (visitors and not is_official(ctx, visitors, entry.pos == "verb")):
        return []
    visitor = ctx.parties(visitors, "subject")
    initiator = visitor.codes[0] if visitor.codes else None
    out = []
    for host in per_host(ctx, hosts, initiator):
        if not host.codes:
            continue
        codes, sources = assemble(ctx, [visitor, host])
        location = next((c for c in host.codes if c != initiator), None)
        out += draft(
            ctx, tok, entry, codes, sources, "visit",
            initiator=initiator, location=location, verb=clause_verb(tok), objects=[tok],
        )
    return out


def _trip_to_a_forum(ctx: FrameContext, tok, entry) -> bool:
    """Whether a verb of a journey (``journey`` class) goes "for" or "to" a forum."""
    if entry.pos != "verb" or not ctx.lex.in_class("journey", tok.lemma_.lower()):
        return False
    return any(
        ctx.sent.is_forum(t.i) for o in prep_objects(tok, {"for", "to", "at"}) for t in ctx.resolver.phrase_tokens(o)
    )


def per_host(ctx: FrameContext, hosts, visitor: str | None) -> list:
    """One party phrase per host: "visited Japan and South Korea" is two visits. Hosts
    that name no party other than the visitor are merged into one phrase."""
    found = [ctx.parties([h], "object", places=True) for h in hosts]
    named = [f for f in found if any(c != visitor for c in f.codes)]
    if len(named) > 1:
        return named
    merged = ctx.parties(hosts, "object", places=True)
    return [merged]
