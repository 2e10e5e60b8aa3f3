"""``mildip users``: workbench accounts (:mod:`mildip.review.accounts`).

Passwords are asked for twice without echo on a terminal, or read as the first line
of standard input otherwise (``echo "$PASSWORD" | mildip users add ana --role analyst``).
"""

from __future__ import annotations

import json
import sys
from enum import Enum

import typer

from mildip.cli._common import settings_from_context

users_app = typer.Typer(
    name="users", help="Workbench accounts: add, list, update, passwd, token.", no_args_is_help=True
)


class Role(str, Enum):
    viewer = "viewer"
    analyst = "analyst"
    admin = "admin"


class ListFormat(str, Enum):
    table = "table"
    json = "json"


def _password(stdin: bool) -> str:
    if stdin or not sys.stdin.isatty():
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise typer.BadParameter("no password on standard input")
        return line
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


def _store(ctx: typer.Context, must_exist: bool = True):
    """The store; only ``users add`` may create a missing SQLite file (``must_exist=False``)."""
    from mildip.store import open_store

    return open_store(settings_from_context(ctx).db_url, must_exist=must_exist)


@users_app.command("add")
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The user name (letters, digits, '.', '_', '-')."),
    role: Role = typer.Option(Role.analyst, "--role", help="viewer, analyst or admin."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from standard input, even on a terminal."
    ),
) -> None:
    """Add a user; asks for the password (or reads it from standard input)."""
    from mildip.review.accounts import add_user

    password = _password(password_stdin)
    with _store(ctx, must_exist=False) as store:
        user = add_user(store, name, role.value, password)
    typer.echo(f"added {user.name} ({user.role})")


@users_app.command("list")
def list_users(
    ctx: typer.Context,
    format_: ListFormat = typer.Option(ListFormat.table, "--format", help="Output format."),
) -> None:
    """List the users with their roles."""
    from mildip.review.accounts import users

    with _store(ctx) as store:
        found = users(store)
    if format_ is ListFormat.json:
        rows = [{"name": u.name, "role": u.role, "active": u.active} for u in found]
        typer.echo(json.dumps(rows, indent=2))
        return
    if not found:
        typer.echo("no users yet: add one with `mildip users add NAME --role admin`")
    for u in found:
        typer.echo(f"{u.name}\t{u.role}\t{'active' if u.active else 'disabled'}")


@users_app.command("update")
def update(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The user to change."),
    role: Role | None = typer.Option(None, "--role", help="The new role."),
    active: bool | None = typer.Option(
        None, "--active/--disabled", help="Let the user sign in again, or not any more."
    ),
) -> None:
    """Change a user's role, or disable / re-enable the account (nothing is deleted)."""
    from mildip.review.accounts import update as change

    if role is None and active is None:
        raise typer.BadParameter("give --role, --active or --disabled")
    with _store(ctx) as store:
        user = change(store, name, role=role.value if role else None, active=active)
    typer.echo(f"{user.name}: {user.role}, {'active' if user.active else 'disabled'}")


@users_app.command("passwd")
def passwd(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The user whose password changes."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from standard input, even on a terminal."
    ),
) -> None:
    """Set a new password for a user."""
    from mildip.review.accounts import update as change

    password = _password(password_stdin)
    with _store(ctx) as store:
        change(store, name, password=password)
    typer.echo(f"password of {name} changed")


def _label(value: str) -> str:
    from mildip._exceptions import MildipError
    from mildip.review.accounts import token_label

    try:
        return token_label(value)
    except MildipError as exc:
        raise typer.BadParameter(str(exc), param_hint="--label") from None


@users_app.command("token")
def token(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The user the token acts as."),
    label: str = typer.Option(
        "", "--label", callback=_label, help="What the token is for (one line, kept with it)."
    ),
) -> None:
    """Create an API token (printed once; send it as `Authorization: Bearer TOKEN`)."""
    from mildip.review.accounts import create_token

    with _store(ctx) as store:
        value = create_token(store, name, label)
    typer.echo(value)


def register(app: typer.Typer) -> None:
    """Add ``mildip users`` to the main app."""
    app.add_typer(users_app, name="users")
