"""Tables on a terminal and plain TSV in a pipe.

:func:`emit` prints rows (dicts of text) with a list of :class:`Column` descriptions:

* ``fmt="auto"`` (the default of the commands): a table when standard output is a
  terminal, tab-separated values with a header line when it is piped or redirected;
  ``"table"`` and ``"tsv"`` force one or the other;
* a table fits the terminal width (``$COLUMNS`` when there is no terminal): long cells
  wrap, and when even the narrowest layout is too wide the columns with the lowest
  ``priority`` are left out, named in the caption; ``chosen`` (``--columns``) fixes the
  columns and their order instead;
* TSV cells never hold a tab or a newline (they become spaces), so ``cut -f`` works.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TextIO

import typer

TABLE_FORMATS: tuple[str, ...] = ("auto", "table", "tsv")


@dataclass(frozen=True)
class Column:
    """One column: ``priority`` decides what goes first when the terminal is narrow (lowest)."""

    key: str
    header: str
    priority: int
    min_width: int
    no_wrap: bool = False
    justify: str = "left"
    optional: bool = False
    """Shown only when chosen (``--columns``) or switched on (``--quote``)."""


def choose_columns(
    columns: Sequence[Column], chosen: str | None, extra: Sequence[str] = ()
) -> tuple[list[Column], bool]:
    """The columns to show and whether they were chosen by hand.

    ``chosen`` is the ``--columns`` value (comma-separated keys, in order); an unknown key
    is a usage error listing the keys. Without it, every non-optional column plus the
    optional ones named in ``extra``.
    """
    by_key = {c.key: c for c in columns}
    if chosen:
        keys = [k.strip() for k in chosen.split(",") if k.strip()]
        unknown = [k for k in keys if k not in by_key]
        if unknown or not keys:
            raise typer.BadParameter(
                f"unknown column(s) {', '.join(unknown) or '(none given)'}; "
                f"choose from {', '.join(by_key)}",
                param_hint="--columns",
            )
        return [by_key[k] for k in dict.fromkeys(keys)], True
    return [c for c in columns if not c.optional or c.key in extra], False


def _clean(value: object) -> str:
    return " ".join(str("" if value is None else value).split())


def fit(
    columns: Sequence[Column], width: int, rows: Sequence[Mapping[str, object]] = ()
) -> tuple[list[Column], list[Column]]:
    """(kept, dropped): the columns whose narrowest widths fit ``width``, low priority dropped first.

    A column that wraps needs its ``min_width``; one that does not wrap needs its widest cell.
    """
    kept = list(columns)
    dropped: list[Column] = []
    narrowest = {
        c.key: max([c.min_width, len(c.header)] + [len(_clean(r.get(c.key))) for r in rows])
        if c.no_wrap
        else c.min_width
        for c in columns
    }

    def needed(cols: Sequence[Column]) -> int:
        return sum(narrowest[c.key] + 3 for c in cols) + 1

    while len(kept) > 1 and needed(kept) > width:
        lowest = min(kept, key=lambda c: c.priority)
        kept.remove(lowest)
        dropped.append(lowest)
    return kept, dropped


def emit(
    rows: Sequence[Mapping[str, object]],
    columns: Sequence[Column],
    *,
    title: str,
    fmt: str = "auto",
    chosen: bool = False,
    caption: str | None = None,
    out: TextIO | None = None,
    columns_option: bool = True,
) -> None:
    """Print ``rows`` as a table or TSV (see the module docstring)."""
    from rich.console import Console
    from rich.table import Table

    out = out or sys.stdout
    if fmt == "auto":
        fmt = "table" if out.isatty() else "tsv"
    if fmt == "tsv":
        out.write("\t".join(c.key for c in columns) + "\n")
        for row in rows:
            out.write("\t".join(_clean(row.get(c.key)) for c in columns) + "\n")
        return
    console = Console(file=out, soft_wrap=False)
    kept, dropped = (list(columns), []) if chosen else fit(columns, console.width, rows)
    notes = [caption] if caption else []
    if dropped:
        hidden = ", ".join(c.key for c in dropped)
        how = (
            "choose with --columns" if columns_option else "widen the terminal or use --format tsv"
        )
        notes.append(f"hidden to fit {console.width} columns: {hidden} ({how})")
    table = Table(title=title, caption="; ".join(notes) or None, expand=False)
    for c in kept:
        table.add_column(
            c.header,
            min_width=c.min_width,
            no_wrap=c.no_wrap,
            overflow="ellipsis" if c.no_wrap else "fold",
            justify=c.justify,  # type: ignore[arg-type]
        )
    for row in rows:
        table.add_row(*(_clean(row.get(c.key)) for c in kept))
    console.print(table)
