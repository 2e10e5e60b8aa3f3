"""``mildip eval DIR...``: score the extractor (or a predictions file) against gold records."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path

import typer

from mildip.cli._common import settings_from_context
from mildip.evaluate import evaluate_corpora, read_jsonl


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


class Part(str, Enum):
    all = "all"
    tuning = "tuning"
    sealed = "sealed"


def register(app: typer.Typer) -> None:
    """Add the ``eval`` command to ``app``."""

    @app.command("eval")
    def eval_command(
        ctx: typer.Context,
        corpora: list[Path] = typer.Argument(
            ...,
            exists=True,
            file_okay=False,
            help="Directories of NAME.txt files with NAME.gold.jsonl gold records beside them; "
            "each is scored separately, and several also together.",
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
        part: Part = typer.Option(
            Part.all,
            "--part",
            help="Score only the tuning or the sealed part of each corpus (split.toml, "
            "else the fixed rule; see docs/evaluation.md).",
        ),
        by_part: bool = typer.Option(
            False, "--by-part", help="Add a summary row for each part (tuning, sealed, all)."
        ),
    ) -> None:
        """Score extraction against the gold records of each corpus DIR.

        Prints P/R/F1 overall, per type and per document, attribute agreement, and
        the misses and false alarms with their evidence (see docs/evaluation.md).
        """
        evaluation = evaluate_corpora(
            corpora,
            settings_from_context(ctx),
            part=part.value,
            by_part=by_part,
            predictions=None if predictions is None else read_jsonl(predictions),
        )
        if output_format is OutputFormat.json:
            data = evaluation.to_dict(errors=show_errors)
            typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            typer.echo(evaluation.format_text(show_errors=show_errors), nl=False)
