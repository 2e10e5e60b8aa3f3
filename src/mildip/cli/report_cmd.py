"""``mildip report``: write a self-contained HTML (or Markdown) brief from the store."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from mildip.cli._common import read_store, settings_from_context
from mildip.cli.trends_cmd import partial_date


class ReportFormat(str, Enum):
    html = "html"
    md = "md"


def report(
    ctx: typer.Context,
    out: Path = typer.Option(..., "--out", help="The file to write (e.g. brief.html)."),
    party: list[str] = typer.Option(
        [],
        "--party",
        help="Keep events involving this party (repeatable); the first is the focus, the second the reference.",
    ),
    since: str | None = typer.Option(
        None, "--since", callback=partial_date, help="First date (YYYY, YYYY-MM or YYYY-MM-DD)."
    ),
    until: str | None = typer.Option(
        None,
        "--until",
        callback=partial_date,
        help="Last date; also the status board's as-of date.",
    ),
    format_: ReportFormat = typer.Option(
        ReportFormat.html, "--format", help="html (one offline file) or md."
    ),
) -> None:
    """Write a brief: key findings, status board, timeline, trends, network, events with evidence."""
    from mildip.report import write_report
    settings = settings_from_context(ctx)
    with read_store(ctx) as store:
        events, documents = store.events(), store.documents()
    path = write_report(
        events,
        documents,
        settings,
        out,
        parties=tuple(party),
        since=since,
        until=until,
        fmt=format_.value,
    )
    typer.echo(f"wrote {path}", err=True)


def register(app: typer.Typer) -> None:
    """Add ``mildip report`` to the main app."""
    app.command("report")(report)
