"""Overrides: analysts' merge/split decisions keyed by evidence anchors.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28

One row per decision (``mildip events merge|split``); ``event_keys`` is a JSON
list of ``doc_id#quote-hash`` anchors, so decisions survive re-extraction.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the ``overrides`` table."""
    op.create_table(
        "overrides",
        sa.Column("override_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("event_keys", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    """Drop the ``overrides`` table."""
    op.drop_table("overrides")
