"""The scorer of shared/spec/events.md, on invented records (Arnor, Gondor, Rohan).

Each case says which rule it exercises.
"""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mildip import DataFileError
from mildip.evaluate import (
    ATTRIBUTES,
    Counts,
    evaluate_predictions,
    normalise_mechanism,
    read_gold_dir,
    read_jsonl,
    records_match,
    score,
)


@pytest.mark.parametrize(
    "gold_changes, predicted_changes, expected",
    [
        ({}, {}, True),  # identical records match
        ({}, {"type": "MEET"}, False),  # type must be equal
        ({"actors": ["ARN", "GDR"]}, {"actors": ["GDR", "ARN"]}, True),  # actors as sets
        ({}, {"actors": ["ARN"]}, False),  # a subset of the actors is not enough
        ({}, {"actors": ["ARN", "GDR", "RHN"]}, False),  # nor a superset
        ({}, {"actors": ["ARN", "ARN", "GDR"]}, True),  # duplicates do not matter in a set
        ({"date": "3019-03"}, {"date": "3019-03-25"}, True),  # month agrees with a day in it
        ({"date": "3019-03-25"}, {"date": "3019"}, True),  # year agrees with a day in it
        ({"date": "3018-11"}, {"date": "3019-11"}, False),  # same month, another year
        ({"date": "3019-03-24"}, {"date": "3019-03-25"}, False),  # two different days
        ({"date": None}, {"date": None}, True),  # two absent dates agree
        ({"date": None}, {"date": "3019"}, False),  # an absent date agrees with nothing else
        ({}, {"doc": "chronicle"}, False),  # records of another document never match
        ({}, {"initiator": "GDR", "modality": "future", "round": 4}, True),  # attributes do not
    ],
)
def test_evaluate_match_rule(event_record, gold_changes, predicted_changes, expected):
    gold = event_record(**gold_changes)
    predicted = event_record(**predicted_changes)
    assert records_match(gold, predicted) is expected
    result = score([predicted], [gold])
    assert result.overall == (Counts(1, 0, 0) if expected else Counts(0, 1, 1))


@pytest.mark.parametrize(
    "counts, precision, recall, f1",
    [
        (Counts(tp=3, fp=1, fn=2), 0.75, 0.6, 2 * 0.75 * 0.6 / 1.35),
        (Counts(tp=0, fp=2, fn=2), 0.0, 0.0, 0.0),
        (Counts(tp=0, fp=0, fn=3), 1.0, 0.0, 0.0),  # no predictions: no false alarms
        (Counts(tp=0, fp=3, fn=0), 0.0, 1.0, 0.0),  # nothing to find: nothing missed
        (Counts(), 1.0, 1.0, 1.0),  # nothing to find and nothing found
    ],
)
def test_evaluate_counts_precision_recall_f1(counts, precision, recall, f1):
    assert counts.precision == pytest.approx(precision)
    assert counts.recall == pytest.approx(recall)
    assert counts.f1 == pytest.approx(f1)


