"""Analyst overrides: the review decisions that survive every re-extraction.

An override names events by their **evidence anchors**, not by event ids: an
anchor is ``"<doc_id>#<hash of the quote>"`` (:func:`evidence_anchor`), so it still
points at the same passages after the documents are re-extracted and every event
id has changed.

Structural kinds regroup passages (applied to the partition of mentions):

* ``merge``: every event holding any of the anchors becomes one event.
* ``split``: every passage holding one of the anchors becomes an event of its own
  (a mention that already carries several passages is cut into one-passage copies).

Field kinds change the resolved event holding the anchors (applied after grouping,
so they never change which mentions form an event, and the event keeps its id):

* ``accept`` (confirmed as extracted), ``reject`` (hidden everywhere by default),
  ``restore`` (undo a reject), ``edit`` (``fields["set"]``: new values of
  :data:`EDITABLE_FIELDS`);
* ``add``: an event the extractor missed, ``fields["event"]`` (one passage): it is
  put among the mentions as a group of its own, or into the group already holding
  its passage, and its fields are set on the event like an edit.

When several events hold a passage of a field decision, ``fields["target"]`` (the
id and type the event had when the analyst decided) picks one: the event with that
id, else the events of that type, else all of them.

:func:`apply_overrides` applies structural overrides, oldest first, to a partition
of mentions; :func:`apply_review` applies field overrides to resolved events and sets
``Event.review`` (:data:`~mildip.model.REVIEW_STATES`) and ``Event.version`` (how
many decisions name the event's passages). Both run inside
:func:`mildip.resolve.coref.merge_events`. Storing overrides is
:mod:`mildip.store.overrides`; recording them is :mod:`mildip.pipeline` and
:mod:`mildip.review`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from mildip import dates
from mildip.model import (
    EVENT_TYPES,
    FIELD_KINDS,
    MODALITIES,
    STRUCTURAL_KINDS,
    Event,
    Evidence,
    Override,
    Participant,
)

EDITABLE_FIELDS: tuple[str, ...] = (
    "type",
    "actors",
    "initiator",
    "date",
    "modality",
    "mechanism",
    "mechanism_id",
    "round",
    "resumed",
    "participants",
    "location",
)
"""The event fields an ``edit`` (or an ``add``) sets."""

_PARTY = re.compile(r"^[A-Z][A-Z0-9]{1,15}$")


def _quote_digest(quote: str) -> str:
    return hashlib.sha256(" ".join(quote.split()).encode("utf-8")).hexdigest()[:16]


def passage_anchor(doc_id: str, quote: str) -> str:
    """The anchor of the passage ``quote`` of document ``doc_id`` (see :func:`evidence_anchor`)."""
    return f"{doc_id}#{_quote_digest(quote)}"


def evidence_anchor(evidence: Evidence) -> str:
    """``"<doc_id>#<16 hex digits>"``: the document and a SHA-256 of the quote with its
    whitespace collapsed. Offsets are left out, so the anchor survives edits elsewhere
    in the text and changes of extractor version."""
    return passage_anchor(evidence.doc_id, evidence.quote)


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
    """Apply the structural ``overrides`` (merge, split) oldest first to a partition of
    mentions (lists of events that will each become one event). Returns a new
    partition; overrides whose anchors match nothing are ignored (see
    :func:`stale_overrides`); field overrides are left to :func:`apply_review`."""
    parts = [list(g) for g in groups]
    structural = [o for o in overrides if o.kind in STRUCTURAL_KINDS]
    for override in sorted(structural, key=lambda o: o.sort_key):
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


# --- field decisions ---------------------------------------------------------------------


def _code(value: Any, what: str) -> str:
    code = str(value or "").strip().upper()
    if not _PARTY.match(code):
        raise ValueError(f"{what} {value!r} is not a party code such as CHN, USA or NATO")
    return code


def _text_or_none(value: Any) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def _participant(value: Any) -> dict[str, Any]:
    if isinstance(value, Participant):
        value = {**value.to_record(), "level": value.level, "person_id": value.person_id}
    if not isinstance(value, Mapping):
        raise ValueError(f"a participant needs name, title and party keys, not {value!r}")  # noqa: TRY004
    unknown = set(value) - {"name", "title", "party", "level", "person_id"}
    if unknown:
        raise ValueError(f"unknown participant keys {sorted(unknown)}")
    out = {k: _text_or_none(value.get(k)) for k in ("name", "title", "level", "person_id")}
    out["party"] = _code(value["party"], "participant party") if value.get("party") else None
    if not (out["name"] or out["title"]):
        raise ValueError("a participant needs a name or a title")
    return out


def normalise_fields(changes: Mapping[str, Any]) -> dict[str, Any]:
    """``changes`` checked and in stored form (plain data), for an ``edit`` or ``add``.

    Raises ValueError naming the first bad field: an unknown field, a type or modality
    that does not exist, fewer than two actors, an initiator that is not an actor (when
    both are given), a date that is not YYYY, YYYY-MM or YYYY-MM-DD, a round below 1.
    """
    out: dict[str, Any] = {}
    for key, value in changes.items():
        if key not in EDITABLE_FIELDS:
            raise ValueError(f"{key!r} cannot be edited; editable: {', '.join(EDITABLE_FIELDS)}")
        if key == "type":
            value = str(value).strip().upper()
            if value not in EVENT_TYPES:
                raise ValueError(f"unknown type {value!r}; choose one of {', '.join(EVENT_TYPES)}")
        elif key == "modality":
            if value not in MODALITIES:
                raise ValueError(
                    f"unknown modality {value!r}; choose one of {', '.join(MODALITIES)}"
                )
        elif key == "actors":
            value = sorted({_code(v, "actor") for v in value})
            if len(value) < 2:
                raise ValueError("an event needs at least two different actors")
        elif key == "initiator":
            value = _code(value, "initiator") if value else None
        elif key == "date":
            value = _text_or_none(value)
            if value is not None:
                try:
                    dates.bounds(value)
                except ValueError:
                    raise ValueError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD") from None
        elif key == "round":
            if value in (None, ""):
                value = None
            else:
                try:
                    value = int(value)
                except (TypeError, ValueError):
                    raise ValueError(f"round {value!r} is not a whole number") from None
                if value < 1:
                    raise ValueError("a round is numbered from 1")
        elif key == "resumed":
            value = bool(value)
        elif key == "participants":
            value = [_participant(p) for p in value]
        else:
            value = _text_or_none(value)
        out[key] = value
    if out.get("initiator") and out.get("actors") and out["initiator"] not in out["actors"]:
        raise ValueError(f"initiator {out['initiator']} is not one of the actors {out['actors']}")
    return out


def with_fields(event: Event, values: Mapping[str, Any]) -> Event:
    """``event`` with stored-form ``values`` (:func:`normalise_fields`) set; same id."""
    changes = {k: v for k, v in values.items() if k in EDITABLE_FIELDS}
    if "actors" in changes:
        changes["actors"] = tuple(changes["actors"])
    if "participants" in changes:
        changes["participants"] = [Participant(**p) for p in changes["participants"]]
    return event.with_(**changes)


def added_event(override: Override) -> Event:
    """The one-passage mention an ``add`` override carries."""
    return Event.from_dict(override.fields["event"])


def added_mentions(overrides: Sequence[Override]) -> list[Event]:
    """The mentions of every ``add`` override, oldest first."""
    adds = sorted((o for o in overrides if o.kind == "add"), key=lambda o: o.sort_key)
    return [added_event(o) for o in adds]


def place_added(groups: list[list[Event]], added: Sequence[Event]) -> list[list[Event]]:
    """The partition with each added mention in the group already holding its passage,
    or in a group of its own."""
    parts = [list(g) for g in groups]
    for mention in added:
        keys = set(event_anchors(mention))
        home = next((g for g in parts if any(keys.intersection(event_anchors(m)) for m in g)), None)
        if home is None:
            parts.append([mention])
        else:
            home.append(mention)
    return parts


def review_status(applied: Sequence[Override]) -> str:
    """The :data:`~mildip.model.REVIEW_STATES` value after ``applied`` decisions (oldest
    first): ``edited`` once an edit, add, merge or split applies, else ``accepted`` once
    an accept applies, else ``machine``; ``rejected`` while the latest reject is not
    followed by a restore."""
    status, rejected = "machine", False
    for o in applied:
        if o.kind == "reject":
            rejected = True
        elif o.kind == "restore":
            rejected = False
        elif o.kind == "accept":
            status = "accepted" if status == "machine" else status
        else:
            status = "edited"
    return "rejected" if rejected else status


def _targets(override: Override, hit: list[int], events: Sequence[Event]) -> list[int]:
    if len(hit) <= 1:
        return hit
    target = override.fields.get("target") or {}
    for key in ("event_id", "type"):
        chosen = [i for i in hit if target.get(key) and getattr(events[i], key) == target[key]]
        if chosen:
            return chosen
    return hit


def apply_review(events: Sequence[Event], overrides: Sequence[Override]) -> list[Event]:
    """Resolved ``events`` with every field override applied, oldest first, and their
    ``review`` and ``version`` set (see the module docstring). Order is kept."""
    out = list(events)
    index: dict[str, list[int]] = {}
    for i, event in enumerate(out):
        for key in event_anchors(event):
            index.setdefault(key, []).append(i)
    naming: list[list[Override]] = [[] for _ in out]
    applied: list[list[Override]] = [[] for _ in out]
    for override in sorted(overrides, key=lambda o: o.sort_key):
        hit = sorted({i for k in override.event_keys for i in index.get(k, ())})
        for i in hit:
            naming[i].append(override)
        if override.kind not in FIELD_KINDS:
            for i in hit:
                applied[i].append(override)
            continue
        for i in _targets(override, hit, out):
            applied[i].append(override)
            if override.kind == "edit":
                out[i] = with_fields(out[i], override.fields.get("set") or {})
            elif override.kind == "add":
                values = override.fields["event"]
                out[i] = with_fields(out[i], {k: values[k] for k in EDITABLE_FIELDS if k in values})
    return [
        e.with_(review=review_status(applied[i]), version=len(naming[i])) for i, e in enumerate(out)
    ]


def event_summary(event: Event) -> dict[str, Any]:
    """The fields of ``event`` an analyst reviews, as plain data (for the review history)."""
    return {
        "event_id": event.event_id,
        "type": event.type,
        "actors": list(event.actors),
        "initiator": event.initiator,
        "date": event.date,
        "modality": event.modality,
        "mechanism": event.mechanism,
        "mechanism_id": event.mechanism_id,
        "round": event.round,
        "resumed": event.resumed,
        "participants": [
            {**p.to_record(), "level": p.level, "person_id": p.person_id}
            for p in event.participants
        ],
        "location": event.location,
        "review": event.review,
        "version": event.version,
        "evidence": [
            {"doc_id": e.doc_id, "start": e.start, "end": e.end, "quote": e.quote}
            for e in event.evidence
        ],
    }
