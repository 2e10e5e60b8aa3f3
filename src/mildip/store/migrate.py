"""Engines and schema migrations, with no ``alembic.ini`` on the user's side.

:func:`connect` turns a SQLAlchemy URL into an engine (``postgresql://`` means
psycopg 3); :func:`upgrade` brings the database to the newest Alembic revision
shipped in ``mildip/store/migrations``, located through ``importlib.resources``.

SQLite connections enforce foreign keys and use write-ahead logging with a busy
timeout (:data:`SQLITE_BUSY_TIMEOUT_SECONDS`), so an ingest and readers (``mildip
events``, a web server) can work on one file at once: readers see the last
committed state, and a writer waits for another instead of failing at once.
Failures become :class:`~mildip.StoreError` / :class:`~mildip.MissingExtraError`
with messages that say what to do.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from mildip._exceptions import MissingExtraError, StoreError


def parse_url(url: str) -> URL:
    """The URL as SQLAlchemy reads it; a bare ``postgresql://`` selects psycopg 3."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(
            f"{url!r} is not a database URL; use e.g. sqlite:///mildip.db or "
            "postgresql+psycopg://user@host/dbname"
        ) from None
    if parsed.drivername in {"postgresql", "postgres"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def safe_url(url: str | URL) -> str:
    """The URL with any password masked, for messages."""
    try:
        parsed = url if isinstance(url, URL) else make_url(url)
    except ArgumentError:
        return str(url)
    return parsed.render_as_string(hide_password=True)


SQLITE_BUSY_TIMEOUT_SECONDS = 30
"""How long a SQLite connection waits for another writer before giving up."""


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_SECONDS * 1000}")
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    except sqlite3.DatabaseError:  # a read-only database keeps its journal mode
        pass
    cursor.close()


def connect(url: str) -> Engine:
    """An engine for ``url``; SQLite connections enforce foreign keys, use WAL and wait
    for other writers (see the module docstring).

    Raises MissingExtraError("postgres", "psycopg") when a PostgreSQL URL is given
    without psycopg installed, StoreError for an unknown or uninstalled backend.
    """
    parsed = parse_url(url)
    try:
        engine = create_engine(parsed)
    except NoSuchModuleError:
        raise StoreError(
            f"unknown database backend {parsed.drivername!r} in {safe_url(parsed)}"
        ) from None
    except ImportError as exc:
        if parsed.get_backend_name() == "postgresql":
            raise MissingExtraError("postgres", "psycopg") from exc
        raise StoreError(f"the driver for {parsed.drivername!r} is not installed ({exc})") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


@contextmanager
def _alembic_config() -> Iterator[Config]:
    with resources.as_file(resources.files("mildip.store").joinpath("migrations")) as path:
        cfg = Config()
        cfg.set_main_option("script_location", str(path).replace("%", "%%"))
        cfg.set_main_option("path_separator", "os")
        yield cfg


def head_revisions() -> tuple[str, ...]:
    """The newest revision id(s) shipped with this mildip."""
    with _alembic_config() as cfg:
        return tuple(ScriptDirectory.from_config(cfg).get_heads())


def current_revisions(engine: Engine) -> tuple[str, ...]:
    """The revision(s) the database is at (empty for a new database)."""
    with engine.connect() as conn:
        return tuple(MigrationContext.configure(conn).get_current_heads())


def upgrade(engine: Engine) -> None:
    """Create or upgrade the schema to the newest shipped revision, in one transaction.

    On SQLite the migrations run with foreign keys off (a table rebuild must not
    cascade into the tables that reference it) and are checked with
    ``PRAGMA foreign_key_check`` before the transaction commits.
    """
    where = safe_url(engine.url)
    sqlite = engine.dialect.name == "sqlite"
    try:
        with _alembic_config() as cfg, engine.connect() as conn:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
                conn.commit()
            try:
                with conn.begin():
                    cfg.attributes["connection"] = conn
                    command.upgrade(cfg, "heads")
                    if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                        raise StoreError(
                            f"upgrading {where} would leave rows pointing at missing rows; "
                            "nothing was changed"
                        )
            finally:
                if sqlite:
                    conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                    conn.commit()
    except CommandError as exc:
        raise StoreError(
            f"the database {where} is at a schema revision this mildip does not know "
            f"({exc}); it was probably written by a newer mildip - upgrade mildip"
        ) from None
    except SQLAlchemyError as exc:
        reason = getattr(exc, "orig", None) or exc
        raise StoreError(
            f"cannot open the store at {where}: {reason} "
            "(is the server running, the path writable, and the database a mildip store?)"
        ) from None
