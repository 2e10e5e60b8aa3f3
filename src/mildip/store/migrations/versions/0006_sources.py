"""Sources: document identity and versions, fetch records, ingest runs, feed state.

Revision ID: 0006_sources
Revises: 0005_review
Create Date: 2026-12-03

* ``documents`` gains ``identity`` (the URL or canonical path a document comes
  from; NULL for rows written before this revision), ``version`` (1, 2, ... per
  identity), ``status`` (``current``, ``superseded`` or ``retired``; older rows are
  ``current``), ``supersedes`` (the doc_id of the previous version),
  ``status_reason`` and ``status_changed_at``. ``content_hash`` is no longer unique:
  a page may come back to the text of an earlier version, which is then a new
  version of its own. At most one version per identity is not superseded (a partial
  unique index on SQLite and PostgreSQL).
* ``fetches``: the bytes of a fetched URL with URL, final URL, status, headers,
  retrieval time and SHA-256, one row per document version fetched.
* ``ingest_runs`` and ``ingest_run_items``: each ingest/watch run, and what became of
  each of its inputs.
* ``feed_state`` and ``feed_items``: conditional-request validators and backoff per
  feed, and every item URL a feed has delivered.

On SQLite the unique constraint is dropped by rebuilding ``documents`` (Alembic's
batch mode); :func:`mildip.store.migrate.upgrade` runs migrations with foreign keys
off on SQLite, so the rebuild cannot cascade into the tables that reference it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_sources"
down_revision: str | Sequence[str] | None = "0005_review"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NAMING = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
_LIVE = sa.text("status != 'superseded'")


def _drop_content_hash_unique() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        with op.batch_alter_table("documents", naming_convention=_NAMING) as batch:
            batch.drop_constraint("uq_documents_content_hash", type_="unique")
        return
    for constraint in sa.inspect(bind).get_unique_constraints("documents"):
        if constraint["column_names"] == ["content_hash"] and constraint["name"]:
            op.drop_constraint(constraint["name"], "documents", type_="unique")


def upgrade() -> None:
    """Add the version columns and the four new tables."""
    _drop_content_hash_unique()
    op.add_column("documents", sa.Column("identity", sa.Text(), nullable=True))
    op.add_column(
        "documents", sa.Column("version", sa.Integer(), nullable=False, server_default="1")
    )
    op.add_column(
        "documents",
        sa.Column("status", sa.String(16), nullable=False, server_default="current"),
    )
    op.add_column("documents", sa.Column("supersedes", sa.String(512), nullable=True))
    op.add_column("documents", sa.Column("status_reason", sa.Text(), nullable=True))
    op.add_column(
        "documents", sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.create_index("ix_documents_content_hash", "documents", ["content_hash"])
    op.create_index("ix_documents_identity", "documents", ["identity"])
    op.create_index("ix_documents_status", "documents", ["status"])
    if op.get_bind().dialect.name in {"sqlite", "postgresql"}:
        op.create_index(
            "uq_documents_live_identity",
            "documents",
            ["identity"],
            unique=True,
            sqlite_where=_LIVE,
            postgresql_where=_LIVE,
        )
    op.create_table(
        "fetches",
        sa.Column("fetch_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "doc_id",
            sa.String(512),
            sa.ForeignKey("documents.doc_id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("final_url", sa.Text(), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("headers", sa.JSON(), nullable=False),
        sa.Column("redirects", sa.JSON(), nullable=False),
        sa.Column("retrieved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("media_type", sa.String(255), nullable=True),
        sa.Column("body", sa.LargeBinary(), nullable=False),
    )
    op.create_index("ix_fetches_doc_id", "fetches", ["doc_id"])
    op.create_index("ix_fetches_sha256", "fetches", ["sha256"])
    op.create_table(
        "ingest_runs",
        sa.Column("run_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("command", sa.String(64), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("inputs", sa.JSON(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("host", sa.String(255), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
    )
    op.create_index("ix_ingest_runs_status", "ingest_runs", ["status"])
    op.create_table(
        "ingest_run_items",
        sa.Column("item_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "run_id",
            sa.Integer(),
            sa.ForeignKey("ingest_runs.run_id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(32), nullable=False),
        sa.Column("doc_id", sa.String(512), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_ingest_run_items_run_id", "ingest_run_items", ["run_id"])
    op.create_index("ix_ingest_run_items_source", "ingest_run_items", ["source"])
    op.create_table(
        "feed_state",
        sa.Column("feed_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("url", sa.Text(), nullable=False, unique=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("last_polled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_poll_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("last_status", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
    )
    op.create_table(
        "feed_items",
        sa.Column("item_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("item_url", sa.Text(), nullable=False, unique=True),
        sa.Column("feed_url", sa.Text(), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(32), nullable=False),
        sa.Column("doc_id", sa.String(512), nullable=True),
    )


def downgrade() -> None:
    """Drop the new tables and columns (documents that share a text would break the
    restored unique constraint: retire or delete them first)."""
    for table in ("feed_items", "feed_state", "ingest_run_items", "ingest_runs", "fetches"):
        op.drop_table(table)
    if op.get_bind().dialect.name in {"sqlite", "postgresql"}:
        op.drop_index("uq_documents_live_identity", table_name="documents")
    for index in ("ix_documents_status", "ix_documents_identity", "ix_documents_content_hash"):
        op.drop_index(index, table_name="documents")
    with op.batch_alter_table("documents", naming_convention=_NAMING) as batch:
        for column in (
            "status_changed_at",
            "status_reason",
            "supersedes",
            "status",
            "version",
            "identity",
        ):
            batch.drop_column(column)
        batch.create_unique_constraint("uq_documents_content_hash", ["content_hash"])
