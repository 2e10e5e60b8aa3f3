"""The per-document stage of resolution: a document's mentions → its events.

:func:`resolve_document` merges the mentions of one real-world event
(:func:`mildip.resolve.coref.merge_events`) and links answers to the proposals they
answer (:func:`mildip.resolve.threads.link_proposals`). Pure: the same mentions and
settings give the same events.
"""

from __future__ import annotations

from collections.abc import Iterable

from mildip.model import Event
from mildip.resolve.coref import merge_events
from mildip.resolve.threads import link_proposals
from mildip.settings import Settings


def resolve_document(mentions: Iterable[Event], settings: Settings) -> list[Event]:
    """One event per real-world event of the mentions, answers linked to proposals."""
    return link_proposals(merge_events(list(mentions), settings), settings)
