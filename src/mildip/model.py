"""Core records shared by every pipeline stage.

* :class:`Document` - one ingested text with its metadata (ingest → everything).
* :class:`Evidence` - a verbatim span of a document that states an event.
* :class:`Participant` - an official or unit taking part in an event.
* :class:`Event` - one real-world event with all its evidence.

Dates are ISO 8601 strings at the precision the text supports (``YYYY``,
``YYYY-MM`` or ``YYYY-MM-DD``); :mod:`mildip.dates` compares them.

``Event.to_record`` writes the record of ``shared/spec/events.md`` (plus the
extension keys ``event_id``, ``responds_to``, ``sources_cited``, ``n_sources``,
``sides``, ``spans`` and ``review``).

:class:`Override` is one analyst decision (merge, split, accept, reject, restore,
edit, add), named by evidence anchors; :class:`HistoryEntry` is its row in the
append-only review history (who, when, the fields before and after).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from mildip.dates import bounds, format_date
from mildip.dates import precision as partial_precision

EVENT_TYPES: tuple[str, ...] = (
    "MEET",
    "CALL",
    "DIALOGUE",
    "EXERCISE",
    "PORT_CALL",
    "AGREE",
    "ESTABLISH",
    "PROPOSE",
    "REJECT",
    "SUSPEND",
    "CANCEL",
    "RESUME",
    "INCIDENT",
)
"""The thirteen event types of the spec, in the spec's order."""

DIRECTED_TYPES: frozenset[str] = frozenset(
    {"PROPOSE", "REJECT", "SUSPEND", "CANCEL", "INCIDENT", "MEET", "PORT_CALL"}
)
"""Types whose record may carry an ``initiator`` (a visit's visitor for MEET/PORT_CALL)."""

MODALITIES: tuple[str, ...] = ("asserted", "future", "hypothetical", "negated")

REVIEW_STATES: tuple[str, ...] = ("machine", "accepted", "edited", "rejected")
"""Review status of a resolved event: as extracted, confirmed by an analyst, changed by
an analyst (fields, grouping, or added by hand), or rejected (hidden by default)."""

COOPERATIVE_TYPES: frozenset[str] = frozenset(
    {"MEET", "CALL", "DIALOGUE", "EXERCISE", "PORT_CALL", "AGREE", "ESTABLISH", "RESUME"}
)
RESTRICTIVE_TYPES: frozenset[str] = frozenset({"SUSPEND", "CANCEL", "REJECT", "INCIDENT"})
STATE_CHANGE_TYPES: frozenset[str] = frozenset({"SUSPEND", "CANCEL", "RESUME", "ESTABLISH"})
"""Types that change the state of a channel (suspend, cancel, resume, set up)."""

SPEC_KEYS: tuple[str, ...] = (
    "doc",
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
    "evidence",
    "optional",
)


PUBLISHED_PRECISIONS: tuple[str, ...] = ("day", "month", "year")
"""How precisely a document's publication date is known."""


