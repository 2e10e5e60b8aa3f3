"""In-text citations: parentheticals, footnotes, date resolution, and sentence membership."""

from __future__ import annotations

from datetime import date

import pytest

from mildip.ingest import parse_header
from mildip.model import Citation
from mildip.nlp.citations import citations_in, find_citations, parse_date_phrase

PUBLISHED = date(2023, 4, 14)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The statement (FMPRC, April 7) said so.", [("FMPRC", "2023-04-07")]),
        ("They met (MND, November 22, 2022).", [("MND", "2022-11-22")]),
        ("Exchanges help (, January 26) Strategically.", [(None, "2023-01-26")]),
        (
            "They met (PRC Ministry of National Defense (MND), November 22, 2022).",
            [("PRC Ministry of National Defense (MND)", "2022-11-22")],
        ),
        (
            "It said (PRC Ministry of Foreign Affairs [FMPRC], April 7).",
            [("PRC Ministry of Foreign Affairs [FMPRC]", "2023-04-07")],
        ),
        (
            "The dialogue (China Military Online, March 22) was held.",
            [("China Military Online", "2023-03-22")],
        ),
        ("Ratner said (Breaking Defense, March 2).", [("Breaking Defense", "2023-03-02")]),
        (
            "A delegation went (NetEase, March 9; Sohu, February 27).",
            [("NetEase", "2023-03-09"), ("Sohu", "2023-02-27")],
        ),
        ("Held (Gondor MoD, Sept. 9, 2022).", [("Gondor MoD", "2022-09-09")]),
        ("Held (Gondor MoD, 5 August 2022).", [("Gondor MoD", "2022-08-05")]),
        ("Held (Gondor MoD, March 2022).", [("Gondor MoD", "2022-03")]),
        ("Held (RAND, 2021).", [("RAND", "2021")]),
        ("Held (Xinhua, 2023-04-07).", [("Xinhua", "2023-04-07")]),
        ("Held (see the note; Arnor MFA, April 1).", [("Arnor MFA", "2023-04-01")]),
        ("Held (a report (Arnor MFA, April 1) said so).", [("Arnor MFA", "2023-04-01")]),
    ],
    ids=[
        "fmprc",
        "full-date",
        "no-source",
        "nested-parens",
        "brackets",
        "chinamil",
        "breaking",
        "two-sources",
        "abbrev-month",
        "day-first",
        "month-year",
        "year-only",
        "iso",
        "undated-part",
        "nested-citation",
    ],
)
def test_citations_find_parenthetical_forms(text, expected):
    found = find_citations(text, PUBLISHED)
    assert [(c.source, c.date) for c in found] == expected
    for c in found:
        assert text[c.start : c.end] == c.text
        assert c.text.startswith("(") and c.text.endswith(")")


@pytest.mark.parametrize(
    "text",
    [
        "the Defense Policy Coordination Talks (DPCT) were cancelled",
        "eight “countermeasures” (反制措施) against the U.S.",
        "troops trained together (Photo by Meng Peng)",
        "the talks were held (March 3) in Annuminas",  # a date without a source comma dates an event
        "Macron’s (April 5-7) state visit",
        "the document (Part One),China Brief, September 9, 2022.",  # the date is outside the parentheses
        "a long aside (which the ministry of Gondor described at length in its annual report on the talks, March 3)",
        "an unclosed (FMPRC, April 7",
    ],
    ids=["acronym", "chinese", "photo", "date-no-comma", "range", "outside", "prose", "unclosed"],
)
def test_citations_ignore_parentheses_without_a_citation(text):
    assert find_citations(text, PUBLISHED) == []


@pytest.mark.parametrize(
    ("published", "written", "expected"),
    [
        (date(2023, 4, 14), "April 7", "2023-04-07"),  # same year
        (date(2023, 4, 14), "April 14", "2023-04-14"),  # the publication day itself
        (date(2023, 4, 14), "April 15", "2022-04-15"),  # would be after publication: previous year
        (date(2023, 1, 10), "December 30", "2022-12-30"),
        (date(2023, 3, 1), "February 29", "2023-02"),  # no 29 February in 2023: month only
        (None, "April 7", None),  # nothing to resolve against
        (None, "April 7, 2021", "2021-04-07"),  # a written year needs nothing
        (date(2023, 4, 14), "May 2022", "2022-05"),
    ],
)
def test_citations_resolve_yearless_dates_against_published(published, written, expected):
    (citation,) = find_citations(f"They met (Arnor MFA, {written}).", published)
    assert citation.date == expected


