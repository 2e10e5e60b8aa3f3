"""Corpora (mildip.evaluate.corpora): read once, scored whole or by part, several at once.

Invented corpora about Arnor (ARN), Gondor (GDR) and Rohan (RHN); predictions are given
as records, so no case depends on what the extractor finds. "annals" is in the sealed
part by the fixed rule, "chronicle" and "letters" in the tuning part.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from mildip.cli import app
from mildip.evaluate import (
    corpus_fingerprint,
    document_parts,
    evaluate_corpora,
    evaluate_dir,
    evaluate_predictions,
    main,
    read_corpus,
)


def _write(root, docs):
    """``docs``: name -> gold records; each text says what its first record quotes."""
    root.mkdir(parents=True, exist_ok=True)
    for name, gold in docs.items():
        quote = gold[0]["evidence"] if gold else "Nothing happened."
        (root / f"{name}.txt").write_text(f"TITLE: {name}\n---\n{quote}\n", "utf-8")
        lines = [json.dumps({**r, "doc": name}) for r in gold]
        (root / f"{name}.gold.jsonl").write_text("".join(f"{x}\n" for x in lines), "utf-8")
    return root


@pytest.fixture
def realm(tmp_path, event_record):
    """A corpus of three documents and predictions: annals (sealed) 1 of 2 found, chronicle
    (tuning) found, letters (tuning) one false alarm."""
    root = _write(
        tmp_path / "realm",
        {
            "annals": [event_record(), event_record(type="CALL", evidence="Gondor rang Arnor.")],
            "chronicle": [event_record(type="MEET", actors=["GDR", "RHN"], evidence="Rohan met Gondor.")],
            "letters": [],
        },
    )
    predicted = [
        event_record(doc="annals"),
        event_record(doc="chronicle", type="MEET", actors=["GDR", "RHN"]),
        event_record(doc="letters", type="AGREE"),
        event_record(doc="elsewhere"),  # no gold: ignored
    ]
    return root, predicted


def test_evaluate_corpora_parts_follow_the_rule(realm):
    root, _ = realm
    assert document_parts(root) == {"annals": "sealed", "chronicle": "tuning", "letters": "tuning"}


@pytest.mark.parametrize(
    "part, docs, counts",
    [
        ("all", ["annals", "chronicle", "letters"], (2, 1, 1)),
        ("sealed", ["annals"], (1, 0, 1)),
        ("tuning", ["chronicle", "letters"], (1, 1, 0)),
    ],
)
def test_evaluate_corpora_score_a_part(realm, part, docs, counts):
    root, predicted = realm
    result = evaluate_predictions(root, predicted, part=part)
    assert list(result.documents) == docs
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == counts


def test_evaluate_corpora_split_file_replaces_the_rule(realm):
    root, predicted = realm
    (root / "split.toml").write_text('sealed = ["letters"]\n', "utf-8")
    run = read_corpus(root, predictions=predicted)
    assert run.documents("sealed") == ["letters"]
    assert run.score("sealed").overall.fp == 1


def test_evaluate_corpora_fingerprint_of_a_part(realm):
    root, _ = realm
    whole, sealed, tuning = (corpus_fingerprint(root, p) for p in ("all", "sealed", "tuning"))
    assert len({whole, sealed, tuning}) == 3
    (root / "chronicle.txt").write_text("TITLE: chronicle\n---\nRohan rode.\n", "utf-8")
    assert corpus_fingerprint(root, "sealed") == sealed  # a tuning text changed
    assert corpus_fingerprint(root, "tuning") != tuning
    assert corpus_fingerprint(root, "all") != whole


def test_evaluate_corpora_unreadable_text_is_recorded_and_scored_as_nothing_found(realm):
    root, _ = realm
    (root / "annals.txt").write_text("   \n", "utf-8")  # ingest refuses a blank text
    result = evaluate_dir(root, part="sealed")
    assert result.unreadable == {"annals": "the file holds only whitespace"}
    assert (result.overall.tp, result.overall.fn) == (0, 2)
    assert "unreadable documents, scored as finding nothing (1):" in result.format_text()
    assert result.to_dict(errors=False)["unreadable"] == {"annals": "the file holds only whitespace"}


def test_evaluate_corpora_several_each_and_together(tmp_path, realm, event_record):
    root, predicted = realm
    # a second corpus with a document of the same name: the two never meet
    other = _write(tmp_path / "other", {"annals": [event_record(type="EXERCISE", evidence="Drills.")]})
    predicted = [*predicted, event_record(doc="annals", type="EXERCISE")]
    evaluation = evaluate_corpora([root, other], predictions=predicted)
    (first, second), combined = evaluation.results, evaluation.combined
    assert (first.score.overall.tp, second.score.overall.tp) == (2, 1)
    # the EXERCISE prediction is a false alarm in the first corpus, a hit in the second
    assert first.score.overall.fp == 2 and second.score.overall.fp == 1
    assert combined.score.overall == first.score.overall + second.score.overall
    assert sorted(combined.score.per_doc) == sorted(
        [f"{root.as_posix()}/{d}" for d in ("annals", "chronicle", "letters")] + [f"{other.as_posix()}/annals"]
    )


def test_evaluate_corpora_by_part_rows(realm):
    root, predicted = realm
    evaluation = evaluate_corpora([root], predictions=predicted, by_part=True)
    (result,) = evaluation.results
    assert sorted(result.parts) == ["all", "sealed", "tuning"]
    text = evaluation.format_text(show_errors=False)
    header, *rows = text.split("\n\n", 1)[0].splitlines()
    assert header.split()[:3] == ["corpus", "part", "docs"]
    assert [r.split()[1:3] for r in rows] == [["all", "3"], ["tuning", "2"], ["sealed", "1"]]
    data = evaluation.to_dict(errors=False)
    assert data["corpora"][0]["parts"]["sealed"]["documents"] == ["annals"]
    assert data["combined"] is None


def test_evaluate_corpora_rejects_an_unknown_part(realm):
    root, predicted = realm
    with pytest.raises(ValueError, match="all, tuning, sealed"):
        evaluate_predictions(root, predicted, part="secret")


def test_evaluate_corpora_cli_several_directories_by_part(tmp_path, realm, event_record):
    root, predicted = realm
    other = _write(tmp_path / "other", {"tale": [event_record(type="EXERCISE", evidence="Drills.")]})
    path = tmp_path / "predicted.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in predicted), "utf-8")
    args = ["eval", str(root), str(other), "--predictions", str(path), "--by-part", "--no-show-errors"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    summary = result.output.split("\n\n", 1)[0].splitlines()
    assert [line.split()[:2] for line in summary[1:]] == [
        [root.as_posix(), "all"], [root.as_posix(), "tuning"], [root.as_posix(), "sealed"],
        [other.as_posix(), "all"], [other.as_posix(), "tuning"], [other.as_posix(), "sealed"],
        ["all", "corpora"], ["all", "corpora"], ["all", "corpora"],
    ]
    assert f"== {other.as_posix()} (all) ==" in result.output


def test_evaluate_corpora_cli_part_option(tmp_path, realm):
    root, predicted = realm
    path = tmp_path / "predicted.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in predicted), "utf-8")
    result = CliRunner().invoke(
        app, ["eval", str(root), "--predictions", str(path), "--part", "sealed", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["documents"] == ["annals"]
    bad = CliRunner().invoke(app, ["eval", str(root), "--part", "secret"])
    assert bad.exit_code == 2 and "secret" in bad.output


def test_evaluate_corpora_module_command_several_directories(tmp_path, realm, capsys):
    root, predicted = realm
    path = tmp_path / "predicted.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in predicted), "utf-8")
    assert main([str(root), str(root), "--predictions", str(path), "--format", "json", "--no-errors"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [c["corpus"] for c in data["corpora"]] == [root.as_posix(), root.as_posix() + "'"]
    assert data["combined"]["overall"]["tp"] == 4
