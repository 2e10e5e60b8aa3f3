"""Unwrapping hard-wrapped text (mildip.ingest.unwrap): golden inputs, and the shared corpora.

Golden texts are about invented parties (Arnor, Gondor, Rohan); the corpus cases read
``../shared/corpus`` and skip when it is absent.
"""

from __future__ import annotations

import re
import textwrap

import pytest

from mildip.ingest import unwrap
from mildip.ingest.header import parse_header

PARA = (
    "Arnor and Gondor held their first security dialogue in four years in Annuminas on "
    "Tuesday. Both sides agreed to deepen exchanges on strategic issues and to meet again "
    "in the spring, the Gondor ministry of defence said in a statement."
)
"""One paragraph; ``textwrap.fill(PARA, 60)`` wraps it into four lines."""


def _wrapped(text: str, width: int = 60) -> str:
    return textwrap.fill(text, width)


GOLDEN = [
    # (id, input, expected output, typeset)
    ("paragraph", _wrapped(PARA), PARA, False),
    (
        "paragraph-breaks-kept",
        _wrapped(PARA) + "\n\n" + _wrapped(PARA),
        PARA + "\n\n" + PARA,
        False,
    ),
    (
        "heading-kept",
        "Talks Resume in Annuminas\n" + _wrapped(PARA),
        "Talks Resume in Annuminas\n" + PARA,
        False,
    ),
    (
        "bullets-kept",
        _wrapped(PARA) + "\n\nThe two sides agreed to:\n• resume the naval talks;\n"
        "• open a hotline between the two fleets and to exchange\n  observers at drills.",
        PARA + "\n\nThe two sides agreed to:\n• resume the naval talks;\n"
        "• open a hotline between the two fleets and to exchange observers at drills.",
        False,
    ),
    (
        "numbered-items-kept",
        _wrapped(PARA) + "\n\nThey agreed on three points:\n1. a hotline;\n2. port calls;\n"
        "3. observers at drills.",
        PARA + "\n\nThey agreed on three points:\n1. a hotline;\n2. port calls;\n"
        "3. observers at drills.",
        False,
    ),
    (
        "dash-inside-a-sentence-is-joined",
        (
            "Arnor and Gondor held their first security dialogue in four\n"
            "- and only - round this year in Annuminas on Tuesday, said\n"
            "the ministry of defence of Gondor in a statement on Friday."
        ),
        (
            "Arnor and Gondor held their first security dialogue in four "
            "- and only - round this year in Annuminas on Tuesday, said "
            "the ministry of defence of Gondor in a statement on Friday."
        ),
        False,
    ),
    (
        "dateline-kept",
        (
            "Talks in Annuminas\n\nMINAS TIRITH (Westmarch Wire) - Arnor and Gondor held their\n"
            "first security dialogue in four years in Annuminas on Tuesday,\n"
            "the Gondor ministry of defence said in a statement on Friday."
        ),
        (
            "Talks in Annuminas\n\nMINAS TIRITH (Westmarch Wire) - Arnor and Gondor held their "
            "first security dialogue in four years in Annuminas on Tuesday, "
            "the Gondor ministry of defence said in a statement on Friday."
        ),
        False,
    ),
    (
        "transcript-turns-kept",
        (
            "MR. HURIN: Arnor and Gondor held their first security dialogue\n"
            "in four years in Annuminas on Tuesday, and we welcome that.\n"
            "Q: Will the two sides meet again in the spring, as the Gondor\n"
            "ministry of defence said in its statement on Friday?\n"
            "MR. HURIN: They will."
        ),
        (
            "MR. HURIN: Arnor and Gondor held their first security dialogue "
            "in four years in Annuminas on Tuesday, and we welcome that.\n"
            "Q: Will the two sides meet again in the spring, as the Gondor "
            "ministry of defence said in its statement on Friday?\n"
            "MR. HURIN: They will."
        ),
        False,
    ),
    (
        "table-kept",
        _wrapped(PARA) + "\nRound    Place        Year\n1        Annuminas    3018\n"
        "2        Osgiliath    3019",
        PARA + "\nRound    Place        Year\n1        Annuminas    3018\n"
        "2        Osgiliath    3019",
        False,
    ),
    (
        "lone-date-kept",
        (
            "December 21, 2023\nArnor and Gondor held their first security dialogue in four\n"
            "years in Annuminas on Tuesday, the Gondor ministry of defence\nsaid on Friday."
        ),
        (
            "December 21, 2023\nArnor and Gondor held their first security dialogue in four "
            "years in Annuminas on Tuesday, the Gondor ministry of defence said on Friday."
        ),
        False,
    ),
    (
        "hyphen-joined-word-seen-elsewhere",
        (
            "Arnor and Gondor began consultations on the hotline. Further\n"
            "consul-\ntations between the two navies are due in the spring,\n"
            "the Gondor ministry of defence said in a statement on Friday."
        ),
        (
            "Arnor and Gondor began consultations on the hotline. Further "
            "consultations between the two navies are due in the spring, "
            "the Gondor ministry of defence said in a statement on Friday."
        ),
        False,
    ),
    (
        "hyphen-kept-before-a-capital",
        (
            "The talks were the first formal meeting of the Arnor-Gondor-\n"
            "U.S. channel in four years, the Gondor ministry of defence\n"
            "said in a statement on Friday after the talks in Annuminas."
        ),
        (
            "The talks were the first formal meeting of the Arnor-Gondor-U.S. "
            "channel in four years, the Gondor ministry of defence "
            "said in a statement on Friday after the talks in Annuminas."
        ),
        False,
    ),
    (
        "hyphen-kept-after-a-digit",
        (
            "Arnor and Gondor held their first security dialogue, a 2+2-\n"
            "style meeting of defence and foreign ministers, in Annuminas,\n"
            "the Gondor ministry of defence said in a statement on Friday."
        ),
        (
            "Arnor and Gondor held their first security dialogue, a 2+2-style "
            "meeting of defence and foreign ministers, in Annuminas, "
            "the Gondor ministry of defence said in a statement on Friday."
        ),
        False,
    ),
    (
        "hyphen-kept-when-the-tail-is-a-word",
        (
            "Arnor and Gondor resumed talks at a high level, and the high-\n"
            "level talks in Annuminas are to be held every year from now\n"
            "on, the Gondor ministry of defence said in a statement today."
        ),
        (
            "Arnor and Gondor resumed talks at a high level, and the high-level "
            "talks in Annuminas are to be held every year from now "
            "on, the Gondor ministry of defence said in a statement today."
        ),
        True,
    ),
    (
        "hyphen-of-a-typeset-word-dropped",
        (
            "Arnor and Gondor held their first round of naval consul-\n"
            "tations in four years in Annuminas on Tuesday, the Gondor\n"
            "ministry of defence said in a statement on Friday evening."
        ),
        (
            "Arnor and Gondor held their first round of naval consultations "
            "in four years in Annuminas on Tuesday, the Gondor "
            "ministry of defence said in a statement on Friday evening."
        ),
        True,
    ),
    (
        "hyphen-of-an-unknown-word-kept-in-plain-text",
        (
            "Arnor and Gondor held their first round of naval consul-\n"
            "tations in four years in Annuminas on Tuesday, the Gondor\n"
            "ministry of defence said in a statement on Friday evening."
        ),
        (
            "Arnor and Gondor held their first round of naval consul-tations "
            "in four years in Annuminas on Tuesday, the Gondor "
            "ministry of defence said in a statement on Friday evening."
        ),
        False,
    ),
    (
        "hyphenated-form-seen-elsewhere-kept",
        (
            "The mil-to-mil channel, said the Gondor ministry, is vital: mil-\n"
            "to-mil talks between Arnor and Gondor resumed in Annuminas on\n"
            "Tuesday after a pause of four years, according to a statement."
        ),
        (
            "The mil-to-mil channel, said the Gondor ministry, is vital: mil-to-mil "
            "talks between Arnor and Gondor resumed in Annuminas on "
            "Tuesday after a pause of four years, according to a statement."
        ),
        True,
    ),
    (
        "typeset-short-lines-kept",
        (
            "Talks Resume\nArnor and Gondor held their first security dialogue in four\n"
            "years in Annuminas.\nPhoto: Gondor MoD"
        ),
        (
            "Talks Resume\nArnor and Gondor held their first security dialogue in four "
            "years in Annuminas.\nPhoto: Gondor MoD"
        ),
        True,
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "typeset"),
    [case[1:] for case in GOLDEN],
    ids=[case[0] for case in GOLDEN],
)
def test_unwrap_golden(text, expected, typeset):
    assert unwrap(text, typeset=typeset).text == expected


