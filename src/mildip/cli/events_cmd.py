"""``mildip events``: list resolved events from the store, filtered.

``events_app`` is exported so other command modules can add subcommands
(``mildip events merge``, ``mildip events split``). Run without a subcommand, it
lists events as a table, JSON (full events with all evidence) or CSV.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated

import typer

from mildip.cli._common import partial_date, read_store
from mildip.export import write_csv
from mildip.model import EVENT_TYPES, MODALITIES, Event

EventType = Enum("EventType", {t: t for t in EVENT_TYPES}, type=str)
Modality = Enum("Modality", {m: m for m in MODALITIES}, type=str)


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


events_app = typer.Typer(
    name="events",
    help="List resolved events (filters combine); subcommands edit them.",
    invoke_without_command=True,
    no_args_is_help=False,
)


def _mechanism_cell(event: Event) -> str:
    name = event.mechanism or ""
    return f"{name} #{event.round}" if event.round is not None else name


def print_table(events: list[Event]) -> None:
    """A rich table of events on stdout."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(events)} event{'' if len(events) == 1 else 's'}")
    table.add_column("date", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("actors", no_wrap=True)
    table.add_column("initiator")
    table.add_column("mechanism")
    table.add_column("modality")
    table.add_column("docs")
    table.add_column("event_id", no_wrap=True, min_width=19)
    for e in events:
        table.add_row(
            e.date or "?",
            e.type,
            " ".join(e.actors),
            e.initiator or "",
            _mechanism_cell(e),
            e.modality,
            ", ".join(e.docs),
            e.event_id,
        )
    Console(file=sys.stdout).print(table)


@events_app.callback(invoke_without_command=True)
def list_events(
    ctx: typer.Context,
    party: Annotated[
        list[str] | None,
        typer.Option(help="A party code that must be among the actors (repeat for several)."),
    ] = None,
    type_: Annotated[
        list[EventType] | None,
        typer.Option("--type", case_sensitive=False, help="Event type (repeat: any of them)."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(callback=partial_date, help="Events on or after this date (2022-01)."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(callback=partial_date, help="Events on or before this date (2023-12)."),
    ] = None,
    mechanism: Annotated[
        str | None, typer.Option(help="Case-insensitive part of the mechanism name or id.")
    ] = None,
    doc: Annotated[
        str | None, typer.Option(help="Only events with evidence in this document.")
    ] = None,
    modality: Annotated[
        list[Modality] | None,
        typer.Option(case_sensitive=False, help="Modality (repeat: any of them)."),
    ] = None,
    format_: Annotated[
        ListFormat, typer.Option("--format", help="Output format.")
    ] = ListFormat.table,
) -> None:
    """List resolved events from the store, sorted by date, type and id."""
    if ctx.invoked_subcommand is not None:
        return
    with read_store(ctx) as store:
        events = store.events(
            party=party or None,
            type=[t.value for t in type_] if type_ else None,
            since=since,
            until=until,
            mechanism=mechanism,
            doc=doc,
            modality=[m.value for m in modality] if modality else None,
        )
    if format_ is ListFormat.json:
        typer.echo(json.dumps([e.to_dict() for e in events], ensure_ascii=False, indent=2))
    elif format_ is ListFormat.csv:
        write_csv(events, sys.stdout)
    else:
        print_table(events)


def register(app: typer.Typer) -> None:
    """Add ``mildip events`` to the main app."""
    app.add_typer(events_app, name="events")
