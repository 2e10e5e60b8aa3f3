"""The quality gates: extraction must not fall below the floors pinned for each corpus part.

The gated corpora are listed in ``tests/quality_gates.toml``, one line each: the dev
corpus, the held-out reconstructions (tuning and sealed parts), the real corpus of
``../shared/corpus/real`` (tuning and sealed parts by the fixed rule), and optional
corpora once their directory exists. Each floors file holds the floors and the SHA-256
of the corpus part they were measured on; a metric may fall at most ``margin`` (0.01)
below its floor. Each corpus is extracted once for all its gates (module-scoped), with
the shipped settings only. A gate whose corpus is absent is skipped, naming the path.

After an intended change, re-pin (it refuses to lower a floor without ``--allow-lower``)::

    python -m mildip.evaluate --gates tests/quality_gates.toml --gate NAME --pin
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mildip.evaluate import (
    GATE_METRICS,
    check_gate,
    corpus_fingerprint,
    read_corpus,
    read_floors,
    read_gates,
    shipped_settings,
)

HERE = Path(__file__).parent
GATES_FILE = HERE / "quality_gates.toml"
GATES = read_gates(GATES_FILE)


def _available(gate):
    """``gate`` when its corpus is there and its floors are pinned, else skip saying why."""
    if not gate.available:
        shared = "{shared}" in gate.label
        where = " (the sibling `shared` of the repository, or set MILDIP_SHARED)" if shared else ""
        kind = "optional corpus" if gate.optional else "corpus"
        pytest.skip(f"gate {gate.name}: no {kind} at {gate.corpus}{where}")
    if not gate.floors.is_file():
        pytest.fail(f"gate {gate.name}: no floors pinned at {gate.floors}; run `{gate.pin_command}`")
    return gate


@pytest.fixture(scope="module")
def corpus_runs():
    """Each corpus read and extracted once for the module: ``corpus_runs(path)``."""
    cache = {}

    def run(path: Path):
        if path not in cache:
            cache[path] = read_corpus(path, shipped_settings())
        return cache[path]

    return run


@pytest.fixture(scope="module", params=GATES, ids=lambda g: g.name)
def gate(request, corpus_runs):
    """(gate, floors, score) of one gate."""
    gate = _available(request.param)
    return gate, read_floors(gate.floors), corpus_runs(gate.corpus).score(gate.part)


def test_quality_gate_file_lists_every_floors_file():
    listed = {g.floors.name for g in GATES}
    on_disk = {p.name for p in HERE.glob("quality_floors*.json")}
    assert on_disk <= listed, f"floors files no gate uses: {sorted(on_disk - listed)}"
    assert len(listed) == len(GATES), "two gates share a floors file"


def test_quality_gate_file_gates_both_parts_of_split_corpora():
    parts = {}
    for g in GATES:
        parts.setdefault(g.corpus, set()).add(g.part)
    for corpus, gated in parts.items():
        assert gated in ({"all"}, {"tuning", "sealed"}, {"all", "tuning", "sealed"}), corpus


@pytest.mark.parametrize("g", GATES, ids=lambda g: g.name)
def test_quality_gate_corpus_matches_the_pin(g):
    g = _available(g)
    pinned = read_floors(g.floors)
    assert corpus_fingerprint(g.corpus, g.part) == pinned["corpus_sha256"], (
        f"{g.corpus} ({g.part}) changed since the floors were pinned; re-pin with `{g.pin_command}`"
    )
    assert pinned.get("part", "all") == g.part and pinned.get("corpus") == g.label


@pytest.mark.parametrize("g", GATES, ids=lambda g: g.name)
def test_quality_gate_floors_file_is_sane(g):
    g = _available(g)
    floors = read_floors(g.floors)
    assert floors["margin"] == pytest.approx(0.01)
    assert set(floors["floors"]) <= set(GATE_METRICS)
    assert {"f1", "precision", "recall"} <= set(floors["floors"])
    assert floors["per_document_f1"], f"{g.floors} pins no document"
    values = [*floors["floors"].values(), *floors["per_document_f1"].values()]
    assert all(0.0 <= v <= 1.0 for v in values)


@pytest.mark.parametrize("metric", GATE_METRICS)
def test_quality_gate_metric_meets_its_floor(gate, metric):
    g, floors, score = gate
    floor = floors["floors"].get(metric)
    if floor is None:
        pytest.skip(f"{g.name}: {metric} is not measurable on this corpus, so it is not pinned")
    value = score.gate_metrics()[metric]
    assert value is not None, f"{metric} cannot be measured on the {g.name} corpus"
    assert value >= floor - floors["margin"], (
        f"{g.name}: {metric} fell to {value:.4f}, below its floor {floor:.4f} (margin "
        f"{floors['margin']}).\n{score.format_text(show_errors=g.part != 'sealed')}"
    )


def test_quality_gate_document_f1_meets_its_floor(gate):
    g, floors, score = gate
    fallen = []
    for doc, floor in sorted(floors["per_document_f1"].items()):
        if doc not in score.per_doc:
            fallen.append(f"{doc}: pinned but no longer scored; re-pin with `{g.pin_command}`")
        elif score.per_doc[doc].f1 < floor - floors["margin"]:
            fallen.append(f"{doc}: F1 {score.per_doc[doc].f1:.4f} < floor {floor:.4f}")
    assert not fallen, f"{g.name}:\n" + "\n".join(fallen)


def test_quality_gate_check_gate_agrees(gate, corpus_runs):
    g, _, _ = gate
    assert check_gate(g, corpus_runs(g.corpus)) == []
