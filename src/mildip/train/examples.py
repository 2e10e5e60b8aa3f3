"""Labelled candidates from annotated corpora (see :mod:`mildip.train`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from mildip._exceptions import IngestError
from mildip.evaluate.corpora import corpus_fingerprint, document_parts, read_gold_dir
from mildip.evaluate.matching import compatible, parse_record
from mildip.settings import Settings


@dataclass(frozen=True)
class Example:
    """One candidate: its builder attributes, its label, the document it is from and
    its event (the threshold is chosen on the events it leaves after coreference)."""

    corpus: str
    doc: str
    features: dict[str, Any]
    label: int
    event: Any = None


@dataclass(frozen=True)
class CorpusUse:
    """A corpus read for training: its path, the part used and its fingerprint."""

    path: str
    part: str
    documents: int
    fingerprint: str


def _matches(record: dict[str, Any], gold: list[dict[str, Any]]) -> bool:
    pred = parse_record(record, 0, "predicted")
    return any(compatible(parse_record(g, i, "gold"), pred) for i, g in enumerate(gold))


def examples(
    corpora: list[tuple[str | Path, str]], settings: Settings
) -> tuple[list[Example], list[CorpusUse], dict[tuple[str, str], list[dict[str, Any]]]]:
    """Labelled candidates of ``corpora`` (``(path, part)`` with part "tuning" or
    "all"), what was read, and the gold records of each ``(corpus, document)``; the
    scorer is off while the candidates are extracted."""
    from mildip.extract import analyse_document
    from mildip.ingest import load_file

    settings = replace(settings, use_scorer=False)
    out: list[Example] = []
    used: list[CorpusUse] = []
    golds: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for path, part in corpora:
        root = Path(path)
        gold = read_gold_dir(root)
        parts = document_parts(root)
        names = sorted(d for d in gold if part == "all" or parts[d] == part)
        for name in names:
            try:
                docs = load_file(root / f"{name}.txt", settings)
            except IngestError:
                continue
            for doc in docs:
                for built in analyse_document(doc, settings):
                    record = built.event.to_record(doc.doc_id)
                    label = int(_matches(record, gold[name]))
                    out.append(Example(root.name, name, dict(built.features), label, built.event))
        used.append(CorpusUse(root.name, part, len(names), corpus_fingerprint(root, part)))
        golds.update({(root.name, n): gold[n] for n in names})
    return out, used, golds
