"""``mildip events merge A B --reason TEXT``, ``mildip events split A --reason TEXT`` and
``mildip events history A``.

Thin commands over :func:`mildip.pipeline.record_override`: the decision is
stored by its evidence anchors (so it survives re-extraction), with a row of the
review history by ``cli:<login name>``, the resolved layer is rebuilt, and the events
holding the overridden passages are printed. ``history`` prints
:func:`mildip.review.history.event_history`.
"""

from __future__ import annotations

import getpass
import json
from enum import Enum

import typer

from mildip.cli._common import read_store, settings_from_context
from mildip.cli.events_cmd import events_app, print_table


class HistoryFormat(str, Enum):
    table = "table"
    json = "json"


def cli_author() -> str:
    """The author of decisions made on the command line: ``cli:<login name>``."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _record(ctx: typer.Context, kind: str, event_ids: list[str], reason: str) -> None:
    from mildip.pipeline import record_override

    settings = settings_from_context(ctx)
    with read_store(ctx) as store:
        events = record_override(store, kind, event_ids, reason, settings, author=cli_author())
    typer.echo(f"recorded {kind} ({reason}); the resolved layer was rebuilt:")
    print_table(events)


def merge(
    ctx: typer.Context,
    event_ids: list[str] = typer.Argument(
        ..., help="Two or more event ids that are one real-world event."
    ),
    reason: str = typer.Option(
        ..., "--reason", help="Why they are one event (kept with the decision)."
    ),
) -> None:
    """Make several resolved events one event, now and after every re-extraction."""
    _record(ctx, "merge", event_ids, reason)


def split(
    ctx: typer.Context,
    event_id: str = typer.Argument(..., help="The event whose passages report different events."),
    reason: str = typer.Option(
        ..., "--reason", help="Why they are separate (kept with the decision)."
    ),
) -> None:
    """Separate every passage of a resolved event into an event of its own, for good."""
    _record(ctx, "split", [event_id], reason)


def history(
    ctx: typer.Context,
    event_id: str = typer.Argument(..., help="The event whose review history to print."),
    format_: HistoryFormat = typer.Option(HistoryFormat.table, "--format", help="Output format."),
) -> None:
    """Print every analyst decision on an event: when, who, what changed, why."""
    from mildip.review.history import describe, event_history

    with read_store(ctx) as store:
        entries = event_history(store, event_id)
    if format_ is HistoryFormat.json:
        typer.echo(json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=2))
        return
    if not entries:
        typer.echo(f"{event_id}: no analyst decision yet (as extracted)")
    for entry in entries:
        change = describe(entry)
        reason = f" - {entry.reason}" if entry.reason else ""
        typer.echo(
            f"{entry.created_at:%Y-%m-%d %H:%M:%S} UTC  {entry.kind:<7} {change.summary}{reason}"
        )
        for f in change.fields:
            typer.echo(f"    {f.field}: {f.before!r} -> {f.after!r}")


def register(app: typer.Typer) -> None:
    """Add ``merge``, ``split`` and ``history`` under ``mildip events`` (``app`` already
    holds events_app)."""
    names = {c.name for c in events_app.registered_commands}
    for name, command in (("merge", merge), ("split", split), ("history", history)):
        if name not in names:
            events_app.command(name)(command)
