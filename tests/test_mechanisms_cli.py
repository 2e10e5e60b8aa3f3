"""``mildip mechanisms``: the board, overdue, threads and round flags read from a store."""

from __future__ import annotations

import json
from datetime import date

import pytest
import typer
from typer.testing import CliRunner

from mildip.cli import mechanisms_cmd
from mildip.model import Document
from mildip.settings import Settings
from mildip.store import open_store


@pytest.fixture
def store_url(tmp_path, mechanism_event):
    """A SQLite store holding a short China-US story and an invented Gondor-Rohan one."""
    url = f"sqlite:///{tmp_path / 'mechanisms.db'}"
    events = [
        mechanism_event(
            type="CANCEL",
            actors=("CHN", "USA"),
            date="2022-08-05",
            initiator="CHN",
            mechanism="Defense Policy Coordination Talk",
            quote="canceling the DPCT",
        ),
        mechanism_event(
            type="DIALOGUE",
            actors=("CHN", "USA"),
            date="2021-09",
            round=16,
            mechanism="the 16th China-US Defense Policy Coordination Talks",
            quote="the 16th DPCT",
        ),
        mechanism_event(
            type="PROPOSE",
            actors=("CHN", "USA"),
            date="2023-02",
            initiator="USA",
            mechanism=None,
            quote="the U.S. side proposed a call",
            start=10,
        ),
        mechanism_event(
            type="REJECT",
            actors=("CHN", "USA"),
            date="2023-02",
            initiator="CHN",
            mechanism=None,
            quote="Beijing rejected the offer to talk",
            start=50,
        ),
        mechanism_event(
            type="DIALOGUE",
            actors=("CHN", "EU"),
            date="2021-02",
            round=12,
            mechanism="12th annual consultations on security and defense",
            quote="the 12th",
        ),
    ]
    with open_store(url) as store:
        # the board counts only what was published by its date: the annals are known from 2021
        store.add_document(Document("annals", "The annals.", published=date(2021, 1, 1)))
        store.save_events(events)
    return url


def _run(url: str, *args: str):
    app = typer.Typer()

    @app.callback()
    def _settings(ctx: typer.Context) -> None:
        ctx.obj = Settings(db_url=url)

    mechanisms_cmd.register(app)
    return CliRunner().invoke(app, ["mechanisms", *args], env={"COLUMNS": "200"})


def test_mechanisms_cli_board_json(store_url):
    result = _run(
        store_url,
        "--as-of",
        "2023-04-14",
        "--party",
        "CHN",
        "--party",
        "usa",
        "--format",
        "json",
        "--with-events",
    )
    assert result.exit_code == 0, result.output
    rows = {r["mechanism_id"]: r for r in json.loads(result.output)}
    assert list(rows) == ["china-us-defense-policy-coordination-talks"]
    row = rows["china-us-defense-policy-coordination-talks"]
    assert (row["state"], row["since"], row["last_round"], row["last_round_date"]) == (
        "cancelled",
        "2022-08-05",
        16,
        "2021-09",
    )
    assert row["evidence"][0]["quotes"] == ["canceling the DPCT"]


def test_mechanisms_cli_board_table_names_state_and_evidence(store_url):
    result = _run(store_url, "--as-of", "2022-12-31", "--with-events", "--format", "table")
    assert result.exit_code == 0, result.output
    assert "Mechanisms as of 2022-12-31" in result.output
    assert "cancelled" in result.output and "canceling the DPCT" in result.output


def test_mechanisms_cli_overdue_lists_halted_and_overdue(store_url):
    result = _run(store_url, "--as-of", "2023-06-30", "--overdue", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {r["mechanism_id"]: (r["overdue"], r["halted"]) for r in json.loads(result.output)}
    # EU-China: annual (registry), last round 2021-02 → overdue; the DPCT has no cadence estimate
    assert rows == {"eu-china-consultations-on-security-and-defence": (True, False)}


def test_mechanisms_cli_threads(store_url):
    result = _run(store_url, "--as-of", "2023-04-14", "--threads", "--format", "json")
    assert result.exit_code == 0, result.output
    (thread,) = json.loads(result.output)
    assert thread["proposal"]["evidence"] == "the U.S. side proposed a call"
    assert [a["type"] for a in thread["answers"]] == ["REJECT"]


def test_mechanisms_cli_rounds_flags(store_url):
    result = _run(store_url, "--as-of", "2023-04-14", "--rounds", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "April"], "2023-04-14"),
        (["--overdue", "--threads"], "choose one"),
    ],
)
def test_mechanisms_cli_rejects_bad_options(store_url, args, message):
    result = _run(store_url, *args)
    assert result.exit_code != 0
    assert message in result.output
