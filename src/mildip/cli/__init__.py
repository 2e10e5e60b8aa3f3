"""The ``mildip`` command line: thin Typer commands over the library.

Each command module in this package defines ``register(app)``; the modules are
listed in ``COMMAND_MODULES``. Global options (``--db``, ``--settings``) build the
one :class:`~mildip.settings.Settings` object, passed to commands as ``ctx.obj``;
``--version`` prints the package and extractor versions. Every error is one line on
standard error (:mod:`mildip.cli._errors`).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import typer

from mildip._exceptions import MildipError, SettingsError
from mildip._version import EXTRACTOR_VERSION, __version__
from mildip.cli._errors import OneLineErrors, one_line
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
    "train_cmd",
    "mechanisms_cmd",
    "trends_cmd",
    "report_cmd",
    "serve_cmd",
    "users_cmd",
    "demo_cmd",
)

app = typer.Typer(
    name="mildip",
    help="Military-diplomacy events from text: ingest, extract, resolve, query, report.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=OneLineErrors,
)


def version_line() -> str:
    """``mildip 0.1.0 (extractor mildip-rules/2.0+data.1f0c2a9be4d7)``."""
    return f"mildip {__version__} (extractor {EXTRACTOR_VERSION})"


def _print_version(value: bool) -> None:
    if value:
        typer.echo(version_line())
        raise typer.Exit()


@app.callback()
def _global_options(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None, "--db", help="SQLAlchemy database URL (default sqlite:///mildip.db, or $MILDIP_DB)."
    ),
    settings_file: Path | None = typer.Option(
        None, "--settings", help="A TOML settings file overriding the shipped defaults."
    ),
    version: bool = typer.Option(
        False,
        "--version",
        callback=_print_version,
        is_eager=True,
        help="Print the package and extractor versions and exit.",
    ),
) -> None:
    """Military-diplomacy events from text: ingest, extract, resolve, query, report."""
    try:
        ctx.obj = load_settings(settings_file, db_url=db)
    except SettingsError as exc:
        if settings_file is None:
            raise
        raise typer.BadParameter(str(exc), param_hint="--settings") from None


for _name in COMMAND_MODULES:
    importlib.import_module(f"mildip.cli.{_name}").register(app)


def main() -> None:
    """Console entry point: runs the app and turns MildipError into a one-line message."""
    try:
        app()
    except MildipError as exc:
        typer.echo(f"mildip: error: {one_line(str(exc))}", err=True)
        raise SystemExit(2) from None
