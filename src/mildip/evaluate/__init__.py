"""Scoring extraction against gold records, and the quality gate.

The package follows the data flow of an evaluation:

* :mod:`~mildip.evaluate.matching` - which predicted record matches which gold record
  (the rule of ``shared/spec/events.md``, an exact lexicographic one-to-one matching);
* :mod:`~mildip.evaluate.scoring` - :func:`score`: P/R/F1 overall, per type and per
  document, attribute agreement, misses and false alarms (:class:`Score`);
* :mod:`~mildip.evaluate.report` - the text report of a score or of several;
* :mod:`~mildip.evaluate.split` - the fixed rule that seals a third of a corpus;
* :mod:`~mildip.evaluate.corpora` - gold directories read and extracted once
  (:func:`read_corpus`), scored whole or by part, one corpus or several
  (:func:`evaluate_dir`, :func:`evaluate_corpora`), and their fingerprints;
* :mod:`~mildip.evaluate.gate` - pinned floors, their check and re-pinning, and the
  gates file listing the gated corpora;
* :mod:`~mildip.evaluate.command` - ``python -m mildip.evaluate`` (``mildip eval`` is
  the user-facing command over the same functions).
"""

from mildip.evaluate.command import main
from mildip.evaluate.corpora import (
    PART_CHOICES,
    CorpusResult,
    CorpusRun,
    Evaluation,
    corpus_fingerprint,
    document_parts,
    evaluate_corpora,
    evaluate_dir,
    evaluate_predictions,
    extract_dir,
    gold_pairs,
    merge_runs,
    read_corpus,
    read_gold_dir,
    read_jsonl,
    shared_dir,
    shipped_settings,
)
from mildip.evaluate.gate import (
    DEFAULT_MARGIN,
    GATE_METRICS,
    Gate,
    check_floors,
    check_gate,
    pin_floors,
    pin_gate,
    read_floors,
    read_gates,
    repin,
)
from mildip.evaluate.matching import ATTRIBUTES, agreements, normalise_mechanism, records_match
from mildip.evaluate.scoring import Agreement, Counts, Match, Score, score
from mildip.evaluate.split import PARTS, is_sealed, part_of, parts_of, read_split, select

__all__ = [
    "ATTRIBUTES",
    "Agreement",
    "CorpusResult",
    "CorpusRun",
    "Counts",
    "DEFAULT_MARGIN",
    "Evaluation",
    "GATE_METRICS",
    "Gate",
    "Match",
    "PARTS",
    "PART_CHOICES",
    "Score",
    "agreements",
    "check_floors",
    "check_gate",
    "corpus_fingerprint",
    "document_parts",
    "evaluate_corpora",
    "evaluate_dir",
    "evaluate_predictions",
    "extract_dir",
    "gold_pairs",
    "is_sealed",
    "main",
    "merge_runs",
    "normalise_mechanism",
    "part_of",
    "parts_of",
    "pin_floors",
    "pin_gate",
    "read_corpus",
    "read_floors",
    "read_gates",
    "read_gold_dir",
    "read_jsonl",
    "read_split",
    "records_match",
    "repin",
    "score",
    "select",
    "shared_dir",
    "shipped_settings",
]
