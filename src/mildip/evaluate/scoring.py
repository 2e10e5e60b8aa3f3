"""Scoring predicted event records against gold records.

:func:`score` matches the records (:mod:`mildip.evaluate.matching`) and counts:

* precision, recall and F1 count non-optional gold only: a prediction matched to an
  optional gold record is neither a hit nor a false alarm, and a missed optional
  record counts against nothing. A ratio with an empty denominator is 1.0 (no
  predictions: no false alarms; nothing to find: nothing missed);
* attribute agreement is reported on every matched pair (optional ones included,
  since a matched optional record "counts as found");
* "round right wherever the gold has one" counts the gold records that carry a
  ``round`` and count (the non-optional ones and the matched optional ones); a missed
  one counts as wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mildip.evaluate.matching import ATTRIBUTES, agreements, match_records, parse_record
from mildip.model import EVENT_TYPES


@dataclass(frozen=True)
class Counts:
    """Hits (``tp``), false alarms (``fp``) and misses (``fn``) with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class Agreement:
    """How many of ``total`` compared pairs agree; ``rate`` is None when nothing was compared."""

    agree: int = 0
    total: int = 0

    @property
    def rate(self) -> float | None:
        return self.agree / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        rate = self.rate
        return {
            "agree": self.agree,
            "total": self.total,
            "rate": None if rate is None else round(rate, 4),
        }


@dataclass(frozen=True)
class Match:
    """A matched pair and, per attribute of :data:`ATTRIBUTES`, whether it agrees."""

    gold: dict[str, Any]
    predicted: dict[str, Any]
    agreements: dict[str, bool]


@dataclass(frozen=True)
class Score:
    """The result of :func:`score`. Record lists keep the order of the input.

    ``unreadable`` maps the documents that could not be ingested to the reason; they
    were scored as finding nothing (set by :mod:`mildip.evaluate.corpora`).
    """

    overall: Counts
    per_type: dict[str, Counts]
    per_doc: dict[str, Counts]
    attributes: dict[str, Agreement]
    round_where_gold_has_one: Agreement
    optional_found: Agreement
    matches: tuple[Match, ...] = field(repr=False)
    misses: tuple[dict[str, Any], ...] = field(repr=False)
    optional_misses: tuple[dict[str, Any], ...] = field(repr=False)
    false_alarms: tuple[dict[str, Any], ...] = field(repr=False)
    n_gold: int = 0
    n_predicted: int = 0
    documents: tuple[str, ...] = field(default=(), repr=False)
    unreadable: dict[str, str] = field(default_factory=dict)

    @property
    def n_scored(self) -> int:
        """Gold records that count for P/R/F1 (the non-optional ones)."""
        return self.n_gold - self.optional_found.total

    def gate_metrics(self) -> dict[str, float | None]:
        """The values the quality gate compares with its floors (None: not measurable)."""
        return {
            "f1": self.overall.f1,
            "precision": self.overall.precision,
            "recall": self.overall.recall,
            "date_exact_rate": self.attributes["date_exact"].rate,
            "round_accuracy": self.round_where_gold_has_one.rate,
        }

    def to_dict(self, errors: bool = True) -> dict[str, Any]:
        """Plain data for JSON; ``errors=False`` leaves out the record lists."""
        out: dict[str, Any] = {
            "documents": list(self.documents),
            "gold": self.n_gold,
            "predicted": self.n_predicted,
            "overall": self.overall.to_dict(),
            "per_type": {t: c.to_dict() for t, c in self.per_type.items()},
            "per_doc": {d: c.to_dict() for d, c in self.per_doc.items()},
            "attributes": {a: g.to_dict() for a, g in self.attributes.items()},
            "round_where_gold_has_one": self.round_where_gold_has_one.to_dict(),
            "optional_found": self.optional_found.to_dict(),
            "unreadable": dict(self.unreadable),
        }
        if errors:
            out["misses"] = list(self.misses)
            out["optional_misses"] = list(self.optional_misses)
            out["false_alarms"] = list(self.false_alarms)
            out["matches"] = [
                {"gold": m.gold, "predicted": m.predicted, "agreements": m.agreements}
                for m in self.matches
            ]
        return out

    def format_text(self, show_errors: bool = True, per_doc: bool = True) -> str:
        """A plain-text report: P/R/F1 overall, per type and (``per_doc``) per document,
        attribute agreement, and (``show_errors``) misses and false alarms with their
        evidence (see :func:`mildip.evaluate.report.format_score`)."""
        from mildip.evaluate.report import format_score

        return format_score(self, show_errors=show_errors, per_doc=per_doc)


def score(predicted: Iterable[Mapping[str, Any]], gold: Iterable[Mapping[str, Any]]) -> Score:
    """Score ``predicted`` records against ``gold`` records (see the module docstring)."""
    preds = [parse_record(r, i, "predicted") for i, r in enumerate(predicted)]
    golds = [parse_record(r, i, "gold") for i, r in enumerate(gold)]
    docs = sorted({r.doc for r in golds + preds}, key=lambda d: (d is None, d or ""))
    pairs = match_records(golds, preds)
    matched_gold = {g.index for g, _ in pairs}
    matched_pred = {p.index for _, p in pairs}
    misses = [g for g in golds if g.index not in matched_gold and not g.optional]
    optional_misses = [g for g in golds if g.index not in matched_gold and g.optional]
    false_alarms = [p for p in preds if p.index not in matched_pred]
    hits = [g for g, _ in pairs if not g.optional]

    def counts(keep) -> Counts:
        return Counts(
            tp=sum(1 for g in hits if keep(g)),
            fp=sum(1 for p in false_alarms if keep(p)),
            fn=sum(1 for g in misses if keep(g)),
        )

    types = [t for t in EVENT_TYPES if any(r.type == t for r in golds + preds)]
    types += sorted({r.type for r in golds + preds} - set(EVENT_TYPES))
    matches = tuple(Match(g.record, p.record, agreements(g.record, p.record)) for g, p in pairs)
    attributes = {
        a: Agreement(sum(m.agreements[a] for m in matches), len(matches)) for a in ATTRIBUTES
    }
    with_round = [
        g
        for g in golds
        if g.record.get("round") is not None and (not g.optional or g.index in matched_gold)
    ]
    rounds_right = sum(
        1
        for g, p in pairs
        if g.record.get("round") is not None and g.record.get("round") == p.record.get("round")
    )
    optional = [g for g in golds if g.optional]
    return Score(
        overall=counts(lambda r: True),
        per_type={t: c for t in types if (c := counts(lambda r, t=t: r.type == t)) != Counts()},
        per_doc={str(d): counts(lambda r, d=d: r.doc == d) for d in docs},
        attributes=attributes,
        round_where_gold_has_one=Agreement(rounds_right, len(with_round)),
        optional_found=Agreement(sum(1 for g, _ in pairs if g.optional), len(optional)),
        matches=matches,
        misses=tuple(g.record for g in misses),
        optional_misses=tuple(g.record for g in optional_misses),
        false_alarms=tuple(p.record for p in false_alarms),
        n_gold=len(golds),
        n_predicted=len(preds),
        documents=tuple(str(d) for d in docs),
    )
