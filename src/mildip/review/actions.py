"""Review actions on resolved events: each one analyst decision, kept for good.

Every action builds one :class:`~mildip.model.Override` (named by evidence anchors,
so it survives re-extraction and re-ingest) and records it with
:func:`mildip.pipeline.record_decision`: one row of the append-only review history
(author, time, action, the event before and after, the reason), then the resolved
layer is rebuilt. ``version`` is the :attr:`Event.version` the analyst saw; when the
stored event has moved on, :class:`~mildip.ReviewConflictError` is raised and nothing
is saved (``version=None`` skips the check, for scripts that mean it).

Malformed requests raise :class:`~mildip.OverrideError` with a one-line reason;
unknown ids raise :class:`~mildip.EventNotFoundError`. Reasons are optional.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from mildip._exceptions import OverrideError, ReviewConflictError, StoreError
from mildip.kb.mechanisms import load_registry
from mildip.model import Event, Evidence, HistoryEntry, Override
from mildip.pipeline import record_decision
from mildip.resolve.overrides import (
    EDITABLE_FIELDS,
    event_anchors,
    evidence_anchor,
    normalise_fields,
    with_fields,
)
from mildip.settings import Settings
from mildip.store import Store
from mildip.store.overrides import history

ANALYST_EXTRACTOR = "analyst"
"""``Evidence.extractor_version`` of a passage an analyst selected (an added event)."""
MAX_PASSAGE = 4000
"""Longest passage (characters) an added event may quote."""


@dataclass(frozen=True)
class ReviewResult:
    """The history entry an action wrote and the rebuilt events holding its passages."""

    entry: HistoryEntry
    events: list[Event]


def _reason(reason: str | None) -> str:
    return " ".join((reason or "").split())


def _field_decision(
    store: Store,
    settings: Settings,
    kind: str,
    event: Event,
    *,
    version: int | None,
    author: str | None,
    reason: str | None,
    fields: Mapping[str, Any] | None = None,
) -> ReviewResult:
    override = Override(
        kind,
        event_anchors(event),
        _reason(reason),
        datetime.now(UTC),
        fields={**(fields or {}), "target": {"event_id": event.event_id, "type": event.type}},
        author=author,
    )
    expected = {event.event_id: version} if version is not None else None
    entry, events = record_decision(
        store, settings, override, event_id=event.event_id, before=[event], expected=expected
    )
    return ReviewResult(entry, events)


def _check_version(store: Store, event: Event, version: int | None) -> None:
    """Refuse early (before any other check) a decision made on an older version; the
    store checks again, atomically, when the decision is written."""
    if version is None or version == event.version:
        return
    latest = (history(store, anchors=event_anchors(event), event_id=event.event_id) or [None])[-1]
    raise ReviewConflictError(event.event_id, version, event.version, latest)


def _evidence_less(event: Event) -> None:
    if not event.evidence:
        raise OverrideError(
            f"event {event.event_id} has no passage to anchor a decision to; "
            "it cannot be reviewed (was it imported without evidence?)"
        )


def accept(
    store: Store,
    settings: Settings,
    event_id: str,
    *,
    version: int | None,
    author: str | None,
    reason: str | None = None,
) -> ReviewResult:
    """Confirm a machine-extracted event as it is."""
    event = store.get_event(event_id)
    _check_version(store, event, version)
    _evidence_less(event)
    if event.review != "machine":
        raise OverrideError(
            f"event {event_id} is {event.review}; only a machine-extracted event can be "
            "accepted" + (" (restore it first)" if event.review == "rejected" else "")
        )
    return _field_decision(
        store, settings, "accept", event, version=version, author=author, reason=reason
    )


def reject(
    store: Store,
    settings: Settings,
    event_id: str,
    *,
    version: int | None,
    author: str | None,
    reason: str | None = None,
) -> ReviewResult:
    """Hide an event from every query, export and analysis (nothing is deleted)."""
    event = store.get_event(event_id)
    _check_version(store, event, version)
    _evidence_less(event)
    if event.review == "rejected":
        raise OverrideError(f"event {event_id} is rejected already")
    return _field_decision(
        store, settings, "reject", event, version=version, author=author, reason=reason
    )


def restore(
    store: Store,
    settings: Settings,
    event_id: str,
    *,
    version: int | None,
    author: str | None,
    reason: str | None = None,
) -> ReviewResult:
    """Bring a rejected event back (to the status it had before)."""
    event = store.get_event(event_id)
    _check_version(store, event, version)
    if event.review != "rejected":
        raise OverrideError(f"event {event_id} is not rejected; there is nothing to restore")
    return _field_decision(
        store, settings, "restore", event, version=version, author=author, reason=reason
    )


def edit(
    store: Store,
    settings: Settings,
    event_id: str,
    changes: Mapping[str, Any],
    *,
    version: int | None,
    author: str | None,
    reason: str | None = None,
) -> ReviewResult:
    """Set new values of :data:`~mildip.resolve.overrides.EDITABLE_FIELDS` on an event.

    Only the fields whose value differs are kept. A new mechanism name is matched
    against the registry (with the event's actors) to set ``mechanism_id``.
    """
    event = store.get_event(event_id)
    _check_version(store, event, version)
    _evidence_less(event)
    if event.review == "rejected":
        raise OverrideError(f"event {event_id} is rejected; restore it before editing it")
    try:
        values = normalise_fields(changes)
    except ValueError as exc:
        raise OverrideError(str(exc)) from None
    current = {
        "type": event.type,
        "actors": list(event.actors),
        "initiator": event.initiator,
        "date": event.date,
        "modality": event.modality,
        "mechanism": event.mechanism,
        "mechanism_id": event.mechanism_id,
        "round": event.round,
        "resumed": event.resumed,
        "participants": normalise_fields({"participants": event.participants})["participants"],
        "location": event.location,
    }
    if "mechanism" in values and values["mechanism"] != event.mechanism:
        actors = values.get("actors", current["actors"])
        found = (
            load_registry(settings).match(values["mechanism"], actors)
            if values["mechanism"]
            else None
        )
        values["mechanism_id"] = found.mechanism_id if found else None
    changed = {k: v for k, v in values.items() if current[k] != v}
    if not changed:
        raise OverrideError(f"nothing to change: the values given are those of event {event_id}")
    actors = changed.get("actors", current["actors"])
    initiator = changed.get("initiator", current["initiator"])
    if initiator and initiator not in actors:
        raise OverrideError(f"initiator {initiator} is not one of the actors {', '.join(actors)}")
    return _field_decision(
        store,
        settings,
        "edit",
        event,
        version=version,
        author=author,
        reason=reason,
        fields={"set": changed},
    )


def merge(
    store: Store,
    settings: Settings,
    event_ids: Sequence[str],
    *,
    versions: Mapping[str, int] | None,
    author: str | None,
    reason: str | None = None,
) -> ReviewResult:
    """Make two or more events one event, now and after every re-extraction.

    ``versions`` maps each id to the version the analyst saw (ids missing from it are
    not checked).
    """
    ids = list(dict.fromkeys(event_ids))
    if len(ids) < 2:
        raise OverrideError("merging needs at least two different events")
    events = [store.get_event(i) for i in ids]
    for event in events:
        _check_version(store, event, (versions or {}).get(event.event_id))
        _evidence_less(event)
    keys = tuple(a for e in events for a in event_anchors(e))
    override = Override("merge", keys, _reason(reason), datetime.now(UTC), author=author)
    expected = {i: v for i, v in (versions or {}).items() if i in ids}
    entry, rebuilt = record_decision(
        store, settings, override, event_id=ids[0], before=events, expected=expected or None
    )
    return ReviewResult(entry, rebuilt)


def split(
    store: Store,
    settings: Settings,
    event_id: str,
    *,
    version: int | None,
    author: str | None,
    reason: str | None = None,
    anchors: Sequence[str] | None = None,
) -> ReviewResult:
    """Separate passages of an event: each passage whose anchor is in ``anchors``
    becomes an event of its own and the others stay together (default: every passage
    on its own)."""
    event = store.get_event(event_id)
    _check_version(store, event, version)
    own = event_anchors(event)
    if len(own) < 2:
        raise OverrideError(f"event {event_id} has a single passage; there is nothing to split")
    chosen = tuple(sorted(set(anchors))) if anchors else own
    unknown = sorted(set(chosen) - set(own))
    if unknown:
        raise OverrideError(f"passages {unknown} are not passages of event {event_id}")
    if len(chosen) == len(own) - 1:
        chosen = own
    override = Override("split", chosen, _reason(reason), datetime.now(UTC), author=author)
    expected = {event_id: version} if version is not None else None
    entry, rebuilt = record_decision(
        store, settings, override, event_id=event_id, before=[event], expected=expected
    )
    return ReviewResult(entry, rebuilt)


def locate_passage(text: str, start: int, end: int, quote: str | None = None) -> tuple[int, int]:
    """Offsets of the passage an analyst selected, whitespace trimmed.

    With ``quote`` (the selected text as the browser saw it), the occurrence of
    ``quote`` nearest to ``start`` wins when ``text[start:end]`` differs from it (a
    browser counts some characters differently). OverrideError when nothing fits.
    """
    if quote:
        wanted = quote.strip()
        if text[start:end].strip() != wanted:
            hits, at = [], text.find(wanted)
            while at >= 0:
                hits.append(at)
                at = text.find(wanted, at + 1)
            if not hits:
                raise OverrideError("the selected passage is not in the document's text")
            start = min(hits, key=lambda h: abs(h - start))
            end = start + len(wanted)
    if not (0 <= start < end <= len(text)):
        raise OverrideError(
            f"passage {start}-{end} is outside the document (0-{len(text)}); select it again"
        )
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise OverrideError("the selected passage is empty")
    if end - start > MAX_PASSAGE:
        raise OverrideError(f"select at most {MAX_PASSAGE} characters: the passage that states it")
    return start, end


def add_event(
    store: Store,
    settings: Settings,
    doc_id: str,
    start: int,
    end: int,
    fields: Mapping[str, Any],
    *,
    author: str | None,
    reason: str | None = None,
    quote: str | None = None,
) -> ReviewResult:
    """Add an event the extractor missed, stated by ``text[start:end]`` of ``doc_id``.

    ``fields`` are :data:`EDITABLE_FIELDS` values; ``type`` and ``actors`` are needed.
    The passage's ``extractor_version`` is :data:`ANALYST_EXTRACTOR`.
    """
    doc = store.get_document(doc_id)
    if doc is None:
        raise StoreError(f"no document {doc_id!r} in the store")
    start, end = locate_passage(doc.text, start, end, quote)
    for needed in ("type", "actors"):
        if not fields.get(needed):
            raise OverrideError(f"an added event needs its {needed}")
    try:
        values = normalise_fields({k: v for k, v in fields.items() if k in EDITABLE_FIELDS})
    except ValueError as exc:
        raise OverrideError(str(exc)) from None
    unknown = sorted(set(fields) - set(EDITABLE_FIELDS))
    if unknown:
        raise OverrideError(f"unknown fields {unknown}; editable: {', '.join(EDITABLE_FIELDS)}")
    if values.get("initiator") and values["initiator"] not in values["actors"]:
        raise OverrideError(f"initiator {values['initiator']} is not one of the actors")
    if values.get("mechanism") and "mechanism_id" not in values:
        found = load_registry(settings).match(values["mechanism"], values["actors"])
        values["mechanism_id"] = found.mechanism_id if found else None
    evidence = Evidence(doc_id, start, end, doc.text[start:end], ANALYST_EXTRACTOR)
    bare = Event(
        type=values["type"], actors=tuple(values["actors"]), date=None, evidence=[evidence]
    )
    event = with_fields(bare, values).with_(event_id="")  # the id of the final fields
    override = Override(
        "add",
        (evidence_anchor(evidence),),
        _reason(reason),
        datetime.now(UTC),
        fields={
            "event": event.to_dict(),
            "target": {"event_id": event.event_id, "type": event.type},
        },
        author=author,
    )
    entry, rebuilt = record_decision(store, settings, override, event_id=event.event_id)
    return ReviewResult(entry, rebuilt)
