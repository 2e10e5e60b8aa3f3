"""Gold corpora: reading them, extracting them once, scoring them whole or by part.

A corpus is a directory of ``NAME.txt`` files, each with a ``NAME.gold.jsonl`` beside it
(one spec record a line, every record's ``doc`` equal to ``NAME``). A text without gold
is not part of the corpus. Its documents fall into a tuning and a sealed part
(:mod:`mildip.evaluate.split`).

* :func:`read_corpus` reads the gold and the predictions once (by extracting every
  text, or from ready-made records) into a :class:`CorpusRun`, which scores any part
  (:meth:`CorpusRun.score`) without extracting again. A text that cannot be ingested
  (for example a header the ingest stage refuses) does not stop the run: it is
  recorded in ``unreadable`` with the reason and scored as finding nothing.
* :func:`evaluate_dir` and :func:`evaluate_predictions` score one corpus;
  :func:`evaluate_corpora` scores several, each separately and all together.
* :func:`corpus_fingerprint` is the SHA-256 that the quality gate pins.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mildip._exceptions import DataFileError, IngestError
from mildip.evaluate.scoring import Score, score
from mildip.evaluate.split import PARTS, parts_of, read_split
from mildip.settings import Settings, default_values

PART_CHOICES: tuple[str, ...] = ("all", *PARTS)
"""What can be scored: the whole corpus, its tuning part or its sealed part."""

SHARED_ENV = "MILDIP_SHARED"
"""Environment variable naming the shared data folder (``spec/``, ``corpus/``)."""


def shared_dir(default: str | Path) -> Path:
    """The shared data folder: ``$MILDIP_SHARED`` when set, else ``default``."""
    return Path(os.environ.get(SHARED_ENV) or default)


def shipped_settings() -> Settings:
    """The shipped defaults only: what the quality gate is pinned against."""
    return Settings(**default_values())


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


def document_parts(path: str | Path) -> dict[str, str]:
    """``{document id: "tuning" | "sealed"}`` for the corpus at ``path``: by its
    ``split.toml`` when it has one, else by the fixed rule."""
    names = [text.stem for text, _ in gold_pairs(path)]
    return parts_of(names, read_split(path))


def extract_dir(
    path: str | Path, settings: Settings
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
    """``(predicted, unreadable)`` for every gold-annotated text of ``path``.

    Each text is ingested (:func:`mildip.ingest.load_file`) and extracted
    (:func:`mildip.extract_document`); each event gives the record of the document it
    was extracted from (``Event.to_record(doc_id)``). A text the ingest stage refuses
    has no predictions and its reason is in ``unreadable``.
    """
    from mildip import extract_document
    from mildip.ingest import load_file

    predicted: dict[str, list[dict[str, Any]]] = {}
    unreadable: dict[str, str] = {}
    for text, _ in gold_pairs(path):
        records = predicted.setdefault(text.stem, [])
        try:
            documents = load_file(text, settings)
        except IngestError as exc:
            unreadable[text.stem] = exc.reason
            continue
        for doc in documents:
            records += [event.to_record(doc.doc_id) for event in extract_document(doc, settings)]
    return predicted, unreadable


@dataclass(frozen=True)
class CorpusRun:
    """A corpus read once: its gold, the predictions, and the part of each document."""

    label: str
    gold: dict[str, list[dict[str, Any]]]
    predicted: dict[str, list[dict[str, Any]]]
    parts: dict[str, str]
    unreadable: dict[str, str] = field(default_factory=dict)

    def documents(self, part: str = "all") -> list[str]:
        """The document ids of ``part`` (``"all"``, ``"tuning"`` or ``"sealed"``), sorted."""
        _check_part(part)
        return sorted(d for d in self.gold if part == "all" or self.parts[d] == part)

    def score(self, part: str = "all") -> Score:
        """Score the documents of ``part``; predictions for other documents are ignored."""
        docs = self.documents(part)
        result = score(
            [r for d in docs for r in self.predicted.get(d, ())],
            [r for d in docs for r in self.gold[d]],
        )
        unreadable = {d: why for d, why in sorted(self.unreadable.items()) if d in docs}
        return replace(result, unreadable=unreadable)


def read_corpus(
    path: str | Path,
    settings: Settings | None = None,
    predictions: Iterable[Mapping[str, Any]] | None = None,
    label: str | None = None,
) -> CorpusRun:
    """Read the corpus at ``path`` and its predictions: ``predictions`` when given
    (records for documents without gold are ignored), else by extracting every text
    with ``settings`` (default :func:`shipped_settings`, so a score is reproducible)."""
    gold = read_gold_dir(path)
    unreadable: dict[str, str] = {}
    if predictions is None:
        predicted, unreadable = extract_dir(path, settings or shipped_settings())
    else:
        predicted = {d: [] for d in gold}
        for record in predictions:
            if record.get("doc") in gold:
                predicted[record["doc"]].append(dict(record))
    return CorpusRun(
        label=label or Path(path).as_posix(),
        gold=gold,
        predicted=predicted,
        parts=document_parts(path),
        unreadable=unreadable,
    )


def merge_runs(runs: Sequence[CorpusRun], label: str = "all corpora") -> CorpusRun:
    """One run holding every document of ``runs``; ids become ``LABEL/NAME`` so that
    documents of different corpora never meet."""
    gold: dict[str, list[dict[str, Any]]] = {}
    predicted: dict[str, list[dict[str, Any]]] = {}
    parts: dict[str, str] = {}
    unreadable: dict[str, str] = {}
    for run in runs:
        for doc, records in run.gold.items():
            key = f"{run.label}/{doc}"
            gold[key] = [{**r, "doc": key} for r in records]
            predicted[key] = [{**r, "doc": key} for r in run.predicted.get(doc, ())]
            parts[key] = run.parts[doc]
            if doc in run.unreadable:
                unreadable[key] = run.unreadable[doc]
    return CorpusRun(label, gold, predicted, parts, unreadable)


def evaluate_dir(path: str | Path, settings: Settings | None = None, part: str = "all") -> Score:
    """Extract every ``NAME.txt`` of ``path`` that has a ``NAME.gold.jsonl`` and score
    ``part`` of it (see :func:`read_corpus`)."""
    _check_part(part)
    return read_corpus(path, settings).score(part)


def evaluate_predictions(
    path: str | Path, predicted: Iterable[Mapping[str, Any]], part: str = "all"
) -> Score:
    """Score ready-made predictions (e.g. ``mildip export --format jsonl``) against the
    gold of ``path``; predictions for documents without gold are ignored."""
    _check_part(part)
    return read_corpus(path, predictions=predicted).score(part)


def corpus_fingerprint(path: str | Path, part: str = "all") -> str:
    """SHA-256 over the names and bytes of the scored texts of ``part`` and their gold files."""
    _check_part(part)
    parts = document_parts(path)
    digest = hashlib.sha256()
    for text, gold in gold_pairs(path):
        if part != "all" and parts[text.stem] != part:
            continue
        for f in (text, gold):
            digest.update(f.name.encode("utf-8") + b"\0")
            data = f.read_bytes()
            digest.update(str(len(data)).encode("ascii") + b"\0")
            digest.update(data)
    return digest.hexdigest()


@dataclass(frozen=True)
class CorpusResult:
    """The score of one corpus (or of all together) and, when asked, of each part."""

    label: str
    part: str
    score: Score
    parts: dict[str, Score] = field(default_factory=dict)


@dataclass(frozen=True)
class Evaluation:
    """The result of :func:`evaluate_corpora`: one :class:`CorpusResult` per corpus and,
    for more than one corpus, ``combined`` over all of them."""

    results: tuple[CorpusResult, ...]
    combined: CorpusResult | None = None

    def format_text(self, show_errors: bool = True) -> str:
        """The text report (see :func:`mildip.evaluate.report.format_evaluation`)."""
        from mildip.evaluate.report import format_evaluation

        return format_evaluation(self, show_errors=show_errors)

    def to_dict(self, errors: bool = True) -> dict[str, Any]:
        """Plain data for JSON. One corpus without parts gives its :meth:`Score.to_dict`;
        otherwise ``{"corpora": [...], "combined": ...}``, each entry with its ``parts``."""
        if len(self.results) == 1 and not self.results[0].parts:
            return self.results[0].score.to_dict(errors=errors)

        def entry(result: CorpusResult, with_errors: bool) -> dict[str, Any]:
            out = {"corpus": result.label, "part": result.part}
            out.update(result.score.to_dict(errors=with_errors))
            out["parts"] = {p: s.to_dict(errors=False) for p, s in result.parts.items()}
            return out

        return {
            "corpora": [entry(r, errors) for r in self.results],
            "combined": None if self.combined is None else entry(self.combined, False),
        }


def evaluate_corpora(
    paths: Sequence[str | Path],
    settings: Settings | None = None,
    part: str = "all",
    by_part: bool = False,
    predictions: Iterable[Mapping[str, Any]] | None = None,
) -> Evaluation:
    """Score ``part`` of each corpus of ``paths`` separately and, when there are several,
    all together; ``by_part`` adds the score of each part. Each corpus is extracted once
    (or scored from ``predictions``, matched to the corpora by document id). A corpus is
    labelled by its path; a path given twice gets a ``'`` appended to its label."""
    _check_part(part)
    if not paths:
        raise DataFileError("no corpus given")
    records = None if predictions is None else list(predictions)
    runs, seen = [], set()
    for path in paths:
        label = Path(path).as_posix()
        while label in seen:
            label += "'"
        seen.add(label)
        runs.append(read_corpus(path, settings, records, label=label))

    def result(run: CorpusRun) -> CorpusResult:
        parts = {p: run.score(p) for p in PART_CHOICES} if by_part else {}
        return CorpusResult(run.label, part, parts.get(part) or run.score(part), parts)

    combined = result(merge_runs(runs)) if len(runs) > 1 else None
    return Evaluation(tuple(result(r) for r in runs), combined)


def _check_part(part: str) -> None:
    if part not in PART_CHOICES:
        raise ValueError(f"part must be one of {', '.join(PART_CHOICES)}, not {part!r}")
