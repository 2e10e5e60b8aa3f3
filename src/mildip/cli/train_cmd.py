"""``mildip train --gold DIR... --out MODEL``: train the learned scorer on gold corpora."""

from __future__ import annotations

import shlex
from pathlib import Path

import typer

from mildip._exceptions import MildipError
from mildip.cli._common import settings_from_context
from mildip.train import SEED, TrainingCorpus, check_corpus, check_output, train, training_corpora

MAX_SEED = 2**32 - 1
"""The largest seed scikit-learn accepts."""


def _corpora(part: str, option: str):
    """A callback that checks each directory of ``option`` as a corpus used for ``part``."""

    def check(values: list[Path]) -> list[Path]:
        for path in values:
            try:
                check_corpus(TrainingCorpus(path, part))
            except MildipError as exc:
                raise typer.BadParameter(str(exc), param_hint=option) from None
        return values

    return check


def _output(value: Path) -> Path:
    try:
        return check_output(value)
    except MildipError as exc:
        raise typer.BadParameter(str(exc), param_hint="--out") from None


def command_line(
    gold: list[Path], all_of: list[Path], out: Path, seed: int, settings_file: Path | None
) -> str:
    """The command that rebuilds the model, as recorded in it (options in a fixed order)."""
    words = ["mildip"] + (["--settings", str(settings_file)] if settings_file else []) + ["train"]
    for path in gold:
        words += ["--gold", str(path)]
    for path in all_of:
        words += ["--all-of", str(path)]
    return shlex.join([*words, "--out", str(out), "--seed", str(seed)])


def train_command(
    ctx: typer.Context,
    gold: list[Path] = typer.Option(
        [],
        "--gold",
        help="A directory of NAME.txt texts with NAME.gold.jsonl gold beside them; only its "
        "tuning part is trained on (split.toml, else the fixed rule). Repeatable.",
        callback=_corpora("tuning", "--gold"),
    ),
    all_of: list[Path] = typer.Option(
        [],
        "--all-of",
        help="A gold directory trained on whole, sealed documents included (for a corpus "
        "that is never used to measure the model). Repeatable.",
        callback=_corpora("all", "--all-of"),
    ),
    out: Path = typer.Option(
        ..., "--out", help="The model file to write (JSON).", callback=_output
    ),
    seed: int = typer.Option(
        SEED,
        "--seed",
        min=0,
        max=MAX_SEED,
        help="Decides which documents share a cross-validation fold (0 to 2**32-1).",
    ),
) -> None:
    """Train the learned scorer on gold corpora and write the model file.

    Every text is extracted with the scorer off; each candidate is labelled by whether
    it matches a gold record, and a logistic regression with a threshold is fitted.
    Use the model with the setting scorer_model (see docs/training.md).
    """
    settings = settings_from_context(ctx)
    corpora = training_corpora(gold, all_of)
    settings_file = ctx.parent.params.get("settings_file") if ctx.parent else None
    command = command_line(gold, all_of, out, seed, settings_file)
    model = train(corpora, out, settings, seed=seed, command=command)
    documents = sum(c["documents"] for c in model["trained_on"])
    cv = model["cross_validation"]
    typer.echo(
        f"wrote {out}: {model['candidates']} candidates ({model['positives']} matching the gold) "
        f"from {documents} documents of {len(corpora)} corpora; {model['features']} features, "
        f"threshold {model['threshold']:.2f}, out-of-fold event F1 {cv['event_f1']:.3f} "
        f"(keeping every candidate {cv['event_f1_keep_all']:.3f}); fingerprint {model['fingerprint'][:12]}"
    )


def register(app: typer.Typer) -> None:
    """Add the ``train`` command to ``app``."""
    app.command("train")(train_command)
