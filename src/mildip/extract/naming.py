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
_QUOTE = re.compile(r"[“”\"‘’']")


def session_noun(tok, lex: Lexicon):
    """The session noun ("round", "session") whose ``of`` complement ``tok`` is, or None."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in lex.session_nouns:
        return head.head
    return None


def round_of(tok, lex: Lexicon) -> int | None:
    """The ordinal of the phrase headed by ``tok`` (or of its session noun), or None."""
    holders = [tok]
    sess = session_noun(tok, lex)
    if sess is not None:
        holders.insert(0, sess)
    for h in holders:
        for c in h.children:
            if c.dep_ in ("amod", "nummod", "compound", "npadvmod") and c.i < h.i:
                n = parse_ordinal(c.text)
                if n is not None:
                    return n
    return None


def _name_tokens(tok) -> list:
    """The tokens of the object phrase that may belong to its name: the head, its
    compounds and modifiers, and ``on``/``for`` complements ("talks on maritime safety")."""
    out = []
    for t in np_tokens(tok):
        ok, u = True, t
        while u.i != tok.i:
            if u.dep_ in ("relcl", "acl", "appos", "conj", "cc") or (
                u.dep_ == "prep" and u.lower_ not in _KEEP_PREP
            ):
                ok = False
                break
            u = u.head
        if ok and (t.i == tok.i or t.dep_ not in ("det", "poss", "predet", "punct") or t.text in "-–+&"):
            out.append(t)
    return sorted(out, key=lambda t: t.i)


def channel_phrase(sent: Analysed, tok, lex: Lexicon) -> str | None:
    """The specific name in the object phrase headed by ``tok``, or None (see the
    module docstring)."""
    toks = [t for t in _name_tokens(tok) if sent.date_of(t.i) is None or t.i == tok.i]
    while toks and (parse_ordinal(toks[0].text) is not None or toks[0].lower_ in ("the", "a", "an")):
        toks = toks[1:]
    if not toks:
        return None
    at = toks.index(next(t for t in toks if t.i == tok.i))
    lo = hi = at
    while lo > 0 and toks[lo - 1].i == toks[lo].i - 1:
        lo -= 1
    while hi + 1 < len(toks) and toks[hi + 1].i == toks[hi].i + 1:
        hi += 1
    toks = toks[lo : hi + 1]
    text = sent.doc[toks[0].i : toks[-1].i + 1].text
    text = " ".join(_QUOTE.sub(" ", text).split())
    specific = False
    for t in toks:
        low = t.lower_.strip(".")
        if low in lex.generic or parse_ordinal(t.text) is not None or not low:
            continue
        if sent.party_of(t.i) is not None or sent.place_of(t.i) is not None:
            continue
        specific = True
    return text if specific and len(text) >= 4 else None


def resolve_mechanism(registry, phrase: str | None, actors, whole: str | None = None):
    """The registered mechanism ``phrase`` (or the whole object phrase ``whole``) names
    for ``actors``, else a discovered one built from ``phrase``; None without a phrase."""
    for text in (phrase, whole):
        if text:
            found = registry.match(text, actors)
            if found is not None:
                return found
    return registry.discover(phrase, actors) if phrase else None
