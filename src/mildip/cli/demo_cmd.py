"""``mildip demo``: the main job on a folder (the bundled example corpus by default)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from mildip.analysis.summary import pair_summaries
from mildip.cli._common import settings_from_context
from mildip.cli.events_cmd import print_table
from mildip.pipeline import ingest_paths
from mildip.settings import Settings
from mildip.store import open_store


def demo(
    ctx: typer.Context,
    corpus: Path = typer.Argument(Path("examples/corpus"), help="Folder of documents to ingest."),
    report: Path | None = typer.Option(
        Path("reports/mildip-report.html"),
        "--report",
        help="Where to write the HTML report (its folder is created).",
    ),
) -> None:
    """Ingest a corpus, print the event table and a per-pair summary, write the report."""
    if report is not None and report.is_dir():
        raise typer.BadParameter(f"{report} is a folder; give a file name", param_hint="--report")
    settings = settings_from_context(ctx)
    console = Console()
    with open_store(settings.db_url) as store:
        result = ingest_paths([str(corpus)], store, settings)
        for source, reason in result.failed:
            console.print(f"[red]failed[/red] {source}: {reason}")
        events = store.events()
        documents = store.documents()
    console.print(f"{len(documents)} documents in the database.")
    print_table(events)
    summary = Table(title="Per pair (asserted events)")
    for col in ("pair", "events", "cooperative", "restrictive", "by type", "first", "last"):
        summary.add_column(col)
    for row in pair_summaries(events):
        summary.add_row(
            "-".join(row.pair),
            str(row.total),
            str(row.cooperative),
            str(row.restrictive),
            ", ".join(f"{t} {n}" for t, n in row.by_type.items()),
            row.first or "",
            row.last or "",
        )
    console.print(summary)
    if report is not None:
        from mildip.report import write_report

        path = write_report(events, documents, settings, report)
        console.print(f"Report written to {path}")
    typer.echo(workbench_hint(settings.db_url))


def workbench_hint(db_url: str) -> str:
    """How to open these events in the workbench (the commands, with ``--db`` when the
    database is not the default one)."""
    db = "" if db_url == Settings().db_url else f"--db {db_url} "
    return (
        "\nTo browse, check and correct these events in the workbench (docs/workbench.md):\n"
        f"  .venv/bin/mildip {db}users add me --role admin    # asks for a password\n"
        f"  .venv/bin/mildip {db}serve                        # then open http://127.0.0.1:8000/"
    )


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
