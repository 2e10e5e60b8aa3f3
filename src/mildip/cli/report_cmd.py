"""``mildip report``: write a self-contained HTML (or Markdown) brief from the store.

The events are chosen by the shared filter options (:mod:`mildip.cli._filters`); the
format is ``--format``, else the extension of ``--out``; a contradiction is refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mildip.cli._common import format_for, output_file, read_store, settings_from_context
from mildip.cli._filters import (
    AnyPartyOption,
    MechanismOption,
    ModalityOption,
    PartyOption,
    SinceOption,
    TypeOption,
    UntilOption,
    build_filter,
)


def report(
    ctx: typer.Context,
    out: Annotated[
        Path, typer.Option("--out", help="The file to write: brief.html, or brief.md for Markdown.")
    ],
    party: PartyOption = None,
    any_party: AnyPartyOption = None,
    type_: TypeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    mechanism: MechanismOption = None,
    modality: ModalityOption = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="The brief is what was known on this date (default: the last day of --until).",
        ),
    ] = None,
    vs_group: Annotated[
        list[str] | None,
        typer.Option(
            "--vs-group",
            help="Compare the focus party with this group too (repeatable); with two --party "
            "codes there is none unless given.",
        ),
    ] = None,
    format_: Annotated[
        str | None,
        typer.Option("--format", help="html (one offline file) or md; default: from --out."),
    ] = None,
) -> None:
    """Write a brief: key findings, status board, timeline, trends, network, events with evidence.

    The title and subtitle state the filter; the first --party is the focus, the second
    the reference of the comparison.
    """
    from mildip._exceptions import UnknownGroupError
    from mildip.kb.groups import get_group
    from mildip.report import write_report
    from mildip.report.render import REPORT_SUFFIXES

    fmt = format_for(format_, out, REPORT_SUFFIXES, "html")
    output_file(out)
    settings = settings_from_context(ctx)
    for group in vs_group or ():
        try:
            get_group(group, settings)
        except UnknownGroupError as exc:
            raise typer.BadParameter(str(exc), param_hint="--vs-group") from None
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
            as_of=as_of,
        )
        events, documents = store.events(), store.documents()
    path = write_report(
        events,
        documents,
        settings,
        out,
        selection=selection,
        vs_groups=vs_group or None,
        fmt=fmt,
    )
    typer.echo(f"wrote {path} ({fmt})", err=True)


def register(app: typer.Typer) -> None:
    """Add ``mildip report`` to the main app."""
    app.command("report")(report)
