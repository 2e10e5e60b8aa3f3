"""Training the learned scorer (mildip.train, ``mildip train``) on an invented gold corpus.

The corpus (``training_corpus`` in conftest.py) is written for these tests: short texts
with gold in the spec's record format, some of the extractor's candidates right and some
wrong. The tests check the model file, that training is deterministic and reads only the
tuning part, the command's errors, and that a model's threshold decides what extraction
keeps. They never pin which events the extractor finds.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import TRAINING_TEXTS, write_training_corpus
from typer.testing import CliRunner

from mildip.cli import app
from mildip.evaluate.corpora import shipped_settings
from mildip.evaluate.split import part_of
from mildip.api import extract_document
from mildip.extract.scorer import FORMAT, Scorer, features
from mildip.ingest import load_file
from mildip.train import (
    TrainingCorpus,
    TrainingError,
    model_text,
    train_scorer,
    training_corpora,
    training_fingerprint,
)
from mildip.train.fingerprint import PARTS, code_files, data_digest

HEX64 = re.compile(r"[0-9a-f]{64}")


def _invoke(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """``(corpus folder, model path, model dict)`` of
    ``mildip train --gold CORPUS --out MODEL --seed 7`` (once for the module: the tests
    only read them)."""
    tmp = tmp_path_factory.mktemp("trained")
    corpus = write_training_corpus(tmp / "invented")
    out = tmp / "model.json"
    result = _invoke("train", "--gold", corpus, "--out", out, "--seed", "7")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {out}: ") and len(result.stdout.splitlines()) == 1
    return corpus, out, json.loads(out.read_text("utf-8"))


# --- the model file ---------------------------------------------------------------------------


def test_train_model_file_records_what_made_it(trained):
    corpus, out, model = trained
    tuning = sorted(p.stem for p in corpus.glob("*.txt") if part_of(p.stem) == "tuning")
    assert model["format"] == FORMAT
    assert model["command"] == f"mildip train --gold {corpus} --out {out} --seed 7"
    assert model["seed"] == 7
    assert [(u["corpus"], u["part"], u["documents"]) for u in model["trained_on"]] == [
        ("invented", "tuning", len(tuning))
    ]
    assert set(model["fingerprint_parts"]) == set(PARTS)
    assert all(HEX64.fullmatch(d) for d in model["fingerprint_parts"].values())
    lines = "".join(f"{p}={model['fingerprint_parts'][p]}\n" for p in PARTS)
    assert model["fingerprint"] == hashlib.sha256(lines.encode("ascii")).hexdigest()
    import sklearn

    assert model["libraries"]["scikit-learn"] == sklearn.__version__
    assert 0.0 <= model["threshold"] < 1.0
    assert model["features"] >= len(model["weights"]) > 0
    assert 0 < model["positives"] < model["candidates"]
    assert set(model["cross_validation"]) == {"folds", "log_loss", "event_f1", "event_f1_keep_all"}
    assert model["cross_validation"]["folds"] >= 2


def test_train_model_file_is_canonical_json_with_its_digest(trained):
    _, out, model = trained
    text = out.read_text("utf-8")
    assert text == model_text(model)  # sorted keys, fixed indent, final newline
    body = {k: v for k, v in model.items() if k != "digest"}
    assert model["digest"] == hashlib.sha256(model_text(body).encode("utf-8")).hexdigest()
    assert not re.search(r"\d{4}-\d{2}-\d{2}T|\"(date|time|created|trained_at)\"", text)


def test_train_model_loads_as_a_scorer(trained):
    _, out, model = trained
    scorer = Scorer.from_json(out.read_text("utf-8"), str(out))
    assert scorer.threshold == model["threshold"]
    assert scorer.digest == model["digest"]
    assert scorer.meta["fingerprint"] == model["fingerprint"]


# --- determinism and what is read ---------------------------------------------------------------


def test_train_is_deterministic_byte_for_byte(trained):
    corpus, out, _ = trained
    again = train_scorer(
        training_corpora([corpus]),
        shipped_settings(),
        seed=7,
        command=f"mildip train --gold {corpus} --out {out} --seed 7",
    )
    assert model_text(again) == out.read_text("utf-8")


def test_train_order_and_path_of_corpora_do_not_change_the_model(training_corpus, tmp_path):
    names = sorted(n for n in TRAINING_TEXTS if part_of(n) == "tuning")
    first = training_corpus("first", names[: len(names) // 2])
    second = training_corpus("second", names[len(names) // 2 :])
    settings = shipped_settings()
    forward = train_scorer(training_corpora([first, second]), settings)
    relative = Path("..") / first.parent.name / first.name
    backward = train_scorer(training_corpora([second, first.parent / relative]), settings)
    assert model_text(forward) == model_text(backward)


def _edit(path: Path) -> None:
    path.write_text(path.read_text("utf-8") + "An added sentence.\n", "utf-8")


@pytest.mark.parametrize(
    ("part", "edited", "changes"),
    [
        ("tuning", "tuning", True),
        ("tuning", "sealed", False),  # a sealed document is never read by default
        ("all", "sealed", True),
    ],
)
def test_train_fingerprint_covers_exactly_the_documents_trained_on(
    training_corpus, part, edited, changes
):
    corpus = training_corpus()
    used = [TrainingCorpus(corpus, part)]
    before = training_fingerprint(used, shipped_settings())
    name = next(n for n in sorted(TRAINING_TEXTS) if part_of(n) == edited)
    _edit(corpus / f"{name}.txt")
    after = training_fingerprint(used, shipped_settings())
    assert (after.value != before.value) is changes
    assert after.changed(before.parts) == (["documents"] if changes else [])


def test_train_fingerprint_covers_gold_and_settings(training_corpus):
    corpus = training_corpus()
    used = [TrainingCorpus(corpus)]
    settings = shipped_settings()
    before = training_fingerprint(used, settings)
    assert training_fingerprint(used, replace(settings, use_parser=False)).changed(
        before.parts
    ) == ["settings"]
    # the store and the scorer settings are not read by training
    assert (
        training_fingerprint(
            used,
            replace(
                settings, db_url="sqlite:////elsewhere.db", scorer_model="x.json", use_scorer=False
            ),
        ).value
        == before.value
    )
    name = next(n for n in sorted(TRAINING_TEXTS) if part_of(n) == "tuning")
    _edit(corpus / f"{name}.gold.jsonl")
    assert training_fingerprint(used, settings).changed(before.parts) == ["documents"]


def test_train_fingerprint_data_leaves_out_the_model_it_makes(tmp_path):
    from importlib import resources

    folder = tmp_path / "data"
    folder.mkdir()
    for f in resources.files("mildip.data").iterdir():
        if f.is_file():
            (folder / f.name).write_bytes(f.read_bytes())
    before = data_digest(folder)
    assert before == data_digest()
    (folder / "scorer.json").write_text("{}", "utf-8")
    assert data_digest(folder) == before
    _edit(folder / "frames.toml")
    assert data_digest(folder) != before


def test_train_fingerprint_code_is_what_training_imports():
    import mildip

    package = Path(mildip.__file__).parent
    files = {p.relative_to(package).as_posix() for p in code_files()}
    for needed in (
        "train/fit.py",
        "extract/scorer.py",
        "evaluate/matching.py",
        "_version.py",
        "model.py",
    ):
        assert needed in files
    # frame modules are imported by name at run time; they count all the same
    assert {
        p.relative_to(package).as_posix() for p in (package / "extract" / "frames").glob("*.py")
    } <= files
    assert not [f for f in files if f.split("/")[0] in ("cli", "web", "store", "report", "review")]


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "option", "says"),
    [
        ("missing-dir", "--gold", "no such directory"),
        ("no-gold", "--gold", "has no NAME.txt with a NAME.gold.jsonl"),
        ("bad-gold", "--gold", "not valid JSON"),
        ("all-sealed", "--gold", "train on all of it with --all-of"),
        ("missing-all-of", "--all-of", "no such directory"),
        ("out-in-missing-dir", "--out", "does not exist"),
        ("out-under-a-file", "--out", "does not exist"),
        ("out-is-a-dir", "--out", "is a directory"),
        ("negative-seed", "--seed", "greater than or equal to 0"),
    ],
)
def test_train_cli_bad_input_is_one_line_naming_the_option(
    training_corpus, tmp_path, case, option, says
):
    corpus = training_corpus()
    args = {"--gold": corpus, "--out": tmp_path / "m.json"}
    if case == "missing-dir":
        args["--gold"] = tmp_path / "nowhere"
    elif case == "no-gold":
        (tmp_path / "texts").mkdir()
        (tmp_path / "texts" / "a.txt").write_text("Japan and Australia met.", "utf-8")
        args["--gold"] = tmp_path / "texts"
    elif case == "bad-gold":
        (corpus / "aus-jpn-call.gold.jsonl").write_text("{not json\n", "utf-8")
    elif case == "all-sealed":
        args["--gold"] = training_corpus(
            "sealed", [n for n in TRAINING_TEXTS if part_of(n) == "sealed"]
        )
    elif case == "missing-all-of":
        args["--all-of"] = tmp_path / "nowhere"
    elif case == "out-in-missing-dir":
        args["--out"] = tmp_path / "no" / "m.json"
    elif case == "out-under-a-file":
        (tmp_path / "file").write_text("", "utf-8")
        args["--out"] = tmp_path / "file" / "m.json"
    elif case == "out-is-a-dir":
        args["--out"] = tmp_path
    elif case == "negative-seed":
        args["--seed"] = "-1"
    result = _invoke("train", *[w for kv in args.items() for w in kv])
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 2, result.output
    assert len(lines) == 1 and option in lines[0] and says in lines[0], result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "m.json").exists()


@pytest.mark.parametrize(
    ("which", "says"),
    [("none", "no gold corpus given"), ("same-name", "two corpora are named 'invented'")],
)
def test_train_cli_refuses_a_run_without_corpora_or_with_two_of_one_name(
    training_corpus, tmp_path, which, says
):
    corpus = training_corpus()
    args = ["train", "--out", tmp_path / "m.json"]
    if which == "same-name":
        other = tmp_path / "elsewhere" / "invented"
        other.parent.mkdir()
        corpus.rename(other)
        corpus = training_corpus()
        args += ["--gold", corpus, "--all-of", other]
    result = _invoke(*args)
    assert result.exit_code == 2 and says in result.stderr, result.output
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("docs", "says"),
    [
        # only texts without gold: every candidate is wrong
        ([n for n, t in TRAINING_TEXTS.items() if not t[2]], "nothing to learn"),
        # right and wrong candidates, but all from one document: no folds
        (["aus-jpn-call"], "at least 2 documents"),
    ],
)
def test_train_too_little_to_learn_is_a_training_error(training_corpus, docs, says):
    corpus = training_corpus("little", docs)
    with pytest.raises(TrainingError, match=says):
        train_scorer([TrainingCorpus(corpus, "all")], shipped_settings())


# --- the threshold at extraction time ---------------------------------------------------------


def _model(
    tmp_path: Path, name: str, weights: dict[str, float], intercept: float, threshold: float
) -> str:
    path = tmp_path / f"{name}.json"
    path.write_text(
        model_text(
            {"format": FORMAT, "weights": weights, "intercept": intercept, "threshold": threshold}
        ),
        "utf-8",
    )
    return str(path)


def _types(doc, settings) -> list[str]:
    return sorted(e.type for e in extract_document(doc, settings))


def test_train_threshold_drops_low_scored_candidates(training_corpus, tmp_path):
    corpus = training_corpus()
    doc = load_file(corpus / "aus-jpn-call.txt", shipped_settings())[0]
    off = replace(shipped_settings(), use_scorer=False)
    found = _types(doc, off)
    assert "CALL" in found, f"precondition: the extractor finds the call of the text ({found})"
    # a CALL scores P = 1/(1+e^20) < 0.5; every other candidate P = 1/(1+e^-20)
    no_calls = _model(tmp_path, "no-calls", {"bias_type=CALL": -40.0}, 20.0, 0.5)
    kept = _types(doc, replace(off, use_scorer=True, scorer_model=no_calls))
    assert kept == [t for t in found if t != "CALL"]
    everything = _model(tmp_path, "all", {"bias_type=CALL": 0.0}, 20.0, 0.5)
    assert _types(doc, replace(off, use_scorer=True, scorer_model=everything)) == found


def test_train_use_scorer_false_keeps_every_candidate(training_corpus, tmp_path):
    corpus = training_corpus()
    doc = load_file(corpus / "aus-jpn-call.txt", shipped_settings())[0]
    nothing = _model(tmp_path, "nothing", {"bias_type=CALL": 0.0}, -20.0, 0.5)
    off = replace(shipped_settings(), use_scorer=False, scorer_model=nothing)
    assert _types(doc, replace(off, use_scorer=True)) == []
    assert _types(doc, off) and _types(doc, off) == _types(doc, replace(off, scorer_model=""))


def test_train_features_of_a_trained_model_are_the_scorer_features(trained):
    from mildip.train import examples

    corpus, _, model = trained
    items, _, _ = examples([TrainingCorpus(corpus)], shipped_settings())
    seen = {name for e in items for name in features(e.features)}
    assert set(model["weights"]) <= seen and model["features"] == len(seen)
