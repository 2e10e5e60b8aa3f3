"""The optional ``Key: value`` header above ``---`` and metadata date values."""

from __future__ import annotations

from datetime import date

import pytest

from mildip.ingest import ACCEPTED_DATES, parse_header, parse_published


@pytest.mark.parametrize(
    ("text", "meta", "body"),
    [
        # the corpus form: upper-case keys, then ---
        (
            "URL: https://x.org/a\nTITLE: Talks\nDATE: 2021-03-05\n---\nBody.\n",
            {"url": "https://x.org/a", "title": "Talks", "date": "2021-03-05"},
            "Body.\n",
        ),
        # keys in any case; values keep their inner colons; blank lines allowed
        (
            "Title: Talks: round two\n\nlanguage: fr\n---\nBody.",
            {"title": "Talks: round two", "language": "fr"},
            "Body.",
        ),
        # a repeated key keeps the last value; unknown keys are returned too
        (
            "TITLE: One\nTITLE: Two\nDesk: Defence\n---\nBody.",
            {"title": "Two", "desk": "Defence"},
            "Body.",
        ),
        # CRLF line ends and a separator with trailing spaces
        ("TITLE: Talks\r\n---  \r\nBody.\r\n", {"title": "Talks"}, "Body.\r\n"),
        # the body is verbatim: leading blank lines stay
        ("AUTHOR: A. Scribe\n---\n\n  Body.", {"author": "A. Scribe"}, "\n  Body."),
    ],
    ids=["corpus", "case-and-colons", "repeat-and-unknown", "crlf", "verbatim-body"],
)
def test_header_parse_header_splits_meta_and_body(text, meta, body):
    parsed, parsed_body, offset = parse_header(text)
    assert parsed == meta
    assert parsed_body == body
    assert text[offset:] == body


@pytest.mark.parametrize(
    "text",
    [
        "Arnor and Gondor held talks.\n---\nMore text.",  # prose before the rule
        "Question: Will the talks resume?\n---\nAnswer: yes.",  # only unknown keys
        "TITLE: Talks\nBody without a separator.",  # no --- line
        "TITLE: Talks\nThe talks resumed in March.\n---\nMore.",  # a non key-value line
        "",  # nothing at all
    ],
    ids=["prose", "unknown-keys-only", "no-separator", "prose-line", "empty"],
)
def test_header_parse_header_without_header_returns_text_unchanged(text):
    assert parse_header(text) == ({}, text, 0)


def test_header_parse_header_on_seed_gives_body_offset(dev_corpus):
    text = (dev_corpus / "seed.txt").read_text("utf-8")
    meta, body, offset = parse_header(text)
    assert meta["date"] == "2023-04-14"
    assert meta["publication"].startswith("China Brief")
    assert body.startswith("PLA Freezes out Pentagon")
    assert text[offset:] == body


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-04-14", (date(2023, 4, 14), "day", "")),
        ("2023-04-14T09:30:00Z", (date(2023, 4, 14), "day", "")),
        ("2023-04-14T23:30:00+08:00", (date(2023, 4, 14), "day", "")),  # no time-zone shift
        ("2023-04-14 09:30", (date(2023, 4, 14), "day", "")),
        (" 2023-04-14 ", (date(2023, 4, 14), "day", "")),
        ("2024-01", (date(2024, 1, 1), "month", "")),
        ("2022", (date(2022, 1, 1), "year", "")),
        ("3019", (date(3019, 1, 1), "year", "")),
        ("April 14, 2023", (date(2023, 4, 14), "day", "")),
        ("Apr. 14 2023", (date(2023, 4, 14), "day", "")),
        ("14 April 2023", (date(2023, 4, 14), "day", "")),
        ("Sept. 9, 2024", (date(2024, 9, 9), "day", "")),
        ("April 2023", (date(2023, 4, 1), "month", "")),
        ("April 14, 2023.", (date(2023, 4, 14), "day", "")),
        # trailing text after a valid date is kept aside in ``rest``
        ("2023-04-14 (updated)", (date(2023, 4, 14), "day", "(updated)")),
        ("2024-01, print edition", (date(2024, 1, 1), "month", ", print edition")),
        ("2022 (approximate)", (date(2022, 1, 1), "year", "(approximate)")),
        ("April 14, 2023, 10:00 a.m. EST", (date(2023, 4, 14), "day", ", 10:00 a.m. EST")),
        # no date
        ("2023-02-30", None),  # no such day
        ("2023-13", None),  # no such month
        ("2023-04-14abc", None),  # glued to a word
        ("2023-4-5", None),
        ("20230414", None),
        ("April 14", None),  # no year
        ("last Tuesday", None),
        ("soon", None),
        ("", None),
    ],
)
def test_header_parse_published(value, expected):
    found = parse_published(value)
    assert (None if found is None else tuple(found)) == expected


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2023-04-14T09:30Z", "2023-04-14"),
        ("2024-01", "2024-01"),
        ("2022", "2022"),
        ("April 2023", "2023-04"),
    ],
)
def test_header_published_iso_is_written_at_its_precision(value, iso):
    assert parse_published(value).iso == iso


def test_header_accepted_dates_names_every_form():
    for form in (
        "YYYY",
        "YYYY-MM",
        "YYYY-MM-DD",
        "ISO date-time",
        "April 14, 2023",
        "14 April 2023",
        "April 2023",
    ):
        assert form in ACCEPTED_DATES
