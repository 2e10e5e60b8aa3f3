"""``mildip export``: write every resolved event in a registered export format."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from mildip._exceptions import UnknownFormatError
from mildip.cli._common import read_store
from mildip.export import FORMATS, writer_for


def export(
    ctx: typer.Context,
    format_: Annotated[
        str, typer.Option("--format", help=f"Export format: {', '.join(sorted(FORMATS))}.")
    ] = "jsonl",
    out: Annotated[
        Path | None, typer.Option(help="Write to this file instead of standard output.")
    ] = None,
) -> None:
    """Export the resolved events (one record per event and document)."""
    try:
        writer = writer_for(format_)
    except UnknownFormatError as exc:
        raise typer.BadParameter(str(exc), param_hint="--format") from None
    with read_store(ctx) as store:
        events = store.events()
    if out is None:
        writer(events, sys.stdout)
        return
    with out.open("w", encoding="utf-8", newline="") as fp:
        writer(events, fp)
    typer.echo(f"wrote {len(events)} events to {out}", err=True)


def register(app: typer.Typer) -> None:
    """Add ``mildip export`` to the main app."""
    app.command("export")(export)
