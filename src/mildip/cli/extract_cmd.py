"""``mildip extract``: events of files, printed, without a database."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer

from mildip._exceptions import IngestError
from mildip.cli._common import published_option, settings_from_context
from mildip.export import write_csv, write_jsonl
from mildip.api import extract_document
from mildip.ingest import iter_documents


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


def extract(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., help="Files or folders to read."),
    fmt: ExtractFormat = typer.Option(
        ExtractFormat.jsonl, "--format", help="jsonl (spec records) or csv."
    ),
    published: str | None = typer.Option(
        None,
        "--published",
        help="Publication date of inputs that give none: YYYY-MM-DD, YYYY-MM or YYYY.",
        callback=published_option,
    ),
    published_override: bool = typer.Option(
        False, "--published-override", help="Let --published replace the date every input gives."
    ),
) -> None:
    """Extract events from files and print them (nothing is stored)."""
    settings = settings_from_context(ctx)
    events = []
    documents = []
    failed = 0
    if published_override and published is None:
        raise typer.BadParameter(
            "--published-override needs --published", param_hint="--published-override"
        )
    for item in iter_documents(
        [str(p) for p in paths], settings, published, published_override=published_override
    ):
        if isinstance(item, IngestError):
            typer.echo(f"skipped {item.source}: {item.reason}", err=True)
            failed += 1
            continue
        for warning in item.meta.get("warnings", ()):
            typer.echo(f"warning: {item.source_path or item.doc_id}: {warning}", err=True)
        documents.append(item)
        events.extend(extract_document(item, settings))
    (write_jsonl if fmt is ExtractFormat.jsonl else write_csv)(events, sys.stdout, documents)
    if failed and not events:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
