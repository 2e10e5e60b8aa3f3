"""One-line errors for the whole command line.

:class:`OneLineErrors` is the Typer group class of ``mildip``. It runs the command tree
in Click's non-standalone mode and turns what would be a usage box or a traceback into
one line on standard error, then exits:

* a usage error (a bad option value, a missing option, an unknown option) →
  ``mildip events: error: Invalid value for '--since': ...`` and exit status 2;
* a :class:`~mildip._exceptions.MildipError` (a missing database, an unknown event id,
  a bad settings file ...) → ``mildip: error: ...`` and exit status 2;
* ``typer.Exit(n)`` → exit status ``n``; ``--help`` and a bare group print the help.

The same class serves the console script and ``typer.testing.CliRunner``, so tests see
exactly what users see. Typer vendors Click (``typer._click``), so Click's exceptions are
caught through their public base ``typer.TyperException``, and the "no arguments: show
the help" signal is recognised by its class name.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from mildip._exceptions import MildipError

USAGE_STATUS = 2


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (newlines included) folded to one space."""
    return " ".join(str(text).split())


def _prefix(ctx: Any) -> str:
    return f"{ctx.command_path}: error:" if ctx is not None else "mildip: error:"


class OneLineErrors(TyperGroup):
    """A Typer group whose errors are one line on standard error (see the module docstring)."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except typer.TyperException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":
                typer.echo(exc.format_message(), err=True)
                sys.exit(USAGE_STATUS)
            ctx = getattr(exc, "ctx", None)
            hint = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
            typer.echo(f"{_prefix(ctx)} {one_line(exc.format_message())}{hint}", err=True)
            sys.exit(exc.exit_code)
        except MildipError as exc:
            typer.echo(f"mildip: error: {one_line(str(exc))}", err=True)
            sys.exit(USAGE_STATUS)
        except typer.Abort:
            typer.echo("mildip: aborted", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)
