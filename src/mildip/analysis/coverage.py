"""Coverage: which parties a document talks about (the denominator of the trend indicators).

A document *mentions* a party when

* its ``meta["parties"]`` lists the party (set by whoever ingested or extracted it), or else
* the party gazetteer (:mod:`mildip.nlp.gazetteer`: country names, aliases, demonyms,
  capitals, organisations and national institutions such as the PLA) finds the party
  in its text. Sub-national places and forums do not count as mentions.

This is a deliberately plain count, not event extraction: it only has to move with the
amount of reporting, so that more reporting is not read as more engagement.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from mildip.model import Document
from mildip.nlp.gazetteer import load_gazetteer

_NOT_A_MENTION = frozenset({"place", "forum"})


def mentioned_parties(doc: Document) -> frozenset[str]:
    """Parties ``doc`` mentions (see the module docstring)."""
    listed = doc.meta.get("parties") if doc.meta else None
    if listed is not None:
        return frozenset(listed)
    return frozenset(
        m.code for m in load_gazetteer().find(doc.text) if m.code and m.kind not in _NOT_A_MENTION
    )


def parties_by_document(documents: Iterable[Document]) -> Mapping[str, frozenset[str]]:
    """``doc_id`` → :func:`mentioned_parties`, computed once per document."""
    return {d.doc_id: mentioned_parties(d) for d in documents}
