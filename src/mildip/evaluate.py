"""Scoring predicted event records against gold records, and the quality gate.

The scorer implements ``shared/spec/events.md`` ("How two records match"):

* a predicted record can match a gold record of the same ``doc`` when the
  ``type`` is equal, the ``actors`` are equal as sets and the dates agree at the
  coarser of the two precisions (:func:`mildip.dates.dates_agree`);
* matching is one-to-one and is a maximum-weight bipartite matching per document
  (:func:`networkx.max_weight_matching` on integer weights, so it is exact). The
  weights make it lexicographic; it maximises, in this order: the number of
  non-optional gold records matched; the number of optional ones matched (so an
  optional record only ever takes a prediction that no non-optional record
  could use); the number of pairs with the exact same date; the number of
  agreeing attributes (initiator, mechanism, round, modality, resumed); the
  number of pairs whose evidence quotes share at least half of their words.
  Records are put in a canonical order before matching, so ties are broken the
  same way whatever the order of the input;
* precision, recall and F1 count non-optional gold only: a prediction matched to
  an optional gold record is neither a hit nor a false alarm, and a missed
  optional record counts against nothing. A ratio with an empty denominator is
  1.0 (no predictions: no false alarms; nothing to find: nothing missed).

Attribute agreement is reported on every matched pair (optional ones included,
since a matched optional record "counts as found"). "Round right wherever the
gold has one" counts the gold records that carry a ``round`` and count (the
non-optional ones and the matched optional ones); a missed one counts as wrong.

:func:`evaluate_dir` ingests and extracts every ``NAME.txt`` that has a
``NAME.gold.jsonl`` beside it and scores the result. The quality gate pins the
metrics of :data:`GATE_METRICS` in a JSON floors file together with the SHA-256
of the corpus: see :func:`check_floors`, :func:`repin` and ``python -m
mildip.evaluate --pin CORPUS FLOORS``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from mildip._exceptions import DataFileError, MildipError, QualityGateError
from mildip.dates import dates_agree, precision
from mildip.model import EVENT_TYPES
from mildip.settings import Settings, default_values

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

GATE_METRICS: tuple[str, ...] = ("f1", "precision", "recall", "date_exact_rate", "round_accuracy")
"""Metrics the quality gate pins (see :meth:`Score.gate_metrics`)."""

DEFAULT_MARGIN = 0.01
"""How far below a floor a metric may fall before the gate fails."""

_QUALITY_ATTRIBUTES = ("initiator", "mechanism", "round", "modality", "resumed")
_DASHES = frozenset("-/_\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
_WORD = re.compile(r"\w+")


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
    """The result of :func:`score`. Record lists keep the order of the input."""

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

    def format_text(self, show_errors: bool = True) -> str:
        """A plain-text report: P/R/F1 overall, per type and per document, attribute
        agreement, and (``show_errors``) misses and false alarms with their evidence."""
        scored = self.n_gold - self.optional_found.total
        labels = ["round right wherever the gold has one", *self.per_doc, *self.per_type]
        w = max(len(label) for label in labels) + 2
        lines = [
            (
                f"{len(self.documents)} documents, {self.n_gold} gold records "
                f"({scored} scored, {self.optional_found.total} optional), "
                f"{self.n_predicted} predicted"
            ),
            "",
            _counts_header("type", w),
            _counts_row("overall", self.overall, w),
        ]
        lines += [_counts_row(f"  {t}", c, w) for t, c in self.per_type.items()]
        found = self.optional_found
        lines += [
            "",
            (f"optional gold found: {found.agree}/{found.total} (neither hits nor false alarms)"),
            "",
            f"attribute agreement on {len(self.matches)} matched pairs:",
        ]
        lines += [_agreement_row(a, g, w) for a, g in self.attributes.items()]
        lines.append(
            _agreement_row(
                "round right wherever the gold has one", self.round_where_gold_has_one, w
            )
        )
        lines += ["", _counts_header("document", w)]
        lines += [_counts_row(d, c, w) for d, c in self.per_doc.items()]
        if show_errors:
            for title, records in (
                ("misses", self.misses),
                ("false alarms", self.false_alarms),
                ("optional gold not found", self.optional_misses),
            ):
                lines += ["", f"{title} ({len(records)}):"]
                lines += [_describe(r) for r in records]
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class _Rec:
    index: int
    record: dict[str, Any]
    doc: str | None
    type: str
    actors: frozenset[str]
    date: str | None
    optional: bool


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSONL file, one a line (blank lines skipped)."""
    p = Path(path)
    try:
        text = p.read_text("utf-8")
    except OSError as exc:
        raise DataFileError(f"{p}: cannot read ({exc.strerror})") from None
    records = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataFileError(f"{p}:{lineno}: not valid JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise DataFileError(f"{p}:{lineno}: expected a JSON object, got {type(obj).__name__}")
        records.append(obj)
    return records


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
    g = _parse(gold, 0, "gold")
    p = _parse(predicted, 0, "predicted")
    return _compatible(g, p)


def score(predicted: Iterable[Mapping[str, Any]], gold: Iterable[Mapping[str, Any]]) -> Score:
    """Score ``predicted`` records against ``gold`` records (see the module docstring)."""
    preds = [_parse(r, i, "predicted") for i, r in enumerate(predicted)]
    golds = [_parse(r, i, "gold") for i, r in enumerate(gold)]
    docs = sorted({r.doc for r in golds + preds}, key=lambda d: (d is None, d or ""))
    pairs: list[tuple[_Rec, _Rec]] = []
    for doc in docs:
        pairs += _match_doc([g for g in golds if g.doc == doc], [p for p in preds if p.doc == doc])
    pairs.sort(key=lambda gp: gp[0].index)
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


def _parse(record: Mapping[str, Any], index: int, role: str) -> _Rec:
    where = f"{role} record {index + 1}"
    for key in ("doc", "type", "actors"):
        if key not in record:
            raise DataFileError(f"{where} has no {key!r} key: {_brief(record)}")
    actors = record["actors"]
    if isinstance(actors, str) or not isinstance(actors, Iterable):
        raise DataFileError(f"{where}: 'actors' must be a list of codes, not {actors!r}")
    when = record.get("date")
    try:
        precision(when)
    except ValueError:
        raise DataFileError(
            f"{where}: date {when!r} is not YYYY, YYYY-MM or YYYY-MM-DD: {_brief(record)}"
        ) from None
    return _Rec(
        index=index,
        record=dict(record),
        doc=record["doc"],
        type=record["type"],
        actors=frozenset(actors),
        date=when or None,
        optional=bool(record.get("optional")),
    )


def _compatible(g: _Rec, p: _Rec) -> bool:
    return (
        g.doc == p.doc and g.type == p.type and g.actors == p.actors and dates_agree(g.date, p.date)
    )


def _pair_levels(g: _Rec, p: _Rec) -> tuple[int, ...]:
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


def _canonical(r: _Rec) -> str:
    return json.dumps(r.record, sort_keys=True, ensure_ascii=False, default=str)


def _match_doc(golds: Sequence[_Rec], preds: Sequence[_Rec]) -> list[tuple[_Rec, _Rec]]:
    """Lexicographic maximum-weight one-to-one matching of one document's records."""
    golds = sorted(golds, key=_canonical)
    preds = sorted(preds, key=_canonical)
    weights = _level_weights(min(len(golds), len(preds)))
    graph = nx.Graph()
    for gi, g in enumerate(golds):
        for pj, p in enumerate(preds):
            if _compatible(g, p):
                weight = sum(w * v for w, v in zip(weights, _pair_levels(g, p)))
                graph.add_edge(("g", gi), ("p", pj), weight=weight)
    pairs = []
    for a, b in nx.max_weight_matching(graph):
        (_, gi), (_, pj) = (a, b) if a[0] == "g" else (b, a)
        pairs.append((golds[gi], preds[pj]))
    return pairs


def _brief(record: Mapping[str, Any]) -> str:
    text = json.dumps(dict(record), ensure_ascii=False, default=str)
    return text if len(text) <= 120 else text[:117] + "..."


def _describe(record: Mapping[str, Any]) -> str:
    actors = ",".join(sorted(record.get("actors") or ()))
    parts = [f"  [{record.get('doc')}] {record.get('type')} {actors} {record.get('date') or '?'}"]
    if record.get("initiator"):
        parts.append(f"initiator={record['initiator']}")
    if record.get("mechanism"):
        parts.append(f"mechanism={record['mechanism']!r}")
    if record.get("round") is not None:
        parts.append(f"round={record['round']}")
    if record.get("modality") not in (None, "asserted"):
        parts.append(f"modality={record['modality']}")
    line = " ".join(parts)
    if record.get("evidence"):
        line += f"\n      \u201c{record['evidence']}\u201d"
    return line


def _counts_header(label: str, width: int) -> str:
    return f"{label:<{width}} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"


def _counts_row(label: str, c: Counts, width: int) -> str:
    return (
        f"{label:<{width}} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} "
        f"{c.tp:4d} {c.fp:4d} {c.fn:4d}"
    )


def _agreement_row(label: str, a: Agreement, width: int) -> str:
    rate = "     -" if a.rate is None else f"{a.rate:6.3f}"
    return f"  {label:<{width - 2}} {a.agree:4d}/{a.total:<4d} {rate}"


def gold_pairs(path: str | Path) -> list[tuple[Path, Path]]:
    """``(NAME.txt, NAME.gold.jsonl)`` for every text of ``path`` that has gold, sorted."""
    root = Path(path)
    if not root.is_dir():
        raise DataFileError(f"{root} is not a directory of NAME.txt + NAME.gold.jsonl files")
    pairs = []
    for text in sorted(root.glob("*.txt")):
        gold = text.with_name(text.stem + ".gold.jsonl")
        if gold.is_file():
            pairs.append((text, gold))
    if not pairs:
        raise DataFileError(f"{root} has no NAME.txt with a NAME.gold.jsonl beside it")
    return pairs


def read_gold_dir(path: str | Path) -> dict[str, list[dict[str, Any]]]:
    """Gold records per document id (the text's file name without ``.txt``).

    Every record's ``doc`` must be that id: a mismatch is a :class:`DataFileError`.
    """
    out: dict[str, list[dict[str, Any]]] = {}
    for text, gold in gold_pairs(path):
        records = read_jsonl(gold)
        for lineno, record in enumerate(records, start=1):
            if record.get("doc") != text.stem:
                raise DataFileError(
                    f"{gold}: record {lineno} has doc {record.get('doc')!r}, expected {text.stem!r}"
                )
        out[text.stem] = records
    return out


def extract_dir(path: str | Path, settings: Settings) -> dict[str, list[dict[str, Any]]]:
    """Predicted records per document id: every gold-annotated text of ``path`` is
    ingested (:func:`mildip.ingest.load_file`) and extracted (:func:`mildip.extract_document`).

    Each event gives the record of the document it was extracted from
    (``Event.to_record(doc_id)``, i.e. the ``to_records()`` entry for that document).
    """
    from mildip import extract_document
    from mildip.ingest import load_file

    out: dict[str, list[dict[str, Any]]] = {}
    for text, _ in gold_pairs(path):
        records = out.setdefault(text.stem, [])
        for doc in load_file(text, settings):
            records += [event.to_record(doc.doc_id) for event in extract_document(doc, settings)]
    return out


def evaluate_dir(path: str | Path, settings: Settings | None = None) -> Score:
    """Extract every ``NAME.txt`` of ``path`` that has a ``NAME.gold.jsonl`` and score it.

    ``settings`` defaults to the shipped defaults only (no user file, no environment),
    so that a score is reproducible.
    """
    settings = settings or shipped_settings()
    gold = read_gold_dir(path)
    predicted = extract_dir(path, settings)
    return score(_flatten(predicted), _flatten(gold))


def evaluate_predictions(path: str | Path, predicted: Iterable[Mapping[str, Any]]) -> Score:
    """Score ready-made predictions (e.g. ``mildip export --format jsonl``) against the
    gold of ``path``; predictions for documents without gold are ignored."""
    gold = read_gold_dir(path)
    kept = [p for p in predicted if p.get("doc") in gold]
    return score(kept, _flatten(gold))


def shipped_settings() -> Settings:
    """The shipped defaults only: what the quality gate is pinned against."""
    return Settings(**default_values())


def _flatten(per_doc: Mapping[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return [r for doc in sorted(per_doc) for r in per_doc[doc]]


def corpus_fingerprint(path: str | Path) -> str:
    """SHA-256 over the names and bytes of the scored texts and their gold files."""
    digest = hashlib.sha256()
    for text, gold in gold_pairs(path):
        for f in (text, gold):
            digest.update(f.name.encode("utf-8") + b"\0")
            data = f.read_bytes()
            digest.update(str(len(data)).encode("ascii") + b"\0")
            digest.update(data)
    return digest.hexdigest()


def check_floors(score: Score, floors: Mapping[str, Any], fingerprint: str) -> list[str]:
    """Reasons the gate fails (empty: it passes).

    A metric fails when it is below its floor minus the floors file's ``margin``
    (default :data:`DEFAULT_MARGIN`); a per-document F1 likewise. A changed corpus
    fails on its own, with the command that re-pins.
    """
    failures = []
    pinned = floors.get("corpus_sha256")
    if pinned != fingerprint:
        failures.append(
            f"the gold corpus changed (sha256 {fingerprint[:12]}..., floors pinned for "
            f"{str(pinned)[:12]}...): re-pin with "
            "`python -m mildip.evaluate --pin tests/data/dev tests/quality_floors.json`"
        )
    margin = float(floors.get("margin", DEFAULT_MARGIN))
    measured = score.gate_metrics()
    for metric, floor in sorted((floors.get("floors") or {}).items()):
        value = measured.get(metric)
        if floor is None:
            continue
        if value is None:
            failures.append(f"{metric}: pinned at {floor:.4f} but cannot be measured now")
        elif value < floor - margin:
            failures.append(f"{metric}: {value:.4f} is below its floor {floor:.4f} - {margin}")
    for doc, floor in sorted((floors.get("per_document_f1") or {}).items()):
        counts = score.per_doc.get(doc)
        if counts is None:
            failures.append(f"document {doc}: pinned at F1 {floor:.4f} but not scored")
        elif counts.f1 < floor - margin:
            failures.append(
                f"document {doc}: F1 {counts.f1:.4f} is below its floor {floor:.4f} - {margin}"
            )
    return failures


def repin(
    score: Score,
    fingerprint: str,
    previous: Mapping[str, Any] | None = None,
    allow_lower: bool = False,
    corpus_label: str | None = None,
    extractor_version: str | None = None,
) -> dict[str, Any]:
    """New floors from ``score`` (each metric rounded down to 4 decimals).

    Raises :class:`QualityGateError` when a floor of ``previous`` would go down,
    unless ``allow_lower``. The margin of ``previous`` is kept.
    """
    previous = previous or {}
    floors = {m: _floor4(v) for m, v in score.gate_metrics().items() if v is not None}
    per_doc = {d: _floor4(c.f1) for d, c in score.per_doc.items()}
    lowered = [
        f"{m}: {old:.4f} -> {floors.get(m, 0.0):.4f}"
        for m, old in sorted((previous.get("floors") or {}).items())
        if old is not None and floors.get(m, 0.0) < old
    ]
    lowered += [
        f"document {d}: {old:.4f} -> {per_doc[d]:.4f}"
        for d, old in sorted((previous.get("per_document_f1") or {}).items())
        if d in per_doc and per_doc[d] < old
    ]
    if lowered and not allow_lower:
        raise QualityGateError(
            "re-pinning would lower these floors: "
            + "; ".join(lowered)
            + ". Fix the regression, or pass --allow-lower if it is intended."
        )
    return {
        "corpus": corpus_label,
        "corpus_sha256": fingerprint,
        "extractor_version": extractor_version,
        "pinned_on": date.today().isoformat(),
        "margin": previous.get("margin", DEFAULT_MARGIN),
        "floors": floors,
        "per_document_f1": per_doc,
    }


def pin_floors(
    corpus: str | Path,
    floors_path: str | Path,
    settings: Settings | None = None,
    allow_lower: bool = False,
) -> dict[str, Any]:
    """Score ``corpus`` and write its floors to ``floors_path`` (see :func:`repin`)."""
    from mildip._version import EXTRACTOR_VERSION

    path = Path(floors_path)
    previous = json.loads(path.read_text("utf-8")) if path.is_file() else None
    result = evaluate_dir(corpus, settings)
    floors = repin(
        result,
        corpus_fingerprint(corpus),
        previous,
        allow_lower=allow_lower,
        corpus_label=Path(corpus).as_posix(),
        extractor_version=EXTRACTOR_VERSION,
    )
    path.write_text(json.dumps(floors, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return floors


def _floor4(value: float) -> float:
    return math.floor(value * 10_000 + 1e-9) / 10_000


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m mildip.evaluate``: print a score, check a corpus against its floors,
    or (re-)pin the floors."""
    parser = argparse.ArgumentParser(
        prog="python -m mildip.evaluate",
        description="Score mildip on a gold corpus; check or pin the quality floors.",
    )
    parser.add_argument("corpus", help="directory of NAME.txt + NAME.gold.jsonl")
    parser.add_argument("floors", nargs="?", help="floors JSON (with --pin or --check)")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--pin", action="store_true", help="write the current scores as floors")
    action.add_argument("--check", action="store_true", help="exit 1 when a floor is missed")
    parser.add_argument("--allow-lower", action="store_true", help="let --pin lower a floor")
    args = parser.parse_args(argv)
    if (args.pin or args.check) and not args.floors:
        parser.error("--pin and --check need the floors file after the corpus")
    try:
        if args.pin:
            floors = pin_floors(args.corpus, args.floors, allow_lower=args.allow_lower)
            print(f"pinned {args.floors}: " + json.dumps(floors["floors"]))
            return 0
        result = evaluate_dir(args.corpus)
        print(result.format_text(show_errors=not args.check), end="")
        if args.check:
            floors = json.loads(Path(args.floors).read_text("utf-8"))
            failures = check_floors(result, floors, corpus_fingerprint(args.corpus))
            for reason in failures:
                print(f"quality gate: {reason}", file=sys.stderr)
            return 1 if failures else 0
        return 0
    except MildipError as exc:
        print(f"mildip.evaluate: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
