"""Choosing an event's date.

In order of preference:

1. a date expression in the sentence: the one nearest the trigger in its clause
   (else in the sentence), replaced by a finer one of the same clause that agrees
   with it, even in another clause of the sentence ("Golden Dragon 2024 ..., which
   concluded on May 30"); expressions after "since" or "until" bound a period, and
   those after a reporting verb ("the ministry said on Wednesday") date the report:
   both are skipped; a month named relative to the text
   ("last August") takes the day of a citation of the same passage (this sentence
   or the next one of its paragraph) dated within that month;
2. a citation attached to the sentence ("(MND, February 9)"): it dates the report,
   so only its month is used;
3. for a list item, the date of the list's lead-in ("On 5 August, ... announced:");
4. the publication date, at year precision (an analysis's neighbouring sentences
   often tell other events, so a date is never carried over from them).

Exercises last days or weeks: a single day reported for one is cut to its month.
Future events with no date of their own take the publication year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from mildip.dates import dates_agree, truncate
from mildip.nlp.dates import DateMention

_BOUNDING = re.compile(r"(?:since|until|till|through|before)\s+$", re.IGNORECASE)
_REPORTING = re.compile(
    r"\b(?:said|says|announced|told\s+(?:reporters|a\s+\w+)|stated|reported|added|noted)"
    r"(?:\s+(?:in\s+a\s+statement|on|late|early))*\s+$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Dated:
    value: str | None
    source: str  # "text" | "citation" | "list" | "publication" | "none"


def event_dates(dates: list[DateMention], masked: str, base: int) -> list[DateMention]:
    """Date mentions that can date an event (not "since May 2")."""
    out = []
    for d in dates:
        head = masked[max(0, d.start - base - 12) : d.start - base]
        if _BOUNDING.search(head):
            continue
        if _REPORTING.search(masked[max(0, d.start - base - 40) : d.start - base]):
            # "the ministry said on Wednesday": the date of the report, not of the event
            continue
        out.append(d)
    return out


def choose_text_date(
    candidates: list[DateMention], trigger: tuple[int, int], clause: tuple[int, int]
) -> str | None:
    """The sentence date for a trigger (rule 1)."""
    best = choose_text_mention(candidates, trigger, clause)
    return best.value if best else None


def refine_by_citation(mention: DateMention | None, citation_dates: list[str]) -> str | None:
    """Rule 1b: a month named relative to the text ("last August", "this January") takes
    the day of a citation of the same passage that falls within that month - the dated
    announcement or readout the sentence relies on."""
    if mention is None or mention.kind != "last_month" or not mention.value:
        return None
    inside = sorted(d for d in citation_dates if d and len(d) == 10 and d.startswith(mention.value))
    return inside[0] if inside else None


def choose_text_mention(
    candidates: list[DateMention], trigger: tuple[int, int], clause: tuple[int, int]
) -> DateMention | None:
    """The sentence's date mention for a trigger (rule 1)."""
    if not candidates:
        return None
    in_clause = [d for d in candidates if clause[0] <= d.start < clause[1]] or candidates

    def distance(d: DateMention) -> int:
        if d.end <= trigger[0]:
            return trigger[0] - d.end
        return max(0, d.start - trigger[1])

    best = min(in_clause, key=lambda d: (distance(d), -len(d.value or "")))
    finer = [
        d
        for d in candidates
        if d.value and len(d.value) > len(best.value) and dates_agree(d.value, best.value)
    ]
    if finer:
        best = min(finer, key=distance)
    return best


def choose_date(
    *,
    text_date: str | None,
    citation_date: str | None,
    list_date: str | None,
    published: date | None,
    event_type: str,
    modality: str,
) -> Dated:
    """Apply the order of preference of this module."""
    if text_date:
        value, source = text_date, "text"
    elif modality == "future":
        value, source = (str(published.year) if published else None), "publication"
    elif citation_date:
        value, source = truncate(citation_date, "month"), "citation"
    elif list_date:
        value, source = list_date, "list"
    elif published:
        value, source = str(published.year), "publication"
    else:
        return Dated(None, "none")
    if event_type == "EXERCISE" and value and len(value) == 10:
        value = truncate(value, "month")
    return Dated(value, source)
