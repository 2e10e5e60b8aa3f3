"""``mildip events merge A B --reason TEXT`` and ``mildip events split A --reason TEXT``.

Thin commands over :func:`mildip.pipeline.record_override`: the decision is
stored by its evidence anchors (so it survives re-extraction), the resolved layer
is rebuilt, and the events holding the overridden passages are printed.
"""

from __future__ import annotations

import typer

from mildip.cli._common import read_store, settings_from_context
from mildip.cli.events_cmd import events_app, print_table


def _record(ctx: typer.Context, kind: str, event_ids: list[str], reason: str) -> None:
    from mildip.pipeline import record_override

    settings = settings_from_context(ctx)
    with read_store(ctx) as store:
        events = record_override(store, kind, event_ids, reason, settings)
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


def register(app: typer.Typer) -> None:
    """Add ``merge`` and ``split`` under ``mildip events`` (``app`` already holds events_app)."""
    names = {c.name for c in events_app.registered_commands}
    if "merge" not in names:
        events_app.command("merge")(merge)
    if "split" not in names:
        events_app.command("split")(split)
