"""Analyst overrides of coreference: "these are one event" / "these are separate events".

An override names events by their **evidence anchors**, not by event ids: an
anchor is ``"<doc_id>#<hash of the quote>"`` (:func:`evidence_anchor`), so it still
points at the same passages after the documents are re-extracted and every event
id has changed.

* ``merge``: every event holding any of the anchors becomes one event.
* ``split``: every passage holding one of the anchors becomes an event of its own
  (a mention that already carries several passages is cut into one-passage copies).

:func:`apply_overrides` applies overrides, oldest first, to a partition of
mentions produced by :func:`mildip.resolve.coref.merge_events`. Storing them is
:mod:`mildip.store.overrides`; the CLI is ``mildip events merge|split``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from mildip.model import Event, Evidence, Override


def _quote_digest(quote: str) -> str:
    return hashlib.sha256(" ".join(quote.split()).encode("utf-8")).hexdigest()[:16]


def evidence_anchor(evidence: Evidence) -> str:
    """``"<doc_id>#<16 hex digits>"``: the document and a SHA-256 of the quote with its
    whitespace collapsed. Offsets are left out, so the anchor survives edits elsewhere
    in the text and changes of extractor version."""
    return f"{evidence.doc_id}#{_quote_digest(evidence.quote)}"


def event_anchors(event: Event) -> tuple[str, ...]:
    """The anchors of every passage of ``event``, sorted and unique."""
    return tuple(sorted({evidence_anchor(e) for e in event.evidence}))


def merge_override(
    events: Sequence[Event], reason: str, created_at: datetime | None = None
) -> Override:
    """An override making ``events`` (two or more) one event."""
    if len(events) < 2:
        raise ValueError("merging needs at least two events")
    keys = tuple(a for e in events for a in event_anchors(e))
    return Override("merge", keys, reason, created_at or datetime.now(UTC))


def split_override(event: Event, reason: str, created_at: datetime | None = None) -> Override:
    """An override separating every passage of ``event`` into an event of its own."""
    return Override("split", event_anchors(event), reason, created_at or datetime.now(UTC))


def explode_for_splits(mentions: Iterable[Event], overrides: Sequence[Override]) -> list[Event]:
    """Mentions with several passages, one of which a split override names, become one
    copy per passage (same fields, one passage each); other mentions pass unchanged."""
    split_keys = {k for o in overrides if o.kind == "split" for k in o.event_keys}
    out: list[Event] = []
    for mention in mentions:
        if len(mention.evidence) > 1 and split_keys.intersection(event_anchors(mention)):
            out.extend(mention.with_(evidence=[ev], event_id="") for ev in mention.evidence)
        else:
            out.append(mention)
    return out


def apply_overrides(groups: list[list[Event]], overrides: Sequence[Override]) -> list[list[Event]]:
    """Apply ``overrides`` oldest first to a partition of mentions (lists of events that
    will each become one event). Returns a new partition; overrides whose anchors match
    nothing are ignored (see :func:`stale_overrides`)."""
    parts = [list(g) for g in groups]
    for override in sorted(overrides, key=lambda o: o.sort_key):
        keys = set(override.event_keys)
        touched = [
            i for i, g in enumerate(parts) if any(keys.intersection(event_anchors(m)) for m in g)
        ]
        if override.kind == "merge":
            if len(touched) < 2:
                continue
            joined = [m for i in touched for m in parts[i]]
            parts = [g for i, g in enumerate(parts) if i not in touched[1:]]
            parts[touched[0]] = joined
        else:
            rebuilt: list[list[Event]] = []
            for i, group in enumerate(parts):
                if i not in touched:
                    rebuilt.append(group)
                    continue
                named = [m for m in group if keys.intersection(event_anchors(m))]
                rest = [m for m in group if not keys.intersection(event_anchors(m))]
                rebuilt.extend([m] for m in named)
                if rest:
                    rebuilt.append(rest)
            parts = rebuilt
    return parts


def override_note(override: Override) -> str:
    """The flag an overridden event carries, e.g. ``"override_merge: same call"``."""
    return f"override_{override.kind}: {override.reason}"


def stale_overrides(mentions: Iterable[Event], overrides: Sequence[Override]) -> list[Override]:
    """Overrides none of whose anchors occurs among ``mentions`` any more (for example
    after the quoted passage was edited out of a re-ingested document)."""
    present = {a for m in mentions for a in event_anchors(m)}
    return [o for o in overrides if not present.intersection(o.event_keys)]
