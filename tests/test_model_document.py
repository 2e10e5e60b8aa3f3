"""The Document record: publication-date precision and its plain-data form."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from mildip.model import Document


@pytest.mark.parametrize(
    ("published", "precision", "expected", "iso"),
    [
        (date(3019, 3, 25), "day", date(3019, 3, 25), "3019-03-25"),
        (date(3019, 3, 25), "month", date(3019, 3, 1), "3019-03"),  # cut to the period
        (date(3019, 3, 25), "year", date(3019, 1, 1), "3019"),
        (datetime(3019, 3, 25, 9, 30), "day", date(3019, 3, 25), "3019-03-25"),
        ("3019-03", "day", date(3019, 3, 1), "3019-03"),  # a string brings its precision
        ("3019", "day", date(3019, 1, 1), "3019"),
        (None, "day", None, None),
    ],
)
def test_model_document_published_is_the_first_day_of_its_period(
    published, precision, expected, iso
):
    doc = Document("annals", "Arnor.", published=published, published_precision=precision)
    assert doc.published == expected and type(doc.published) in (date, type(None))
    assert doc.published_iso == iso


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"published_precision": "week"}, "unknown published_precision 'week'"),
        ({"published": "March 3019"}, "published 'March 3019' is not YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"published": 3019}, "published must be a date, not int"),
    ],
)
def test_model_document_refuses_a_bad_publication_date(fields, message):
    with pytest.raises(ValueError, match=message):
        Document("annals", "Arnor.", **fields)


@pytest.mark.parametrize("precision", ["day", "month", "year"])
def test_model_document_to_dict_carries_the_precision(precision):
    doc = Document(
        "annals",
        "Arnor.",
        published=date(3019, 3, 25),
        published_precision=precision,
        meta={"warnings": ["a note"]},
    )
    data = doc.to_dict()
    assert data["published"] == doc.published_iso
    assert data["published_precision"] == precision
    assert Document.from_dict(data) == doc


@pytest.mark.parametrize(
    ("published", "day", "precision"),
    [
        ("3019-03", date(3019, 3, 1), "month"),
        ("3019", date(3019, 1, 1), "year"),
        ("April 2023", date(2023, 4, 1), "month"),
        (date(3019, 3, 25), date(3019, 3, 25), "day"),
    ],
)
def test_model_document_extract_api_passes_a_partial_publication_date(
    monkeypatch, published, day, precision
):
    import importlib

    import mildip

    module = importlib.import_module("mildip.api")
    seen = []
    monkeypatch.setattr(module, "extract_document", lambda doc, settings: seen.append(doc) or [])
    assert mildip.extract("Arnor and Gondor held talks.", published=published) == []
    assert (seen[0].published, seen[0].published_precision) == (day, precision)


def test_model_document_extract_api_refuses_a_published_that_is_no_date():
    import mildip

    with pytest.raises(ValueError, match="published date 'soon' is not a date"):
        mildip.extract("Arnor and Gondor held talks.", published="soon")
