"""The quality-gate machinery: corpus fingerprint, floor checks, re-pinning, and the
gates file (on invented corpora about Arnor and Gondor)."""

from __future__ import annotations

import json

import pytest

from mildip import DataFileError, MildipError
from mildip._exceptions import QualityGateError
from mildip.evaluate import (
    DEFAULT_MARGIN,
    check_floors,
    check_gate,
    corpus_fingerprint,
    main,
    pin_gate,
    read_corpus,
    read_floors,
    read_gates,
    repin,
    score,
)


def _write_corpus(root, gold_lines):
    (root / "annals.txt").write_text("Arnor and Gondor held talks.\n", "utf-8")
    (root / "annals.gold.jsonl").write_text("".join(l + "\n" for l in gold_lines), "utf-8")


@pytest.fixture
def half_right(event_record):
    """Two gold records with rounds, one found (exact date, right round), and one false
    alarm: P = R = F1 = 0.5, exact dates 1/1, rounds right 1/2."""
    golds = [event_record(round=3), event_record(type="CALL", round=5)]
    predicted = [event_record(round=3), event_record(type="MEET")]
    return score(predicted, golds)


def _floors(fingerprint="abc", **floors):
    return {"corpus_sha256": fingerprint, "margin": DEFAULT_MARGIN, "floors": floors}


def _edit_text(root):
    (root / "annals.txt").write_text("Arnor and Gondor held no talks.\n")


def _edit_gold(root):
    (root / "annals.gold.jsonl").write_text("{}\n")


def _rename_document(root):
    for suffix in (".txt", ".gold.jsonl"):
        (root / f"annals{suffix}").rename(root / f"chronicle{suffix}")


def _add_document(root):
    (root / "letters.txt").write_text("Rohan called.\n")
    (root / "letters.gold.jsonl").write_text("")


@pytest.mark.parametrize("change", [_edit_text, _edit_gold, _rename_document, _add_document])
def test_evaluate_corpus_fingerprint_changes_with_the_corpus(tmp_path, event_record, change):
    _write_corpus(tmp_path, [json.dumps(event_record())])
    before = corpus_fingerprint(tmp_path)
    change(tmp_path)
    assert corpus_fingerprint(tmp_path) != before


def test_evaluate_corpus_fingerprint_ignores_unscored_files(tmp_path, event_record):
    _write_corpus(tmp_path, [json.dumps(event_record())])
    before = corpus_fingerprint(tmp_path)
    (tmp_path / "notes.md").write_text("not part of the corpus")
    (tmp_path / "unannotated.txt").write_text("no gold beside it")
    assert corpus_fingerprint(tmp_path) == before


def test_evaluate_dev_corpus_fingerprint_is_stable(dev_corpus):
    assert corpus_fingerprint(dev_corpus) == corpus_fingerprint(dev_corpus)
    assert len(corpus_fingerprint(dev_corpus)) == 64


@pytest.mark.parametrize(
    "floors, failing",
    [
        ({"f1": 0.5, "precision": 0.5, "recall": 0.5}, []),
        ({"f1": 0.505}, []),  # within the noise margin
        ({"f1": 0.52}, ["f1"]),  # beyond it
        ({"recall": 0.9, "precision": 0.2}, ["recall"]),
        ({"date_exact_rate": 1.0, "round_accuracy": 0.9}, ["round_accuracy"]),
        ({"f1": None}, []),  # an unpinned metric is not checked
    ],
)
def test_evaluate_check_floors_against_metrics(half_right, floors, failing):
    failures = check_floors(half_right, _floors(**floors), "abc")
    assert [f.split(":")[0] for f in failures] == failing


def test_evaluate_check_floors_reports_a_changed_corpus(half_right):
    failures = check_floors(half_right, _floors("old-digest"), "new-digest")
    assert len(failures) == 1
    assert "gold corpus changed" in failures[0] and "--pin" in failures[0]


def test_evaluate_check_floors_per_document(half_right):
    floors = {**_floors(), "per_document_f1": {"annals": 0.9, "missing": 0.1}}
    failures = check_floors(half_right, floors, "abc")
    assert failures == [
        "document annals: F1 0.5000 is below its floor 0.9000 - 0.01",
        "document missing: pinned at F1 0.1000 but not scored",
    ]


