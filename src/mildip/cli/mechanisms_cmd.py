"""``mildip mechanisms``: the mechanism status board (and overdue, threads, round flags).

Reads the resolved events from the store, calls one library function of
:mod:`mildip.analysis` and prints a table or JSON:

* default: :func:`~mildip.analysis.board.status_board`;
* ``--overdue``: :func:`~mildip.analysis.cadence.overdue`;
* ``--threads``: :func:`~mildip.analysis.threads.proposal_threads`;
* ``--rounds``: :func:`~mildip.analysis.consistency.round_consistency`.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from mildip.cli._common import read_store, settings_from_context


class BoardFormat(str, Enum):
    table = "table"
    json = "json"


def _as_of(value: str | None) -> str:
    from mildip.analysis.lifecycle import as_of_date

    if value is None:
        return date.today().isoformat()
    try:
        as_of_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    return value


def _print_table(title: str, columns: list[str], rows: list[list[Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    Console(file=sys.stdout, width=None if sys.stdout.isatty() else 200).print(table)


def _quote(changes) -> str:
    cells = [
        f"[registry] {c.quotes[0]}" if c.event_type == "REGISTRY" else f"“{c.quotes[0]}”"
        for c in changes
        if c.quotes
    ]
    return " | ".join(cells[:2]) + (f" (+{len(cells) - 2})" if len(cells) > 2 else "")


def _board_table(rows, as_of: str) -> None:
    body = []
    for r in rows:
        state = " / ".join(r.accounts) + " (conflicting)" if r.accounts else (r.state or "-")
        if r.scheduled:
            state += f"; scheduled {r.scheduled[0].date}"
        last = f"#{r.last_round or '?'} {r.last_round_date}" if r.last_round_date else ""
        name = r.mechanism.name + (" [discovered]" if r.mechanism.discovered else "")
        body.append([name, "-".join(r.mechanism.parties), state, r.since, last, _quote(r.evidence)])
    _print_table(
        f"Mechanisms as of {as_of}",
        ["mechanism", "parties", "state", "since", "last round", "evidence"],
        body,
    )


def _overdue_table(rows, as_of: str) -> None:
    body = [
        [
            r.mechanism.name,
            r.state,
            f"#{r.last_round or '?'} {r.last_round_date}",
            r.cadence_days,
            r.next_expected.isoformat(),
            r.days_late,
            "halted" if r.halted else "overdue",
        ]
        for r in rows
    ]
    _print_table(
        f"Overdue mechanisms as of {as_of}",
        ["mechanism", "state", "last round", "cadence (days)", "next expected", "days late", ""],
        body,
    )


def _threads_table(threads, as_of: str) -> None:
    body = []
    for t in threads:
        p = t.proposal
        answers = "; ".join(f"{a.type} {a.date}" for a in t.answers)
        status = answers or ("waiting" if t.window_open else f"unanswered ({t.days_waiting} days)")
        body.append([p.date, "-".join(p.actors), p.initiator, p.mechanism, status, _quote_event(p)])
    _print_table(
        f"Proposals as of {as_of}",
        ["date", "actors", "by", "mechanism", "answer", "evidence"],
        body,
    )


def _quote_event(event) -> str:
    return f"“{event.evidence[0].quote}”" if event.evidence else ""


def _flags_table(flags) -> None:
    _print_table(
        "Round consistency",
        ["kind", "mechanism", "rounds", "message"],
        [[f.kind, f.mechanism_id, ",".join(map(str, f.rounds)), f.message] for f in flags],
    )


def mechanisms(
    ctx: typer.Context,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="The date of the board: YYYY-MM-DD (or YYYY-MM / YYYY: its last day). Default: today.",
        ),
    ] = None,
    party: Annotated[
        list[str] | None,
        typer.Option(
            "--party", help="A party code every listed mechanism must include (repeat for several)."
        ),
    ] = None,
    format_: Annotated[
        BoardFormat, typer.Option("--format", help="Output format.")
    ] = BoardFormat.table,
    show_overdue: Annotated[
        bool, typer.Option("--overdue", help="List mechanisms overdue for a round instead.")
    ] = False,
    show_threads: Annotated[
        bool, typer.Option("--threads", help="List proposals and their answers instead.")
    ] = False,
    show_rounds: Annotated[
        bool, typer.Option("--rounds", help="List round-consistency flags instead.")
    ] = False,
    with_events: Annotated[
        bool, typer.Option("--with-events", help="Only mechanisms that some event names.")
    ] = False,
    registry_file: Annotated[
        Path | None,
        typer.Option(
            "--registry",
            help="A TOML file of extra mechanisms (same format as the shipped registry).",
        ),
    ] = None,
) -> None:
    """Every mechanism's state as of a date: since when, last round, and the evidence."""
    from mildip.analysis.board import status_board
    from mildip.analysis.cadence import overdue
    from mildip.analysis.consistency import round_consistency
    from mildip.analysis.threads import proposal_threads
    from mildip.kb.mechanisms import Registry, load_registry

    if sum([show_overdue, show_threads, show_rounds]) > 1:
        raise typer.BadParameter("choose one of --overdue, --threads, --rounds")
    day = _as_of(as_of)
    settings = settings_from_context(ctx)
    registry = load_registry(settings)
    if registry_file is not None:
        registry = Registry.from_file(registry_file, registry)
    parties = [p.upper() for p in party or ()]
    with read_store(ctx) as store:
        events = store.events(party=parties or None)
    if show_overdue:
        result, table = overdue(events, day, settings, registry), _overdue_table
    elif show_threads:
        result, table = proposal_threads(events, day, settings), _threads_table
    elif show_rounds:
        result, table = round_consistency(events, registry), (lambda flags, _: _flags_table(flags))
    else:
        result = status_board(events, day, parties, registry, include_silent=not with_events)
        table = _board_table
    if format_ is BoardFormat.json:
        typer.echo(json.dumps([r.to_dict() for r in result], ensure_ascii=False, indent=2))
    else:
        table(result, day)


def register(app: typer.Typer) -> None:
    """Add ``mildip mechanisms`` to the main app."""
    app.command("mechanisms")(mechanisms)
