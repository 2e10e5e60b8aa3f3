"""The workbench's commands: ``mildip users``, ``mildip events history``, ``mildip serve``'s
binding rule, and the migration that adds the review tables."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from mildip.cli import app
from mildip.review.accounts import authenticate, user_for_token
from mildip.store import open_store

runner = CliRunner()


def _run(url, *args, stdin=None):
    return runner.invoke(app, ["--db", url, *args], input=stdin)


@pytest.fixture
def main_cli(monkeypatch, capsys):
    """``main_cli(url, *args, stdin=None)`` → ``(exit status, stderr)`` of ``mildip.cli.main``,
    which turns a MildipError into one line and status 2."""
    import io
    import sys

    from mildip.cli import main

    def call(url, *args, stdin=None):
        monkeypatch.setattr(sys, "argv", ["mildip", "--db", url, *args])
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin or ""))
        with pytest.raises(SystemExit) as caught:
            main()
        return caught.value.code, capsys.readouterr().err

    return call


def test_web_cli_users_add_list_update_passwd_token(web_settings):
    url = web_settings.db_url
    assert _run(url, "users", "add", "ana", "--role", "admin", stdin="long-password\n").exit_code == 0
    assert _run(url, "users", "add", "bob", stdin="bob-password\n").exit_code == 0
    listed = json.loads(_run(url, "users", "list", "--format", "json").stdout)
    assert listed == [
        {"name": "ana", "role": "admin", "active": True},
        {"name": "bob", "role": "analyst", "active": True},
    ]
    assert _run(url, "users", "update", "bob", "--role", "viewer", "--disabled").exit_code == 0
    assert _run(url, "users", "passwd", "ana", stdin="another-password\n").exit_code == 0
    token = _run(url, "users", "token", "ana", "--label", "ci").stdout.strip()
    with open_store(url) as store:
        assert authenticate(store, "ana", "another-password").name == "ana"
        assert authenticate(store, "bob", "bob-password") is None
        assert user_for_token(store, token).name == "ana"


@pytest.mark.parametrize(
    "args, stdin, message",
    [
        (["users", "add", "x y"], "long-password\n", "must be 1-64"),
        (["users", "add", "carl"], "short\n", "at least 8"),
        (["users", "add", "carl"], "\n", "no password"),
        (["users", "update", "nobody", "--role", "admin"], None, "no user named"),
        (["users", "update", "ana", "--role", "viewer"], None, "last admin"),
        (["users", "update", "ana"], None, "give --role"),
        (["users", "token", "nobody"], None, "no user named"),
    ],
)
def test_web_cli_users_refuse_bad_requests(web_settings, main_cli, args, stdin, message):
    url = web_settings.db_url
    _run(url, "users", "add", "ana", "--role", "admin", stdin="long-password\n")
    status, err = main_cli(url, *args, stdin=stdin)
    assert status == 2
    assert message in err
    assert "Traceback" not in err


def test_web_cli_events_history_prints_decisions(web_app):
    from mildip.review import actions

    _, store = web_app
    [event] = [e for e in store.events() if e.type == "DIALOGUE"]
    actions.edit(store, _settings(store), event.event_id, {"date": "3019-03-10"}, version=0,
                 author="ana", reason="misdated")
    url = str(store.engine.url)
    text = _run(url, "events", "history", event.event_id).stdout
    assert "edit" in text and "ana edited the event - misdated" in text
    assert "date: '3019-03-09' -> '3019-03-10'" in text
    [entry] = json.loads(_run(url, "events", "history", event.event_id, "--format", "json").stdout)
    assert (entry["action"], entry["author"]) == ("edit", "ana")
    assert _run(url, "events", "history", "ev-missing").exit_code != 0


def _settings(store):
    from mildip.settings import Settings

    return Settings(db_url=str(store.engine.url), use_parser=False)


def test_web_cli_merge_records_a_cli_author(web_app):
    _, store = web_app
    meets = [e.event_id for e in store.events() if e.type == "MEET"]
    url = str(store.engine.url)
    assert _run(url, "events", "merge", *meets, "--reason", "one meeting").exit_code == 0
    from mildip.store.overrides import history

    [entry] = history(store)
    assert entry.author.startswith("cli")
    assert len(entry.before["events"]) == 2 and len(entry.after["events"]) == 1


@pytest.mark.parametrize("host, allowed", [("127.0.0.1", True), ("localhost", True), ("0.0.0.0", False)])
def test_web_cli_serve_binds_elsewhere_only_with_an_admin(web_settings, host, allowed):
    from mildip.review.accounts import add_user
    from mildip.web.server import BindRefused, check_bind

    with open_store(web_settings.db_url) as store:
        add_user(store, "ana", "analyst", "long-password")
        if allowed:
            check_bind(store, host)
        else:
            with pytest.raises(BindRefused, match="mildip users add NAME --role admin"):
                check_bind(store, host)
        add_user(store, "adam", "admin", "long-password")
        check_bind(store, host)


def test_web_cli_serve_refuses_a_network_address_without_admin(web_settings, main_cli):
    status, err = main_cli(web_settings.db_url, "serve", "--host", "0.0.0.0", "--port", "1")
    assert status == 2
    assert err.startswith("mildip: error: refusing to listen on 0.0.0.0: no admin user exists")


def test_web_cli_migration_gives_old_overrides_a_history_row(tmp_path):
    """A store at revision 0002 with an override, upgraded: the override gets a history
    row with an unknown author, and nothing else changes."""
    from alembic import command
    from sqlalchemy import text

    from mildip.store.migrate import _alembic_config, connect
    from mildip.store.overrides import history

    path = tmp_path / "old.db"
    engine = connect(f"sqlite:///{path}")
    with _alembic_config() as cfg, engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        conn.execute(
            text(
                "INSERT INTO overrides (kind, event_keys, reason, created_at) "
                "VALUES ('merge', :keys, 'old decision', '2026-11-28 12:00:00')"
            ),
            {"keys": json.dumps(["a#1", "b#2"])},
        )
    engine.dispose()
    with open_store(f"sqlite:///{path}") as store:
        [entry] = history(store)
    assert (entry.kind, entry.author, entry.reason, entry.override.event_keys) == (
        "merge", None, "old decision", ("a#1", "b#2")
    )


def test_web_cli_review_tables_match_their_migration(store):
    """The review and account tables (defined outside schema.py) match revision 0005_review."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    import mildip.store.overrides  # registers the review tables (the next line: the account tables)
    import mildip.store.users  # noqa: F401
    from mildip.store.schema import Base

    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


@pytest.mark.parametrize(
    "db_url, flag",
    [("sqlite:///mildip.db", ""), ("postgresql+psycopg://me@dbhost/mildip", "--db postgresql+psycopg://me@dbhost/mildip ")],
)
def test_web_cli_demo_says_how_to_start_the_workbench(db_url, flag):
    from mildip.cli.demo_cmd import workbench_hint

    hint = workbench_hint(db_url)
    assert f"mildip {flag}users add me --role admin" in hint
    assert f"mildip {flag}serve" in hint and "http://127.0.0.1:8000/" in hint
