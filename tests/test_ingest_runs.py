"""Batches that can be trusted: recorded runs, exit codes, duplicates, printed counts equal
stored counts, the unfinished-run notice, --published for undated inputs only, edited files
as new versions, and documents in a language without an extractor. Texts are about invented
parties (Arnor, Gondor) or are the single obvious event of ARTICLE_TEXT."""

from __future__ import annotations

import json
import os
import re
import subprocess
from datetime import date

import pytest
from typer.testing import CliRunner

from conftest import ARTICLE_TEXT
from mildip.cli import app
from mildip.store import open_store
from mildip.store import runs as run_store

ENV: dict[str, str] = {}
TALKS = "Arnor and Gondor held their first security dialogue in four years in Annuminas.\n"
CHINESE = (
    "2022年8月5日，中方宣布取消中美两军战区领导通话、中美国防部工作会晤和中美海上军事安全磋商"
    "机制会议，暂停中美非法遣返合作、刑事司法协助合作、打击跨国犯罪合作、禁毒合作、气候变化谈判。\n"
)


@pytest.fixture
def folder(tmp_path):
    """An empty input folder (the database lives beside it, not in it)."""
    path = tmp_path / "in"
    path.mkdir()
    return path


@pytest.fixture
def cli(tmp_path):
    db = f"sqlite:///{tmp_path / 'runs.db'}"
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, ["--db", db, *args], env=ENV)

    run.db = db
    return run


def _write(folder, name, text):
    path = folder / name
    path.write_text(text, "utf-8") if isinstance(text, str) else path.write_bytes(text)
    return path


def _summary_numbers(output: str) -> dict[str, int]:
    """The numbers of the summary line ``mildip ingest`` prints."""
    line = next(ln for ln in output.splitlines() if "document(s) added" in ln)
    patterns = {
        "added": r"(\d+) document\(s\) added",
        "mentions": r"(\d+) event mention\(s\)",
        "events": r"(\d+) event\(s\) in the database",
    }
    return {k: int(re.search(p, line).group(1)) for k, p in patterns.items()}


def _mention_rows(store) -> int:
    return len(store.mentions())


def test_runs_batch_with_a_broken_file_exits_non_zero_and_keeps_the_others(cli, folder):
    _write(folder, "good.txt", ARTICLE_TEXT)
    _write(folder, "also-good.txt", TALKS)
    _write(folder, "broken.pdf", b"%PDF-1.4 not really")
    result = cli("ingest", "--no-progress", str(folder))
    assert result.exit_code == 1
    assert "2 document(s) added" in result.stdout and "1 failed" in result.stdout
    assert f"{folder / 'broken.pdf'}: not a readable PDF" in result.stderr
    with open_store(cli.db) as store:
        assert sorted(d.doc_id for d in store.documents()) == ["also-good", "good"]
        (run,) = run_store.list_runs(store)
        run = run_store.get_run(store, run.run_id)
    assert run.state == "finished" and run.counts["failed"] == 1 and run.counts["added"] == 2
    (failure,) = [i for i in run.items if i.outcome == "failed"]
    assert failure.source == str(folder / "broken.pdf") and failure.reason.startswith(
        "not a readable PDF"
    )
    shown = cli("runs", str(run.run_id), "--failures", "--format", "json")
    assert shown.exit_code == 0 and '"outcome": "failed"' in shown.stdout
    assert (
        '"reason": "not a readable PDF' in shown.stdout and '"outcome": "added"' not in shown.stdout
    )
    listed = cli("documents", "list", "--failed", "--format", "json")
    assert '"reason": "not a readable PDF' in listed.stdout


def test_runs_two_identical_files_are_one_added_and_one_duplicate(cli, folder):
    _write(folder, "a.txt", ARTICLE_TEXT)
    _write(folder, "b.txt", ARTICLE_TEXT)
    result = cli("ingest", "--no-progress", str(folder / "a.txt"), str(folder / "b.txt"))
    assert result.exit_code == 0, result.output
    assert "1 document(s) added" in result.stdout and "1 duplicate(s)" in result.stdout
    assert f"duplicate: {folder / 'b.txt'}: same text as a; not stored again" in result.stderr
    numbers = _summary_numbers(result.stdout)
    with open_store(cli.db) as store:
        assert store.count_documents() == numbers["added"] == 1
        assert _mention_rows(store) == numbers["mentions"]
        assert store.count_events() == numbers["events"]


