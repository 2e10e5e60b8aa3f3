"""``mildip export``: write the resolved events chosen by the filter options in an export format.

The format is ``--format``, else the extension of ``--out`` (``events.parquet``), else
jsonl; a ``--format`` that contradicts the extension is refused. Binary formats
(Parquet) go to a file, or to standard output only when it is not a terminal.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from mildip.cli._common import format_for, output_file, read_store
from mildip.cli._filters import (
    AnyPartyOption,
    AsOfOption,
    DocOption,
    MechanismOption,
    ModalityOption,
    PartyOption,
    ReviewOption,
    SinceOption,
    TypeOption,
    UntilOption,
    build_filter,
)
from mildip.export import BINARY_FORMATS, FORMAT_SUFFIXES, writer_for


def export(
    ctx: typer.Context,
    format_: Annotated[
        str | None,
        typer.Option(
            "--format",
            help=f"Export format: {', '.join(FORMAT_SUFFIXES)} (default: from the --out "
            "extension, else jsonl).",
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write to this file instead of standard output.")
    ] = None,
    party: PartyOption = None,
    any_party: AnyPartyOption = None,
    type_: TypeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    mechanism: MechanismOption = None,
    doc: DocOption = None,
    modality: ModalityOption = None,
    review: ReviewOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Export the resolved events (one row per event and document, with the document's URL,
    title, outlet and publication date)."""
    fmt = format_for(format_, out, dict(FORMAT_SUFFIXES), "jsonl")
    if out is not None:
        output_file(out)
    binary = fmt in BINARY_FORMATS
    if binary and out is None and sys.stdout.isatty():
        raise typer.BadParameter(
            f"{fmt} is binary; give --out FILE.{fmt} or redirect standard output",
            param_hint="--format",
        )
    writer = writer_for(fmt)
    with read_store(ctx) as store:
        selection = build_filter(
            store,
            party=party,
            any_party=any_party,
            type_=type_,
            modality=modality,
            since=since,
            until=until,
            mechanism=mechanism,
            doc=doc,
            review=review,
            as_of=as_of,
        )
        events, documents = selection.select(store), store.documents()
    if out is None:
        stream = sys.stdout.buffer if binary else sys.stdout
        writer(events, stream, documents)
        stream.flush()
        return
    with out.open(
        "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})
    ) as fp:
        writer(events, fp, documents)
    typer.echo(f"wrote {len(events)} events to {out} ({fmt})", err=True)


def register(app: typer.Typer) -> None:
    """Add ``mildip export`` to the main app."""
    app.command("export")(export)
