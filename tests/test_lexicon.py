"""The compiled trigger lexicon: the first-letter dispatch finds what a plain alternation finds."""

import re
from pathlib import Path

import pytest

from mildip.extract.lexicon import _first_chars, _split_top_level, load_lexicon
from mildip.nlp.sentences import split_sentences

TEXTS = Path(__file__).resolve().parent.parent / "examples" / "corpus"


def _plain_regex(lex):
    alternatives = []
    for i, spec in enumerate(lex.triggers):
        for alt in _split_top_level(spec.pattern):
            alternatives.append((len(alt), i, alt))
    alternatives.sort(key=lambda a: (-a[0], a[1]))
    parts = [f"(?P<t{i}_{n}>{alt})" for n, (_, i, alt) in enumerate(alternatives)]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


def _matches(regex, lex, text):
    return [(m.start(), m.end(), lex.trigger_spec(m.lastgroup).type) for m in regex.finditer(text)]


@pytest.mark.parametrize("path", sorted(TEXTS.glob("*.txt")), ids=lambda p: p.stem)
def test_lexicon_dispatch_equals_plain_alternation(path):
    lex = load_lexicon()
    plain = _plain_regex(lex)
    found = 0
    for sentence in split_sentences(path.read_text("utf-8")):
        expected = _matches(plain, lex, sentence.text)
        assert _matches(lex.trigger_regex, lex, sentence.text) == expected
        found += len(expected)
    assert found, f"no trigger in {path.name}: the comparison says nothing"


@pytest.mark.parametrize(
    "pattern, chars",
    [("held", {"h"}), ("(?:made|making|make) a port call", {"m"}), ("cancel(?:ed|led)?", {"c"}),
     ("(?:state|official) visit to", {"s", "o"}), ("\\w+ visit", None)],
)
def test_lexicon_first_chars(pattern, chars):
    assert _first_chars(pattern) == chars
