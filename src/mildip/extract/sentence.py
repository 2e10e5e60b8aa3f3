"""A candidate sentence with its parse and its mentions, aligned token by token.

:class:`Analysed` joins what the cheap scanners found in one sentence (party mentions of
the gazetteer, persons, temporal expressions, citations) with spaCy's parse of the same
text, so that frames can ask, for any token, "which party does this token name?" and
"which tokens make up the noun phrase headed here?".

Offsets of mentions are absolute (into the document text); spaCy tokens carry offsets
relative to the sentence (``token.idx``); :meth:`Analysed.token_at` converts.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from mildip.extract.persons import PersonMention
from mildip.nlp.dates import DateMention
from mildip.nlp.gazetteer import PartyMention
from mildip.nlp.sentences import Sentence

ACTOR_KINDS = frozenset({"country", "demonym", "capital", "combining", "org", "institution", "craft"})
"""Gazetteer kinds that can name a party of an event (places and forums cannot)."""

CLAUSAL = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "csubj", "pcomp"})
"""Dependency labels that open another clause: a noun phrase stops there."""


@dataclass
class Analysed:
    """One parsed candidate sentence (see the module docstring)."""

    sentence: Sentence
    doc: object
    parties: list[PartyMention]
    persons: list[PersonMention]
    dates: list[DateMention]
    paragraph_index: int = 0
    _starts: list[int] = field(default_factory=list, repr=False)
    _party_tokens: dict[int, list[PartyMention]] = field(default_factory=dict, repr=False)
    _person_tokens: dict[int, PersonMention] = field(default_factory=dict, repr=False)
    _date_tokens: dict[int, DateMention] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._starts = [t.idx for t in self.doc]
        for pm in self.parties:
            for i in self.tokens_in(pm.start, pm.end):
                self._party_tokens.setdefault(i, []).append(pm)
        for person in self.persons:
            for i in self.tokens_in(person.start, person.end):
                self._person_tokens[i] = person
        for d in self.dates:
            for i in self.tokens_in(d.start, d.end):
                self._date_tokens[i] = d

    @property
    def base(self) -> int:
        """Absolute offset of the sentence's first character."""
        return self.sentence.start

    @property
    def text(self) -> str:
        return self.sentence.text

    def token_at(self, offset: int) -> int | None:
        """Index of the token that covers absolute ``offset``, or None."""
        rel = offset - self.base
        i = bisect_right(self._starts, rel) - 1
        if i < 0:
            return None
        tok = self.doc[i]
        return i if rel < tok.idx + len(tok.text) else None

    def tokens_in(self, start: int, end: int) -> list[int]:
        """Indices of tokens that overlap the absolute span [start, end)."""
        lo, hi = start - self.base, end - self.base
        first = max(0, bisect_right(self._starts, lo) - 1)
        out = []
        for i in range(first, len(self._starts)):
            tok = self.doc[i]
            if tok.idx >= hi:
                break
            if tok.idx + len(tok.text) > lo:
                out.append(i)
        return out

    def span_head(self, start: int, end: int):
        """The token of [start, end) whose head lies outside the span (its syntactic head)."""
        idx = self.tokens_in(start, end)
        if not idx:
            return None
        inside = set(idx)
        for i in idx:
            tok = self.doc[i]
            if tok.head.i not in inside or tok.head.i == tok.i:
                return tok
        return self.doc[idx[-1]]

    def parties_of(self, i: int) -> list[PartyMention]:
        """The actor-kind party mentions that cover token ``i`` ("U.S.-South" holds two)."""
        return [p for p in self._party_tokens.get(i, ()) if p.kind in ACTOR_KINDS and p.code]

    def party_of(self, i: int) -> PartyMention | None:
        """The first actor-kind party mention that covers token ``i``."""
        found = self.parties_of(i)
        return found[0] if found else None

    def in_name(self, i: int) -> bool:
        """Whether token ``i`` lies in a gazetteer name - a forum ("Shangri-La
        Dialogue"), an institution ("Central Military Commission"), a country: a word
        of a name states no event."""
        return bool(self._party_tokens.get(i))

    def is_forum(self, i: int) -> bool:
        """Whether token ``i`` lies in the name of a forum ("Shangri-La Dialogue",
        "ADMM-Plus"): a venue, not a party or a channel."""
        return any(p.kind == "forum" for p in self._party_tokens.get(i, ()))

    def places_of(self, i: int) -> list[PartyMention]:
        """Every gazetteer mention (party or place) with a code that covers token ``i``."""
        return [p for p in self._party_tokens.get(i, ()) if p.code]

    def place_of(self, i: int) -> PartyMention | None:
        found = self.places_of(i)
        return found[0] if found else None

    def person_of(self, i: int) -> PersonMention | None:
        return self._person_tokens.get(i)

    def date_of(self, i: int) -> DateMention | None:
        return self._date_tokens.get(i)

    def abs_start(self, tok) -> int:
        return self.base + tok.idx

    def abs_end(self, tok) -> int:
        return self.base + tok.idx + len(tok.text)

    def phrase(self, tokens) -> tuple[int, int]:
        """Absolute (start, end) of a sequence of tokens."""
        toks = sorted(tokens, key=lambda t: t.i)
        return self.abs_start(toks[0]), self.abs_end(toks[-1])


def np_tokens(tok, stop=CLAUSAL) -> list:
    """The noun phrase headed by ``tok``: its subtree without clausal dependents
    (relative clauses, participial and adverbial clauses), in text order."""
    out = [tok]
    stack = [c for c in tok.children if c.dep_ not in stop]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in stop)
    return sorted(out, key=lambda t: t.i)


def conjuncts(tok) -> list:
    """``tok`` and the tokens coordinated with it ("A, B and C"), in text order."""
    out = [tok]
    stack = [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj")
    return sorted(out, key=lambda t: t.i)


def is_infinitive(tok) -> bool:
    """ "agreed in November to reopen ...": the parser hangs a "to" infinitive after a
    phrase on the verb as an adverbial clause; it is the verb's complement all the same."""
    return tok.dep_ == "advcl" and tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
