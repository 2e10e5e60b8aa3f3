"""``mildip ingest`` and ``mildip reextract``: fill the store from files."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from mildip._exceptions import DocumentNotFoundError
from mildip.cli._common import choice, published_option, read_store, settings_from_context
from mildip.pipeline import SCHEDULERS, ingest_paths, reextract
from mildip.store import open_store


def _count_inputs(paths: list[Path]) -> int:
    total = 0
    for p in paths:
        if p.is_dir():
            total += sum(1 for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
        else:
            total += 1
    return total


def ingest(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., help="Files or folders (.txt .md .html .pdf .jsonl)."),
    published: str | None = typer.Option(
        None,
        "--published",
        help="Publication date of every input, overriding theirs: YYYY-MM-DD, YYYY-MM or YYYY.",
        callback=published_option,
    ),
    scheduler: str = typer.Option(
        "serial", "--scheduler", help="serial, or dask for a local Dask cluster."
    ),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar."),
) -> None:
    """Ingest documents, extract their events and update the database."""
    scheduler = choice(scheduler, SCHEDULERS, "--scheduler")
    settings = settings_from_context(ctx)
    console = Console(stderr=True)
    with open_store(settings.db_url) as store:
        bar = Progress(
            TextColumn("ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            console=console,
            disable=not progress,
            transient=True,
        )
        with bar:
            task = bar.add_task("ingest", total=_count_inputs(paths))
            report = ingest_paths(
                [str(p) for p in paths],
                store,
                settings,
                published,
                on_item=lambda _: bar.advance(task),
                scheduler=scheduler,
            )
    typer.echo(
        f"{len(report.added)} document(s) added, {len(report.unchanged)} unchanged, "
        f"{len(report.failed)} failed; {report.mentions} event mention(s) extracted, "
        f"{report.events} event(s) in the database."
    )
    for source, warning in report.warnings:
        typer.echo(f"warning: {source}: {warning}", err=True)
    if report.failed:
        typer.echo("Failed:", err=True)
        for source, reason in report.failed:
            typer.echo(f"  {source}: {reason}", err=True)
    if not report.ok:
        raise typer.Exit(1)


def reextract_command(
    ctx: typer.Context,
    doc: list[str] | None = typer.Option(None, "--doc", help="Only these document ids."),
) -> None:
    """Re-run extraction over stored documents (after upgrading mildip or its data)."""
    settings = settings_from_context(ctx)
    with read_store(ctx) as store:
        try:
            n = reextract(store, settings, doc)
        except DocumentNotFoundError as exc:
            raise typer.BadParameter(str(exc), param_hint="--doc") from None
    typer.echo(f"re-extracted; {n} event(s) in the database.")


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("reextract")(reextract_command)
