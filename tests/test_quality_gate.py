"""The quality gate: extraction on the dev corpus must not fall below pinned floors.

``tests/quality_floors.json`` holds the floors and the SHA-256 of the corpus they
were measured on. A metric may fall at most ``margin`` (0.01) below its floor.
After an intended change, re-pin (it refuses to lower a floor without
``--allow-lower``)::

    python -m mildip.evaluate --pin tests/data/dev tests/quality_floors.json
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mildip.evaluate import GATE_METRICS, corpus_fingerprint, evaluate_dir, shipped_settings

FLOORS_PATH = Path(__file__).parent / "quality_floors.json"
FLOORS = json.loads(FLOORS_PATH.read_text("utf-8"))
REPIN = "python -m mildip.evaluate --pin tests/data/dev tests/quality_floors.json"


@pytest.fixture(scope="module")
def dev_score(dev_corpus):
    """The extractor's score on the dev corpus, with the shipped settings only."""
    return evaluate_dir(dev_corpus, shipped_settings())


def test_quality_gate_corpus_matches_the_pin(dev_corpus):
    assert corpus_fingerprint(dev_corpus) == FLOORS["corpus_sha256"], (
        f"tests/data/dev changed since the floors were pinned; re-pin with `{REPIN}`"
    )


def test_quality_gate_floors_file_is_sane():
    assert FLOORS["margin"] == pytest.approx(0.01)
    assert set(FLOORS["floors"]) == set(GATE_METRICS)
    values = [*FLOORS["floors"].values(), *FLOORS["per_document_f1"].values()]
    assert all(0.0 <= v <= 1.0 for v in values)


@pytest.mark.parametrize("metric", GATE_METRICS)
def test_quality_gate_metric_meets_its_floor(dev_score, metric):
    floor = FLOORS["floors"][metric]
    value = dev_score.gate_metrics()[metric]
    assert value is not None, f"{metric} cannot be measured on the dev corpus"
    assert value >= floor - FLOORS["margin"], (
        f"{metric} fell to {value:.4f}, below its floor {floor:.4f} (margin "
        f"{FLOORS['margin']}).\n{dev_score.format_text()}"
    )


@pytest.mark.parametrize("doc", sorted(FLOORS["per_document_f1"]))
def test_quality_gate_document_f1_meets_its_floor(dev_score, doc):
    floor = FLOORS["per_document_f1"][doc]
    assert doc in dev_score.per_doc, f"{doc} was pinned but is no longer scored; re-pin"
    value = dev_score.per_doc[doc].f1
    assert value >= floor - FLOORS["margin"], (
        f"{doc}: F1 fell to {value:.4f}, below its floor {floor:.4f}"
    )
