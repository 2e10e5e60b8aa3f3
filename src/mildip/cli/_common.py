"""Helpers shared by the command modules: the settings of a command, date options."""

from __future__ import annotations

import typer

from mildip.dates import precision
from mildip.ingest import as_published
from mildip.settings import Settings, load_settings


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
