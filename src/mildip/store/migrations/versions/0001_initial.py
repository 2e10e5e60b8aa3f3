"""Initial schema: documents, extraction runs, both event layers and their children.

Revision ID: 0001
Revises:
Create Date: 2026-11-28

Later revisions chain on ``down_revision = "0001"``. The partial unique indexes
on event ids exist only on SQLite and PostgreSQL; elsewhere the store alone
enforces that uniqueness.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create every table of the first schema."""
    op.create_table(
        "documents",
        sa.Column("doc_id", sa.String(512), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("publication", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("published_inferred", sa.Boolean(), nullable=False),
        sa.Column("language", sa.String(64), nullable=False),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("source_path", sa.Text(), nullable=True),
        sa.Column("media_type", sa.String(255), nullable=False),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "extraction_runs",
        sa.Column("run_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "doc_id",
            sa.String(512),
            sa.ForeignKey("documents.doc_id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("extractor_version", sa.String(255), nullable=False),
        sa.Column("ran_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("n_events", sa.Integer(), nullable=False),
    )
    op.create_index("ix_extraction_runs_doc_id", "extraction_runs", ["doc_id"])
    op.create_table(
        "events",
        sa.Column("row_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("layer", sa.String(16), nullable=False),
        sa.Column(
            "doc_id",
            sa.String(512),
            sa.ForeignKey("documents.doc_id", ondelete="CASCADE"),
            nullable=True,
        ),
        sa.Column("extractor_version", sa.String(255), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(255), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("date", sa.String(10), nullable=True),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("modality", sa.String(16), nullable=False),
        sa.Column("initiator", sa.String(64), nullable=True),
        sa.Column("mechanism", sa.Text(), nullable=True),
        sa.Column("mechanism_id", sa.String(255), nullable=True),
        sa.Column("round", sa.Integer(), nullable=True),
        sa.Column("resumed", sa.Boolean(), nullable=False),
        sa.Column("location", sa.String(255), nullable=True),
        sa.Column("responds_to", sa.String(255), nullable=True),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("sides", sa.JSON(), nullable=False),
    )
    op.create_index("ix_events_event_id", "events", ["event_id"])
    op.create_index("ix_events_layer_date", "events", ["layer", "date_start"])
    op.create_index("ix_events_layer_doc", "events", ["layer", "doc_id"])
    if op.get_bind().dialect.name in {"sqlite", "postgresql"}:
        resolved = sa.text("layer = 'event'")
        mention = sa.text("layer = 'mention'")
        op.create_index(
            "uq_events_resolved_id",
            "events",
            ["event_id"],
            unique=True,
            sqlite_where=resolved,
            postgresql_where=resolved,
        )
        op.create_index(
            "uq_events_mention_id",
            "events",
            ["doc_id", "event_id"],
            unique=True,
            sqlite_where=mention,
            postgresql_where=mention,
        )
    op.create_table(
        "event_actors",
        sa.Column(
            "row_id",
            sa.Integer(),
            sa.ForeignKey("events.row_id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("party", sa.String(64), primary_key=True),
    )
    op.create_index("ix_event_actors_party", "event_actors", ["party"])
    op.create_table(
        "participants",
        sa.Column("participant_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "row_id",
            sa.Integer(),
            sa.ForeignKey("events.row_id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("party", sa.String(64), nullable=True),
        sa.Column("level", sa.String(64), nullable=True),
        sa.Column("person_id", sa.String(255), nullable=True),
    )
    op.create_index("ix_participants_row_id", "participants", ["row_id"])
    op.create_index("ix_participants_person_id", "participants", ["person_id"])
    op.create_table(
        "evidence",
        sa.Column("evidence_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "row_id",
            sa.Integer(),
            sa.ForeignKey("events.row_id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("doc_id", sa.String(512), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("extractor_version", sa.String(255), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=True),
        sa.Column("sentence_end", sa.Integer(), nullable=True),
        sa.Column("sources_cited", sa.JSON(), nullable=False),
        sa.Column("side", sa.String(64), nullable=True),
    )
    op.create_index("ix_evidence_row_id", "evidence", ["row_id"])
    op.create_index("ix_evidence_doc_id", "evidence", ["doc_id"])


def downgrade() -> None:
    """Drop every table of the first schema, children first."""
    for table in ("evidence", "participants", "event_actors", "events", "extraction_runs"):
        op.drop_table(table)
    op.drop_table("documents")