def test_evaluate_check_floors_unmeasurable_metric(event_record):
    nothing_matched = score([], [event_record()])
    failures = check_floors(nothing_matched, _floors(date_exact_rate=0.5), "abc")
    assert failures == ["date_exact_rate: pinned at 0.5000 but cannot be measured now"]


def test_evaluate_repin_rounds_floors_down(half_right):
    floors = repin(half_right, "abc")
    assert floors["floors"] == {
        "f1": 0.5,
        "precision": 0.5,
        "recall": 0.5,
        "date_exact_rate": 1.0,
        "round_accuracy": 0.5,
    }
    assert floors["per_document_f1"] == {"annals": 0.5}
    assert floors["corpus_sha256"] == "abc"
    assert floors["margin"] == DEFAULT_MARGIN
    assert check_floors(half_right, floors, "abc") == []


def test_evaluate_repin_floor_is_never_above_the_measured_value(event_record):
    # 2 of 3 found: recall 0.6666..., pinned as 0.6666, not 0.6667
    golds = [event_record(type=t) for t in ("CALL", "MEET", "AGREE")]
    result = score([event_record(type=t) for t in ("CALL", "MEET")], golds)
    assert repin(result, "abc")["floors"]["recall"] == 0.6666


@pytest.mark.parametrize(
    "previous, allowed",
    [
        ({"floors": {"f1": 0.4}}, True),  # raising a floor is always fine
        ({"floors": {"f1": 0.5}}, True),  # equal is fine
        ({"floors": {"f1": 0.6}}, False),
        ({"floors": {"recall": 0.7, "f1": 0.1}}, False),
        ({"floors": {}, "per_document_f1": {"annals": 0.8}}, False),
        ({"floors": {}, "per_document_f1": {"gone": 0.8}}, True),  # a removed document
    ],
)
def test_evaluate_repin_refuses_to_lower_a_floor(half_right, previous, allowed):
    if allowed:
        repin(half_right, "abc", previous)
        return
    with pytest.raises(QualityGateError, match="--allow-lower") as info:
        repin(half_right, "abc", previous)
    assert isinstance(info.value, MildipError)
    lowered = repin(half_right, "abc", previous, allow_lower=True)
    assert lowered["floors"]["f1"] == 0.5


def test_evaluate_repin_keeps_the_margin(half_right):
    assert repin(half_right, "abc", {"margin": 0.03, "floors": {}})["margin"] == 0.03


def test_evaluate_main_pin_needs_a_floors_file(capsys, tmp_path):
    with pytest.raises(SystemExit) as info:
        main(["--pin", str(tmp_path)])
    assert info.value.code == 2
    assert "need the floors file" in capsys.readouterr().err


def test_evaluate_main_reports_a_bad_corpus(tmp_path, capsys):
    assert main([str(tmp_path)]) == 2
    assert "no NAME.txt with a NAME.gold.jsonl" in capsys.readouterr().err


# --- the gates file ------------------------------------------------------------------------


def _gates_file(root, lines, shared='"../shared"'):
    path = root / "gates.toml"
    path.write_text(f"shared = {shared}\ngates = [\n" + "".join(f"  {l},\n" for l in lines) + "]\n")
    return path


@pytest.fixture
def annals_corpus(tmp_path, event_record, monkeypatch):
    """tmp/shared/corpus/annals (one annotated text) beside tmp/repo, where the gates file is;
    $MILDIP_SHARED is unset so that the gates file's ``shared`` applies."""
    monkeypatch.delenv("MILDIP_SHARED", raising=False)
    corpus = tmp_path / "shared" / "corpus" / "annals"
    corpus.mkdir(parents=True)
    _write_corpus(corpus, [json.dumps(event_record())])
    (tmp_path / "repo").mkdir()
    return corpus


def test_evaluate_gates_file_resolves_paths_and_shared(tmp_path, annals_corpus, monkeypatch):
    path = _gates_file(tmp_path / "repo", [
        '{ name = "annals", corpus = "{shared}/corpus/annals", floors = "floors_annals.json" }',
        '{ name = "annals-sealed", corpus = "{shared}/corpus/annals", part = "sealed", floors = "f2.json" }',
        '{ name = "probes", corpus = "data/probes", floors = "f3.json", optional = true }',
    ])
    first, sealed, probes = read_gates(path)
    assert (first.corpus, first.floors) == (annals_corpus, tmp_path / "repo" / "floors_annals.json")
    assert first.available and first.part == "all" and first.label == "{shared}/corpus/annals"
    assert sealed.part == "sealed" and not sealed.optional
    assert probes.optional and not probes.available
    assert first.pin_command == f"python -m mildip.evaluate --gates {path} --gate annals --pin"
    monkeypatch.setenv("MILDIP_SHARED", str(tmp_path / "elsewhere"))
    assert read_gates(path)[0].corpus == tmp_path / "elsewhere" / "corpus" / "annals"


