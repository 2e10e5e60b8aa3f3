"""An event's review history and what each entry changed, for people to read.

* :func:`event_history` - the entries naming an event's passages (or made on its
  id, for an event merged or split away), oldest first;
* :func:`describe` - one entry as a :class:`Change`: a sentence and, for a decision
  on one event, the fields whose values differ before and after.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mildip._exceptions import EventNotFoundError
from mildip.model import HistoryEntry
from mildip.resolve.overrides import event_anchors
from mildip.store import Store
from mildip.store.overrides import history

SHOWN_FIELDS: tuple[str, ...] = (
    "review",
    "type",
    "actors",
    "initiator",
    "date",
    "modality",
    "mechanism",
    "round",
    "resumed",
    "participants",
    "location",
)
"""The fields a change lists, in this order."""

VERBS = {
    "accept": "accepted",
    "reject": "rejected",
    "restore": "restored",
    "edit": "edited",
    "add": "added",
    "merge": "merged",
    "split": "split",
}


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class Change:
    """An entry as shown: ``summary`` (who did what) and the changed ``fields``."""

    entry: HistoryEntry
    summary: str
    fields: tuple[FieldChange, ...] = ()


def event_history(store: Store, event_id: str) -> list[HistoryEntry]:
    """Every entry naming the passages of ``event_id`` or made on that id, oldest first.

    An id that no longer exists (merged or split away) still has the entries made on
    it; EventNotFoundError only when there are none either."""
    try:
        event = store.get_event(event_id)
    except EventNotFoundError:
        found = history(store, event_id=event_id)
        if not found:
            raise
        return found
    return history(store, anchors=event_anchors(event), event_id=event_id)


def _events(side: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    return list((side or {}).get("events") or [])


def _shown(value: Any, field: str) -> Any:
    if field == "participants":
        return [
            ", ".join(x for x in (p.get("name"), p.get("title"), p.get("party")) if x)
            for p in value or ()
        ]
    return value


def describe(entry: HistoryEntry) -> Change:
    """The sentence and field changes of one entry."""
    before, after = _events(entry.before), _events(entry.after)
    who = entry.author or "an unknown author (recorded before authors were kept)"
    verb = VERBS.get(entry.kind, entry.kind)
    if entry.kind == "merge":
        what = f"{who} merged {len(before) or 'several'} events into {len(after) or 'one'}"
    elif entry.kind == "split":
        what = f"{who} split an event into {len(after) or 'several'}"
    elif entry.kind == "add":
        what = f"{who} added an event the extractor missed"
    else:
        what = f"{who} {verb} the event"
    fields: list[FieldChange] = []
    if len(after) == 1 and len(before) <= 1:
        old = before[0] if before else {}
        for name in SHOWN_FIELDS:
            a, b = _shown(old.get(name), name), _shown(after[0].get(name), name)
            if a != b:
                fields.append(FieldChange(name, a, b))
    return Change(entry, what, tuple(fields))
