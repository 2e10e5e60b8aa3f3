"""``mildip eval``: a thin command over mildip.evaluate."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from mildip.cli import eval_cmd


@pytest.fixture
def eval_app():
    """A Typer app holding only the eval command (no other command module needed)."""
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """Test root."""

    eval_cmd.register(app)
    return app


@pytest.fixture
def corpus(tmp_path, event_record):
    """One annotated text: a DIALOGUE (found) and a CALL (missed); plus a MEET predicted."""
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "annals.txt").write_text("Arnor and Gondor held talks.\n", "utf-8")
    gold = [event_record(), event_record(type="CALL", evidence="Gondor rang Arnor.")]
    (root / "annals.gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in gold))
    predicted = [event_record(), event_record(type="MEET", evidence="Rohan rode to Gondor.")]
    path = tmp_path / "predicted.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in predicted))
    return root, path


@pytest.mark.parametrize("show", [True, False])
def test_evaluate_cli_text_report(eval_app, corpus, show):
    root, predicted = corpus
    flag = "--show-errors" if show else "--no-show-errors"
    result = CliRunner().invoke(
        eval_app, ["eval", str(root), "--predictions", str(predicted), flag]
    )
    assert result.exit_code == 0, result.output
    assert "overall" in result.output and "0.500" in result.output
    assert ("Gondor rang Arnor." in result.output) is show
    assert ("Rohan rode to Gondor." in result.output) is show


def test_evaluate_cli_json_report(eval_app, corpus):
    root, predicted = corpus
    args = ["eval", str(root), "--predictions", str(predicted), "--format", "json"]
    result = CliRunner().invoke(eval_app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["overall"]["tp"] == 1 and data["overall"]["fn"] == 1 and data["overall"]["fp"] == 1
    assert [r["type"] for r in data["misses"]] == ["CALL"]
    assert [r["type"] for r in data["false_alarms"]] == ["MEET"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["eval", "/nonexistent/corpus"], "does not exist"),
        (["eval", "{root}", "--format", "xml"], "xml"),
        (["eval", "{root}", "--predictions", "/nonexistent.jsonl"], "does not exist"),
    ],
)
def test_evaluate_cli_rejects_bad_arguments(eval_app, corpus, args, message):
    root, _ = corpus
    args = [a.format(root=root) for a in args]
    result = CliRunner().invoke(eval_app, args)
    assert result.exit_code == 2
    assert message in result.output


def test_evaluate_cli_has_help(eval_app):
    result = CliRunner().invoke(eval_app, ["eval", "--help"])
    assert result.exit_code == 0
    assert "--show-errors" in result.output and "--predictions" in result.output


def test_evaluate_cli_is_a_mildip_command():
    from mildip.cli import COMMAND_MODULES, app

    assert "eval_cmd" in COMMAND_MODULES
    result = CliRunner().invoke(app, ["eval", "--help"])
    assert result.exit_code == 0, result.output
