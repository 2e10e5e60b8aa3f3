"""``mildip eval DIR``: score the extractor (or a predictions file) against gold records."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path

import typer

from mildip.evaluate import evaluate_dir, evaluate_predictions, read_jsonl
from mildip.settings import load_settings


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


def register(app: typer.Typer) -> None:
    """Add the ``eval`` command to ``app``."""

    @app.command("eval")
    def eval_command(
        ctx: typer.Context,
        corpus: Path = typer.Argument(
            ...,
            exists=True,
            file_okay=False,
            help="Directory of NAME.txt files with NAME.gold.jsonl gold records beside them.",
        ),
        output_format: OutputFormat = typer.Option(
            OutputFormat.text, "--format", "-f", help="text (a report) or json."
        ),
        show_errors: bool = typer.Option(
            True,
            "--show-errors/--no-show-errors",
            help="List misses and false alarms with their evidence quotes.",
        ),
        predictions: Path | None = typer.Option(
            None,
            "--predictions",
            exists=True,
            dir_okay=False,
            help="Score this JSONL of records (e.g. from `mildip export --format jsonl`) "
            "instead of extracting the texts.",
        ),
    ) -> None:
        """Score extraction against the gold records of CORPUS.

        Prints P/R/F1 overall, per type and per document, attribute agreement, and
        the misses and false alarms with their evidence (see docs/evaluation.md).
        """
        if predictions is not None:
            result = evaluate_predictions(corpus, read_jsonl(predictions))
        else:
            result = evaluate_dir(corpus, ctx.obj or load_settings())
        if output_format is OutputFormat.json:
            typer.echo(json.dumps(result.to_dict(errors=show_errors), indent=2, ensure_ascii=False))
        else:
            typer.echo(result.format_text(show_errors=show_errors), nl=False)
