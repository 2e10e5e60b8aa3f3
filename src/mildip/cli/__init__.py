"""The ``mildip`` command line: thin Typer commands over the library.

Each command module in this package defines ``register(app)``; the modules are
listed in ``COMMAND_MODULES``. Global options (``--db``, ``--settings``) build the
one :class:`~mildip.settings.Settings` object, passed to commands as ``ctx.obj``.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Optional

import typer

from mildip._exceptions import MildipError
from mildip.settings import load_settings

COMMAND_MODULES: tuple[str, ...] = (
    "ingest_cmd",
    "watch_cmd",
    "documents_cmd",
    "runs_cmd",
    "extract_cmd",
    "events_cmd",
    "overrides_cmd",
    "export_cmd",
    "eval_cmd",
    "mechanisms_cmd",
    "trends_cmd",
    "report_cmd",
    "demo_cmd",
)

app = typer.Typer(
    name="mildip",
    help="Military-diplomacy events from text: ingest, extract, resolve, query, report.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _global_options(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None, "--db", help="SQLAlchemy database URL (default sqlite:///mildip.db, or $MILDIP_DB)."
    ),
    settings_file: Path | None = typer.Option(
        None, "--settings", help="A TOML settings file overriding the shipped defaults."
    ),
) -> None:
    """Military-diplomacy events from text: ingest, extract, resolve, query, report."""
    ctx.obj = load_settings(settings_file, db_url=db)


for _name in COMMAND_MODULES:
    importlib.import_module(f"mildip.cli.{_name}").register(app)


def main() -> None:
    """Console entry point: runs the app and turns MildipError into a one-line message."""
    try:
        app()
    except MildipError as exc:
        typer.echo(f"mildip: error: {exc}", err=True)
        raise SystemExit(2) from None
