"""``mildip ingest`` / ``mildip extract``: --published at day, month or year precision,
and warnings on stderr. Texts are about invented parties (Arnor, Gondor)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from typer.testing import CliRunner

from mildip.cli import app
from mildip.store import open_store

TALKS = "Arnor and Gondor held their first security dialogue in four years in Annuminas.\n"
ENV = {"MILDIP_USE_SPACY": "false"}


@pytest.fixture
def cli(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(app, ["--db", db, *args], env=ENV)

    run.db = db
    return run


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("value", "published", "precision"),
    [
        ("3019-03-25", date(3019, 3, 25), "day"),
        ("3019-03", date(3019, 3, 1), "month"),
        ("3019", date(3019, 1, 1), "year"),
    ],
)
def test_cli_ingest_published_keeps_its_precision(cli, tmp_path, value, published, precision):
    result = cli("ingest", "--no-progress", "--published", value, _write(tmp_path, "t.txt", TALKS))
    assert result.exit_code == 0, result.output
    with open_store(cli.db) as store:
        doc = store.get_document("t")
    assert (doc.published, doc.published_precision) == (published, precision)


@pytest.mark.parametrize("command", ["ingest", "extract"])
@pytest.mark.parametrize("value", ["soon", "3019-13", "3019-03-25 (approx.)"])
def test_cli_published_that_is_no_date_is_a_usage_error(cli, tmp_path, command, value):
    result = cli(command, "--published", value, _write(tmp_path, "t.txt", TALKS))
    assert result.exit_code == 2
    shown = " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.stderr).split())  # rich's error box
    assert f"published date {value!r} is not a date; write YYYY, YYYY-MM" in shown
    assert "Traceback" not in result.output + result.stderr


def test_cli_extract_accepts_a_month(cli, tmp_path):
    result = cli("extract", "--published", "3019-03", _write(tmp_path, "t.txt", TALKS))
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_cli_prints_ingest_warnings_on_stderr(cli, tmp_path, command):
    path = _write(tmp_path, "t.txt", "DATE: 3019-03-25 (updated)\n---\n" + TALKS)
    args = ("ingest", "--no-progress", path) if command == "ingest" else ("extract", path)
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    assert (
        f"warning: {path}: header DATE '3019-03-25 (updated)' read as 3019-03-25; "
        "ignored the text after the date"
    ) in result.stderr.splitlines()


def test_cli_ingest_month_header_is_no_longer_refused(cli, tmp_path):
    result = cli(
        "ingest", "--no-progress", _write(tmp_path, "t.txt", "DATE: 3019-03\n---\n" + TALKS)
    )
    assert result.exit_code == 0, result.stderr
    assert "1 document(s) added" in result.output and "0 failed" in result.output
