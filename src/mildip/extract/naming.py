"""Channel names and round numbers from the object phrase of a draft.

The object phrase of a dialogue, exercise or channel action is the noun phrase of the
draft's object token in the parse ("the 17th China-U.S. Defense Policy Coordination
Talks"), completed upward when the token is the ``of`` complement of a session noun
("the ninth round of the ... Dialogue"). From it:

* :func:`round_of` reads the ordinal ("17th", "ninth", "twenty-second") of the phrase
  or of its session noun;
* :func:`channel_phrase` gives the name without determiners, possessive pronouns and
  ordinals, or None when every remaining word is generic (``[naming] generic``) or a
  party name: "military talks" names no channel, "maritime safety consultations" and
  "Golden Dragon 2024" do;
* :func:`resolve_mechanism` matches the phrase against the registry (with the event's
  parties), else builds a discovered mechanism.
"""

from __future__ import annotations

import re

from mildip.extract.lexicon import Lexicon
from mildip.extract.sentence import Analysed, np_tokens
from mildip.nlp.ordinals import parse_ordinal

_KEEP_PREP = frozenset({"on", "for"})
_MANNER = frozenset({
    "virtual", "in-person", "face-to-face", "annual", "regular", "formal", "informal", "direct",
    "online", "latest", "new", "inaugural", "upcoming", "recent", "scheduled", "planned",
    "postponed", "previous", "next", "last", "first",
})
"""Leading adjectives that tell how or when a session was held, not its channel's name
("a virtual MMCA meeting")."""


def _title_case(sent: Analysed) -> bool:
    """A headline in Title Case: capitals there say nothing about names."""
    if sent.sentence.is_heading:
        return True
    words = [t for t in sent.doc if t.is_alpha and len(t.text) > 3]
    return len(words) >= 4 and all(t.text[0].isupper() for t in words)
_QUOTE = re.compile(r"[“”\"‘’']")


def session_noun(tok, lex: Lexicon):
    """The session noun ("round", "session") whose ``of`` complement ``tok`` is, or None."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in lex.session_nouns:
        return head.head
    return None


def round_of(tok, lex: Lexicon, verb=None) -> int | None:
    """The ordinal of the phrase headed by ``tok`` (or of its session noun, or of a
    session noun hanging from ``verb``: "convened for its 16th iteration"), or None."""
    holders = [tok]
    sess = session_noun(tok, lex)
    if sess is not None:
        holders.insert(0, sess)
    if verb is not None:
        for c in verb.children:
            if c.dep_ == "prep":
                holders += [p for p in c.children if p.lemma_.lower() in lex.session_nouns]
    for h in holders:
        for c in _name_tokens(h):
            if c.i < h.i and c.dep_ in ("amod", "nummod", "compound", "npadvmod", "nmod"):
                n = _ordinal_at(c)
                if n is not None:
                    return n
    return None


def _ordinal_at(tok) -> int | None:
    """The ordinal that ends at ``tok``, reading a hyphenated one the tokenizer split
    ("twenty - second" is 22, not 2)."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-":
        joined = parse_ordinal(f"{doc[tok.i - 2].text}-{tok.text}")
        if joined is not None:
            return joined
    return parse_ordinal(tok.text)


def _name_tokens(tok) -> list:
    """The tokens of the object phrase that may belong to its name: the head, its
    compounds and modifiers, and ``on``/``for`` complements ("talks on maritime safety")."""
    out = []
    for t in np_tokens(tok):
        ok, u = True, t
        while u.i != tok.i:
            named_of = u.dep_ == "prep" and u.lower_ in ("of", "under") and any(
                c.pos_ == "PROPN" for c in u.children
            )
            if u.dep_ in ("relcl", "acl", "appos", "conj", "cc") or (
                u.dep_ == "prep" and u.lower_ not in _KEEP_PREP and not named_of
            ):
                ok = False
                break
            u = u.head
        if ok and (t.i == tok.i or t.dep_ not in ("det", "poss", "predet", "punct") or t.text in "-–+&"):
            out.append(t)
    return sorted(out, key=lambda t: t.i)


def name_phrase(sent: Analysed, tok, lex: Lexicon) -> str | None:
    """The contiguous name around ``tok`` in its object phrase, without determiners,
    possessives, ordinals, dates and leading adjectives of manner ("China-U.S. Defense
    Policy Coordination Talks", "security dialogue"), or None."""
    toks = [t for t in _name_tokens(tok) if sent.date_of(t.i) is None or t.i == tok.i]
    while toks and (
        parse_ordinal(toks[0].text) is not None
        or toks[0].lower_ in ("the", "a", "an")
        or (toks[0].i != tok.i and toks[0].pos_ == "ADJ" and toks[0].lower_ in _MANNER)
    ):
        toks = toks[1:]
    if not toks or all(t.i != tok.i for t in toks):
        return None
    at = next(n for n, t in enumerate(toks) if t.i == tok.i)
    lo = hi = at
    while lo > 0 and toks[lo - 1].i == toks[lo].i - 1:
        lo -= 1
    while hi + 1 < len(toks) and toks[hi + 1].i == toks[hi].i + 1:
        hi += 1
    toks = toks[lo : hi + 1]
    text = " ".join(_QUOTE.sub(" ", sent.doc[toks[0].i : toks[-1].i + 1].text).split())
    return text or None


def is_specific(sent: Analysed, tok, lex: Lexicon) -> bool:
    """Whether the name around ``tok`` has identity: a capitalised word (not the first
    of the sentence) or a noun compound that is neither generic, a party nor a date.
    Adjectives alone ("substantive dialogue", "strategic talks") do not make a name."""
    for t in _name_tokens(tok):
        low = t.lower_.strip(".")
        if not low or low in lex.generic or parse_ordinal(t.text) is not None:
            continue
        if sent.parties_of(t.i) or sent.places_of(t.i) or sent.date_of(t.i) is not None:
            continue
        if sent.person_of(t.i) is not None or t.like_num:
            continue
        capitalised = (t.pos_ == "PROPN" or t.text[:1].isupper()) and t.i > 0 and not _title_case(sent)
        if capitalised or t.text.startswith(("“", '"')):
            return True
        if t.dep_ == "compound" and t.pos_ == "NOUN":
            return True
    return False


def channel_phrase(sent: Analysed, tok, lex: Lexicon) -> str | None:
    """The specific name in the object phrase headed by ``tok``, or None (see the
    module docstring)."""
    name = name_phrase(sent, tok, lex)
    return name if name and len(name) >= 4 and is_specific(sent, tok, lex) else None


def resolve_mechanism(registry, specific: str | None, plain: str | None, actors):
    """The registered mechanism the name (``specific`` or the plain ``plain`` name)
    gives for ``actors``, else a discovered one built from a specific name, else None."""
    for text in (specific, plain):
        if text:
            found = registry.match(text, actors)
            if found is not None:
                return found
    return registry.discover(specific, actors) if specific else None
