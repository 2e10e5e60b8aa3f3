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

DEV = Path(__file__).parent / "data" / "dev"


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("12-prc-mfa-countermeasures-pelosi-visit.txt", "06-chinamil-golden-dragon-2024-concludes.txt"):
        shutil.copy(DEV / name, folder / name)
    (folder / "empty.txt").write_text("")
    (folder / "junk.pdf").write_bytes(b"%PDF-1.4 this is not a pdf")
    return folder


@pytest.fixture
def settings(tmp_path):
    return load_settings(db_url=f"sqlite:///{tmp_path / 'm.db'}", use_spacy=False)


def test_pipeline_ingest_keeps_good_files_and_reports_bad(corpus, settings):
    with open_store(settings.db_url) as store:
        report = ingest_paths([str(corpus)], store, settings)
        assert sorted(report.added) == [
            "06-chinamil-golden-dragon-2024-concludes",
            "12-prc-mfa-countermeasures-pelosi-visit",
        ]
        assert len(report.failed) == 2 and all(reason for _, reason in report.failed)
        assert not report.ok  # a batch with failures is not ok, though its good files are kept
        types = sorted(e.type for e in store.events())
        assert types.count("CANCEL") == 3 and "EXERCISE" in types


def test_pipeline_reingest_is_idempotent(corpus, settings):
    with open_store(settings.db_url) as store:
        ingest_paths([str(corpus)], store, settings)
        before = [e.to_dict() for e in store.events()]
        again = ingest_paths([str(corpus)], store, settings)
        assert again.added == [] and len(again.unchanged) == 2
        assert [e.to_dict() for e in store.events()] == before
        assert store.count_documents() == 2


def test_pipeline_reextract_changes_nothing_when_extractor_unchanged(corpus, settings):
    with open_store(settings.db_url) as store:
        ingest_paths([str(corpus)], store, settings)
        before = [e.to_dict() for e in store.events()]
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
    partly = runner.invoke(app, ["--db", db, "ingest", "--no-progress", str(corpus)],
                           env={"MILDIP_USE_SPACY": "false"})
    assert partly.exit_code == 1, partly.output  # two broken files; the good ones are stored
    assert "2 document(s) added" in partly.output
    good = runner.invoke(app, ["--db", db, "ingest", "--no-progress", str(corpus / "06-chinamil-golden-dragon-2024-concludes.txt")],
                         env={"MILDIP_USE_SPACY": "false"})
    assert good.exit_code == 0, good.output
    (tmp_path / "bad.txt").write_bytes(b"")
    bad = runner.invoke(app, ["--db", db, "ingest", "--no-progress", str(tmp_path / "bad.txt")],
                        env={"MILDIP_USE_SPACY": "false"})
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
        cancels = [e for e in store.events() if e.type == "CANCEL"]
        a, b = cancels[0], cancels[1]
        record_override(store, "merge", [a.event_id, b.event_id], "same countermeasure", settings)
        merged_count = len(store.events())
        reextract(store, settings)
        after = store.events()
        assert len(after) == merged_count
        joined = [e for e in after if e.type == "CANCEL" and len(e.evidence) >= 2]
        quotes = {q.quote for e in joined for q in e.evidence}
        assert {a.evidence[0].quote, b.evidence[0].quote} <= quotes
