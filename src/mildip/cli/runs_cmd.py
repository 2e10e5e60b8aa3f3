"""``mildip runs``: the recorded ingest runs, or one run with each of its inputs.

A thin command over :mod:`mildip.store.runs`. A run killed outright (``kill -9``)
is shown as ``interrupted`` although nothing could record it.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from enum import Enum
from typing import Annotated

import typer

from mildip.cli._common import read_store


class Format(str, Enum):
    table = "table"
    json = "json"


COUNT_ORDER = ("added", "new_version", "resumed", "unchanged", "duplicate", "failed")


def _counts(counts: dict[str, int]) -> str:
    parts = [f"{counts[k]} {k.replace('_', ' ')}" for k in COUNT_ORDER if counts.get(k)]
    for key in ("mentions", "events"):
        if key in counts:
            parts.append(f"{counts[key]} {key}")
    return ", ".join(parts)


def _when(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else ""


def runs_command(
    ctx: typer.Context,
    run_id: Annotated[
        int | None, typer.Argument(help="Show this run with each of its inputs.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many recent runs to list.")] = 20,
    failures: Annotated[
        bool, typer.Option("--failures", help="With RUN_ID: only the inputs that failed.")
    ] = False,
    format_: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """List recorded ingest runs (newest first), or show one run's inputs and failures."""
    from rich.console import Console
    from rich.table import Table

    from mildip._exceptions import MildipError
    from mildip.store.runs import get_run, list_runs

    with read_store(ctx) as store:
        if run_id is None:
            runs = list_runs(store, limit=limit)
        else:
            run = get_run(store, run_id)
            if run is None:
                raise MildipError(f"no run {run_id}; list them with `mildip runs`")
    console = Console(file=sys.stdout)
    if run_id is None:
        if format_ is Format.json:
            typer.echo(
                json.dumps([{**asdict(r), "state": r.state} for r in runs], default=str, indent=2)
            )
            return
        table = Table(title=f"{len(runs)} run(s)")
        for column in (
            "run",
            "command",
            "started (UTC)",
            "ended (UTC)",
            "state",
            "inputs",
            "counts",
        ):
            table.add_column(column, overflow="fold")
        for r in runs:
            shown = list(r.inputs) or list(r.options.get("sources", ()))
            inputs = ", ".join(shown[:2]) + (f" (+{len(shown) - 2})" if len(shown) > 2 else "")
            table.add_row(
                str(r.run_id),
                r.command,
                _when(r.started_at),
                _when(r.finished_at),
                r.state,
                inputs,
                _counts(r.counts),
            )
        console.print(table)
        return
    items = [i for i in run.items if i.outcome == "failed"] if failures else list(run.items)
    if format_ is Format.json:
        data = {**asdict(run), "state": run.state, "items": [asdict(i) for i in items]}
        typer.echo(json.dumps(data, default=str, indent=2))
        return
    typer.echo(
        f"run {run.run_id} ({run.command}): {run.state}; started {_when(run.started_at)} UTC"
        + (f", ended {_when(run.finished_at)} UTC" if run.finished_at else "")
        + f"; pid {run.pid} on {run.host}"
    )
    typer.echo(f"inputs: {', '.join(run.inputs)}")
    if run.counts:
        typer.echo(f"counts: {_counts(run.counts)}")
    if run.note:
        typer.echo(f"note: {run.note}")
    table = Table(title=f"{len(items)} item(s)")
    for column in ("#", "source", "outcome", "doc_id", "reason"):
        table.add_column(column, overflow="fold")
    for i in items:
        table.add_row(str(i.position), i.source, i.outcome, i.doc_id or "", i.reason or "")
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("runs")(runs_command)