@pytest.mark.parametrize(
    "lines, message",
    [
        ([], "non-empty list"),
        (['{ name = "a", corpus = "x" }'], "needs a name, a corpus and a floors file"),
        (['{ name = "a", corpus = "x", floors = "f", colour = "red" }'], "unknown keys ['colour']"),
        (['{ name = "a", corpus = "x", floors = "f" }', '{ name = "a", corpus = "y", floors = "g" }'],
         "used twice"),
        (['{ name = "a", corpus = "x", floors = "f", part = "secret" }'], "part must be one of"),
    ],
)
def test_evaluate_gates_file_refuses_malformed_gates(tmp_path, lines, message):
    path = _gates_file(tmp_path, lines)
    with pytest.raises(DataFileError, match="gates.toml") as info:
        read_gates(path)
    assert message in str(info.value)


def test_evaluate_gate_unpinned_then_pinned(tmp_path, annals_corpus):
    path = _gates_file(tmp_path / "repo", [
        '{ name = "annals", corpus = "{shared}/corpus/annals", floors = "floors.json" }',
    ])
    (gate,) = read_gates(path)
    run = read_corpus(gate.corpus)
    (reason,) = check_gate(gate, run)
    assert "no floors pinned" in reason and gate.pin_command in reason
    floors = pin_gate(gate, run)
    assert floors["corpus"] == "{shared}/corpus/annals" and floors["part"] == "all"
    assert read_floors(gate.floors) == floors
    assert check_gate(gate, run) == []
    (annals_corpus / "annals.txt").write_text("Arnor and Gondor held no talks.\n")
    (changed,) = check_gate(gate, read_corpus(gate.corpus))
    assert "gold corpus changed" in changed and gate.pin_command in changed


def test_evaluate_main_gates_pin_check_and_missing(tmp_path, annals_corpus, capsys):
    path = _gates_file(tmp_path / "repo", [
        '{ name = "annals", corpus = "{shared}/corpus/annals", floors = "floors.json" }',
        '{ name = "probes", corpus = "data/probes", floors = "probes.json", optional = true }',
    ])
    assert main(["--gates", str(path)]) == 1  # nothing pinned yet
    assert "no floors pinned" in capsys.readouterr().err
    assert main(["--gates", str(path), "--gate", "annals", "--pin"]) == 0
    out = capsys.readouterr().out
    assert "gate annals: pinned" in out and "gate probes" not in out
    assert main(["--gates", str(path)]) == 0
    assert "gate probes: skipped" in capsys.readouterr().out
    assert main(["--gates", str(path), "--gate", "nothing"]) == 2
    assert "no gate named nothing" in capsys.readouterr().err
    missing = _gates_file(tmp_path, ['{ name = "dev", corpus = "{shared}/corpus/dev", floors = "f.json" }'],
                          shared='"nowhere"')
    assert main(["--gates", str(missing)]) == 2
    assert "no corpus at" in capsys.readouterr().err


def test_evaluate_main_check_uses_the_floors_part(tmp_path, annals_corpus, capsys):
    # annals is sealed by the fixed rule, chronicle is in the tuning part
    (annals_corpus / "chronicle.txt").write_text("Rohan called.\n")
    (annals_corpus / "chronicle.gold.jsonl").write_text("")
    floors = tmp_path / "floors.json"
    assert main(["--pin", str(annals_corpus), str(floors), "--part", "sealed"]) == 0
    assert read_floors(floors)["part"] == "sealed"
    assert list(read_floors(floors)["per_document_f1"]) == ["annals"]
    capsys.readouterr()
    assert main(["--check", str(annals_corpus), str(floors)]) == 0
    assert main(["--check", str(annals_corpus), str(floors), "--part", "all"]) == 1
    assert "--part all" in capsys.readouterr().err
    floors.write_text("[]")
    assert main(["--check", str(annals_corpus), str(floors)]) == 2
    assert "a floors file is a JSON object" in capsys.readouterr().err