def test_runs_printed_counts_are_stored_counts(cli, folder):
    for i, text in enumerate([ARTICLE_TEXT, TALKS, ARTICLE_TEXT.replace("5 August", "7 August")]):
        _write(folder, f"t{i}.txt", text)
    first = cli("ingest", "--no-progress", str(folder))
    again = cli("ingest", "--no-progress", str(folder))
    assert first.exit_code == again.exit_code == 0
    assert "0 document(s) added, 3 unchanged" in again.stdout
    numbers = _summary_numbers(first.stdout)
    with open_store(cli.db) as store:
        assert store.count_documents() == numbers["added"] == 3
        assert _mention_rows(store) == numbers["mentions"]
        runs = {r.run_id: r for r in run_store.list_runs(store)}
    assert runs[1].counts["mentions"] == numbers["mentions"] and runs[2].counts["unchanged"] == 3


def test_runs_edited_file_becomes_a_new_version_and_its_old_events_leave(cli, folder):
    path = _write(folder, "readout.txt", ARTICLE_TEXT)
    assert cli("ingest", "--no-progress", str(path)).exit_code == 0
    with open_store(cli.db) as store:
        old_mentions = store.mentions(["readout"])
    assert old_mentions, "the text's single obvious event is found"
    path.write_text(TALKS, "utf-8")
    result = cli("ingest", "--no-progress", str(path))
    assert result.exit_code == 0 and "1 new version(s)" in result.stdout
    assert "new version: readout@2 supersedes readout" in result.stderr
    with open_store(cli.db) as store:
        assert [d.doc_id for d in store.documents()] == ["readout@2"]
        docs_in_answers = {ev.doc_id for e in store.events() for ev in e.evidence}
        assert "readout" not in docs_in_answers
        assert store.mentions(["readout"]) == old_mentions  # kept in the history
    history = cli("documents", "history", str(path))
    assert (
        history.exit_code == 0 and "superseded" in history.stdout and "readout@2" in history.stdout
    )
    events = cli("events", "--format", "json")
    assert '"doc_id": "readout"' not in events.stdout


def test_runs_retire_takes_events_out_of_the_answers(cli, folder):
    _write(folder, "readout.txt", ARTICLE_TEXT)
    assert cli("ingest", "--no-progress", str(folder)).exit_code == 0
    retired = cli("documents", "retire", "readout", "--reason", "a forged readout")
    assert retired.exit_code == 0 and "retired 1 document(s): readout; 0 event(s)" in retired.stdout
    assert cli("events", "--format", "json").stdout.strip() == "[]"
    assert "retired" in cli("documents", "list", "--status", "retired").stdout
    restored = cli("documents", "restore", "readout")
    assert restored.exit_code == 0 and "restored 1 document(s)" in restored.stdout
    assert cli("events", "--format", "json").stdout.strip() != "[]"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), {"dated": date(2024, 3, 1), "undated": None}),
        (("--published", "2023-02-01"), {"dated": date(2024, 3, 1), "undated": date(2023, 2, 1)}),
        (
            ("--published", "2023-02-01", "--published-override"),
            {"dated": date(2023, 2, 1), "undated": date(2023, 2, 1)},
        ),
    ],
    ids=["none", "fallback", "override"],
)
def test_runs_published_dates_only_undated_inputs_unless_overridden(cli, folder, args, expected):
    _write(folder, "dated.txt", "DATE: 2024-03-01\n---\n" + TALKS)
    _write(folder, "undated.txt", "Arnor and Gondor held talks.\n")
    assert cli("ingest", "--no-progress", *args, str(folder)).exit_code == 0
    with open_store(cli.db) as store:
        assert {d.doc_id: d.published for d in store.documents()} == expected


def test_runs_published_override_needs_published(cli, folder):
    result = cli("ingest", "--published-override", str(_write(folder, "t.txt", TALKS)))
    shown = " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.stderr).split())  # rich's error box
    assert result.exit_code == 2 and "--published-override needs --published" in shown


def test_runs_non_english_document_is_stored_and_reported(cli, folder):
    path = _write(folder, "readout-zh.txt", CHINESE)
    result = cli("ingest", "--no-progress", str(path))
    assert result.exit_code == 0, result.output
    assert f"note: {path}: zh: stored, no extractor for this language yet" in result.stderr
    assert "1 document(s) added" in result.stdout and "0 event mention(s)" in result.stdout
    with open_store(cli.db) as store:
        (doc,) = store.documents()
        assert (doc.language, doc.meta["language_from"]) == ("zh", "detected")
        assert store.extraction_runs(doc.doc_id) == []
        (run,) = run_store.list_runs(store)
        (item,) = run_store.get_run(store, run.run_id).items
    assert item.reason == "zh: stored, no extractor for this language yet"
    assert "zh" in cli("documents", "list", "--language", "zh").stdout


def _dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


