"""Export writers, on hand-built events about invented parties (ARN, GDR, RHN)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from mildip._exceptions import UnknownFormatError
from mildip.export import (
    CSV_COLUMNS,
    FORMATS,
    format_participant,
    format_source,
    write_csv,
    write_jsonl,
    writer_for,
)
from mildip.model import SPEC_KEYS, Citation, Event, Evidence, Participant


@pytest.fixture
def two_doc_event():
    """A dialogue round reported by two documents, with participants and a citation."""
    return Event(
        type="DIALOGUE",
        actors=("RHN", "GDR"),
        date="3019-03",
        mechanism="Gondor-Rohan Beacon Talks",
        round=8,
        resumed=True,
        location="GDR",
        participants=[
            Participant("Théoden", "King, Rohan", "RHN"),
            Participant(None, "Steward", "GDR"),
            Participant("Gandalf", None, None),
        ],
        evidence=[
            Evidence("chronicle", 5, 30, 'The "eighth" talks, held in Minas Tirith', "v1"),
            Evidence(
                "annals",
                0,
                20,
                "Gondor and Rohan met.",
                "v1",
                sources_cited=(Citation("Red Book", "March 9", 21, 35, "(Red Book, March 9)"),),
            ),
        ],
        flags=["conflicting_date: a", "checked"],
    )


def test_export_jsonl_writes_one_spec_record_per_event_and_document(two_doc_event):
    out = io.StringIO()
    write_jsonl([two_doc_event], out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["doc"] for r in records] == ["annals", "chronicle"]
    assert all(set(SPEC_KEYS) <= set(r) for r in records)
    assert records[0]["actors"] == ["GDR", "RHN"]
    assert records[0]["participants"][0] == {
        "name": "Théoden",
        "title": "King, Rohan",
        "party": "RHN",
    }
    assert "Théoden" in out.getvalue()


def test_export_jsonl_keeps_an_event_without_evidence():
    out = io.StringIO()
    write_jsonl([Event("CALL", ("ARN", "GDR"), "3019")], out)
    (record,) = [json.loads(line) for line in out.getvalue().splitlines()]
    assert (record["doc"], record["evidence"]) == (None, None)


def test_export_csv_flattens_each_record(two_doc_event):
    out = io.StringIO()
    write_csv([two_doc_event], out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == list(CSV_COLUMNS)
    annals, chronicle = rows
    assert annals["doc"] == "annals" and chronicle["doc"] == "chronicle"
    assert annals["actors"] == "GDR;RHN"
    assert annals["participants"] == "Théoden (King, Rohan, RHN); unnamed (Steward, GDR); Gandalf"
    assert annals["evidence"] == "Gondor and Rohan met."
    assert chronicle["evidence"] == 'The "eighth" talks, held in Minas Tirith'
    assert annals["sources"] == "Red Book (March 9)" and chronicle["sources"] == ""
    assert (annals["round"], annals["resumed"], annals["initiator"]) == ("8", "true", "")
    assert annals["flags"] == "conflicting_date: a; checked"


@pytest.mark.parametrize(
    "participant, expected",
    [
        ({"name": "Aragorn", "title": "King", "party": "GDR"}, "Aragorn (King, GDR)"),
        ({"name": "Aragorn", "title": None, "party": "GDR"}, "Aragorn (GDR)"),
        ({"name": None, "title": "Marshal", "party": None}, "unnamed (Marshal)"),
        ({"name": "Aragorn", "title": None, "party": None}, "Aragorn"),
    ],
)
def test_export_format_participant(participant, expected):
    assert format_participant(participant) == expected


@pytest.mark.parametrize(
    "source, expected",
    [
        ({"source": "MND", "date": "February 9"}, "MND (February 9)"),
        ({"source": "MND", "date": None}, "MND"),
        ({"source": None, "date": "February 9"}, "unnamed source (February 9)"),
    ],
)
def test_export_format_source(source, expected):
    assert format_source(source) == expected


@pytest.mark.parametrize("name", ["jsonl", "csv", "CSV"])
def test_export_writer_for_known_formats(name):
    assert writer_for(name) is FORMATS[name.lower()]


def test_export_writer_for_unknown_format_lists_the_formats():
    with pytest.raises(UnknownFormatError, match="choose one of: ") as caught:
        writer_for("xml")
    assert all(name in str(caught.value) for name in ("csv", "jsonl", *FORMATS))


def test_export_formats_registry_is_read_only():
    with pytest.raises(TypeError):
        FORMATS["xml"] = write_jsonl  # type: ignore[index]
