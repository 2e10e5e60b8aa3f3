"""``mildip trends``: one party against parties and groups, period by period, with the freeze-out indicator."""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum

import typer

from mildip.cli._common import partial_date, read_store, settings_from_context


class TrendsFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class Period(str, Enum):
    month = "month"
    quarter = "quarter"
    year = "year"


class Coverage(str, Enum):
    dyad = "dyad"
    corpus = "corpus"


_SHORT_HEADERS = {"scheduled": "sched", "coverage": "cov", "net rate": "rate"}


def _print_table(rows: list[dict], party: str, title: str) -> None:
    """Rich table of :meth:`Comparison.long_rows`, headers shortened to fit 80 columns."""
    from rich.console import Console
    from rich.table import Table

    table = Table(
        title=title, caption="rate = (coop - restr) / (cov + alpha); see docs/indicators.md"
    )
    keys = list(rows[0]) if rows else ["period"]
    for key in keys:
        header = (
            "vs"
            if key == "dyad"
            else _SHORT_HEADERS.get(key, key.replace("freeze-out vs ", "freeze vs "))
        )
        left = key in ("period", "dyad")
        table.add_column(header, justify="left" if left else "right", no_wrap=left)
    for row in rows:
        cells = dict(row)
        if "dyad" in cells:
            cells["dyad"] = cells["dyad"].removeprefix(f"{party}–")
        table.add_row(*("" if cells[k] is None else str(cells[k]) for k in keys))
    Console().print(table)


def trends(
    ctx: typer.Context,
    party: str = typer.Option("CHN", "--party", help="The party whose engagements are counted."),
    vs: list[str] = typer.Option(["USA"], "--vs", help="A counterpart party (repeatable)."),
    vs_group: list[str] = typer.Option(
        ["us-allies"],
        "--vs-group",
        help="A counterpart group, membership on each event's date (repeatable).",
    ),
    by: Period = typer.Option(Period.quarter, "--by", help="Period length."),
    since: str | None = typer.Option(
        None, "--since", callback=partial_date, help="First date (YYYY, YYYY-MM or YYYY-MM-DD)."
    ),
    until: str | None = typer.Option(
        None, "--until", callback=partial_date, help="Last date (YYYY, YYYY-MM or YYYY-MM-DD)."
    ),
    smoothing: float = typer.Option(
        1.0, "--smoothing", help="Smoothing constant alpha of the net rate (> 0)."
    ),
    coverage: Coverage = typer.Option(
        Coverage.dyad,
        "--coverage",
        help="Denominator: documents mentioning the dyad, or all documents.",
    ),
    format_: TrendsFormat = typer.Option(TrendsFormat.table, "--format", help="Output format."),
) -> None:
    """Print side-by-side series (party vs each --vs and --vs-group) and the freeze-out indicator.

    One row per period and dyad (table and CSV); JSON gives every count, by type and level.
    """
    from mildip.analysis.trends import compare
    settings = settings_from_context(ctx)
    with read_store(ctx) as store:
        events, documents = store.events(), store.documents()
    try:
        result = compare(
            events,
            documents,
            party=party,
            vs=vs,
            vs_groups=vs_group,
            by=by.value,
            settings=settings,
            since=since,
            until=until,
            smoothing=smoothing,
            coverage=coverage.value,
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    rows = result.long_rows()
    if format_ is TrendsFormat.json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif format_ is TrendsFormat.csv:
        writer = csv.DictWriter(
            sys.stdout, fieldnames=list(rows[0]) if rows else ["period"], lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)
    else:
        _print_table(
            rows, party, f"{party} by {by.value} ({coverage.value} coverage, alpha={smoothing:g})"
        )


def register(app: typer.Typer) -> None:
    """Add ``mildip trends`` to the main app."""
    app.command("trends")(trends)
