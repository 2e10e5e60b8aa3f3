"""JSONL manifests: one document per line; a bad line is one error, the rest are kept."""

from __future__ import annotations

import json
from datetime import date

import pytest

from mildip._exceptions import EmptyInputError, IngestError, UnreadableInputError
from mildip.ingest import iter_documents, load_file
from mildip.model import Document

TALKS = "Arnor and Gondor held talks in Annuminas (Gondor MoD, March 3, 2021)."


@pytest.fixture
def manifest(tmp_path):
    """A manifest mixing good and bad lines; a referenced text file with a header beside it."""
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "visit.txt").write_text(
        "TITLE: From the file\nDATE: 2021-06-01\n---\nThe Gondor fleet visited Lond Daer.\n",
        "utf-8",
    )
    lines = [
        json.dumps(
            {
                "id": "talks",
                "text": TALKS,
                "url": "https://x.org/t",
                "publication": "Westmarch Review",
            }
        ),
        "",  # blank lines are skipped
        "{not json",  # line 3: bad JSON
        json.dumps({"id": "visit", "path": "texts/visit.txt", "title": "From the manifest"}),
        json.dumps(
            {"text": "Arnor proposed a call.", "date": "2021-07-09", "desk": "defence"}
        ),  # line 5: no id
        json.dumps({"id": "neither"}),  # line 6
        json.dumps({"id": "talks", "text": "Again."}),  # line 7: duplicate id
        json.dumps({"id": "gone", "path": "texts/missing.txt"}),  # line 8
        json.dumps({"id": "blank", "text": "   "}),  # line 9
        json.dumps({"id": "bad-date", "text": "Talks.", "date": "soon"}),  # line 10
        json.dumps(["a", "list"]),  # line 11
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_manifest_yields_documents_and_one_error_per_bad_line_in_order(manifest, ingest_settings):
    results = list(iter_documents([manifest], ingest_settings))
    kinds = [(r.doc_id if isinstance(r, Document) else r.source.rsplit(":", 1)[1]) for r in results]
    assert kinds == ["talks", "3", "visit", "batch-5", "6", "7", "8", "9", "10", "11"]
    for error in (r for r in results if isinstance(r, IngestError)):
        assert error.source.startswith(str(manifest) + ":")
        assert "\n" not in str(error)


@pytest.mark.parametrize(
    ("line", "cls", "fragment"),
    [
        (3, UnreadableInputError, "not valid JSON"),
        (6, UnreadableInputError, "give exactly one of 'text' or 'path'"),
        (7, UnreadableInputError, "duplicate id 'talks' (first used on line 1)"),
        (8, UnreadableInputError, "texts/missing.txt: no such file"),
        (9, EmptyInputError, "'text' is empty"),
        (10, UnreadableInputError, "'date' 'soon' is not a date"),
        (11, UnreadableInputError, "must be a JSON object, not list"),
    ],
)
def test_manifest_bad_line_reasons(manifest, ingest_settings, line, cls, fragment):
    errors = {
        r.source: r
        for r in iter_documents([manifest], ingest_settings)
        if isinstance(r, IngestError)
    }
    error = errors[f"{manifest}:{line}"]
    assert type(error) is cls
    assert fragment in error.reason


def test_manifest_text_line_fields(manifest, ingest_settings):
    docs = {
        d.doc_id: d for d in iter_documents([manifest], ingest_settings) if isinstance(d, Document)
    }
    talks = docs["talks"]
    assert talks.text == TALKS
    assert (talks.url, talks.publication) == ("https://x.org/t", "Westmarch Review")
    assert talks.published == date(2021, 3, 3) and talks.published_inferred
    assert talks.meta["manifest"] == str(manifest) and talks.meta["line"] == 1
    assert talks.source_path == str(manifest)
    untitled = docs["batch-5"]
    assert untitled.published == date(2021, 7, 9) and not untitled.published_inferred
    assert untitled.meta["extra"] == {"desk": "defence"}


def test_manifest_path_line_reads_the_file_and_line_fields_override_it(manifest, ingest_settings):
    docs = {
        d.doc_id: d for d in iter_documents([manifest], ingest_settings) if isinstance(d, Document)
    }
    visit = docs["visit"]
    assert visit.text == "The Gondor fleet visited Lond Daer.\n"
    assert visit.title == "From the manifest"
    assert visit.published == date(2021, 6, 1)
    assert visit.source_path == str(manifest.parent / "texts" / "visit.txt")


def test_manifest_published_override_replaces_line_dates(manifest, ingest_settings):
    docs = [
        d
        for d in iter_documents(
            [manifest], ingest_settings, published=date(2022, 1, 1), published_override=True
        )
        if isinstance(d, Document)
    ]
    assert {d.published for d in docs} == {date(2022, 1, 1)}


def test_manifest_published_argument_dates_only_lines_without_a_date(manifest, ingest_settings):
    docs = {
        d.doc_id: d
        for d in iter_documents([manifest], ingest_settings, published=date(2022, 1, 1))
        if isinstance(d, Document)
    }
    dated = {k: d.published for k, d in docs.items() if d.meta.get("published_from") == "metadata"}
    assert dated and date(2022, 1, 1) not in dated.values()
    assert {d.published for d in docs.values() if d.meta.get("published_from") == "argument"} == {
        date(2022, 1, 1)
    }


def test_manifest_load_file_raises_the_first_bad_line(manifest, ingest_settings):
    with pytest.raises(UnreadableInputError, match=r"batch\.jsonl:3: not valid JSON"):
        load_file(manifest, ingest_settings)


def test_manifest_of_good_lines_loads_every_document(tmp_path, ingest_settings):
    path = tmp_path / "good.jsonl"
    path.write_text(
        "\n".join(json.dumps({"id": i, "text": f"Talks round {i}."}) for i in (1, 2)), "utf-8"
    )
    assert [d.doc_id for d in load_file(path, ingest_settings)] == ["1", "2"]


def test_manifest_cannot_point_to_a_manifest(tmp_path, ingest_settings):
    (tmp_path / "inner.jsonl").write_text(json.dumps({"text": "Talks."}), "utf-8")
    path = tmp_path / "outer.jsonl"
    path.write_text(json.dumps({"id": "x", "path": "inner.jsonl"}), "utf-8")
    (error,) = iter_documents([path], ingest_settings)
    assert isinstance(error, UnreadableInputError)
    assert "cannot point to another manifest" in error.reason


def test_manifest_too_large_is_one_error(tmp_path, ingest_settings):
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": "x" * 2_000_000}), "utf-8")
    (error,) = iter_documents([path], ingest_settings.with_(max_input_mb=1))
    assert "over the 1 MB limit" in error.reason


@pytest.mark.parametrize(
    ("value", "published", "precision", "warnings"),
    [
        ("2021-07", date(2021, 7, 1), "month", None),
        ("2021", date(2021, 1, 1), "year", None),
        (
            "2021-07-09 evening",
            date(2021, 7, 9),
            "day",
            ["'date' '2021-07-09 evening' read as 2021-07-09; ignored the text after the date"],
        ),
    ],
)
def test_manifest_date_keeps_its_precision(tmp_path, ingest_settings, value, published,
                                           precision, warnings):
    path = tmp_path / "m.jsonl"
    path.write_text(json.dumps({"id": "a", "text": TALKS, "date": value}), "utf-8")
    (doc,) = load_file(path, ingest_settings)
    assert (doc.published, doc.published_precision) == (published, precision)
    assert doc.meta.get("warnings") == warnings
