"""Frame ``hosting``: "Wei received Austin", "Tokyo hosted the delegation".

The subject is the host and the object the guest, who is the visitor (the initiator);
in the passive ("was received by") the roles swap, and without a ``by`` phrase the
place the guest was received "in" or "at" is the host. An object that is itself an event
("hosted talks", "hosted the exercise"), or a ``for`` phrase that is one ("hosted the
ministers for a trilateral meeting"), is left to that noun's own frame.
"""

from __future__ import annotations

from mildip.extract.arguments import (
    agents,
    is_passive,
    objects,
    passive_subjects,
    prep_objects,
    subjects,
)
from mildip.extract.frames import FrameContext, assemble, draft, register
from mildip.extract.frames.visit import is_naval, is_official


@register("hosting")
def hosting(ctx: FrameContext, tok, entry):
    """A MEET whose initiator is the guest; guests of several parties named one by one
    give one MEET per party."""
    if is_passive(tok):
        guests, hosts = passive_subjects(tok), agents(tok)
        if not hosts:
            # "Gates was finally received in Beijing": the place hosts
            hosts = prep_objects(tok, {"in", "at"})
    else:
        guests, hosts = objects(tok), subjects(tok)
    if not guests or any(ctx.lex.in_class("engagement", g.lemma_) for g in guests):
        return []
    if any(ctx.lex.for_token(o.lemma_.lower(), "noun") for o in prep_objects(tok, {"for"})):
        # "Austin hosted Marles and Kihara for the Australia-Japan-United States Defense
        # Ministers' Meeting": the meeting is the event, told by its own noun
        return []
    guest = ctx.parties(guests, "object")
    if not guest.codes:
        return []
    host = ctx.parties(hosts, "subject", places=True)
    naval = is_naval(ctx, guests)
    if not naval and not is_official(ctx, guests):
        # "receiving US$17.7 billion": a guest must be someone
        return []
    separate = _separate_guests(ctx, guests, host) if not naval else []
    out = []
    for one in separate or [guest]:
        codes, sources = assemble(ctx, [host, one])
        # "the base has also welcomed ships from the Chinese navy": the ships' port call
        out += draft(
            ctx, tok, entry, codes, sources, "hosting", initiator=_visitor(one), verb=tok,
            objects=[tok], type="PORT_CALL" if naval else entry.type,
        )
    return out


def _visitor(guest) -> str | None:
    """The guest's party, the visit's initiator; none when the guests are of several
    parties ("received the defence ministers of Japan and Australia")."""
    return guest.codes[0] if len(guest.codes) == 1 else None


def _separate_guests(ctx: FrameContext, guests, host) -> list:
    """One guest per conjunct when a list names guests of different parties
    ("received Russian Deputy Minister Fomin and the French chief of staff, General
    Burkhard"): a list is one record per item. A conjunct that names no party besides the
    host's is left out (often an apposition the parser took for a conjunct), and guests of
    one party are one delegation. Empty when fewer than two parties remain or a guest
    names several parties."""
    if len(guests) < 2:
        return []
    by_party: dict[tuple, object] = {}
    for found in (ctx.parties([g], "object") for g in guests):
        if any(c not in host.codes for c in found.codes):
            by_party.setdefault(tuple(found.codes), found)
    if len(by_party) < 2 or any(len(codes) != 1 for codes in by_party):
        return []
    return list(by_party.values())
