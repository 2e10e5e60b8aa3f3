"""What could be known on a date: the one as-of rule of every as-of answer.

The board, overdue, proposal threads, trends and the report answer "as of" a day. An
answer as of day *D* may use only:

* **documents published on or before D** (:func:`document_known_by`). A document is
  readable from :func:`readable_from`, its ``published`` date; a publication date known
  only to the month or the year is stored as the first day of that period, so it counts
  from that first day (the earliest it could have been read). A document without a
  publication date cannot be placed and is left out, and counted;
* the **evidence of those documents**: an event keeps only its passages from known
  documents, and is left out when none remain (:func:`event_as_known`);
* **events dated on or before D**: a partial date counts from its first day ("2023-04"
  is known by 2023-04-14); an undated event counts when its evidence is known. A
  ``future`` event is an *announced plan*: it is known from the publication of a
  document that announces it, whatever date it names.

Fields that coreference resolved across every document (the date's precision, the
round, the mechanism) are kept as resolved; ``n_sources`` is capped at the number of
known documents reporting the event.

Registry facts (a mechanism's founding date or first round, from
``mechanisms.toml``) are not observations and are not filtered here: the board shows
them apart, with their own dates and sources (:mod:`mildip.analysis.board`).

Without documents (``documents=None``) only the events' own dates bound what is known:
publication dates are then unknown, which is what a caller passing bare events gets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from mildip.dates import bounds
from mildip.model import Document, Event


def as_of_day(value: date | str) -> date:
    """A ``date``, or the last day covered by a partial ISO date (``"2023-04"`` → 2023-04-30)."""
    if isinstance(value, date):
        return value
    try:
        return bounds(value)[1]
    except (TypeError, ValueError):
        raise ValueError(
            f"--as-of must be a date such as 2023-04-14 (or 2023-04, 2023), not {value!r}"
        ) from None


def readable_from(document: Document) -> date | None:
    """The first day ``document`` could be read: its publication date (None when unknown)."""
    return document.published


def document_known_by(document: Document, day: date) -> bool:
    """True when ``document`` was published on or before ``day``."""
    first = readable_from(document)
    return first is not None and first <= day


def date_known_by(value: str | None, day: date) -> bool:
    """True when a partial date may lie on or before ``day`` (it counts from its first day)."""
    return bool(value) and bounds(value)[0] <= day


def event_as_known(
    event: Event, day: date, known_docs: Mapping[str, Document] | None = None
) -> Event | None:
    """``event`` as it could be known on ``day``, or None (the rules of the module docstring).

    ``known_docs`` maps the ids of the documents known on ``day``; None means publication
    dates are unknown, and only the event's date is checked.
    """
    if known_docs is not None:
        evidence = [e for e in event.evidence if e.doc_id in known_docs]
        if not evidence:
            return None
        if len(evidence) < len(event.evidence):
            n_docs = len({e.doc_id for e in evidence})
            event = event.with_(evidence=evidence, n_sources=min(event.n_sources, n_docs))
    if event.modality == "future":
        return event
    if event.date and not date_known_by(event.date, day):
        return None
    return event


@dataclass(frozen=True)
class Knowledge:
    """The documents and events known on ``as_of``, and what was left out (counts).

    ``later_documents``: published after ``as_of``; ``undated_documents``: without a
    publication date; ``later_events``: events left out (dated after ``as_of``, or
    reported only by documents not known then).
    """

    as_of: date
    documents: tuple[Document, ...]
    events: tuple[Event, ...]
    later_documents: int = 0
    undated_documents: int = 0
    later_events: int = 0

    def note(self) -> str:
        """A sentence for reports: what the as-of view left out."""
        parts = [f"Only what was published by {self.as_of.isoformat()} counts"]
        left = []
        if self.later_documents:
            left.append(f"{self.later_documents} later document(s)")
        if self.undated_documents:
            left.append(f"{self.undated_documents} document(s) without a publication date")
        if self.later_events:
            left.append(f"{self.later_events} event(s) not known by then")
        if left:
            parts.append("left out: " + ", ".join(left))
        return "; ".join(parts) + "."


def knowledge_at(
    events: Iterable[Event], documents: Iterable[Document] | None, as_of: date | str
) -> Knowledge:
    """The :class:`Knowledge` of ``as_of``: known documents, events as known, and counts."""
    day = as_of_day(as_of)
    events = list(events)
    if documents is None:
        known_docs: dict[str, Document] | None = None
        docs: tuple[Document, ...] = ()
        later = undated = 0
    else:
        documents = list(documents)
        docs = tuple(d for d in documents if document_known_by(d, day))
        known_docs = {d.doc_id: d for d in docs}
        undated = sum(1 for d in documents if readable_from(d) is None)
        later = len(documents) - len(docs) - undated
    known = [k for k in (event_as_known(e, day, known_docs) for e in events) if k is not None]
    return Knowledge(
        as_of=day,
        documents=docs,
        events=tuple(known),
        later_documents=later,
        undated_documents=undated,
        later_events=len(events) - len(known),
    )


def known_events(
    events: Iterable[Event], documents: Iterable[Document] | None, as_of: date | str
) -> list[Event]:
    """The events of :func:`knowledge_at` (a shortcut for callers that need only them)."""
    return list(knowledge_at(events, documents, as_of).events)