UNWRAPPED = [
    PARA,
    PARA + "\n\n" + PARA,
    # short lines of their own: three sentences, far narrower than any wrap width
    "Arnor and Gondor met.\nRohan and Gondor talked.\nThey agreed.",
    # captions and paragraphs on consecutive lines, as web pages give them
    "Talks Resume\nA sailor salutes.\nThe Gondor flagship in Osgiliath, March 3, 3019.\n"
    "Photo by: A. Scribe\n" + PARA,
    # double spaces after sentences are no table
    "Arnor and Gondor met.  They talked.\nRohan stayed away.  Nobody asked why.",
    "",
]


@pytest.mark.parametrize("text", UNWRAPPED)
def test_unwrap_leaves_unwrapped_text_unchanged(text):
    result = unwrap(text)
    assert result.text == text
    assert result.lines_joined == 0


def test_unwrap_counts_what_it_did():
    text = (
        "Arnor and Gondor began consultations on the hotline. Further\n"
        "consul-\ntations between the two navies are due in the spring,\n"
        "the Gondor ministry of defence said in a statement on Friday."
    )
    result = unwrap(text)
    assert (result.lines_joined, result.hyphens_dropped, result.width) == (3, 1, 61)


def _corpus_texts(shared_corpus, name):
    folder = shared_corpus(name)
    texts = sorted(folder.glob("*.txt"))
    assert texts, f"{folder} holds no NAME.txt"
    return texts


