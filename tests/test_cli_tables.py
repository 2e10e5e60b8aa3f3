"""Terminal tables fit the width and become TSV in a pipe; exports carry document metadata."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from typer.testing import CliRunner

from mildip.cli import app
from mildip.cli._table import Column, emit, fit
from mildip.export import DOCUMENT_KEYS, parquet_table, write_jsonl
from mildip.model import Document, Event, Evidence
from mildip.store import open_store

QUOTE = "Mordor cancelled the Osgiliath Talks, a channel opened in 3001."
DOCUMENTS = [
    Document(
        "red-book",
        QUOTE,
        url="https://example.org/red-book",
        title="The Red Book",
        publication="Westmarch Press",
        published=date(3019, 3, 6),
    ),
]
EVENTS = [
    Event(
        "CANCEL",
        ("GDR", "MOR"),
        "3019-03-05",
        initiator="MOR",
        mechanism="Gondor-Mordor Osgiliath Talks",
        evidence=[Evidence("red-book", 0, len(QUOTE), QUOTE, "test")],
    ),
]
"""Invented parties: GDR Gondor, MOR Mordor."""


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'tables.db'}"
    with open_store(url) as store:
        for doc in DOCUMENTS:
            store.add_document(doc)
        store.save_events(EVENTS)
    return url


def test_cli_tables_piped_output_is_tsv_with_a_header(db):
    result = CliRunner().invoke(app, ["--db", db, "events", "--quote"])
    header, row = result.stdout.splitlines()
    assert header.split("\t") == [
        "date",
        "type",
        "actors",
        "initiator",
        "mechanism",
        "modality",
        "docs",
        "event_id",
        "quote",
    ]
    assert row.split("\t")[0] == "3019-03-05" and row.endswith(f"“{QUOTE}”")


def test_cli_tables_columns_choose_and_order(db):
    result = CliRunner().invoke(app, ["--db", db, "events", "--columns", "quote,date"])
    assert result.stdout.splitlines() == ["quote\tdate", f"“{QUOTE}”\t3019-03-05"]


@pytest.mark.parametrize(("width", "hidden"), [(200, []), (80, ["docs", "initiator"]), (50, None)])
def test_cli_tables_narrow_terminals_drop_low_value_columns(db, width, hidden):
    result = CliRunner().invoke(
        app, ["--db", db, "events", "--format", "table"], env={"COLUMNS": str(width)}
    )
    assert result.exit_code == 0
    assert all(len(line) <= width for line in result.stdout.splitlines())
    if hidden == []:
        assert "hidden" not in result.stdout
    elif hidden:
        assert f"hidden to fit {width} columns: {', '.join(hidden)}" in " ".join(
            result.stdout.split()
        )


def test_cli_tables_fit_keeps_high_priority_columns():
    columns = [Column("a", "a", 100, 10), Column("b", "b", 10, 10), Column("c", "c", 50, 10)]
    kept, dropped = fit(columns, 30)
    assert ([c.key for c in kept], [c.key for c in dropped]) == (["a", "c"], ["b"])


def test_cli_tables_tsv_cells_hold_no_tabs_or_newlines():
    out = io.StringIO()
    emit([{"a": "x\ty\nz"}], [Column("a", "a", 1, 1)], title="t", fmt="tsv", out=out)
    assert out.getvalue() == "a\nx y z\n"


def test_cli_tables_export_rows_carry_the_document(db, tmp_path):
    out = tmp_path / "events.csv"
    result = CliRunner().invoke(app, ["--db", db, "export", "--out", str(out)])
    assert result.exit_code == 0, result.output
    (row,) = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [row[k] for k in DOCUMENT_KEYS] == [
        "https://example.org/red-book",
        "The Red Book",
        "Westmarch Press",
        "3019-03-06",
    ]


def test_cli_tables_jsonl_records_carry_the_document():
    out = io.StringIO()
    write_jsonl(EVENTS, out, DOCUMENTS)
    record = json.loads(out.getvalue())
    assert (
        record["doc_url"],
        record["doc_title"],
        record["doc_outlet"],
        record["doc_published"],
    ) == ("https://example.org/red-book", "The Red Book", "Westmarch Press", "3019-03-06")


def test_cli_tables_parquet_round_trip(db, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "events.parquet"
    result = CliRunner().invoke(app, ["--db", db, "export", "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    (row,) = table.to_pylist()
    assert row["actors"] == ["GDR", "MOR"] and row["doc_published"] == date(3019, 3, 6)
    assert table.schema == parquet_table(EVENTS, DOCUMENTS).schema