@pytest.mark.parametrize("n_gold, n_predicted", [(1, 2), (2, 1), (3, 3), (1, 4)])
def test_evaluate_matching_is_one_to_one(event_record, n_gold, n_predicted):
    # identical records: each gold record takes one prediction, at most
    result = score([event_record()] * n_predicted, [event_record()] * n_gold)
    hits = min(n_gold, n_predicted)
    assert result.overall == Counts(tp=hits, fp=n_predicted - hits, fn=n_gold - hits)
    assert len(result.matches) == hits


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_evaluate_matching_is_maximum_not_greedy(event_record, order):
    # "late" matches only the month-level gold record; "early" matches both, and
    # exactly the month-level one: a greedy pass that took the exact pair first would
    # leave "late" unmatched
    golds = [event_record(date="3019-03", evidence="month"), event_record(date="3019-03-10")]
    early = event_record(date="3019-03", evidence="early")
    late = event_record(date="3019-03-20", evidence="late")
    predicted = [[early, late][i] for i in order]
    result = score(predicted, golds)
    assert result.overall == Counts(tp=2, fp=0, fn=0)
    pairs = {(m.gold["date"], m.predicted["evidence"]) for m in result.matches}
    assert pairs == {("3019-03", "late"), ("3019-03-10", "early")}


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
@pytest.mark.parametrize(
    "better, worse",
    [
        ({"date": "3019-03-25"}, {"date": "3019-03"}),  # the exact date wins
        ({"mechanism": "Arnor-Gondor Strategic Dialogue"}, {"mechanism": "Other Talks"}),
        ({"round": 5, "initiator": None}, {"round": 4, "initiator": "ARN"}),
        ({"evidence": "they held the fifth round"}, {"evidence": "unrelated words entirely"}),
    ],
)
def test_evaluate_matching_prefers_the_better_pair(event_record, better, worse, order):
    gold = event_record(date="3019-03-25", round=5, evidence="they held the fifth round")
    candidates = [event_record(**better), event_record(**worse)]
    result = score([candidates[i] for i in order], [gold])
    assert result.overall == Counts(tp=1, fp=1, fn=0)
    assert result.matches[0].predicted == candidates[0]
    assert result.false_alarms == (candidates[1],)


def test_evaluate_exact_date_outweighs_other_attributes(event_record):
    gold = event_record(date="3019-03-25", round=5, initiator="ARN", modality="future")
    exact_date_only = event_record(date="3019-03-25", evidence="a")
    other_attributes = event_record(date="3019-03", round=5, initiator="ARN", modality="future")
    result = score([other_attributes, exact_date_only], [gold])
    assert result.matches[0].predicted == exact_date_only


def test_evaluate_exact_dates_outweigh_attributes_over_the_whole_matching(event_record):
    # either both pairs have the exact date and no other agreeing attribute, or
    # neither has the exact date and every other attribute agrees: exact dates win
    first = {
        "initiator": "ARN",
        "mechanism": "A",
        "round": 1,
        "modality": "future",
        "resumed": True,
    }
    second = {"initiator": "GDR", "mechanism": "B", "round": 2, "modality": "asserted"}
    golds = [event_record(date="3019-03", **first), event_record(date="3019-03-10", **second)]
    predicted = [event_record(date="3019-03", **second), event_record(date="3019-03-10", **first)]
    result = score(predicted, golds)
    assert result.attributes["date_exact"].agree == 2
    assert result.attributes["round"].agree == 0


@pytest.mark.parametrize("optional_first", [True, False])
def test_evaluate_optional_gold_only_after_required_gold(event_record, optional_first):
    # one prediction fits both gold records, and fits the optional one exactly:
    # the non-optional record still gets it
    required = event_record(date="3019")
    optional = event_record(date="3019-03", optional=True)
    golds = [optional, required] if optional_first else [required, optional]
    result = score([event_record(date="3019-03")], golds)
    assert result.overall == Counts(tp=1, fp=0, fn=0)
    assert result.matches[0].gold == required
    assert result.optional_misses == (optional,)
    assert result.optional_found.agree == 0


def test_evaluate_optional_gold_takes_a_spare_prediction(event_record):
    # "both" fits the required and the optional gold, "only" fits the required one:
    # giving "only" to the required record lets "both" stop being a false alarm
    required = event_record(date="3019")
    optional = event_record(date="3019-03", optional=True)
    both = event_record(date="3019-03", evidence="both")
    only = event_record(date="3019-07", evidence="only")
    result = score([both, only], [required, optional])
    assert result.overall == Counts(tp=1, fp=0, fn=0)
    assert result.optional_found.agree == result.optional_found.total == 1
    assert {(m.gold["date"], m.predicted["evidence"]) for m in result.matches} == {
        ("3019", "only"),
        ("3019-03", "both"),
    }


