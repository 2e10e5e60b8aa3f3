"""Frame ``port_call``: a navy's ships visit a port of another party.

"Three PLA Navy ships docked at Sihanoukville", "HMAS Anzac arrived in Manila",
"the frigate made a port call in Da Nang", "a goodwill visit to Colombo". The visitor
phrase must name a ship or a naval force (``naval`` class, ship prefixes); its party is
the initiator. The port's country (places count) is the other actor and the location.
"""

from __future__ import annotations

from mildip.extract.arguments import clause_verb, objects, prep_objects
from mildip.extract.frames import FrameContext, draft, generic_object, register
from mildip.extract.frames.visit import is_naval, per_host, visit_roles

PORT = frozenset({"at", "in", "to", "into", "of"})


@register("port_call")
def port_call(ctx: FrameContext, tok, entry):
    """A PORT_CALL, initiated by the ship's party."""
    if generic_object(ctx, tok, entry):
        return []
    visitors, hosts = visit_roles(ctx, tok, entry)
    if entry.pos == "verb":
        hosts = objects(tok) + prep_objects(tok, PORT)
    naval_noun = entry.pos == "noun" and entry.rest and entry.rest[0] == "port"
    if not (is_naval(ctx, visitors) or naval_noun):
        return []
    ship = ctx.parties(visitors, "subject")
    if not ship.codes:
        return []
    out = []
    # "Indian and Japanese warships then called at Manila": each navy's call is one event
    for initiator in ship.codes:
        for host in per_host(ctx, hosts, initiator):
            hosts_codes = [c for c in host.codes if c not in ship.codes or c == initiator]
            codes = [initiator, *hosts_codes]
            location = next((c for c in hosts_codes if c != initiator), None)
            out += draft(
                ctx, tok, entry, codes, ship.sources | host.sources, "port_call",
                initiator=initiator, location=location, verb=clause_verb(tok), objects=[tok],
            )
    return out
