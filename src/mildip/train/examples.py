"""Labelled candidates from annotated corpora (see :mod:`mildip.train`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from mildip._exceptions import IngestError
from mildip.evaluate.corpora import corpus_fingerprint, read_gold_dir
from mildip.evaluate.matching import compatible, parse_record
from mildip.settings import Settings
from mildip.train.inputs import TrainingCorpus


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
    """A corpus read for training: its name, the part used, how many documents of it
    were read (and how many of those the ingest stage refused), and the SHA-256 of
    that part (:func:`mildip.evaluate.corpora.corpus_fingerprint`)."""

    name: str
    part: str
    documents: int
    unreadable: int
    fingerprint: str


def _matches(record: dict[str, Any], gold: list[dict[str, Any]]) -> bool:
    pred = parse_record(record, 0, "predicted")
    return any(compatible(parse_record(g, i, "gold"), pred) for i, g in enumerate(gold))


def examples(
    corpora: Sequence[TrainingCorpus], settings: Settings
) -> tuple[list[Example], list[CorpusUse], dict[tuple[str, str], list[dict[str, Any]]]]:
    """Labelled candidates of ``corpora`` (in name order, each document's candidates in
    text order), what was read, and the gold records of each ``(corpus, document)``.
    The scorer is off while the candidates are extracted; a text the ingest stage
    refuses gives no candidates, but its gold still counts when the threshold is chosen."""
    from mildip.extract import analyse_document
    from mildip.ingest import load_file

    settings = replace(settings, use_scorer=False)
    out: list[Example] = []
    used: list[CorpusUse] = []
    golds: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for corpus in sorted(corpora, key=lambda c: c.name):
        gold = read_gold_dir(corpus.path)
        names = [name for name, _text, _gold in corpus.documents()]
        unreadable = 0
        for name in names:
            try:
                docs = load_file(corpus.path / f"{name}.txt", settings)
            except IngestError:
                unreadable += 1
                continue
            for doc in docs:
                for built in analyse_document(doc, settings):
                    record = built.event.to_record(doc.doc_id)
                    label = int(_matches(record, gold[name]))
                    out.append(Example(corpus.name, name, dict(built.features), label, built.event))
        fingerprint = corpus_fingerprint(corpus.path, corpus.part)
        used.append(CorpusUse(corpus.name, corpus.part, len(names), unreadable, fingerprint))
        golds.update({(corpus.name, n): gold[n] for n in names})
    return out, used, golds