@pytest.mark.parametrize(
    "predicted_changes, expected_counts, found",
    [
        ({}, Counts(0, 0, 0), 1),  # a matched optional record: neither hit nor false alarm
        ({"type": "CALL"}, Counts(0, 1, 0), 0),  # a missed optional record counts nothing
    ],
)
def test_evaluate_optional_gold_is_not_scored(
    event_record, predicted_changes, expected_counts, found
):
    gold = event_record(optional=True)
    result = score([event_record(**predicted_changes)], [gold])
    assert result.overall == expected_counts
    assert result.optional_found.agree == found
    assert result.optional_found.total == 1
    assert result.misses == ()


def test_evaluate_counts_per_type(event_record):
    golds = [
        event_record(type="CALL"),
        event_record(type="CALL", date="3019-04"),
        event_record(type="CANCEL", initiator="ARN"),
        event_record(type="EXERCISE", optional=True),
    ]
    predicted = [
        event_record(type="CALL"),
        event_record(type="CANCEL", initiator="ARN"),
        event_record(type="INCIDENT"),
    ]
    result = score(predicted, golds)
    assert result.per_type == {
        "CALL": Counts(tp=1, fp=0, fn=1),
        "CANCEL": Counts(tp=1, fp=0, fn=0),
        "INCIDENT": Counts(tp=0, fp=1, fn=0),
    }
    assert list(result.per_type) == ["CALL", "CANCEL", "INCIDENT"]  # the spec's order


def test_evaluate_counts_per_document(event_record):
    golds = [event_record(doc="annals"), event_record(doc="chronicle")]
    predicted = [event_record(doc="chronicle"), event_record(doc="letters")]
    result = score(predicted, golds)
    assert result.per_doc == {
        "annals": Counts(0, 0, 1),
        "chronicle": Counts(1, 0, 0),
        "letters": Counts(0, 1, 0),
    }
    assert result.documents == ("annals", "chronicle", "letters")


@pytest.mark.parametrize(
    "gold_changes, predicted_changes, disagree",
    [
        ({}, {}, set()),
        ({"initiator": "ARN"}, {"initiator": None}, {"initiator"}),
        (
            {"mechanism": "Arnor-Gondor Defence Talks"},
            {"mechanism": "arnor gondor defence talks."},
            {"mechanism_exact"},
        ),
        (
            {"mechanism": "Arnor-Gondor Defence Talks"},
            {"mechanism": "Rohan Talks"},
            {"mechanism", "mechanism_exact"},
        ),
        ({"round": 8}, {"round": None}, {"round"}),
        ({"modality": "asserted"}, {"modality": "future"}, {"modality"}),
        ({"resumed": True}, {"resumed": False}, {"resumed"}),
        ({"date": "3019-03"}, {"date": "3019-03-25"}, {"date_exact"}),
    ],
)
def test_evaluate_attribute_agreement_on_matched_pairs(
    event_record, gold_changes, predicted_changes, disagree
):
    result = score([event_record(**predicted_changes)], [event_record(**gold_changes)])
    for name in ATTRIBUTES:
        agreement = result.attributes[name]
        assert (agreement.agree, agreement.total) == ((0, 1) if name in disagree else (1, 1))


def test_evaluate_attribute_rate_is_none_without_matches(event_record):
    result = score([], [event_record()])
    assert result.attributes["initiator"].rate is None
    assert result.gate_metrics()["date_exact_rate"] is None


@pytest.mark.parametrize(
    "name, normalised",
    [
        (
            "China-U.S. Defense Policy Coordination Talks",
            "china us defense policy coordination talks",
        ),
        (
            "U.S.–China  defense policy coordination talks",
            "us china defense policy coordination talks",
        ),
        ("Arnor–Gondor “Strategic” Dialogue (AGSD)", "arnor gondor strategic dialogue agsd"),
        ("POW/MIA accounting", "pow mia accounting"),
        ("...", None),
        (None, None),
    ],
)
def test_evaluate_normalise_mechanism(name, normalised):
    assert normalise_mechanism(name) == normalised


