"""Alembic environment of the mildip store.

mildip runs migrations programmatically (:func:`mildip.store.migrate.upgrade`),
passing an open connection in ``config.attributes["connection"]``. A developer
running the ``alembic`` command instead sets ``sqlalchemy.url`` in their own
config; offline mode (``--sql``) writes the SQL for that URL.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from mildip.store.schema import Base

config = context.config
target_metadata = Base.metadata


def _configure(**kwargs) -> None:
    context.configure(target_metadata=target_metadata, render_as_batch=True, **kwargs)


def run_offline() -> None:
    """Emit SQL for ``sqlalchemy.url`` without connecting."""
    _configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Migrate through the given connection, or one opened from ``sqlalchemy.url``."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as conn:
        _configure(connection=conn)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
