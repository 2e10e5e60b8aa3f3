"""Publication-date precision: ``documents.published_precision``.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

``documents.published`` is the first day of the publication period; the new
column says whether that period is a ``day``, a ``month`` or a ``year``. Rows
written before this revision could only hold day-precise dates, so they get
``day``.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add ``documents.published_precision`` (``day`` for existing rows)."""
    op.add_column(
        "documents",
        sa.Column("published_precision", sa.String(16), nullable=False, server_default="day"),
    )


def downgrade() -> None:
    """Drop ``documents.published_precision`` (SQLite: needs SQLite 3.35 or newer)."""
    op.drop_column("documents", "published_precision")
