"""Which predicted record matches which gold record (``shared/spec/events.md``).

* A predicted record can match a gold record of the same ``doc`` when the ``type`` is
  equal, the ``actors`` are equal as sets and the dates agree at the coarser of the two
  precisions (:func:`mildip.dates.dates_agree`): :func:`records_match`.
* Matching is one-to-one: a maximum-weight bipartite matching per document
  (:func:`networkx.max_weight_matching` on integer weights, so it is exact). The
  weights make it lexicographic; it maximises, in this order: the number of
  non-optional gold records matched; the number of optional ones matched (so an
  optional record only ever takes a prediction that no non-optional record could
  use); the number of pairs with the exact same date; the number of agreeing
  attributes (initiator, mechanism, round, modality, resumed); the number of pairs
  whose evidence quotes share at least half of their words. Records are put in a
  canonical order first, so ties are broken the same way whatever the input order:
  :func:`match_records`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from mildip._exceptions import DataFileError
from mildip.dates import dates_agree, precision

ATTRIBUTES: tuple[str, ...] = (
    "initiator",
    "mechanism",
    "mechanism_exact",
    "round",
    "modality",
    "resumed",
    "date_exact",
)
"""Attributes compared on matched pairs (``mechanism`` is case/punctuation-insensitive)."""

_QUALITY_ATTRIBUTES = ("initiator", "mechanism", "round", "modality", "resumed")
_DASHES = frozenset("-/_\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Rec:
    """One record, checked and indexed (its position in the input is ``index``)."""

    index: int
    record: dict[str, Any]
    doc: str | None
    type: str
    actors: frozenset[str]
    date: str | None
    optional: bool


def parse_record(record: Mapping[str, Any], index: int, role: str) -> Rec:
    """Check one gold or predicted record; a malformed one is a :class:`DataFileError`
    naming ``role`` (``"gold"``/``"predicted"``) and its position."""
    where = f"{role} record {index + 1}"
    for key in ("doc", "type", "actors"):
        if key not in record:
            raise DataFileError(f"{where} has no {key!r} key: {brief(record)}")
    actors = record["actors"]
    if isinstance(actors, str) or not isinstance(actors, Iterable):
        raise DataFileError(f"{where}: 'actors' must be a list of codes, not {actors!r}")
    when = record.get("date")
    try:
        precision(when)
    except ValueError:
        raise DataFileError(
            f"{where}: date {when!r} is not YYYY, YYYY-MM or YYYY-MM-DD: {brief(record)}"
        ) from None
    return Rec(
        index=index,
        record=dict(record),
        doc=record["doc"],
        type=record["type"],
        actors=frozenset(actors),
        date=when or None,
        optional=bool(record.get("optional")),
    )


def normalise_mechanism(name: str | None) -> str | None:
    """Case- and punctuation-insensitive form: dashes and slashes become spaces,
    other punctuation and symbols go (``"U.S.-China"`` → ``"us china"``)."""
    if not name:
        return None
    out = []
    for ch in unicodedata.normalize("NFKC", name).casefold():
        category = unicodedata.category(ch)
        if ch in _DASHES or category == "Pd" or category[0] == "Z":
            out.append(" ")
        elif category[0] not in "PS":
            out.append(ch)
    return " ".join("".join(out).split()) or None


def agreements(gold: Mapping[str, Any], predicted: Mapping[str, Any]) -> dict[str, bool]:
    """Per attribute of :data:`ATTRIBUTES`, whether ``predicted`` agrees with ``gold``."""
    return {
        "initiator": gold.get("initiator") == predicted.get("initiator"),
        "mechanism": normalise_mechanism(gold.get("mechanism"))
        == normalise_mechanism(predicted.get("mechanism")),
        "mechanism_exact": gold.get("mechanism") == predicted.get("mechanism"),
        "round": gold.get("round") == predicted.get("round"),
        "modality": gold.get("modality") == predicted.get("modality"),
        "resumed": bool(gold.get("resumed")) == bool(predicted.get("resumed")),
        "date_exact": gold.get("date") == predicted.get("date"),
    }


def records_match(gold: Mapping[str, Any], predicted: Mapping[str, Any]) -> bool:
    """The spec's matching rule for one pair: same doc, type, actor set, agreeing dates."""
    return compatible(parse_record(gold, 0, "gold"), parse_record(predicted, 0, "predicted"))


