"""Form fields of the event page's edit and add forms, turned into the field values of
:mod:`mildip.review.actions` (plain parsing; the library checks the values)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from mildip.model import Event, Participant

EDIT_FIELDS = ("type", "actors", "initiator", "date", "modality", "mechanism", "round", "location")


def split_codes(text: str) -> list[str]:
    """``"CHN, usa"`` → ``["CHN", "USA"]``."""
    return [c.upper() for c in re.split(r"[\s,;]+", text or "") if c]


def participant_line(p: Participant) -> str:
    """``Name | Title | PARTY`` (the edit form's one line per participant)."""
    return " | ".join(x or "" for x in (p.name, p.title, p.party))


def _participants(text: str, existing: list[Participant]) -> list[dict[str, Any]]:
    known = {participant_line(p): p for p in existing}
    out = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        if line.strip() in known:
            p = known[line.strip()]
        else:
            parts = [x.strip() or None for x in line.split("|")] + [None, None]
            p = Participant(name=parts[0], title=parts[1], party=(parts[2] or None))
        out.append(
            {
                "name": p.name,
                "title": p.title,
                "party": p.party,
                "level": p.level,
                "person_id": p.person_id,
            }
        )
    return out


def event_fields(form: Mapping[str, Any], event: Event | None = None) -> dict[str, Any]:
    """The field values a submitted edit (or add) form gives; fields the form does not
    carry are left out."""
    values: dict[str, Any] = {}
    for key in EDIT_FIELDS:
        if key not in form:
            continue
        raw = str(form.get(key) or "").strip()
        if key == "actors":
            values[key] = split_codes(raw)
        elif key == "initiator":
            values[key] = raw.upper() or None
        elif key in ("type",):
            values[key] = raw.upper()
        else:
            values[key] = raw or None
    if "participants" in form:
        values["participants"] = _participants(
            str(form.get("participants") or ""), event.participants if event else []
        )
    if "resumed_shown" in form:
        values["resumed"] = form.get("resumed") in ("on", "true", "1")
    return values