@pytest.mark.parametrize("state", ["interrupted", "running"])
def test_runs_read_command_on_an_unfinished_run_says_so_in_one_line(cli, folder, state):
    _write(folder, "t.txt", TALKS)
    assert cli("ingest", "--no-progress", str(folder)).exit_code == 0
    with open_store(cli.db) as store:
        run_id = run_store.start_run(store, "ingest", ["corpus/"])
        if state == "interrupted":
            from sqlalchemy import update

            with store.session() as s:
                s.execute(
                    update(run_store.IngestRunRow)
                    .where(run_store.IngestRunRow.run_id == run_id)
                    .values(pid=_dead_pid())
                )
    result = cli("events")
    assert result.exit_code == 0
    notes = [ln for ln in result.stderr.splitlines() if ln.startswith("note:")]
    assert len(notes) == 1
    expected = "did not finish (interrupted)" if state == "interrupted" else "is still running"
    assert f"ingest run {run_id} (ingest, started " in notes[0] and expected in notes[0]
    listed = cli("runs", "--format", "json")
    assert f'"state": "{state}"' in listed.stdout
    if state == "interrupted":
        assert cli("ingest", "--no-progress", str(folder)).exit_code == 0  # closes it
        assert "note:" not in cli("events").stderr
        with open_store(cli.db) as store:
            assert run_store.get_run(store, run_id).status == "interrupted"


def test_runs_keyboard_interrupt_records_an_interrupted_run(tmp_path, monkeypatch):
    from mildip import pipeline
    from mildip.settings import Settings

    for i in range(3):
        _write(tmp_path, f"t{i}.txt", f"Arnor and Gondor held talks number {i}.\n")
    real, calls = pipeline.add_version, []

    def interrupted_on_the_second(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "add_version", interrupted_on_the_second)
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'i.db'}")
    with open_store(settings.db_url) as store:
        with pytest.raises(KeyboardInterrupt):
            pipeline.ingest_paths([str(tmp_path)], store, settings)
        (run,) = run_store.list_runs(store)
    assert (run.status, run.note, run.counts.get("added")) == ("interrupted", "interrupted", 1)
    assert run.pid == os.getpid()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--outlet", "national defense"), ["mnd"]),  # part of the publication
        (("--outlet", "defense.gov"), ["dod"]),  # the URL's host
        (("--outlet", "prc-mnd"), ["mnd"]),  # the publisher's id
        (("--since", "2024"), ["dod"]),
        (("--until", "2023-12"), ["mnd"]),
        (("--status", "superseded"), []),
    ],
)
def test_runs_documents_list_filters(cli, folder, args, expected):
    _write(
        folder,
        "mnd.txt",
        "PUBLICATION: PRC Ministry of National Defense\nDATE: 2023-05-01\n---\n" + TALKS,
    )
    _write(
        folder,
        "dod.txt",
        "URL: https://www.defense.gov/News/x/\nDATE: 2024-02-01\n---\n" + ARTICLE_TEXT,
    )
    assert cli("ingest", "--no-progress", str(folder)).exit_code == 0
    listed = cli("documents", "list", *args, "--format", "json")
    assert listed.exit_code == 0, listed.output
    assert [d["doc_id"] for d in json.loads(listed.stdout)] == expected


def test_runs_overrides_follow_the_passage_into_a_new_version_or_are_reported(cli, folder):
    from mildip.model import Override
    from mildip.resolve.overrides import evidence_anchor
    from mildip.store.overrides import add_override, list_overrides

    path = _write(folder, "readout.txt", ARTICLE_TEXT)
    assert cli("ingest", "--no-progress", str(path)).exit_code == 0
    with open_store(cli.db) as store:
        anchor = evidence_anchor(store.mentions(["readout"])[0].evidence[0])
        add_override(store, Override("split", (anchor,), "two separate cancellations"))
    path.write_text("A statement followed.\n\n" + ARTICLE_TEXT, "utf-8")  # the passage stays
    kept = cli("ingest", "--no-progress", str(path))
    assert "override 1 (split: two separate cancellations): carried over" in kept.stderr
    with open_store(cli.db) as store:
        (override,) = list_overrides(store)
    assert override.event_keys == (anchor.replace("readout#", "readout@2#"),)
    path.write_text(TALKS, "utf-8")  # the passage is gone
    gone = cli("ingest", "--no-progress", str(path))
    assert f"the passage readout@2#{anchor.split('#')[1]} is not in the new version" in gone.stderr
    runs = json.loads(cli("runs", "--format", "json").stdout)
    assert runs[0]["note"].startswith("override anchors not carried to the new versions: 1:readout@2#")
