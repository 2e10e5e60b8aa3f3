"""``mildip events``: list resolved events from the store, filtered.

``events_app`` is exported so other command modules can add subcommands
(``mildip events merge``, ``mildip events split``). Run without a subcommand, it
lists the events chosen by the shared filter options (:mod:`mildip.cli._filters`) as
a table on a terminal, TSV in a pipe (:mod:`mildip.cli._table`), JSON (full events
with all evidence) or CSV (the export rows).
"""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from mildip.cli._common import choice, read_store
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
from mildip.cli._table import TABLE_FORMATS, Column, choose_columns, emit
from mildip.model import Event

LIST_FORMATS: tuple[str, ...] = (*TABLE_FORMATS, "json", "csv")

EVENT_COLUMNS: tuple[Column, ...] = (
    Column("date", "date", 100, 10, no_wrap=True),
    Column("type", "type", 90, 9, no_wrap=True),
    Column("actors", "actors", 95, 7),
    Column("initiator", "by", 30, 4),
    Column("mechanism", "mechanism", 60, 14),
    Column("modality", "modality", 40, 8),
    Column("docs", "docs", 20, 10),
    Column("event_id", "event_id", 70, 19, no_wrap=True),
    Column("quote", "quote", 50, 24, optional=True),
    Column("review", "review", 45, 8, no_wrap=True, optional=True),
)
"""Columns of the event table; the lowest priority goes first on a narrow terminal."""

events_app = typer.Typer(
    name="events",
    help="List resolved events (filters combine); subcommands edit them.",
    invoke_without_command=True,
    no_args_is_help=False,
)


def _mechanism_cell(event: Event) -> str:
    name = event.mechanism or ""
    return f"{name} #{event.round}" if event.round is not None else name


def event_cells(event: Event) -> dict[str, str]:
    """The cells of one event, keyed like :data:`EVENT_COLUMNS`."""
    quote = min(event.evidence, key=lambda e: (e.doc_id, e.start)).quote if event.evidence else ""
    return {
        "date": event.date or "?",
        "type": event.type,
        "actors": " ".join(event.actors),
        "initiator": event.initiator or "",
        "mechanism": _mechanism_cell(event),
        "modality": event.modality,
        "docs": ", ".join(event.docs),
        "event_id": event.event_id,
        "quote": f"“{quote}”" if quote else "",
        "review": event.review,
    }


def print_table(
    events: list[Event],
    fmt: str = "auto",
    columns: str | None = None,
    quote: bool = False,
    review: bool = False,
) -> None:
    """The events as a table (terminal) or TSV (pipe); see :func:`mildip.cli._table.emit`.
    ``quote`` / ``review`` add the first quote / the review status as columns."""
    extra = [key for key, wanted in (("quote", quote), ("review", review)) if wanted]
    chosen, by_hand = choose_columns(EVENT_COLUMNS, columns, extra)
    title = f"{len(events)} event{'' if len(events) == 1 else 's'}"
    emit([event_cells(e) for e in events], chosen, title=title, fmt=fmt, chosen=by_hand)


@events_app.callback(invoke_without_command=True)
def list_events(
    ctx: typer.Context,
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
    format_: Annotated[
        str,
        typer.Option(
            "--format",
            help="auto (a table on a terminal, TSV in a pipe), table, tsv, json or csv.",
        ),
    ] = "auto",
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            help="Table/TSV columns in order, comma-separated: "
            + ",".join(c.key for c in EVENT_COLUMNS)
            + ".",
        ),
    ] = None,
    quote: Annotated[
        bool, typer.Option("--quote", help="Add the first evidence quote as a column.")
    ] = False,
) -> None:
    """List resolved events from the store, sorted by date, type and id (rejected events are
    left out unless --review names them; with --review the table shows a review column)."""
    if ctx.invoked_subcommand is not None:
        return
    fmt = choice(format_, LIST_FORMATS, "--format")
    choose_columns(EVENT_COLUMNS, columns)
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
        events = selection.select(store)
        documents = store.documents() if fmt == "csv" else []
    if fmt == "json":
        typer.echo(json.dumps([e.to_dict() for e in events], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        from mildip.export import write_csv

        write_csv(events, sys.stdout, documents)
    else:
        print_table(events, fmt, columns, quote, review=bool(review))


def register(app: typer.Typer) -> None:
    """Add ``mildip events`` to the main app."""
    app.add_typer(events_app, name="events")
