"""Publication-date inference from the dates a text cites."""

from __future__ import annotations

from datetime import date

import pytest

from mildip.ingest import infer_published, parse_header


def test_pubdate_seed_without_header_is_its_latest_citation(dev_corpus):
    # The seed (published 2023-04-14) cites sources dated in 2022 and yearless ones;
    # the text writes "2023" ("the first quarter of 2023"), so the yearless citations
    # fall in 2023 and the latest of all is "(FMPRC, April 7)": a week before publication.
    _meta, body, _offset = parse_header((dev_corpus / "seed.txt").read_text("utf-8"))
    assert infer_published(body) == date(2023, 4, 7)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a year in the text a year after the latest dated citation is the yearless year
        (
            "In 2021 the talks stalled (Gondor MoD, May 2, 2020). They resumed (Arnor MFA, March 3).",
            date(2021, 3, 3),
        ),
        # a year far after the dated citations looks ahead and is not used
        (
            "Talks resumed (Arnor MFA, March 3). A plan runs to 2027 (Gondor MoD, May 2, 2020).",
            date(2020, 5, 2),
        ),
        # without dated citations, the year written most often wins
        (
            "In 2019 and again in 2019 the sides met; a 2022 plan exists (Arnor MFA, March 3).",
            date(2019, 3, 3),
        ),
        # equally frequent years: the later one
        ("The 2018 and 2019 rounds were held (Arnor MFA, June 1).", date(2019, 6, 1)),
        # a yearless citation later in the year than the dated one takes the same year
        ("Talks (Gondor MoD, January 5, 2021) and a call (Arnor MFA, August 9).", date(2021, 8, 9)),
        # yearless citations with no year anywhere are ignored
        ("Talks resumed (Arnor MFA, March 3).", None),
        # no citations: the latest complete date written in the text
        (
            "The drill began on September 29, 2023 and ended 2023-10-02; a review on May 4.",
            date(2023, 10, 2),
        ),
        # footnotes count as citations
        (
            "The sides met. [1]\n\n[1] See A. Scribe, Westmarch Review, June 30, 2022.",
            date(2022, 6, 30),
        ),
        ("Arnor and Gondor held talks.", None),
    ],
    ids=[
        "year-after",
        "forward-year",
        "frequent-year",
        "tie-later",
        "same-year",
        "no-year",
        "text-dates",
        "footnote",
        "nothing",
    ],
)
def test_pubdate_infer_published(text, expected):
    assert infer_published(text) == expected
