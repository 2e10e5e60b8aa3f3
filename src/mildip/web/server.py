"""Running the workbench: where it may listen, and uvicorn in the foreground or in a thread.

* :func:`check_bind` - 127.0.0.1 (or ``localhost``, ``::1``) always; any other address
  only once an admin user exists, since the workbench then faces a network.
* :func:`serve` - ``mildip serve``: open the store, check, run uvicorn until stopped.
* :func:`background_server` - a context manager running the app on 127.0.0.1 and a
  free port in a daemon thread, stopped on exit (browser tests, screenshots).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import FastAPI

from mildip._exceptions import MildipError
from mildip.review.accounts import has_admin
from mildip.settings import Settings
from mildip.store import Store, open_store

LOOPBACK: frozenset[str] = frozenset({"127.0.0.1", "localhost", "::1"})


class BindRefused(MildipError):
    """The workbench may not listen on this address yet; the message says what to do."""


def is_loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")


def check_bind(store: Store, host: str) -> None:
    """Raise BindRefused when ``host`` is not a loopback address and no admin exists."""
    if is_loopback(host) or has_admin(store):
        return
    raise BindRefused(
        f"refusing to listen on {host}: no admin user exists, so nobody could manage who may "
        "use the workbench from the network. Add one with `mildip users add NAME --role admin` "
        f"(it asks for a password), then run `mildip serve --host {host}` again"
    )


def allowed_hosts(host: str, port: int) -> list[str] | None:
    """Host headers accepted when bound to loopback (None: any, for a network address)."""
    if not is_loopback(host):
        return None
    return ["127.0.0.1", "localhost", "[::1]", "::1"]


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the workbench on ``host:port`` until interrupted."""
    import uvicorn

    from mildip.web.app import create_app

    store = open_store(settings.db_url)
    try:
        check_bind(store, host)
    except BindRefused:
        store.close()
        raise
    app = create_app(settings, store, allowed_hosts=allowed_hosts(host, port))
    try:
        uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False)
    finally:
        store.close()


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def background_server(app: FastAPI, timeout: float = 20.0) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 and a free port in a daemon thread; yields the base URL
    and stops the server on exit (a daemon thread also ends with the process)."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"mildip-web-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"the workbench did not start on 127.0.0.1:{port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)
