"""The optional ``Key: value`` header above ``---`` and metadata date values."""

from __future__ import annotations

from datetime import date

import pytest

from mildip.ingest import parse_date_value, parse_header


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
        ("2023-04-14", date(2023, 4, 14)),
        ("2023-04-14T09:30:00Z", date(2023, 4, 14)),
        (" 2023-04-14 ", date(2023, 4, 14)),
        ("April 14, 2023", date(2023, 4, 14)),
        ("14 April 2023", date(2023, 4, 14)),
        ("Sept. 9, 2024", date(2024, 9, 9)),
        ("2023-02-30", None),  # no such day
        ("April 14", None),  # no year
        ("April 2023", None),  # no day
        ("last Tuesday", None),
    ],
)
def test_header_parse_date_value(value, expected):
    assert parse_date_value(value) == expected