@pytest.mark.parametrize(
    "golds, predicted, expected",
    [
        # matched with the right round
        ([{"round": 3}], [{"round": 3}], (1, 1)),
        # matched with a wrong round
        ([{"round": 3}], [{"round": 4}], (0, 1)),
        # a missed gold record with a round counts as wrong
        ([{"round": 3}], [{"type": "CALL"}], (0, 1)),
        # a missed optional record with a round counts nothing
        ([{"round": 3, "optional": True}], [{"type": "CALL"}], (0, 0)),
        # a found optional record with a round counts
        ([{"round": 3, "optional": True}], [{"round": 3}], (1, 1)),
        # a round the gold does not have is not counted here
        ([{"round": None}], [{"round": 2}], (0, 0)),
    ],
)
def test_evaluate_round_right_wherever_gold_has_one(event_record, golds, predicted, expected):
    result = score([event_record(**c) for c in predicted], [event_record(**c) for c in golds])
    got = result.round_where_gold_has_one
    assert (got.agree, got.total) == expected


def test_evaluate_error_lists_keep_input_order(event_record):
    golds = [event_record(type=t) for t in ("REJECT", "CALL", "MEET")]
    predicted = [event_record(type=t) for t in ("SUSPEND", "CALL", "AGREE")]
    result = score(predicted, golds)
    assert [r["type"] for r in result.misses] == ["REJECT", "MEET"]
    assert [r["type"] for r in result.false_alarms] == ["SUSPEND", "AGREE"]


@pytest.mark.parametrize(
    "record, message",
    [
        ({"doc": "a", "actors": ["ARN"]}, "no 'type' key"),
        ({"doc": "a", "type": "CALL"}, "no 'actors' key"),
        ({"type": "CALL", "actors": ["ARN"]}, "no 'doc' key"),
        ({"doc": "a", "type": "CALL", "actors": "ARN"}, "must be a list"),
        ({"doc": "a", "type": "CALL", "actors": ["ARN"], "date": "March 3019"}, "YYYY-MM"),
        ({"doc": "a", "type": "CALL", "actors": ["ARN"], "date": "3019-3"}, "YYYY-MM"),
    ],
)
@pytest.mark.parametrize("role", ["gold", "predicted"])
def test_evaluate_rejects_malformed_records(record, message, role):
    args = ([record], []) if role == "predicted" else ([], [record])
    with pytest.raises(DataFileError, match=message) as info:
        score(*args)
    assert f"{role} record 1" in str(info.value)


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"doc": "a"}\n{"doc": \n', ":2: not valid JSON"),
        ("[1, 2]\n", ":1: expected a JSON object"),
    ],
)
def test_evaluate_read_jsonl_reports_the_bad_line(tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, "utf-8")
    with pytest.raises(DataFileError, match=message):
        read_jsonl(path)


def test_evaluate_read_jsonl_skips_blank_lines(tmp_path, event_record):
    path = tmp_path / "ok.jsonl"
    path.write_text(json.dumps(event_record()) + "\n\n" + json.dumps(event_record(round=2)) + "\n")
    assert [r["round"] for r in read_jsonl(path)] == [None, 2]


def test_evaluate_to_dict_is_json_and_lists_errors(event_record):
    result = score([event_record(type="CALL")], [event_record(evidence="They met in March.")])
    data = json.loads(json.dumps(result.to_dict()))
    assert data["overall"] == {
        "tp": 0,
        "fp": 1,
        "fn": 1,
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
    }
    assert data["misses"][0]["evidence"] == "They met in March."
    assert data["false_alarms"][0]["type"] == "CALL"
    assert "misses" not in result.to_dict(errors=False)


@pytest.mark.parametrize("show_errors", [True, False])
def test_evaluate_format_text_shows_errors_with_evidence(event_record, show_errors):
    result = score(
        [event_record(type="CALL", evidence="Gondor called Arnor.")],
        [event_record(evidence="Arnor and Gondor held their dialogue.")],
    )
    text = result.format_text(show_errors=show_errors)
    assert "overall" in text and "DIALOGUE" in text and "annals" in text
    assert ("Arnor and Gondor held their dialogue." in text) is show_errors
    assert ("Gondor called Arnor." in text) is show_errors


