"""Candidate sentences: the only ones the parser and the frames see.

A sentence is a candidate when it holds a word that is an inflection or spelling
variant of a trigger head (:meth:`mildip.extract.lexicon.Lexicon.has_trigger_word`, so
"cancelling", "canceled" and "met" all count), or the name of a registered exercise
series, dialogue or consultation ("Talisman Sabre", "AUSMIN"), **and** something
that can supply a party: a gazetteer party, a person-like name, a reference to the
parties of the narrative ("the two sides", "his counterpart", "they"), first
person ("we", "our", "I", "my"), or one word of a full name written elsewhere in the
document ("Biden and Xi met" after "Joe Biden" and "Xi Jinping": see
:func:`document_names`) or of a senior official's surname
(:func:`mildip.kb.officials.senior_surnames`: "Austin spoke with Marles"). Sentences the learned sentence model flags
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
    r"(?<![\w-])(?:counterparts?|[Tt]hey|[Tt]heir|them|[Ww]e|[Oo]ur|us|I|[Mm]y|[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Ii]t|[Ii]ts)(?![\w-])"
    r"|(?<![\w-])(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?:\w+[\s,]+){0,3}?(?:dialogue|talks|consultations?|"
    r"round|session|meeting|exercise|drills?|series|iteration|edition|plenary|secretary|"
    r"minister|ships?|vessels?|frigate|destroyer|taskforce|task force|navy|delegation)\b"
)


_RECALLED = re.compile(
    r"(?<![\w-])[Tt]he\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,3}(?:st|nd|rd|th)"
    r"|last|latest|previous)\s*,?\s+(?:was|were|had\s+been|took\s+place|of\s+(?:those|these|the|its|their))\b"
)
"""An ordinal that stands for one session of a series told before ("The first was held in
2020", "the last of those dialogues"): both the event word and the reference to parties
(see :func:`mildip.extract.triggers.recalled_session_entries`)."""


_CAPITALISED = re.compile(r"(?<![\w’'-])[A-Z][a-z’'\-]+(?![\w’'-])")


def document_names(text: str) -> frozenset[str]:
    """The words of the full names ("Joe Biden", "Xi Jinping") written in ``text``:
    either word may stand alone later ("Biden", "Xi", family name first)."""
    return frozenset(w for m in _NAME_PAIR.finditer(text) for w in m.group(0).split())


def has_party_source(text: str, gazetteer: Gazetteer, lex: Lexicon, names: frozenset[str] = frozenset()) -> bool:
    """Whether ``text`` names, or refers to, some party; ``names`` are the document's
    name words (:func:`document_names`)."""
    return bool(
        gazetteer.find(text)
        or _NAME_PAIR.search(text)
        or lex.two_parties.search(text)
        or _REFERENCE.search(text)
        or names and any(m.group(0) in names for m in _CAPITALISED.finditer(text))
    )


SESSION_KINDS = frozenset({"exercise_series", "dialogue", "consultation"})
"""Registry kinds whose bare name states a session ("Balikatan", "the 34th AUSMIN")."""


@lru_cache(maxsize=8)
def series_pattern(registry) -> re.Pattern[str] | None:
    """The names and aliases of the registry's exercise series, dialogues and
    consultations, as written ("Talisman Sabre", "Balikatan", "AUSMIN"): such a name
    states a session without the word "exercise" or "dialogue"."""
    names = sorted({n for m in registry if m.kind in SESSION_KINDS for n in m.names})
    return re.compile(r"(?<![\w-])(?:" + trie_pattern(names) + r")(?![\w-])") if names else None


def is_candidate(
    sentence: Sentence,
    gazetteer: Gazetteer,
    lex: Lexicon,
    series: re.Pattern[str] | None = None,
    names: frozenset[str] = frozenset(),
) -> bool:
    """A trigger-like word, or the name of an exercise series (``series``), and a party
    source (see the module docstring; ``names`` from :func:`document_names`)."""
    text = sentence.text
    if _RECALLED.search(text):
        return True
    worded = lex.has_trigger_word(text) or (series is not None and series.search(text) is not None)
    return worded and has_party_source(text, gazetteer, lex, names)
