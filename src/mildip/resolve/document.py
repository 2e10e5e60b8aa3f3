"""The per-document stage of resolution: a document's mentions → its events.

:func:`resolve_document` merges the mentions of one real-world event
(:func:`mildip.resolve.coref.merge_events`) and links answers to the proposals they
answer (:func:`mildip.resolve.threads.link_proposals`). Pure: the same mentions and
settings give the same events.
"""

from __future__ import annotations

from collections.abc import Iterable

from mildip.dates import dates_agree
from mildip.model import Event
from mildip.resolve.coref import merge_events
from mildip.resolve.threads import link_proposals
from mildip.settings import Settings


def resolve_document(mentions: Iterable[Event], settings: Settings) -> list[Event]:
    """One event per real-world event of the mentions, answers linked to proposals."""
    return link_proposals(merge_events(realised_plans(list(mentions)), settings), settings)


PLANNED = frozenset({"future", "hypothetical"})


def realised_plans(mentions: list[Event]) -> list[Event]:
    """The mentions, with a plan that the same document reports done told as done: "Austin
    was to visit the Philippines in July 2021" and "Austin met Duterte in Manila on
    July 30" are one visit. A planned mention takes the asserted modality when an
    asserted mention has its type and parties and a date that agrees with its own, both
    known at least to the month (a plan "later this year" stays a plan)."""
    done = [e for e in mentions if e.modality == "asserted" and e.date and len(e.date) >= 7]
    out = []
    for e in mentions:
        if e.modality in PLANNED and e.date and len(e.date) >= 7 and any(
            d.type == e.type and d.actors == e.actors and dates_agree(d.date, e.date) for d in done
        ):
            e = e.with_(modality="asserted")
        out.append(e)
    return out