def _write_corpus(root, docs):
    for name, records in docs.items():
        (root / f"{name}.txt").write_text("Arnor and Gondor held talks.\n", "utf-8")
        if records is not None:
            lines = "".join(json.dumps(r) + "\n" for r in records)
            (root / f"{name}.gold.jsonl").write_text(lines, "utf-8")


def test_evaluate_read_gold_dir_takes_texts_with_gold(tmp_path, event_record):
    _write_corpus(tmp_path, {"annals": [event_record()], "chronicle": [], "letters": None})
    assert read_gold_dir(tmp_path) == {"annals": [event_record()], "chronicle": []}


def test_evaluate_read_gold_dir_checks_the_doc_id(tmp_path, event_record):
    _write_corpus(tmp_path, {"annals": [event_record(doc="chronicle")]})
    with pytest.raises(DataFileError, match="expected 'annals'"):
        read_gold_dir(tmp_path)


def test_evaluate_read_gold_dir_needs_gold(tmp_path):
    _write_corpus(tmp_path, {"annals": None})
    with pytest.raises(DataFileError, match="no NAME.txt with a NAME.gold.jsonl"):
        read_gold_dir(tmp_path)


def test_evaluate_predictions_ignores_documents_without_gold(tmp_path, event_record):
    _write_corpus(tmp_path, {"annals": [event_record()], "chronicle": [], "letters": None})
    predicted = [
        event_record(),
        event_record(doc="chronicle"),  # annotated with no events: a false alarm
        event_record(doc="letters"),  # not annotated: ignored
    ]
    result = evaluate_predictions(tmp_path, predicted)
    assert result.overall == Counts(tp=1, fp=1, fn=0)
    assert result.documents == ("annals", "chronicle")


def test_evaluate_dev_gold_scores_perfectly_against_itself(dev_corpus):
    gold = [r for records in read_gold_dir(dev_corpus).values() for r in records]
    result = score(gold, gold)
    assert result.overall.fn == result.overall.fp == 0
    assert result.overall.tp == sum(1 for r in gold if not r["optional"])
    assert all(a.rate == 1.0 for a in result.attributes.values())


_records = st.lists(
    st.fixed_dictionaries(
        {
            "doc": st.sampled_from(["annals", "chronicle"]),
            "type": st.sampled_from(["CALL", "MEET", "DIALOGUE"]),
            "actors": st.lists(st.sampled_from(["ARN", "GDR", "RHN"]), min_size=1, max_size=3),
            "date": st.sampled_from([None, "3018", "3019", "3019-03", "3019-03-25", "3019-04"]),
            "round": st.sampled_from([None, 1, 2]),
            "initiator": st.sampled_from([None, "ARN"]),
            "optional": st.booleans(),
        }
    ),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(gold=_records, predicted=_records, seed=st.integers(0, 1000))
def test_evaluate_counts_do_not_depend_on_input_order(gold, predicted, seed):
    predicted = [{**r, "optional": False} for r in predicted]
    first = score(predicted, gold)
    rng = random.Random(seed)
    shuffled_gold, shuffled_predicted = gold[:], predicted[:]
    rng.shuffle(shuffled_gold)
    rng.shuffle(shuffled_predicted)
    second = score(shuffled_predicted, shuffled_gold)
    assert first.overall == second.overall
    assert first.optional_found == second.optional_found
    assert first.attributes["date_exact"] == second.attributes["date_exact"]
    weighed = ("initiator", "mechanism", "round", "modality", "resumed")
    assert sum(first.attributes[a].agree for a in weighed) == sum(
        second.attributes[a].agree for a in weighed
    )
    # every counted record is accounted for exactly once
    scored = sum(1 for r in gold if not r["optional"])
    assert first.overall.tp + first.overall.fn == scored
    assert first.overall.tp + first.overall.fp + first.optional_found.agree == len(predicted)


@settings(max_examples=40, deadline=None)
@given(gold=_records)
def test_evaluate_gold_against_itself_is_perfect(gold):
    result = score([{**r, "optional": False} for r in gold], gold)
    assert result.overall.fp == result.overall.fn == 0
    assert result.optional_found.agree == result.optional_found.total
