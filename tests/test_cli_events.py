"""``mildip events`` and ``mildip export`` through the real app (``--db`` → ctx.obj)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from typer.testing import CliRunner

from mildip.model import Document, Event, Evidence
from mildip.store import open_store


def _event(doc: str, start: int, **fields) -> Event:
    quote = f"{fields['type']} {fields['date']}"
    return Event(evidence=[Evidence(doc, start, start + len(quote), quote, "test")], **fields)


EVENTS = {
    "cancel": _event(
        "annals",
        0,
        type="CANCEL",
        actors=("GDR", "MOR"),
        date="3019-03-15",
        initiator="MOR",
        mechanism="Gondor-Mordor Border Talks",
    ),
    "dialogue": _event(
        "annals",
        40,
        type="DIALOGUE",
        actors=("GDR", "RHN"),
        date="3018-06",
        mechanism="Beacon Talks",
        round=8,
    ),
    "call": _event("chronicle", 0, type="CALL", actors=("ARN", "GDR"), date="3019-04-01"),
}
"""Invented parties: ARN Arnor, GDR Gondor, MOR Mordor, RHN Rohan."""


DOCUMENTS = [
    Document(
        "annals",
        "The annals.",
        url="https://example.org/annals",
        title="Annals of Gondor",
        publication="Minas Tirith Gazette",
        published=date(3019, 4, 20),
    ),
    Document("chronicle", "The chronicle.", title="Chronicle", published=date(3019, 4, 2)),
]


@pytest.fixture
def cli_db(tmp_path):
    """A SQLite store URL holding DOCUMENTS and EVENTS as the resolved layer."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    with open_store(url) as store:
        for doc in DOCUMENTS:
            store.add_document(doc)
        store.save_events(list(EVENTS.values()))
    return url


@pytest.fixture
def run(cli_db):
    """``run(*args)`` invokes ``mildip --db <cli_db> *args`` and returns the result."""
    from mildip.cli import app

    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, ["--db", cli_db, *args])

    return invoke


def _names(output: str) -> list[str]:
    by_id = {e.event_id: name for name, e in EVENTS.items()}
    return [by_id[item["event_id"]] for item in json.loads(output)]


@pytest.mark.parametrize(
    "args, expected",
    [
        ([], ["dialogue", "cancel", "call"]),
        (["--party", "GDR", "--party", "mor"], ["cancel"]),
        (["--type", "CANCEL", "--type", "call"], ["cancel", "call"]),
        (["--since", "3019-01", "--until", "3019-03"], ["cancel"]),
        (["--mechanism", "talks"], ["dialogue", "cancel"]),
        (["--doc", "chronicle"], ["call"]),
        (["--modality", "future"], []),
    ],
)
def test_cli_events_filters(run, args, expected):
    result = run("events", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    assert _names(result.output) == expected


def test_cli_events_json_is_lossless(run):
    result = run("events", "--format", "json")
    assert [Event.from_dict(d) for d in json.loads(result.output)] == [
        EVENTS["dialogue"],
        EVENTS["cancel"],
        EVENTS["call"],
    ]


def test_cli_events_table_shows_every_event(run):
    result = run("events", "--type", "CANCEL", "--format", "table")
    assert result.exit_code == 0, result.output
    assert "1 event\n" in result.output or "1 event " in result.output
    assert EVENTS["cancel"].event_id in result.output
    assert EVENTS["call"].event_id not in result.output


def test_cli_events_csv_has_one_row_per_event(run):
    result = run("events", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["event_id"] for r in rows] == [
        EVENTS[n].event_id for n in ("dialogue", "cancel", "call")
    ]


@pytest.mark.parametrize(
    "args, complaint",
    [
        (["--since", "March 3019"], "use YYYY, YYYY-MM or YYYY-MM-DD"),
        (["--type", "PARLEY"], "--type"),
        (["--format", "xml"], "--format"),
    ],
)
def test_cli_events_refuses_bad_options(run, args, complaint):
    result = run("events", *args)
    assert result.exit_code == 2
    assert complaint in result.output


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_cli_export_to_stdout_and_file_agree(run, tmp_path, fmt):
    to_stdout = run("export", "--format", fmt)
    target = tmp_path / f"events.{fmt}"
    to_file = run("export", "--format", fmt, "--out", str(target))
    assert to_stdout.exit_code == to_file.exit_code == 0
    assert target.read_text("utf-8") == to_stdout.stdout
    assert EVENTS["cancel"].event_id in to_stdout.stdout


def test_cli_export_jsonl_writes_spec_records(run):
    result = run("export")
    docs = [json.loads(line)["doc"] for line in result.stdout.splitlines()]
    assert docs == ["annals", "annals", "chronicle"]


def test_cli_export_unknown_format_lists_formats(run):
    result = run("export", "--format", "xml")
    assert result.exit_code == 2
    assert "jsonl" in result.output and "csv" in result.output
