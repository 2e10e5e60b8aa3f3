"""Opening a store: Alembic migrations, URLs, drivers, and the errors a user sees."""

from __future__ import annotations

import sqlite3
import sys
from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from mildip._exceptions import MissingExtraError, StoreError
from mildip.store import open_store
from mildip.store.migrate import current_revisions, head_revisions
from mildip.store.schema import Base


def _ours_only(obj, name, type_, reflected, compare_to):
    """Compare only the tables these models define (other modules may add tables)."""
    if type_ == "table":
        return name in Base.metadata.tables
    table = getattr(obj, "table", None)
    return table is None or table.name in Base.metadata.tables


def test_store_migrations_match_the_models(store):
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": _ours_only})
        assert compare_metadata(context, Base.metadata) == []


def test_store_migrations_reach_head_and_reopen_cleanly(store_url):
    with open_store(store_url) as first:
        assert current_revisions(first.engine) == head_revisions()
    with open_store(store_url) as again:
        assert current_revisions(again.engine) == head_revisions()


def test_store_migrations_refuse_a_newer_schema(store_url):
    with open_store(store_url) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff-from-the-future'"))
    with pytest.raises(StoreError, match="newer mildip"):
        open_store(store_url)


@pytest.mark.parametrize(
    "url", ["postgresql+psycopg://u@localhost/db", "postgresql://u@localhost/db"]
)
def test_store_open_postgres_without_psycopg_names_the_extra(monkeypatch, url):
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(MissingExtraError, match=r"mildip\[postgres\]") as caught:
        open_store(url)
    assert (caught.value.extra, caught.value.package) == ("postgres", "psycopg")


@pytest.mark.parametrize(
    "url, message",
    [
        ("not a url", "not a database URL"),
        ("nosuchdb://host/db", "unknown database backend"),
        ("sqlite:////nonexistent-dir/deeper/mildip.db", "cannot open the store"),
        ("postgresql://mildip:secret@127.0.0.1:1/none", "cannot open the store"),
    ],
)
def test_store_open_bad_url_says_what_to_do(url, message):
    with pytest.raises(StoreError, match=message) as caught:
        open_store(url)
    assert "secret" not in str(caught.value)


def test_store_open_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE documents (anything TEXT)")
    with pytest.raises(StoreError, match="mildip store"):
        open_store(f"sqlite:///{path}")


def test_store_migrations_upgrade_a_0002_database_keeps_documents_at_day_precision(store_url):
    # A store written before revision 0003 (no published_precision column) upgrades in
    # place; its documents, which could only have day-precise dates, read back as such.
    from alembic import command
    from sqlalchemy import create_engine

    from mildip.store.migrate import _alembic_config, parse_url

    engine = create_engine(parse_url(store_url))
    with _alembic_config() as cfg, engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        conn.execute(
            text(
                "INSERT INTO documents (doc_id, content_hash, text, published, "
                "published_inferred, language, media_type, meta, ingested_at) VALUES "
                "('annals', 'h', 'Gondor and Rohan held talks.', '3019-03-25', false, 'en', "
                "'text/plain', '{}', '3019-03-26 00:00:00')"
            )
        )
    engine.dispose()
    with open_store(store_url) as store:
        assert current_revisions(store.engine) == head_revisions() == ("0006_sources",)
        doc = store.get_document("annals")
    assert (doc.published, doc.published_precision) == (date(3019, 3, 25), "day")


def test_store_migrations_form_one_chain_with_one_head():
    from alembic.script import ScriptDirectory

    from mildip.store.migrate import _alembic_config

    with _alembic_config() as cfg:
        script = ScriptDirectory.from_config(cfg)
        chain = [rev.revision for rev in script.walk_revisions("base", "heads")]
    assert script.get_heads() == ["0006_sources"]
    assert chain[::-1] == ["0001", "0002", "0003", "0005_review", "0006_sources"]


def test_store_migrations_upgrade_a_0005_review_database_keeps_documents_mentions_and_reviews(
    store_url,
):
    # Revision 0006_sources rebuilds `documents` on SQLite (to drop the unique content
    # hash); with foreign keys on, that rebuild would cascade into events, extraction
    # runs and the review rows of 0005_review. The documents must come back current,
    # version 1, with their mentions, and the decisions with their history.
    from alembic import command
    from sqlalchemy import create_engine

    from mildip.store.migrate import _alembic_config, parse_url

    engine = create_engine(parse_url(store_url))
    with _alembic_config() as cfg, engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0005_review")
        conn.execute(
            text(
                "INSERT INTO documents (doc_id, content_hash, text, published, "
                "published_inferred, language, media_type, meta, ingested_at) VALUES "
                "('annals', 'h', 'Gondor and Rohan held talks.', '3019-03-25', false, 'en', "
                "'text/plain', '{}', '3019-03-26 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO events (layer, doc_id, extractor_version, position, event_id, type, "
                "modality, resumed, flags, n_sources, sides) VALUES ('mention', 'annals', 'v1', 0, "
                "'ev-1', 'DIALOGUE', 'asserted', false, '[]', 0, '[]')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO overrides (override_id, kind, event_keys, reason, created_at) "
                "VALUES (7, 'reject', '[\"annals#q\"]', 'not a meeting', '3019-03-27 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO review_history (override_id, author, event_id, fields, before, after) "
                "VALUES (7, 'frodo', 'ev-1', '{}', NULL, NULL)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO extraction_runs (doc_id, extractor_version, ran_at, n_events) "
                "VALUES ('annals', 'v1', '3019-03-26 00:00:00', 1)"
            )
        )
    engine.dispose()
    with open_store(store_url) as store:
        assert current_revisions(store.engine) == head_revisions()
        assert [m.event_id for m in store.mentions()] == ["ev-1"]
        assert len(store.extraction_runs("annals")) == 1
        from mildip.store.versions import version_info

        info = version_info(store, "annals")
        assert (info.status, info.version, info.identity, info.n_mentions) == (
            "current",
            1,
            None,
            1,
        )
        from mildip.store.overrides import history

        [entry] = history(store)
        assert (entry.override.kind, entry.override.author, entry.event_id) == (
            "reject",
            "frodo",
            "ev-1",
        )
