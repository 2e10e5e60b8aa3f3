"""Sentence segmentation: offsets are exact and tricky punctuation survives."""

import pytest

from mildip.nlp.sentences import split_sentences


def _texts(text):
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # abbreviations do not end sentences
        ("U.S. Defense Secretary Lloyd Austin met Wei. Then he left.",
         ["U.S. Defense Secretary Lloyd Austin met Wei.", "Then he left."]),
        ("Adm. Samuel Paparo spoke with Gen. Wu Yanan, Sept. 9. The call was long.",
         ["Adm. Samuel Paparo spoke with Gen. Wu Yanan, Sept. 9.", "The call was long."]),
        # a hyphenated party pair ending in an abbreviation
        ("Canceling China-U.S. Theater Commanders Talk.", ["Canceling China-U.S. Theater Commanders Talk."]),
        # curly quote after the full stop
        ("He said “we will talk.” Then they met.", ["He said “we will talk.”", "Then they met."]),
        # doubled spaces
        ("Gondor held talks.  Rohan agreed.", ["Gondor held talks.", "Rohan agreed."]),
        # a citation parenthesis that ends a sentence without a full stop
        ("PLA diplomacy (, January 26) Strategically, exchanges help.",
         ["PLA diplomacy (, January 26)", "Strategically, exchanges help."]),
        # citation before the full stop stays in the sentence
        ("They met (MND, November 22, 2022). Next.", ["They met (MND, November 22, 2022).", "Next."]),
        # a month's abbreviation before a day stays; before a word it is a name ending
        # the sentence ("Dong Jun.")
        ("They met on Jun. 5 in Beijing. Then they left.", ["They met on Jun. 5 in Beijing.", "Then they left."]),
        ("Austin met Adm. Dong Jun. It was their first meeting.",
         ["Austin met Adm. Dong Jun.", "It was their first meeting."]),
    ],
)
def test_sentences_split(text, expected):
    assert _texts(text) == expected


def test_sentences_offsets_are_exact():
    text = "Title line\n\nFirst one.  Second one.\n  • Bullet item.\n  • Another item.\n"
    sentences = split_sentences(text)
    assert len(sentences) >= 4
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_sentences_bullets_are_list_items():
    text = "Measures announced:\n\n  • Canceling the Gondor-Rohan Beacon Talks.\n  • Suspending trade.\n"
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "Measures announced:",
        "Canceling the Gondor-Rohan Beacon Talks.",
        "Suspending trade.",
    ]
    assert [s.is_list_item for s in sents] == [False, True, True]


def test_sentences_headings_stand_alone():
    text = "Brown Speaks With Chinese Counterpart\n\nThe two leaders talked."
    sents = split_sentences(text)
    assert sents[0].is_heading and sents[0].text == "Brown Speaks With Chinese Counterpart"
    assert not sents[1].is_heading


def test_sentences_soft_wrapped_lines_join():
    text = ("The delegation of the Gondor armed forces travelled to Minas Tirith and held\n"
            "talks with the Rohan side on border security.")
    assert len(split_sentences(text)) == 1
