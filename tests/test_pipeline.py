"""The main job end to end: ingest → extract → store → resolve, idempotent, bad input kept apart."""

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mildip.cli import app
from mildip.model import Document
from mildip.pipeline import extract_many, ingest_paths, reextract
from mildip.settings import load_settings
from mildip.store import open_store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "corpus"
TEXTS = ("h24-mnd-spokesperson-singapore-thailand-exercises", "h52-indopacom-pla-no-show-mmca-2020")


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in TEXTS:
        shutil.copy(EXAMPLES / f"{name}.txt", folder / f"{name}.txt")
    (folder / "empty.txt").write_text("")
    (folder / "junk.pdf").write_bytes(b"%PDF-1.4 this is not a pdf")
    return folder


@pytest.fixture
def settings(tmp_path):
    return load_settings(db_url=f"sqlite:///{tmp_path / 'm.db'}", use_parser=True)


def test_pipeline_ingest_keeps_good_files_and_reports_bad(corpus, settings):
    with open_store(settings.db_url) as store:
        report = ingest_paths([str(corpus)], store, settings)
        assert sorted(report.added) == list(TEXTS)
        assert sorted(Path(source).name for source, _ in report.failed) == ["empty.txt", "junk.pdf"]
        assert all(reason for _, reason in report.failed)
        assert not report.ok  # a batch with failures is not ok, though its good files are kept
        events = store.events()
        assert events and report.mentions >= report.events == len(events)
        assert {d for e in events for d in e.docs} <= set(TEXTS)


def test_pipeline_reingest_is_idempotent(corpus, settings):
    with open_store(settings.db_url) as store:
        ingest_paths([str(corpus)], store, settings)
        before = [e.to_dict() for e in store.events()]
        assert before
        again = ingest_paths([str(corpus)], store, settings)
        assert again.added == [] and len(again.unchanged) == 2
        assert [e.to_dict() for e in store.events()] == before
        assert store.count_documents() == 2


def test_pipeline_reextract_changes_nothing_when_extractor_unchanged(corpus, settings):
    with open_store(settings.db_url) as store:
        ingest_paths([str(corpus)], store, settings)
        before = [e.to_dict() for e in store.events()]
        assert before
        reextract(store, settings)
        assert [e.to_dict() for e in store.events()] == before


def test_pipeline_nothing_ingested_is_a_failure(tmp_path, settings):
    (tmp_path / "only-empty.txt").write_text("   ")
    with open_store(settings.db_url) as store:
        report = ingest_paths([str(tmp_path / "only-empty.txt")], store, settings)
    assert not report.ok


def test_pipeline_cli_ingest_exit_codes(corpus, tmp_path):
    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    partly = runner.invoke(app, ["--db", db, "ingest", "--no-progress", str(corpus)])
    assert partly.exit_code == 1, partly.output  # two broken files; the good ones are stored
    assert "2 document(s) added" in partly.output
    good = runner.invoke(app, ["--db", db, "ingest", "--no-progress", str(corpus / f"{TEXTS[0]}.txt")])
    assert good.exit_code == 0, good.output
    (tmp_path / "bad.txt").write_bytes(b"")
    bad = runner.invoke(app, ["--db", db, "ingest", "--no-progress", str(tmp_path / "bad.txt")])
    assert bad.exit_code == 1


def test_pipeline_dask_map_equals_serial(settings):
    pytest.importorskip("dask.distributed")
    docs = [
        Document(doc_id=f"d{i}", text=text, published=None)
        for i, text in enumerate([
            "On 5 June 2024, China and Cambodia held the Golden Dragon 2024 joint exercise.",
            "The 8th China-Australia Defence Coordination Dialogue was held in Canberra on 2 March 2023.",
        ])
    ]
    serial = extract_many(docs, settings, "serial")
    distributed = extract_many(docs, settings, "dask")
    assert [[e.to_dict() for e in evs] for evs in distributed] == [[e.to_dict() for e in evs] for evs in serial]
    assert all(serial)


def test_pipeline_overrides_survive_reextract(corpus, settings):
    from mildip.pipeline import record_override

    with open_store(settings.db_url) as store:
        ingest_paths([str(corpus)], store, settings)
        events = [e for e in store.events() if len(e.evidence) == 1]
        assert len(events) >= 2
        a, b = events[0], events[1]
        record_override(store, "merge", [a.event_id, b.event_id], "told twice", settings)
        merged_count = len(store.events())
        reextract(store, settings)
        after = store.events()
        assert len(after) == merged_count
        joined = [e for e in after if len(e.evidence) >= 2]
        quotes = {q.quote for e in joined for q in e.evidence}
        assert {a.evidence[0].quote, b.evidence[0].quote} <= quotes
