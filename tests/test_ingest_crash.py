"""Safety under faults: `kill -9` in the middle of a 300-document ingest, then the same
command again, gives what an uninterrupted run gives; readers and a second ingest work
while an ingest runs (SQLite in WAL mode with a busy timeout, and PostgreSQL).

Each document is a short text of its own (an invented exercise between invented parties
or a dated cancellation) so that ingest is quick."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from mildip.pipeline import rebuild_events, unfinished_run_notice
from mildip.settings import Settings
from mildip.store import open_store
from mildip.store import runs as run_store

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August")
CLI = [sys.executable, "-c", "from mildip.cli import main; main()"]


def _corpus(folder, n: int, offset: int = 0):
    folder.mkdir()
    for i in range(offset, offset + n):
        day, month = i % 28 + 1, MONTHS[i % len(MONTHS)]
        text = (
            f"On {day} {month} 2022, China cancelled round {i} of the China-U.S. Defense Policy "
            f"Coordination Talks, the Ministry of National Defense said in statement {i}.\n"
        )
        (folder / f"doc-{i:03d}.txt").write_text(text, "utf-8")
    return folder


def _mildip(db: str, *args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "MILDIP_DB": db}
    return subprocess.Popen(
        [*CLI, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs
    )


def _run(db: str, *args: str) -> subprocess.CompletedProcess:
    process = _mildip(db, *args)
    out, err = process.communicate(timeout=600)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def _count(path, table: str) -> int:
    try:
        conn = sqlite3.connect(path, timeout=5)
        try:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def _snapshot(url: str):
    with open_store(url) as store:
        docs = sorted((d.doc_id, d.content_hash) for d in store.documents())
        mentions = sorted((m.evidence[0].doc_id, m.event_id) for m in store.mentions())
        events = sorted(e.event_id for e in store.events())
    return docs, mentions, events


@pytest.mark.slow
def test_crash_kill_9_mid_ingest_then_the_same_command_gives_an_uninterrupted_result(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 300)
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    done = _run(reference, "ingest", "--no-progress", str(corpus))
    assert done.returncode == 0, done.stderr

    crashed_path = tmp_path / "crashed.db"
    crashed = f"sqlite:///{crashed_path}"
    process = _mildip(crashed, "ingest", "--no-progress", str(corpus))
    deadline = time.monotonic() + 300
    while _count(crashed_path, "documents") < 60 and time.monotonic() < deadline:
        assert process.poll() is None, "the ingest ended before it could be killed"
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL
    stored = _count(crashed_path, "documents")
    assert 0 < stored < 300, f"killed with {stored} documents stored: not in the middle"

    again = _run(crashed, "ingest", "--no-progress", str(corpus))
    assert again.returncode == 0, again.stderr
    assert _snapshot(crashed) == _snapshot(reference)
    runs = json.loads(_run(crashed, "runs", "--format", "json").stdout)
    assert [r["state"] for r in runs] == ["finished", "interrupted"]
    assert runs[1]["counts"].get("added", 0) <= stored
    with open_store(crashed) as store:
        assert unfinished_run_notice(store) is None


@pytest.mark.slow
@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_crash_readers_and_a_second_ingest_work_during_an_ingest(tmp_path, request, backend):
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'busy.db'}"
    else:
        url = request.getfixturevalue("fresh_postgres_url")
    first = _corpus(tmp_path / "first", 80)
    second = _corpus(tmp_path / "second", 40, offset=100)
    with open_store(url):
        pass  # create the schema before the writers start
    writer = _mildip(url, "ingest", "--no-progress", str(first))
    other = None
    seen_running, reads = False, 0
    with open_store(url) as store:
        while writer.poll() is None or (other is not None and other.poll() is None):
            store.events()
            store.count_documents()
            notice = unfinished_run_notice(store)
            seen_running |= bool(notice and "still running" in notice)
            reads += 1
            if other is None and store.count_documents() >= 10:
                other = _mildip(url, "ingest", "--no-progress", str(second))
            time.sleep(0.02)
        out, err = writer.communicate()
        assert writer.returncode == 0, err
        out, err = other.communicate()
        assert other.returncode == 0, err
        assert reads > 5 and seen_running
        assert store.count_documents() == 120
        layer = sorted(e.event_id for e in store.events())
        assert layer == sorted(e.event_id for e in rebuild_events(store, Settings()))
        assert [r.state for r in run_store.list_runs(store)] == ["finished", "finished"]
