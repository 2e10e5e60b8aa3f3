"""Channel and exercise noun phrases: "the eighth defense coordination dialogue",
"The 17th China-US Defense Policy Coordination Talks", "China-Cambodia “Golden Dragon
2024” joint exercise", "counter-narcotics cooperation".

:func:`find_phrases` walks left from each head noun over modifiers (capitalised
words, lexicon modifiers, party prefixes, quoted names, years, ordinals) and right
over "on X and Y" and "(ABBR)". :func:`is_specific` tells a named channel from a
generic one ("the military dialogues").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mildip.extract.lexicon import Lexicon
from mildip.nlp.ordinals import ORDINAL_WORDS, parse_ordinal

_TOKEN = re.compile(
    r"[“\"][^”\"]{1,80}[”\"]|[\w’'+\-]+(?:\.(?=\w)[\w’'+\-]+)*\.?(?<!\w\w\.)|\([A-Z]{2,8}\)|\S"
)
_DETERMINERS = {"the", "their", "its", "a", "an", "his", "her", "this", "that", "our"}
_ADJECTIVE_LIKE = re.compile(r"[a-z][a-z-]*(?<!ed)(?<!ing)")
_VERBS = {
    "held",
    "hold",
    "holds",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "also",
    "then",
    "not",
    "first-ever",
    "new",
}
_STOP_LEFT = {
    "and",
    "or",
    "as",
    "to",
    "with",
    "between",
    "of",
    "for",
    "in",
    "on",
    "at",
    "by",
    "after",
}


@dataclass(frozen=True)
class Phrase:
    """A channel phrase (absolute offsets into the document)."""

    start: int
    end: int
    text: str
    head: str
    kind: str  # "dialogue" | "exercise" | "cooperation"
    round: int | None
    name: str
    """The phrase without determiners and ordinals: what the registry matches."""
    quoted: str | None
    plural: bool


def _is_modifier(tok: str, lex: Lexicon) -> bool:
    low = tok.lower().strip('“”"')
    if tok[:1] in '“"' or tok[:1].isupper() or tok[:1].isdigit():
        return True
    if low in lex.modifiers or low in ORDINAL_WORDS or parse_ordinal(low) is not None:
        return True
    return "-" in low and any(part in lex.modifiers for part in low.split("-"))


def find_phrases(
    text: str, base: int, lex: Lexicon, heads: frozenset[str] | None = None
) -> list[Phrase]:
    """Channel phrases in ``text`` (a sentence at absolute offset ``base``)."""
    heads = heads or (lex.dialogue_heads | lex.exercise_heads | lex.cooperation_heads)
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
    out: list[Phrase] = []
    i = 0
    while i < len(tokens):
        s, e, tok = tokens[i]
        low = tok.lower()
        if low not in heads:
            i += 1
            continue
        j = i
        while (
            j + 1 < len(tokens)
            and tokens[j + 1][2].lower() in heads
            and tokens[j + 1][2].lower() != low
        ):
            j += 1
        head = tokens[j][2].lower()
        left = i
        loose = 0
        while left - 1 >= 0:
            ptok = tokens[left - 1][2]
            if ptok.lower() in _STOP_LEFT or ptok.lower() in _DETERMINERS:
                break
            if ptok in {",", ".", ";", ":"}:
                break
            if not _is_modifier(ptok, lex):
                # one or two plain adjectives ("a joint tabletop exercise"), never a verb
                if loose >= 2 or not _ADJECTIVE_LIKE.fullmatch(ptok) or ptok.lower() in _VERBS:
                    break
                loose += 1
            left -= 1
        right = j + 1
        k = right
        if k < len(tokens) and tokens[k][2].lower() in {"on", "against"}:
            words = []
            m = k + 1
            while m < len(tokens) and len(words) < 6:
                t = tokens[m][2]
                if t.lower() in {"and"} and words:
                    words.append(t)
                    m += 1
                    continue
                if t.lower() in {"the"}:
                    m += 1
                    continue
                if re.fullmatch(r"[a-z][\w-]*", t) and t.lower() not in {
                    "which",
                    "that",
                    "in",
                    "with",
                    "to",
                    "for",
                    "of",
                }:
                    words.append(t)
                    m += 1
                    continue
                break
            while words and words[-1].lower() == "and":
                words.pop()
                m -= 1
            if words:
                right = m
        if right + 1 < len(tokens) and tokens[right][2] == "of" and tokens[i][2][:1].isupper():
            # "Meeting of the Special Representatives": a capitalised head takes its "of" name
            k = right + 1
            if k < len(tokens) and tokens[k][2].lower() == "the":
                k += 1
            m = k
            while m < len(tokens) and tokens[m][2][:1].isupper() and tokens[m][2].isalpha():
                m += 1
            if m > k:
                right = m
        if right < len(tokens) and re.fullmatch(r"\([A-Z]{2,8}\)", tokens[right][2]):
            right += 1
        start, end = tokens[left][0], tokens[right - 1][1]
        phrase_tokens = [t[2] for t in tokens[left:right]]
        rnd = None
        kept = []
        for t in phrase_tokens:
            n = parse_ordinal(t.lower())
            if n is not None and rnd is None:
                rnd = n
                continue
            if t.lower() in {"annual", "inaugural"}:
                continue
            kept.append(t)
        quoted = next((t.strip('“”"') for t in phrase_tokens if t[:1] in '“"'), None)
        kind = (
            "exercise"
            if head in lex.exercise_heads
            else "dialogue"
            if head in lex.dialogue_heads
            else "cooperation"
        )
        name = " ".join(kept)
        out.append(
            Phrase(
                base + start,
                base + end,
                text[start:end],
                head,
                kind,
                rnd,
                name,
                quoted,
                plural=head.endswith("s")
                and head not in {"talks", "consultations"}
                and not head.endswith("ss"),
            )
        )
        i = right
    return out


def is_specific(phrase: Phrase, lex: Lexicon, party_words: frozenset[str] = frozenset()) -> bool:
    """True when the phrase names a particular channel, not channels in general."""
    if phrase.quoted or phrase.round is not None:
        return True
    for tok in re.findall(r"[\w’'+\-]+", phrase.name):
        low = tok.lower()
        if low == phrase.head or low in party_words:
            continue
        if low not in lex.generic:
            return True
        if tok[:1].isupper() and low not in {"the"}:
            return True
    return False
