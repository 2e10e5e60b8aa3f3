"""``mildip serve``: the analyst's workbench on the store (:func:`mildip.web.server.serve`)."""

from __future__ import annotations

import ipaddress
import re

import typer

from mildip.cli._common import settings_from_context

_HOSTNAME = re.compile(r"^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")


def host_address(value: str) -> str:
    """``value`` when it is an IP address or a host name; a usage error naming --host otherwise."""
    try:
        ipaddress.ip_address(value)
        return value
    except ValueError:
        pass
    if _HOSTNAME.match(value):
        return value
    raise typer.BadParameter(
        f"{value!r} is neither an IP address nor a host name (e.g. 127.0.0.1 or 0.0.0.0)",
        param_hint="--host",
    )


def serve(
    ctx: typer.Context,
    host: str = typer.Option(
        "127.0.0.1",
        "--host",
        callback=host_address,
        help="Address to listen on. Anything but 127.0.0.1/localhost needs an admin user first.",
    ),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port to listen on."),
) -> None:
    """Start the web workbench (browse, check and correct events) on the store."""
    try:
        from mildip.web.server import serve as run
    except ImportError:
        from mildip._exceptions import MissingExtraError

        raise MissingExtraError("web", "fastapi") from None
    run(settings_from_context(ctx), host, port)


def register(app: typer.Typer) -> None:
    """Add ``mildip serve`` to the main app."""
    app.command("serve")(serve)