def _body(path):
    return parse_header(path.read_text("utf-8"))[1]


@pytest.mark.parametrize("corpus", ["dev", "real"])
def test_unwrap_changes_no_text_of_the_shared_corpora(shared_corpus, corpus):
    changed = [
        p.name for p in _corpus_texts(shared_corpus, corpus) if unwrap(_body(p)).text != _body(p)
    ]
    assert changed == []


@pytest.mark.parametrize("corpus", ["dev", "real"])
@pytest.mark.parametrize("width", [60, 72, 100])
def test_unwrap_restores_the_shared_corpora_wrapped_by_textwrap(shared_corpus, corpus, width):
    # Modulo whitespace the unwrapped text is the original; line for line at 72 and 100.
    for path in _corpus_texts(shared_corpus, corpus):
        body = _body(path)
        wrapped = "\n".join(
            textwrap.fill(line, width) if line.strip() else line for line in body.split("\n")
        )
        restored = unwrap(wrapped).text
        assert re.sub(r"\s+", " ", restored) == re.sub(r"\s+", " ", body), path.name
        if width != 60:
            assert restored.count("\n") == body.count("\n"), path.name


def _wrap_counting_bytes(text: str, width: int) -> str:
    """A greedy wrapper that counts UTF-8 bytes, as ``fold -s`` and ``fmt`` do."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and len(candidate.encode("utf-8")) > width:
            lines.append(line)
            candidate = word
        line = candidate
    return "\n".join([*lines, line])


def test_unwrap_reads_widths_counted_in_bytes():
    # The second line is 43 characters but 57 bytes: full only when counted in bytes.
    text = (
        "Arnor and Gondor held their first security dialogue in four years in Annuminas, "
        "“the ‘first’ – ‘real’ – ‘talks’ in a decade” as the herald put it to us, and "
        "the two navies agreed to meet again in the spring, the Gondor ministry of defence said."
    )
    wrapped = _wrap_counting_bytes(text, 60)
    assert wrapped.split("\n")[1] == "years in Annuminas, “the ‘first’ – ‘real’ –"
    assert unwrap(wrapped).text == text