FOOTNOTED = (
    "Many visits occurred with U.S. allies. [1] However, tensions rose.[2]\n\n"
    "[1] For a detailed breakdown, see Kenneth W. Allen, “The PLA’s Military Diplomacy (Part One),"
    "China Brief, September 9, 2022.\n"
    "[2] Arnor Ministry of Defence, Annual Report 2021, 12 March 2021.\n"
)


def test_citations_footnote_markers_link_to_their_notes():
    found = find_citations(FOOTNOTED, PUBLISHED)
    assert [(c.source, c.date, c.text) for c in found] == [
        ("China Brief", "2022-09-09", "[1]"),
        ("Annual Report 2021", "2021-03-12", "[2]"),
    ]
    assert [FOOTNOTED[c.start : c.end] for c in found] == ["[1]", "[2]"]
    assert all(
        c.start < FOOTNOTED.index("\n\n") for c in found
    )  # notes themselves are not citations


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A claim. [3]\n\n[1] Westmarch Review, May 1, 2020.", []),  # no note [3]
        ("A claim. [1]\n\n[1] Personal communication.", [(None, None)]),  # a note without a date
        (
            "A claim. [1]\n\n[1] Gondor MoD, May 1.",
            [("Gondor MoD", "2022-05-01")],
        ),  # after publication
    ],
    ids=["unlinked", "undated-note", "yearless-note"],
)
def test_citations_footnote_edge_cases(text, expected):
    assert [(c.source, c.date) for c in find_citations(text, PUBLISHED)] == expected


def test_citations_seed_text(dev_corpus):
    _meta, body, _offset = parse_header((dev_corpus / "seed.txt").read_text("utf-8"))
    found = find_citations(body, PUBLISHED)
    assert len(found) == 21
    pairs = {(c.source, c.date) for c in found}
    assert {
        ("PRC Ministry of Foreign Affairs [FMPRC]", "2023-04-07"),
        (None, "2023-01-26"),
        (None, "2022-11-22"),
        ("PRC Ministry of National Defense (MND)", "2022-11-22"),
        ("NetEase", "2023-03-09"),
        ("Sohu", "2023-02-27"),
        ("China Brief", "2022-09-09"),
        ("MND", "2022-01-13"),
    } <= pairs
    assert all(body[c.start : c.end] == c.text for c in found)
    assert not any(
        c.text in {"(PRC)", "(反制措施)", "(暂停)", "(取消)", "(Part One)"} for c in found
    )


def _cite(start: int, end: int) -> Citation:
    return Citation(source="X", date=None, start=start, end=end, text="x" * (end - start))


@pytest.mark.parametrize(
    ("span", "citation", "belongs"),
    [
        ((0, 50), (30, 45), True),  # inside the sentence
        ((0, 50), (50, 60), True),  # right after it
        ((0, 50), (53, 60), True),  # within the gap
        ((0, 50), (54, 60), False),  # too far
        ((10, 50), (10, 20), False),  # opens the sentence: it belongs to the previous one
        ((10, 50), (2, 8), False),  # before the sentence
        ((10, 50), (45, 60), True),  # starts inside, runs past the end
    ],
)
def test_citations_in_by_offsets(span, citation, belongs):
    c = _cite(*citation)
    assert citations_in(*span, [c]) == ([c] if belongs else [])


def test_citations_in_with_text_checks_the_gap():
    text = "Talks were held. (MND, May 3) Then a call. [1] ok x (Arnor MFA, May 4)"
    first_end = text.index(".") + 1
    cites = find_citations(text + "\n\n[1] Westmarch Review, May 2, 2022.", PUBLISHED)
    assert [c.text for c in citations_in(0, first_end, cites, text)] == ["(MND, May 3)"]
    second = (text.index("Then"), text.index("[1]") - 1)
    assert [c.text for c in citations_in(*second, cites, text)] == ["[1]"]
    third = (text.index("ok"), text.index("ok") + 2)
    assert citations_in(*third, cites, text, max_gap=3) == []  # " x " is not punctuation


@pytest.mark.parametrize(
    ("value", "parts"),
    [
        ("April 7", (None, 4, 7)),
        ("November 22, 2022", (2022, 11, 22)),
        ("22nd November 2022", (2022, 11, 22)),
        ("Sept 9", (None, 9, 9)),
        ("March 2023", (2023, 3, None)),
        ("February 30", None),
        ("Aprill 7", None),
    ],
)
def test_citations_parse_date_phrase(value, parts):
    when = parse_date_phrase(value)
    assert (None if when is None else (when.year, when.month, when.day)) == parts
