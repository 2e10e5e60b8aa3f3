"""Review: event review status, the append-only review history, users and API tokens.

Revision ID: 0005_review
Revises: 0003
Create Date: 2026-12-03

* ``event_reviews``: ``Event.review`` / ``Event.version`` of resolved events an
  analyst decision names (one row per such event row).
* ``review_history``: one row per ``overrides`` row (author, fields, event id, the
  event before and after); existing overrides get a row with an unknown author.
* ``review_lock``: one row, updated first by every decision (serialises version checks).
* ``users``, ``api_tokens``, ``web_secrets``: the workbench's accounts, API tokens
  (SHA-256 digests only) and the key that signs session cookies.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_review"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the review and account tables; give every existing override a history row."""
    op.create_table(
        "event_reviews",
        sa.Column(
            "row_id",
            sa.Integer(),
            sa.ForeignKey("events.row_id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("review", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_index("ix_event_reviews_review", "event_reviews", ["review"])
    op.create_table(
        "review_history",
        sa.Column("history_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "override_id",
            sa.Integer(),
            sa.ForeignKey("overrides.override_id"),
            nullable=False,
            unique=True,
        ),
        sa.Column("author", sa.String(255), nullable=True),
        sa.Column("event_id", sa.String(255), nullable=True),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
    )
    op.create_index("ix_review_history_event_id", "review_history", ["event_id"])
    lock = op.create_table(
        "review_lock",
        sa.Column("lock_id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("counter", sa.Integer(), nullable=False),
    )
    op.bulk_insert(lock, [{"lock_id": 1, "counter": 0}])
    op.execute(
        "INSERT INTO review_history (override_id, author, event_id, fields, before, after) "
        "SELECT override_id, NULL, NULL, '{}', NULL, NULL FROM overrides"
    )
    op.create_table(
        "users",
        sa.Column("user_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "api_tokens",
        sa.Column("token_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.user_id"), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False, unique=True),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])
    op.create_table(
        "web_secrets",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    """Drop the tables this revision created (the overrides themselves stay)."""
    for table in (
        "web_secrets",
        "api_tokens",
        "users",
        "review_lock",
        "review_history",
        "event_reviews",
    ):
        op.drop_table(table)
