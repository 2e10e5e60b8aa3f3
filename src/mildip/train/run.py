"""One training run: check the inputs, extract and label, fit, write the model file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from mildip._exceptions import TrainingError
from mildip.settings import Settings
from mildip.train.examples import examples
from mildip.train.fingerprint import training_fingerprint
from mildip.train.fit import SEED, fit, model_file, model_text
from mildip.train.inputs import TrainingCorpus, check_corpora, check_output


def train_scorer(
    corpora: Sequence[TrainingCorpus], settings: Settings, seed: int = SEED, command: str = ""
) -> dict[str, Any]:
    """The model file (as plain data) trained on ``corpora`` with ``settings``;
    ``command`` is recorded as the command that rebuilds it."""
    check_corpora(corpora)
    items, used, golds = examples(corpora, settings)
    model = fit(items, golds, settings, seed)
    return model_file(model, used, training_fingerprint(corpora, settings), settings, command, seed)


def write_model(model: Mapping[str, Any], out: str | Path) -> Path:
    """Write ``model`` to ``out`` (:func:`~mildip.train.fit.model_text`), replacing the
    file in one step so that a failed write leaves the old one in place."""
    path = check_output(out)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(model_text(model))
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise TrainingError(f"cannot write the model to {path}: {exc.strerror}") from None
    return path


def train(
    corpora: Sequence[TrainingCorpus],
    out: str | Path,
    settings: Settings,
    seed: int = SEED,
    command: str = "",
) -> dict[str, Any]:
    """Check ``corpora`` and ``out`` first, train (:func:`train_scorer`), write the
    model to ``out`` (:func:`write_model`); returns the model."""
    check_corpora(corpora)
    check_output(out)
    model = train_scorer(corpora, settings, seed, command)
    write_model(model, out)
    return model
