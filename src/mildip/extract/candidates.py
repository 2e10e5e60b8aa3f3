"""Candidate sentences: the only ones the parser and the frames see.

A sentence is a candidate when it holds a word that is an inflection or spelling
variant of a trigger head (:meth:`mildip.extract.lexicon.Lexicon.has_trigger_word`, so
"cancelling", "canceled" and "met" all count), or the name of a registered exercise
series ("Talisman Sabre"), **and** something
that can supply a party: a gazetteer party, a person-like name, a reference to the
parties of the narrative ("the two sides", "his counterpart", "they"), or first
person ("we", "our", "I", "my"). Sentences the learned sentence model flags
(:mod:`mildip.extract.scorer`) are added even without a trigger word.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mildip.extract.lexicon import Lexicon
from mildip.nlp.gazetteer import Gazetteer
from mildip.nlp.trie import trie_pattern
from mildip.nlp.sentences import Sentence

_NAME_PAIR = re.compile(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+")
_REFERENCE = re.compile(
    r"(?<![\w-])(?:counterparts?|they|their|them|we|our|us|I|my|he|she|his|her|it|its)(?![\w-])"
    r"|(?<![\w-])(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?:\w+[\s,]+){0,3}?(?:dialogue|talks|consultations?|"
    r"round|session|meeting|exercise|drills?|series|iteration|edition|plenary|secretary|"
    r"minister|ships?|vessels?|frigate|destroyer|taskforce|task force|navy|delegation)\b"
)


def has_party_source(text: str, gazetteer: Gazetteer, lex: Lexicon) -> bool:
    """Whether ``text`` names, or refers to, some party."""
    return bool(
        gazetteer.find(text)
        or _NAME_PAIR.search(text)
        or lex.two_parties.search(text)
        or _REFERENCE.search(text)
    )


@lru_cache(maxsize=8)
def series_pattern(registry) -> re.Pattern[str] | None:
    """The names and aliases of the registry's exercise series, as written ("Talisman
    Sabre", "Balikatan"): such a name states an exercise without the word "exercise"."""
    names = sorted({n for m in registry if m.kind == "exercise_series" for n in m.names})
    return re.compile(r"(?<![\w-])(?:" + trie_pattern(names) + r")(?![\w-])") if names else None


def is_candidate(sentence: Sentence, gazetteer: Gazetteer, lex: Lexicon, series: re.Pattern[str] | None = None) -> bool:
    """A trigger-like word, or the name of an exercise series (``series``), and a party
    source (see the module docstring)."""
    text = sentence.text
    worded = lex.has_trigger_word(text) or (series is not None and series.search(text) is not None)
    return worded and has_party_source(text, gazetteer, lex)
