"""``mildip demo`` end to end on the bundled corpus: a smoke test that the main job runs,
stores events and writes the report (what it finds is the extractor's business)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from mildip.cli import app
from mildip.store import open_store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "corpus"


def test_demo_runs_on_the_bundled_corpus_and_stores_events(tmp_path):
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    report = tmp_path / "report.html"
    result = CliRunner().invoke(
        app,
        ["--db", db, "demo", str(EXAMPLES), "--report", str(report)],
        env={"MILDIP_USE_SPACY": "false"},
    )
    assert result.exit_code == 0, result.output
    texts = sorted(p.stem for p in EXAMPLES.glob("*.txt"))
    assert f"{len(texts)} documents in the database." in result.output
    assert "failed" not in result.output
    with open_store(db) as store:
        assert sorted(d.doc_id for d in store.documents()) == texts
        events = store.events()
    assert events, "the demo stored no event"
    assert "seed" in {doc for e in events for doc in e.docs}
    assert report.is_file() and "<html" in report.read_text("utf-8").lower()
