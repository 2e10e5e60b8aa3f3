"""``mildip trends``: the side-by-side comparison read from a store, as table, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from mildip.cli import app

ARGS = ["trends", "--party", "MOR", "--vs", "GDR", "--vs-group", "gondor-allies", "--by", "quarter"]


def _run(mordor_cli, *extra):
    url, settings_file = mordor_cli
    return CliRunner().invoke(app, ["--db", url, "--settings", str(settings_file), *ARGS, *extra])


def test_trends_cli_json_has_series_and_freeze_out(mordor_cli):
    result = _run(mordor_cli, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [s["key"] for s in data["series"]] == ["MOR–GDR", "MOR–gondor-allies"]
    assert data["series"][0]["total"]["restrictive"] == 3
    assert data["freeze_out"][0]["overall"] == pytest.approx(2.0)


def test_trends_cli_csv_has_one_row_per_period_and_dyad(mordor_cli):
    result = _run(mordor_cli, "--format", "csv", "--since", "3019-01", "--until", "3019-06")
    assert result.exit_code == 0, result.output
    rows = {(r["period"], r["dyad"]): r for r in csv.DictReader(io.StringIO(result.output))}
    assert list(rows) == [
        (period, dyad)
        for period in ("3019-Q1", "3019-Q2", "total")
        for dyad in ("MOR–GDR", "MOR–gondor-allies")
    ]
    assert rows["3019-Q1", "MOR–GDR"]["restr"] == "3"
    assert rows["3019-Q1", "MOR–GDR"]["freeze-out vs GDR"] == ""
    assert rows["3019-Q2", "MOR–gondor-allies"]["coop"] == "2"
    assert float(rows["3019-Q1", "MOR–gondor-allies"]["freeze-out vs GDR"]) == pytest.approx(
        0 - (1 - 3) / (1 + 1)
    )


def test_trends_cli_table_is_the_default(mordor_cli):
    result = _run(mordor_cli)
    assert result.exit_code == 0, result.output
    assert "3019-Q1" in result.output and "total" in result.output


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--since", "3019-13"], "month must be in 1..12"),
        (["--since", "March"], "use YYYY, YYYY-MM or YYYY-MM-DD"),
        (["--by", "week"], "week"),
        (["--smoothing", "0"], "must be positive"),
    ],
)
def test_trends_cli_bad_options_are_usage_errors(mordor_cli, extra, message):
    result = _run(mordor_cli, *extra)
    assert result.exit_code == 2
    assert message in result.output


def test_trends_cli_unknown_group_names_the_known_ones(mordor_cli):
    url, settings_file = mordor_cli
    result = CliRunner().invoke(
        app, ["--db", url, "--settings", str(settings_file), "trends", "--vs-group", "shire"]
    )
    assert result.exit_code == 2
    assert "known groups" in result.stderr and "Traceback" not in result.output