def compatible(g: Rec, p: Rec) -> bool:
    """Whether ``g`` and ``p`` may be matched (see :func:`records_match`)."""
    return (
        g.doc == p.doc and g.type == p.type and g.actors == p.actors and dates_agree(g.date, p.date)
    )


def match_records(golds: Sequence[Rec], preds: Sequence[Rec]) -> list[tuple[Rec, Rec]]:
    """The lexicographic maximum-weight one-to-one matching, document by document,
    as ``(gold, predicted)`` pairs in the order of the gold records."""
    docs = sorted({r.doc for r in [*golds, *preds]}, key=lambda d: (d is None, d or ""))
    pairs: list[tuple[Rec, Rec]] = []
    for doc in docs:
        pairs += _match_doc([g for g in golds if g.doc == doc], [p for p in preds if p.doc == doc])
    pairs.sort(key=lambda gp: gp[0].index)
    return pairs


def _pair_levels(g: Rec, p: Rec) -> tuple[int, ...]:
    """What a pair contributes, most important first (maxima in :func:`_level_weights`)."""
    agree = agreements(g.record, p.record)
    return (
        int(not g.optional),
        int(g.optional),
        int(agree["date_exact"]),
        sum(agree[a] for a in _QUALITY_ATTRIBUTES),
        int(_evidence_overlaps(g.record.get("evidence"), p.record.get("evidence"))),
    )


def _level_weights(pairs: int) -> tuple[int, ...]:
    """Integer weights that make a sum of :func:`_pair_levels` compare lexicographically
    over any matching of at most ``pairs`` pairs: each weight exceeds the largest total
    all lower levels can reach."""
    maxima = (1, 1, 1, len(_QUALITY_ATTRIBUTES), 1)
    weights = [1]
    for level_max in reversed(maxima[1:]):
        weights.append(weights[-1] * (pairs * level_max + 1))
    return tuple(reversed(weights))


def _evidence_overlaps(a: Any, b: Any) -> bool:
    if not isinstance(a, str) or not isinstance(b, str):
        return False
    ta, tb = set(_WORD.findall(a.casefold())), set(_WORD.findall(b.casefold()))
    if not ta or not tb:
        return False
    return len(ta & tb) * 2 >= min(len(ta), len(tb))


def _canonical(r: Rec) -> str:
    return json.dumps(r.record, sort_keys=True, ensure_ascii=False, default=str)


def _match_doc(golds: Sequence[Rec], preds: Sequence[Rec]) -> list[tuple[Rec, Rec]]:
    """Lexicographic maximum-weight one-to-one matching of one document's records."""
    golds = sorted(golds, key=_canonical)
    preds = sorted(preds, key=_canonical)
    weights = _level_weights(min(len(golds), len(preds)))
    graph = nx.Graph()
    for gi, g in enumerate(golds):
        for pj, p in enumerate(preds):
            if compatible(g, p):
                weight = sum(w * v for w, v in zip(weights, _pair_levels(g, p)))
                graph.add_edge(("g", gi), ("p", pj), weight=weight)
    pairs = []
    for a, b in nx.max_weight_matching(graph):
        (_, gi), (_, pj) = (a, b) if a[0] == "g" else (b, a)
        pairs.append((golds[gi], preds[pj]))
    return pairs


def brief(record: Mapping[str, Any]) -> str:
    """A record as JSON, cut to 120 characters (for error messages)."""
    text = json.dumps(dict(record), ensure_ascii=False, default=str)
    return text if len(text) <= 120 else text[:117] + "..."
