"""``mildip serve``: the analyst's workbench on the store (:func:`mildip.web.server.serve`)."""

from __future__ import annotations

import typer

from mildip.cli._common import settings_from_context


def serve(
    ctx: typer.Context,
    host: str = typer.Option(
        "127.0.0.1",
        "--host",
        help="Address to listen on. Anything but 127.0.0.1/localhost needs an admin user first.",
    ),
    port: int = typer.Option(8000, "--port", help="TCP port to listen on."),
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
