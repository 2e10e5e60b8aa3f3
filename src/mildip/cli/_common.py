"""Helpers shared by the command modules: the settings of a command, date options, and
:func:`read_store` (the store of a read command, with the unfinished-run notice)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

from mildip.dates import precision
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


def partial_date(value: str | None) -> str | None:
    """Option callback: ``value`` if it is YYYY, YYYY-MM or YYYY-MM-DD (or absent)."""
    if value is None:
        return None
    try:
        precision(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD") from None
    return value


def publication_date(value: str | None) -> str | None:
    """A ``--published`` value as a partial ISO date (``2024-01-15``, ``2024-01``,
    ``2024``); any form :func:`mildip.ingest.parse_published` reads whole is
    accepted (``April 2023`` gives ``2023-04``). A usage error otherwise."""
    if value is None:
        return None
    try:
        return as_published(value).iso
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


@contextmanager
def read_store(ctx: typer.Context) -> Iterator[Store]:
    """The store of this command, opened for reading; prints one line on stderr when an
    ingest run is still running or the latest one did not finish."""
    from mildip.pipeline import unfinished_run_notice
    from mildip.store import open_store

    with open_store(settings_from_context(ctx).db_url) as store:
        notice = unfinished_run_notice(store)
        if notice:
            typer.echo(notice, err=True)
        yield store
