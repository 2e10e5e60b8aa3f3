"""``mildip report``: a brief written from a store, HTML or Markdown."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from mildip.cli import app


@pytest.mark.parametrize(
    ("fmt", "name", "marker"),
    [
        ("html", "brief.html", '<figure class="chart" data-chart="trends">'),
        ("md", "brief.md", "## Key findings"),
    ],
)
def test_report_cli_writes_the_brief(mordor_cli, tmp_path, fmt, name, marker):
    url, settings_file = mordor_cli
    out = tmp_path / name
    result = CliRunner().invoke(
        app,
        [
            "--db",
            url,
            "--settings",
            str(settings_file),
            "report",
            "--party",
            "MOR",
            "--party",
            "GDR",
            "--until",
            "3019-06",
            "--out",
            str(out),
            "--format",
            fmt,
        ],
    )
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    assert marker in text
    assert "MOR–GDR: 2 cancellations and 1 suspension in 3019-Q1" in text
    assert (
        "3019-09" not in text.split("Events")[-1]
    )  # --until drops the announced September meeting


def test_report_cli_refuses_a_bad_date(mordor_cli, tmp_path):
    url, _ = mordor_cli
    result = CliRunner().invoke(
        app, ["--db", url, "report", "--since", "soon", "--out", str(tmp_path / "x.html")]
    )
    assert result.exit_code == 2
    assert "use YYYY, YYYY-MM or YYYY-MM-DD" in result.output