@dataclass(frozen=True)
class Document:
    """An ingested document.

    ``doc_id`` is the file name without extension (or the manifest's ``id``);
    ``content_hash`` is the SHA-256 of ``text`` and is what deduplication uses.
    ``published_inferred`` is true when ``published`` was guessed from the text.

    ``published`` is the first day of the publication period and
    ``published_precision`` (one of :data:`PUBLISHED_PRECISIONS`) says whether that
    period is the day, the month or the year: ``DATE: 2024-01`` gives
    ``published=date(2024, 1, 1)``, ``published_precision="month"``. A date given
    finer than its precision is cut to the first day of its period. ``published``
    may also be given as a partial ISO string (``"2024"``, ``"2024-01"``,
    ``"2024-01-15"``); it is then converted to a date and its precision taken from
    the string. Anything else is a ValueError.

    ``meta["warnings"]``, when present, lists one-line notes about the input that
    did not stop ingest (e.g. text after a header date).
    """

    doc_id: str
    text: str
    url: str | None = None
    title: str | None = None
    publication: str | None = None
    published: date | None = None
    published_inferred: bool = False
    language: str = "en"
    author: str | None = None
    source_path: str | None = None
    media_type: str = "text/plain"
    meta: dict[str, Any] = field(default_factory=dict)
    published_precision: str = "day"

    def __post_init__(self) -> None:
        when, prec = self.published, self.published_precision
        if isinstance(when, str):
            try:
                prec = partial_precision(when) or "day"
                when = bounds(when)[0] if when else None
            except ValueError:
                raise ValueError(f"published {when!r} is not YYYY, YYYY-MM or YYYY-MM-DD") from None
        if prec not in PUBLISHED_PRECISIONS:
            raise ValueError(
                f"unknown published_precision {prec!r}; expected one of {PUBLISHED_PRECISIONS}"
            )
        if when is not None:
            if not isinstance(when, date):
                raise ValueError(f"published must be a date, not {type(when).__name__}")
            when = date(
                when.year,
                when.month if prec != "year" else 1,
                when.day if prec == "day" else 1,
            )
        object.__setattr__(self, "published", when)
        object.__setattr__(self, "published_precision", prec)

    @property
    def content_hash(self) -> str:
        """SHA-256 hex digest of the text (stable across processes)."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def published_iso(self) -> str | None:
        """The publication date written at its precision (``2024``, ``2024-01``,
        ``2024-01-15``), or None."""
        if self.published is None:
            return None
        return format_date(self.published, self.published_precision)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: every field, ``published`` as :attr:`published_iso`."""
        data = asdict(self)
        data["published"] = self.published_iso
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Inverse of :meth:`to_dict`."""
        return cls(**data)


@dataclass(frozen=True)
class Citation:
    """An in-text citation such as ``(FMPRC, April 7)`` or a numbered footnote."""

    source: str | None
    date: str | None
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Evidence:
    """A verbatim passage: ``document.text[start:end] == quote``."""

    doc_id: str
    start: int
    end: int
    quote: str
    extractor_version: str
    sentence_start: int | None = None
    sentence_end: int | None = None
    sources_cited: tuple[Citation, ...] = ()
    side: str | None = None
    """The party whose outlet published the report (e.g. CHN for the PRC MND), if known."""


@dataclass(frozen=True)
class Participant:
    """A person or unit taking part. ``name`` may be None when only a title is given."""

    name: str | None
    title: str | None
    party: str | None
    level: str | None = None
    person_id: str | None = None

    def to_record(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "party": self.party}


@dataclass
class Event:
    """One real-world event and every piece of evidence for it."""

    type: str
    actors: tuple[str, ...]
    date: str | None
    modality: str = "asserted"
    initiator: str | None = None
    mechanism: str | None = None
    mechanism_id: str | None = None
    round: int | None = None
    resumed: bool = False
    participants: list[Participant] = field(default_factory=list)
    location: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    responds_to: str | None = None
    flags: list[str] = field(default_factory=list)
    event_id: str = ""
    n_sources: int = 0
    """Independent sources reporting the event (set by coreference; 0 = not computed)."""
    sides: tuple[str, ...] = ()
    """Parties whose outlets report the event, sorted (set by coreference)."""
    review: str = "machine"
    """One of :data:`REVIEW_STATES` (set from the analysts' decisions when resolving)."""
    version: int = 0
    """How many analyst decisions name this event's passages: the token of optimistic
    concurrency (a save made against an older version is refused)."""

    def __post_init__(self) -> None:
        if self.type not in EVENT_TYPES:
            raise ValueError(f"unknown event type {self.type!r}; expected one of {EVENT_TYPES}")
        if self.modality not in MODALITIES:
            raise ValueError(f"unknown modality {self.modality!r}; expected one of {MODALITIES}")
        if self.review not in REVIEW_STATES:
            raise ValueError(f"unknown review status {self.review!r}; expected one of {REVIEW_STATES}")
        self.actors = tuple(sorted(set(self.actors)))
        if not self.event_id:
            self.event_id = self.compute_id()

    def compute_id(self) -> str:
        """A deterministic id from the event's identity and its first evidence span."""
        first = min(((e.doc_id, e.start) for e in self.evidence), default=("", 0))
        key = json.dumps(
            [self.type, self.actors, self.date, self.mechanism, self.round, first],
            ensure_ascii=False,
        )
        return "ev-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

    @property
    def docs(self) -> list[str]:
        """Documents that report this event, sorted."""
        return sorted({e.doc_id for e in self.evidence})

    def with_(self, **changes: Any) -> Event:
        """A copy with ``changes`` applied (id kept unless given)."""
        return replace(self, **changes)

    def to_record(self, doc: str | None = None) -> dict[str, Any]:
        """The spec record for ``doc`` (default: the first document with evidence).

        ``evidence`` is the first quote from that document; every span of the
        document is listed under the extension key ``spans``.
        """
        doc = doc or (self.docs[0] if self.docs else None)
        spans = sorted((e for e in self.evidence if e.doc_id == doc), key=lambda e: e.start)
        cited = []
        for ev in spans:
            for c in ev.sources_cited:
                item = {"source": c.source, "date": c.date}
                if item not in cited:
                    cited.append(item)
        record: dict[str, Any] = {
            "doc": doc,
            "type": self.type,
            "actors": list(self.actors),
            "initiator": self.initiator,
            "date": self.date,
            "modality": self.modality,
            "mechanism": self.mechanism,
            "round": self.round,
            "resumed": self.resumed,
            "participants": [p.to_record() for p in self.participants],
            "location": self.location,
            "evidence": spans[0].quote if spans else None,
            "optional": False,
            "event_id": self.event_id,
            "responds_to": self.responds_to,
            "sources_cited": cited,
            "n_sources": self.n_sources,
            "sides": list(self.sides),
            "spans": [
                {"start": e.start, "end": e.end, "quote": e.quote, "extractor": e.extractor_version}
                for e in spans
            ],
            "review": self.review,
        }
        return record

    def to_records(self) -> list[dict[str, Any]]:
        """One spec record per document that reports the event."""
        return [self.to_record(d) for d in self.docs] or [self.to_record()]

    def to_dict(self) -> dict[str, Any]:
        """Lossless plain-data form (for JSON round trips and the store)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        """Inverse of :meth:`to_dict`."""
        data = dict(data)
        data["actors"] = tuple(data.get("actors") or ())
        data["participants"] = [Participant(**p) for p in data.get("participants") or []]
        evidence = []
        for e in data.get("evidence") or []:
            e = dict(e)
            e["sources_cited"] = tuple(Citation(**c) for c in e.get("sources_cited") or ())
            evidence.append(Evidence(**e))
        data["evidence"] = evidence
        data["flags"] = list(data.get("flags") or [])
        data["sides"] = tuple(data.get("sides") or ())
        return cls(**data)


STRUCTURAL_KINDS: tuple[str, ...] = ("merge", "split")
"""Overrides that regroup passages: these mentions are one event / separate events."""
FIELD_KINDS: tuple[str, ...] = ("accept", "reject", "restore", "edit", "add")
"""Overrides that change one event: confirm it, hide it, bring it back, change its
fields, or add an event the extractor missed (from a passage)."""
OVERRIDE_KINDS: tuple[str, ...] = STRUCTURAL_KINDS + FIELD_KINDS
"""Every kind of analyst override."""


@dataclass(frozen=True)
class Override:
    """One analyst decision. ``event_keys`` are evidence anchors, sorted and unique.

    ``fields`` holds what the decision needs when it is applied again after every
    re-extraction: ``{"set": {field: value}}`` for ``edit``, ``{"event": Event.to_dict()}``
    for ``add``, and for every field kind ``{"target": {"event_id": ..., "type": ...}}``,
    the event the analyst looked at (it picks one event when several hold the passage).
    ``author`` is the user name (None for decisions recorded before authors were kept).
    """

    kind: str
    event_keys: tuple[str, ...]
    reason: str
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    fields: dict[str, Any] = field(default_factory=dict)
    author: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in OVERRIDE_KINDS:
            raise ValueError(
                f"unknown override kind {self.kind!r}; expected one of {OVERRIDE_KINDS}"
            )
        if not self.event_keys:
            raise ValueError("an override needs at least one evidence anchor")
        object.__setattr__(self, "event_keys", tuple(sorted(set(self.event_keys))))

    @property
    def sort_key(self) -> tuple:
        """Application order: oldest first; ties broken by kind and anchors."""
        created = self.created_at
        if created.tzinfo is None:
            created = created.replace(tzinfo=UTC)
        return (created, self.kind, self.event_keys)


@dataclass(frozen=True)
class HistoryEntry:
    """One row of the review history: an :class:`Override` with who made it, the event
    id it was made on, and the event's fields before and after (plain data)."""

    entry_id: int
    override: Override
    event_id: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @property
    def kind(self) -> str:
        return self.override.kind

    @property
    def author(self) -> str | None:
        return self.override.author

    @property
    def created_at(self) -> datetime:
        return self.override.created_at

    @property
    def reason(self) -> str:
        return self.override.reason

    def to_dict(self) -> dict[str, Any]:
        o = self.override
        return {
            "entry_id": self.entry_id,
            "action": o.kind,
            "author": o.author,
            "created_at": o.created_at.isoformat(),
            "reason": o.reason,
            "event_id": self.event_id,
            "anchors": list(o.event_keys),
            "before": self.before,
            "after": self.after,
        }
