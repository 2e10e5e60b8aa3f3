"""Helpers shared by the command modules: settings, stores, and checked option values.

:func:`read_store` opens the store of a command that only reads, and notes on standard
error when an ingest run is still running or the latest one did not finish.

Every checker raises ``typer.BadParameter`` with a message that says what the option
accepts; :mod:`mildip.cli._errors` prints it as one line and exits with status 2.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from mildip.dates import check_partial
from mildip.ingest import as_published
from mildip.settings import Settings, load_settings

if TYPE_CHECKING:
    from mildip.store import Store


def settings_from_context(ctx: typer.Context) -> Settings:
    """The :class:`Settings` the global callback put on this or a parent context."""
    current: typer.Context | None = ctx
    while current is not None:
        if isinstance(current.obj, Settings):
            return current.obj
        current = current.parent
    return load_settings()


@contextmanager
def read_store(ctx: typer.Context) -> Iterator[Store]:
    """The store of a command that only reads: a missing SQLite file is refused, not
    created. Prints one line on stderr when an ingest run is still running or the
    latest one did not finish."""
    from mildip.pipeline import unfinished_run_notice
    from mildip.store import open_store

    with open_store(settings_from_context(ctx).db_url, must_exist=True) as store:
        notice = unfinished_run_notice(store)
        if notice:
            typer.echo(notice, err=True)
        yield store


def partial_date(value: str | None, option: str | None = None) -> str | None:
    """``value`` if it is a real YYYY, YYYY-MM or YYYY-MM-DD date (or absent); usable as a callback."""
    if value is None:
        return None
    try:
        return check_partial(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


def full_date(value: str | None, option: str = "--published") -> date | None:
    """A full day (YYYY-MM-DD), or None; BadParameter naming ``option`` otherwise."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a calendar day; use YYYY-MM-DD (e.g. 2023-04-14)", param_hint=option
        ) from None


def choice(value: str, allowed: Sequence[str], option: str) -> str:
    """``value`` as spelled in ``allowed`` (case-insensitive), or BadParameter listing them."""
    for candidate in allowed:
        if candidate.lower() == value.strip().lower():
            return candidate
    raise typer.BadParameter(
        f"{value!r} is not accepted; choose one of {', '.join(allowed)}", param_hint=option
    )


def output_file(path: Path, option: str = "--out") -> Path:
    """A file to write: its folder must exist and it must not be a folder itself."""
    if path.is_dir():
        raise typer.BadParameter(f"{path} is a folder; give a file name", param_hint=option)
    parent = path.parent
    if not parent.is_dir():
        raise typer.BadParameter(
            f"the folder {parent} does not exist; create it first or choose another path",
            param_hint=option,
        )
    return path


def format_for(
    fmt: str | None, path: Path | None, suffixes: dict[str, tuple[str, ...]], default: str
) -> str:
    """The output format: ``--format``, else the file's extension, else ``default``.

    ``suffixes`` maps each format to the extensions that mean it. A ``--format`` that
    contradicts the extension, or an extension that means no format, is a usage error.
    """
    suffix = path.suffix.lower() if path is not None else ""
    by_suffix = [name for name, ends in suffixes.items() if suffix in ends]
    if fmt is not None:
        fmt = choice(fmt, list(suffixes), "--format")
        if suffix and fmt not in by_suffix:
            expected = ", ".join(suffixes[fmt]) or "none"
            raise typer.BadParameter(
                f"--format {fmt} does not match the extension of {path} "
                f"({fmt} files end in {expected}); drop one of the two or make them agree",
                param_hint="--format",
            )
        return fmt
    if path is None:
        return default
    if not by_suffix:
        known = ", ".join(sorted({e for ends in suffixes.values() for e in ends}))
        raise typer.BadParameter(
            f"cannot tell the format of {path.name!r} from its extension ({known}); pass --format",
            param_hint="--out",
        )
    return by_suffix[0]


def publication_date(value: str | None, option: str = "--published") -> str | None:
    """A ``--published`` value as a partial ISO date (``2024-01-15``, ``2024-01``,
    ``2024``); any form :func:`mildip.ingest.as_published` reads whole is accepted
    (``April 2023`` gives ``2023-04``). A usage error naming ``option`` otherwise."""
    if value is None:
        return None
    try:
        return as_published(value).iso
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


def published_option(value: str | None) -> str | None:
    """:func:`publication_date` as a Typer callback of ``--published`` (a callback with
    two untyped parameters would be handed the context as its value)."""
    return publication_date(value)
