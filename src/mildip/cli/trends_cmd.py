"""``mildip trends``: one party against parties and groups, period by period, with the freeze-out indicator.

The events counted are those of the shared filter options (:mod:`mildip.cli._filters`):
``--party`` has the meaning it has everywhere (every code must be an actor; the first is
the focus whose series are drawn). ``--as-of`` counts only what was known that day.
"""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum

import typer

from mildip._exceptions import MildipError
from mildip.cli._common import choice, read_store, settings_from_context
from mildip.cli._filters import (
    AnyPartyOption,
    AsOfOption,
    MechanismOption,
    ModalityOption,
    SinceOption,
    TypeOption,
    UntilOption,
    build_filter,
)
from mildip.cli._table import TABLE_FORMATS, Column, emit

TRENDS_FORMATS: tuple[str, ...] = (*TABLE_FORMATS, "json", "csv")


class Period(str, Enum):
    month = "month"
    quarter = "quarter"
    year = "year"


class Coverage(str, Enum):
    dyad = "dyad"
    corpus = "corpus"


_SHORT_HEADERS = {"scheduled": "sched", "coverage": "cov", "net rate": "rate"}


_PRIORITY = {
    "period": 100,
    "dyad": 99,
    "coop": 90,
    "restr": 90,
    "net rate": 85,
    "rounds": 40,
    "scheduled": 30,
    "coverage": 50,
}


def _print_table(rows: list[dict], party: str, title: str, fmt: str) -> None:
    """:meth:`Comparison.long_rows` as a table (headers shortened) or TSV."""
    keys = list(rows[0]) if rows else ["period"]
    columns = []
    for key in keys:
        header = (
            "vs"
            if key == "dyad"
            else _SHORT_HEADERS.get(key, key.replace("freeze-out vs ", "freeze vs "))
        )
        left = key in ("period", "dyad")
        columns.append(
            Column(
                key,
                header,
                _PRIORITY.get(key, 80),
                max(len(header), 5),
                no_wrap=True,
                justify="left" if left else "right",
            )
        )
    cells = []
    for row in rows:
        cell = {k: "" if v is None else str(v) for k, v in row.items()}
        if "dyad" in cell:
            cell["dyad"] = cell["dyad"].removeprefix(f"{party}–")
        cells.append(cell)
    emit(
        cells,
        columns,
        title=title,
        fmt=fmt,
        caption="rate = (coop - restr) / (cov + alpha); see docs/indicators.md",
        columns_option=False,
    )


def trends(
    ctx: typer.Context,
    party: list[str] = typer.Option(
        ["CHN"],
        "--party",
        help="The party whose engagements are counted (code or name); more --party codes "
        "keep only events with all of them, as everywhere.",
    ),
    vs: list[str] = typer.Option(["USA"], "--vs", help="A counterpart party (repeatable)."),
    vs_group: list[str] = typer.Option(
        ["us-allies"],
        "--vs-group",
        help="A counterpart group, membership on each event's date (repeatable).",
    ),
    by: Period = typer.Option(Period.quarter, "--by", help="Period length."),
    since: SinceOption = None,
    until: UntilOption = None,
    any_party: AnyPartyOption = None,
    type_: TypeOption = None,
    modality: ModalityOption = None,
    mechanism: MechanismOption = None,
    as_of: AsOfOption = None,
    smoothing: float = typer.Option(
        1.0, "--smoothing", help="Smoothing constant alpha of the net rate (> 0)."
    ),
    coverage: Coverage = typer.Option(
        Coverage.dyad,
        "--coverage",
        help="Denominator: documents mentioning the dyad, or all documents.",
    ),
    format_: str = typer.Option(
        "auto",
        "--format",
        help="auto (a table on a terminal, TSV in a pipe), table, tsv, json or csv.",
    ),
) -> None:
    """Print side-by-side series (party vs each --vs and --vs-group) and the freeze-out indicator.

    One row per period and dyad (table and CSV); JSON gives every count, by type and level.
    """
    from mildip._exceptions import UnknownGroupError
    from mildip.analysis.trends import compare
    from mildip.kb.parties import resolve_party

    fmt = choice(format_, TRENDS_FORMATS, "--format")
    settings = settings_from_context(ctx)
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
        known = store.parties()
        counterparts = []
        for value in vs:
            try:
                counterparts.append(resolve_party(value, known).code)
            except MildipError as exc:
                raise typer.BadParameter(str(exc), param_hint="--vs") from None
        events = selection.with_(as_of=None).select(store)
        documents = store.documents()
    focus = selection.parties[0]
    try:
        result = compare(
            events,
            documents,
            party=focus,
            vs=counterparts,
            vs_groups=vs_group,
            by=by.value,
            settings=settings,
            since=since,
            until=until,
            smoothing=smoothing,
            coverage=coverage.value,
            as_of=selection.as_of,
        )
    except UnknownGroupError as exc:
        raise typer.BadParameter(str(exc), param_hint="--vs-group") from None
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--smoothing") from None
    rows = result.long_rows()
    if fmt == "json":
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        writer = csv.DictWriter(
            sys.stdout, fieldnames=list(rows[0]) if rows else ["period"], lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)
    else:
        title = f"{focus} by {by.value} ({coverage.value} coverage, alpha={smoothing:g})"
        _print_table(rows, focus, title, fmt)


def register(app: typer.Typer) -> None:
    """Add ``mildip trends`` to the main app."""
    app.command("trends")(trends)
