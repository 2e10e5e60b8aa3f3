"""tools/check_gold.py: gold corpora follow the record spec, and the checker catches defects.

Rule cases use invented parties (ARN = Arnor, GDR = Gondor, RHN = Rhun); the corpus
cases run the checker over the real dev and held-out corpora.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

BODY = "Arnor and Gondor held their strategic dialogue in March. Rhun stayed away."
PUBLISHED = date(3019, 4, 1)


def _write_doc(directory, stem, header, body, records):
    (directory / f"{stem}.txt").write_text(header + "---\n" + body, encoding="utf-8")
    lines = [json.dumps(r) for r in records]
    (directory / f"{stem}.gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


HEADER = "URL: https://example.org/annals\nTITLE: Annals\nPUBLICATION: Red Book\nDATE: 3019-04-01\n"


@pytest.mark.parametrize("corpus", ["dev_corpus", "heldout_corpus"])
def test_check_gold_corpora_have_no_problems(request, check_gold, corpus):
    # Every shipped gold corpus passes every check (evidence verbatim, fields, codes ...).
    assert check_gold.check_corpus(request.getfixturevalue(corpus)) == []


@pytest.mark.parametrize("name", ["probes", "briefings", "analyses"])
def test_check_gold_written_corpora_have_no_problems(check_gold, name):
    # The probe and briefing corpora written for issue 8 pass every check of the spec.
    corpus = Path(__file__).parent / "data" / name
    assert sorted(corpus.glob("*.txt")), f"{corpus} holds no texts"
    assert check_gold.check_corpus(corpus) == []


def test_check_gold_heldout_is_the_size_the_brief_asks(check_gold, heldout_corpus):
    # 12-60 documents, each with gold, and both required and optional records present.
    texts = sorted(heldout_corpus.glob("*.txt"))
    counts = check_gold.count_records(heldout_corpus)
    assert 12 <= len(texts) <= 60
    assert sum(n for (_, opt), n in counts.items() if not opt) > 0
    assert sum(n for (_, opt), n in counts.items() if opt) > 0


def test_check_gold_heldout_reports_one_call_from_both_sides(heldout_corpus):
    # The coreference pair: the same 2024-04-16 call in a DoD-style and an MND-style text.
    docs = set()
    for gold in heldout_corpus.glob("*.gold.jsonl"):
        for line in gold.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec["type"] == "CALL" and rec["date"] == "2024-04-16":
                docs.add(rec["doc"])
    assert {"h01-dod-readout-austin-dong-jun-vtc", "h02-mnd-dong-jun-austin-video-call"} <= docs


def test_check_gold_record_valid_has_no_problems(check_gold, event_record):
    # The factory record is a well-formed Arnor-Gondor dialogue.
    assert check_gold.check_record(event_record(), "annals", BODY, PUBLISHED) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"doc": "chronicle"}, "file stem"),  # doc must be the file name without .txt
        ({"type": "PARLEY"}, "type 'PARLEY'"),  # unknown event type
        ({"actors": ["GDR", "ARN"]}, "sorted and distinct"),  # actors must be sorted
        ({"actors": ["ARN", "ARN"]}, "sorted and distinct"),  # and distinct
        ({"actors": ["ARN"]}, "fewer than two"),  # an event needs two parties
        ({"actors": ["ARN", "gondor"]}, "codes"),  # codes, not names
        ({"initiator": "RHN"}, "initiator 'RHN'"),  # initiator must be an actor
        ({"type": "CANCEL", "initiator": None}, "needs an initiator"),  # directed type
        ({"date": "3019-13"}, "is not YYYY"),  # month out of range
        ({"date": "March 3019"}, "is not YYYY"),  # not ISO
        ({"date": "3019-05-02"}, "after publication"),  # asserted but after the report
        ({"modality": "rumoured"}, "modality"),  # unknown modality
        ({"mechanism": "  "}, "mechanism"),  # blank mechanism
        ({"round": 0}, "round"),  # rounds start at 1
        ({"round": True}, "round"),  # a bool is not a round
        ({"resumed": "yes"}, "resumed"),  # flags are booleans
        ({"optional": 1}, "optional"),
        ({"participants": [{"name": "Aragorn", "party": "GDR"}]}, "exactly name"),
        ({"participants": [{"name": "Aragorn", "title": "King", "party": "RHN"}]}, "party"),
        ({"location": "Minas Tirith"}, "location"),  # ISO3 only
        ({"evidence": "Gondor cancelled the dialogue."}, "not found verbatim"),
        ({"responds_to": "PLEA"}, "responds_to"),
        ({"colour": "red"}, "unknown fields"),
    ],
)
def test_check_gold_record_flags_defect(check_gold, event_record, changes, expected):
    problems = check_gold.check_record(event_record(**changes), "annals", BODY, PUBLISHED)
    assert any(expected in p for p in problems), problems


def test_check_gold_record_flags_missing_field(check_gold, event_record):
    # A record without "evidence" is reported by name.
    record = event_record()
    del record["evidence"]
    problems = check_gold.check_record(record, "annals", BODY, PUBLISHED)
    assert problems == ["missing fields ['evidence']"]


@pytest.mark.parametrize(
    ("modality", "flagged"),
    [("future", False), ("asserted", True)],
)
def test_check_gold_record_dates_future_events_freely(check_gold, event_record, modality, flagged):
    # Only asserted events may not postdate the report; a scheduled one may.
    rec = event_record(date="3019-05", modality=modality)
    problems = check_gold.check_record(rec, "annals", BODY, PUBLISHED)
    assert bool(problems) is flagged


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        ("3019", (3019,)),
        ("3019-03", (3019, 3)),
        ("3019-03-25", (3019, 3, 25)),
        ("3019-02-30", None),
        ("3019-3", None),
        (3019, None),
    ],
)
def test_check_gold_parse_partial_date(check_gold, value, parsed):
    assert check_gold.parse_partial_date(value) == parsed


def test_check_gold_document_needs_header_keys(check_gold, event_record, tmp_path):
    # A text without TITLE and with a non-ISO DATE is reported.
    header = "URL: https://example.org/annals\nPUBLICATION: Red Book\nDATE: 1 April 3019\n"
    _write_doc(tmp_path, "annals", header, BODY, [event_record()])
    problems = check_gold.check_document(tmp_path / "annals.txt")
    assert any("no TITLE" in p for p in problems)
    assert any("is not YYYY-MM-DD" in p for p in problems)


@pytest.mark.parametrize(
    ("header_date", "event_date", "flagged"),
    [
        ("3019-04", "3019-04", False),  # a month-precision header dates the month
        ("3019-04", "3019-04-20", False),  # a day inside that month is not after it
        ("3019-04", "3019-05", True),  # the next month is
        ("3019", "3019-12-31", False),  # a year-precision header
    ],
)
def test_check_gold_document_accepts_partial_header_date(
    check_gold, event_record, tmp_path, header_date, event_date, flagged
):
    # DATE: YYYY-MM or YYYY is a real publication date; asserted events may not postdate it.
    header = HEADER.replace("DATE: 3019-04-01", f"DATE: {header_date}")
    _write_doc(tmp_path, "annals", header, BODY, [event_record(date=event_date)])
    problems = check_gold.check_document(tmp_path / "annals.txt")
    assert any("after publication" in p for p in problems) is flagged
    assert not any("header DATE" in p for p in problems)


def test_check_gold_document_evidence_must_be_in_body_not_header(
    check_gold, event_record, tmp_path
):
    # Evidence that only appears in the header does not count.
    _write_doc(tmp_path, "annals", HEADER, BODY, [event_record(evidence="Red Book")])
    problems = check_gold.check_document(tmp_path / "annals.txt")
    assert any("not found verbatim" in p for p in problems)


def test_check_gold_document_responds_to_needs_the_proposal(check_gold, event_record, tmp_path):
    # A REJECT that answers a PROPOSE needs that PROPOSE in the same document.
    reject = event_record(type="REJECT", initiator="GDR", responds_to="PROPOSE")
    _write_doc(tmp_path, "annals", HEADER, BODY, [reject])
    problems = check_gold.check_document(tmp_path / "annals.txt")
    assert any("responds_to PROPOSE" in p for p in problems)


def test_check_gold_corpus_flags_orphans_and_bad_json(check_gold, event_record, tmp_path):
    # A gold file without its text, a text without gold, and a broken JSON line.
    _write_doc(tmp_path, "annals", HEADER, BODY, [event_record()])
    (tmp_path / "annals.gold.jsonl").write_text("{not json\n", encoding="utf-8")
    (tmp_path / "lost.gold.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "tale.txt").write_text(HEADER + "---\n" + BODY, encoding="utf-8")
    problems = check_gold.check_corpus(tmp_path)
    assert any("invalid JSON" in p for p in problems)
    assert any("lost.gold.jsonl: no text beside it" in p for p in problems)
    assert any("tale.txt: no tale.gold.jsonl" in p for p in problems)


@pytest.mark.parametrize(("broken", "status"), [(False, 0), (True, 1)])
def test_check_gold_main_exit_status(check_gold, event_record, tmp_path, capsys, broken, status):
    # The command exits 1 exactly when a problem was printed.
    record = event_record(evidence="missing" if broken else event_record()["evidence"])
    _write_doc(tmp_path, "annals", HEADER, BODY, [record])
    assert check_gold.main([str(tmp_path), "--quiet"]) == status
    assert bool(capsys.readouterr().out) is broken


def test_check_gold_format_counts_totals(check_gold):
    counts = check_gold.Counter({("MEET", False): 2, ("MEET", True): 1, ("CALL", False): 3})
    table = check_gold.format_counts(counts).splitlines()
    assert table[-1].split() == ["total", "5", "1"]
    assert table[1].split() == ["CALL", "3", "0"]
