"""The shipped scorer model (src/mildip/data/scorer.json) is what `make model` builds now.

The model records the command that made it and the fingerprint of its inputs (training
documents, extractor code and data, settings, library versions; mildip.train.fingerprint).
These tests recompute the fingerprint from the recorded command - hashing files, never
extracting - so they fail as soon as the extractor or the training data change and the
model was not rebuilt. The fix is `make model` (needs ../shared), then commit the model.
"""

from __future__ import annotations

import itertools
import json
import re
import shlex

import pytest
from conftest import REPOSITORY

from mildip.evaluate import shared_dir
from mildip.evaluate.corpora import shipped_settings
from mildip.extract.scorer import MODEL_FILE, load_scorer
from mildip.resources import data_text
from mildip.train import training_corpora, training_fingerprint

REBUILD = "run `make model` (it needs ../shared) and commit src/mildip/data/scorer.json"


@pytest.fixture(scope="module")
def shipped():
    """The shipped model file as plain data; skips while it predates recorded fingerprints."""
    model = json.loads(data_text(MODEL_FILE))
    if "fingerprint" not in model:
        pytest.skip(
            f"the shipped {MODEL_FILE} was made before models recorded a fingerprint: {REBUILD}"
        )
    return model


def _recorded_corpora(command: str) -> tuple[list, list]:
    """The --gold and --all-of directories of a recorded ``mildip train`` command, as
    paths from the repository root (``../shared`` read as the shared data folder)."""
    words = shlex.split(command)
    assert words[:1] == ["mildip"] and "train" in words, command
    shared = shared_dir(REPOSITORY.parent / "shared")
    found: dict[str, list] = {"--gold": [], "--all-of": []}
    for option, value in itertools.pairwise(words):
        if option in found:
            path = (
                (shared / value[len("../shared/") :])
                if value.startswith("../shared/")
                else REPOSITORY / value
            )
            if not path.is_dir():
                pytest.skip(
                    f"needs {path} to recompute the shipped model's fingerprint (the shared data folder)"
                )
            found[option].append(path)
    return found["--gold"], found["--all-of"]


def test_train_shipped_model_fingerprint_matches_its_training_data(shipped):
    gold, all_of = _recorded_corpora(shipped["command"])
    now = training_fingerprint(training_corpora(gold, all_of), shipped_settings())
    changed = now.changed(shipped["fingerprint_parts"])
    assert changed == [] and now.value == shipped["fingerprint"], (
        f"the shipped scorer model is stale: its {', '.join(changed) or 'fingerprint'} changed "
        f"since it was trained; {REBUILD}"
    )


def test_train_shipped_model_records_the_make_model_command(shipped):
    makefile = (REPOSITORY / "Makefile").read_text("utf-8")
    recipe = re.search(r"^model:.*\n\t(.+)$", makefile, re.MULTILINE)
    assert recipe, "the Makefile has no `model` target"
    command = recipe.group(1).replace("$(BIN)/mildip", "mildip").replace("$(SHARED)", "../shared")
    assert shipped["command"] == command, (
        f"the shipped model was not made by `make model`; {REBUILD}"
    )


def test_train_shipped_model_is_trained_on_no_sealed_part(shipped):
    parts = {(u["corpus"], u["part"]) for u in shipped["trained_on"]}
    assert all(part in ("tuning", "all") for _, part in parts)
    whole = {corpus for corpus, part in parts if part == "all"}
    assert whole <= {"dev"}, (
        f"only the dev corpus may be trained on whole, not {sorted(whole - {'dev'})}"
    )


def test_train_shipped_model_loads():
    scorer = load_scorer()
    assert scorer.weights and 0.0 <= scorer.threshold < 1.0
