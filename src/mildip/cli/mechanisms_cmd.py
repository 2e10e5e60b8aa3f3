"""``mildip mechanisms``: the mechanism status board (and overdue, threads, round flags).

Reads the resolved events and documents from the store, calls one library function of
:mod:`mildip.analysis` with the documents (so only what was published by ``--as-of``
counts: :mod:`mildip.analysis.asof`) and prints a table (TSV in a pipe) or JSON:

* default: :func:`~mildip.analysis.board.status_board`;
* ``--overdue``: :func:`~mildip.analysis.cadence.overdue`;
* ``--threads``: :func:`~mildip.analysis.threads.proposal_threads`;
* ``--rounds``: :func:`~mildip.analysis.consistency.round_consistency`.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from mildip.cli._common import choice, partial_date, read_store, settings_from_context
from mildip.cli._table import TABLE_FORMATS, Column, emit

BOARD_FORMATS: tuple[str, ...] = (*TABLE_FORMATS, "json")
_PRIORITIES = {
    "mechanism": 100,
    "state": 95,
    "since": 90,
    "parties": 80,
    "last round": 60,
    "evidence": 50,
    "registry": 40,
}


def _as_of(value: str | None) -> str:
    if value is None:
        return date.today().isoformat()
    return partial_date(value, "--as-of")


def _print_table(title: str, columns: list[str], rows: list[list[Any]], fmt: str) -> None:
    specs = [
        Column(c, c, _PRIORITIES.get(c, 70), 16 if c in ("mechanism", "evidence") else 8)
        for c in columns
    ]
    cells = [
        {c: "" if v is None else str(v) for c, v in zip(columns, row, strict=True)} for row in rows
    ]
    emit(cells, specs, title=title, fmt=fmt, columns_option=False)


def _quote(changes) -> str:
    cells = [f"“{c.quotes[0]}”" for c in changes if c.quotes]
    return " | ".join(cells[:2]) + (f" (+{len(cells) - 2})" if len(cells) > 2 else "")


def _fact(change) -> str:
    what = (
        (f"round {change.round}" if change.round is not None else "first round")
        if change.state == "held"
        else change.state
    )
    source = change.quotes[0] if change.quotes else ""
    source = f" ({source[:57]}...)" if len(source) > 60 else f" ({source})" if source else ""
    return f"{what} {change.date}{source}"


def _board_table(rows, as_of: str, fmt: str) -> None:
    body = []
    for r in rows:
        state = " / ".join(r.accounts) + " (conflicting)" if r.accounts else (r.state or "-")
        if r.scheduled:
            state += f"; plan announced: {r.scheduled[0].date}"
        last = f"#{r.last_round or '?'} {r.last_round_date}" if r.last_round_date else ""
        name = r.mechanism.name + (" [discovered]" if r.mechanism.discovered else "")
        body.append(
            [
                name,
                "-".join(r.mechanism.parties),
                state,
                r.since,
                last,
                _quote(r.evidence),
                "; ".join(_fact(c) for c in r.registry),
            ]
        )
    _print_table(
        f"Mechanisms as of {as_of} (state from events; registry facts apart)",
        ["mechanism", "parties", "state", "since", "last round", "evidence", "registry"],
        body,
        fmt,
    )


def _overdue_table(rows, as_of: str, fmt: str) -> None:
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
        [
            "mechanism",
            "state",
            "last round",
            "cadence (days)",
            "next expected",
            "days late",
            "status",
        ],
        body,
        fmt,
    )


def _threads_table(threads, as_of: str, fmt: str) -> None:
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
        fmt,
    )


def _quote_event(event) -> str:
    return f"“{event.evidence[0].quote}”" if event.evidence else ""


def _flags_table(flags, fmt: str) -> None:
    _print_table(
        "Round consistency",
        ["kind", "mechanism", "rounds", "message"],
        [[f.kind, f.mechanism_id, ",".join(map(str, f.rounds)), f.message] for f in flags],
        fmt,
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
            "--party",
            help="A party (code or name) every listed mechanism must include (repeat for several).",
        ),
    ] = None,
    format_: Annotated[
        str,
        typer.Option(
            "--format", help="auto (a table on a terminal, TSV in a pipe), table, tsv or json."
        ),
    ] = "auto",
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
    from mildip._exceptions import DataFileError, UnknownPartyError
    from mildip.kb.mechanisms import Registry, load_registry
    from mildip.kb.parties import resolve_party

    if sum([show_overdue, show_threads, show_rounds]) > 1:
        raise typer.BadParameter("choose one of --overdue, --threads, --rounds")
    fmt = choice(format_, BOARD_FORMATS, "--format")
    day = _as_of(as_of)
    settings = settings_from_context(ctx)
    registry = load_registry(settings)
    if registry_file is not None:
        try:
            registry = Registry.from_file(registry_file, registry)
        except DataFileError as exc:
            raise typer.BadParameter(str(exc), param_hint="--registry") from None
    with read_store(ctx) as store:
        parties = []
        for value in party or ():
            try:
                match = resolve_party(value, store.parties())
            except UnknownPartyError as exc:
                raise typer.BadParameter(str(exc), param_hint="--party") from None
            if match.note:
                typer.echo(f"note: --party: {match.note}", err=True)
            parties.append(match.code)
        events, documents = store.events(party=parties or None), store.documents()
    if show_overdue:
        result, table = overdue(events, day, settings, registry, documents), _overdue_table
    elif show_threads:
        result = proposal_threads(events, day, settings, documents)
        table = _threads_table
    elif show_rounds:
        result = round_consistency(events, registry)
        table = lambda flags, _, fmt: _flags_table(flags, fmt)  # noqa: E731
    else:
        result = status_board(
            events, day, parties, registry, include_silent=not with_events, documents=documents
        )
        table = _board_table
    if fmt == "json":
        typer.echo(json.dumps([r.to_dict() for r in result], ensure_ascii=False, indent=2))
    else:
        table(result, day, fmt)


def register(app: typer.Typer) -> None:
    """Add ``mildip mechanisms`` to the main app."""
    app.command("mechanisms")(mechanisms)
