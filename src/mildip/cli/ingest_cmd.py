"""``mildip ingest`` and ``mildip reextract``: fill the store from files and URLs.

Exit status of ``ingest``: 0 when every input was stored (or found unchanged or a
duplicate); 1 when some input failed - every good input is still stored, and the
failures are listed on stderr and kept in the run record (``mildip runs``); 2 for a
usage error; 130 when interrupted (Ctrl-C, SIGTERM), the run recorded as such.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from mildip._exceptions import DocumentNotFoundError
from mildip.cli._common import choice, published_option, read_store, settings_from_context
from mildip.ingest.urls import is_url
from mildip.pipeline import SCHEDULERS, IngestReport, ingest_paths, interrupt_on_sigterm, reextract
from mildip.store import open_store

INTERRUPTED_EXIT = 130


def _count_inputs(inputs: list[str]) -> int:
    total = 0
    for given in inputs:
        p = Path(given)
        if not is_url(given) and p.is_dir():
            total += sum(1 for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
        else:
            total += 1
    return total


def print_report(report: IngestReport) -> None:
    """The summary on stdout; warnings, notes, duplicates, overrides and failures on stderr."""
    typer.echo(report.summary())
    for source, warning in report.warnings:
        typer.echo(f"warning: {source}: {warning}", err=True)
    for source, _doc_id, language in report.not_extracted:
        typer.echo(
            f"note: {source}: {language}: stored, no extractor for this language yet", err=True
        )
    for source, doc_id in report.duplicates:
        typer.echo(f"duplicate: {source}: same text as {doc_id}; not stored again", err=True)
    for new, old in report.new_versions:
        typer.echo(f"new version: {new} supersedes {old}", err=True)
    for carried in report.overrides:
        what = f"override {carried.override_id} ({carried.kind}: {carried.reason})"
        if carried.carried:
            typer.echo(f"{what}: carried over to the new version", err=True)
        for anchor in carried.lost:
            typer.echo(
                f"{what}: the passage {anchor} is not in the new version; the decision no "
                "longer applies to it",
                err=True,
            )
    if report.failed:
        typer.echo("Failed:", err=True)
        for source, reason in report.failed:
            typer.echo(f"  {source}: {reason}", err=True)


def ingest(
    ctx: typer.Context,
    path_or_url: list[str] = typer.Argument(
        ..., help="Files, folders (.txt .md .html .pdf .jsonl) or http(s) URLs."
    ),
    published: str | None = typer.Option(
        None,
        "--published",
        help="Publication date of inputs that give none: YYYY-MM-DD, YYYY-MM or YYYY.",
        callback=published_option,
    ),
    published_override: bool = typer.Option(
        False,
        "--published-override",
        help="Let --published replace the date every input gives.",
    ),
    allow_private: bool = typer.Option(
        False,
        "--allow-private",
        help="Fetch URLs that resolve to loopback, private or link-local addresses.",
    ),
    ignore_robots: bool = typer.Option(
        False, "--ignore-robots", help="Fetch URLs that robots.txt disallows."
    ),
    scheduler: str = typer.Option(
        "serial", "--scheduler", help="serial, or dask for a local Dask cluster."
    ),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar."),
) -> None:
    """Ingest documents and URLs, extract their events and update the database."""
    scheduler = choice(scheduler, SCHEDULERS, "--scheduler")
    if published_override and published is None:
        raise typer.BadParameter(
            "--published-override needs --published", param_hint="--published-override"
        )
    settings = settings_from_context(ctx).with_(
        allow_private=True if allow_private else None,
        respect_robots=False if ignore_robots else None,
    )
    console = Console(stderr=True)
    inputs = path_or_url
    with open_store(settings.db_url) as store:
        bar = Progress(
            TextColumn("ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            console=console,
            disable=not progress,
            transient=True,
        )
        try:
            with bar, interrupt_on_sigterm():
                task = bar.add_task("ingest", total=_count_inputs(inputs))
                report = ingest_paths(
                    inputs,
                    store,
                    settings,
                    published,
                    on_item=lambda _: bar.advance(task),
                    scheduler=scheduler,
                    published_override=published_override,
                )
        except KeyboardInterrupt:
            typer.echo(
                "interrupted: the run is recorded as interrupted (mildip runs); what was stored "
                "is kept - run the same command again to complete it",
                err=True,
            )
            raise typer.Exit(INTERRUPTED_EXIT) from None
    print_report(report)
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
