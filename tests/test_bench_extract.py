"""benchmarks/bench_extract.py: the synthetic corpus and the results table (nothing timed)."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench():
    """The benchmark script, imported as a module (benchmarks/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "bench_extract", ROOT / "benchmarks" / "bench_extract.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def pool(bench):
    return bench.sentence_pool(ROOT / "examples" / "corpus")


def test_bench_extract_pool_is_distinct_body_sentences(pool):
    assert len(pool) == len(set(pool)) > 50
    assert all(len(s.split()) >= 5 for s in pool)
    assert not any(s.startswith(("URL:", "TITLE:", "DATE:")) for s in pool)


@pytest.mark.parametrize("n_docs, seed", [(1, 13), (400, 13), (400, 7)])
def test_bench_extract_corpus_is_distinct_and_dated(bench, pool, n_docs, seed):
    docs = bench.build_corpus(pool, n_docs, seed)
    assert len(docs) == n_docs
    assert len({d["text"] for d in docs}) == n_docs
    assert len({d["id"] for d in docs}) == n_docs
    for d in docs:
        assert bench.MIN_SENTENCES <= len(d["sentences"]) <= bench.MAX_SENTENCES
        assert all(s in d["text"] for s in d["sentences"])
        assert bench.FIRST_DATE <= date.fromisoformat(d["published"]) <= bench.LAST_DATE


@pytest.mark.parametrize("other_seed, same", [(13, True), (14, False)])
def test_bench_extract_corpus_depends_only_on_the_seed(bench, pool, other_seed, same):
    first = bench.build_corpus(pool, 50, 13)
    second = bench.build_corpus(pool, 50, other_seed)
    assert (first == second) is same


def test_bench_extract_markdown_table(bench):
    result = {
        "params": {"docs": 10, "sentences": 70, "seed": 13},
        "machine": {
            "cpu": "Palantir",
            "cores": 2,
            "ram_gb": 8.0,
            "python": "3.11.7",
            "spacy_version": "3.8.18",
            "date": "3019-03-25 12:00 UTC",
        },
        "results": [
            {
                "system": "mildip",
                "seconds": 2.0,
                "cpu_seconds": 1.5,
                "docs_per_s": 5.0,
                "sentences_per_s": 35.0,
                "startup_s": 1.0,
                "peak_rss_mb": 120.0,
            },
            {
                "system": "spacy-full",
                "seconds": 8.0,
                "cpu_seconds": 6.0,
                "docs_per_s": 1.25,
                "sentences_per_s": 8.75,
                "startup_s": 2.0,
                "peak_rss_mb": 200.0,
            },
        ],
        "speedup_vs_spacy": {"mildip": 4.0},
        "cpu_speedup_vs_spacy": {"mildip": 4.0},
    }
    table = bench.markdown(result).splitlines()
    assert table[0].startswith("10 documents, 70 sentences, seed 13; Palantir, 2 cores")
    assert table[4] == "| mildip | 2.0 | 1.5 | 5.0 | 35.0 | 1.0 | 120 | 4.0x / 4.0x |"
    assert table[5] == "| spacy-full | 8.0 | 6.0 | 1.2 | 8.8 | 2.0 | 200 | - |"
