"""When to run spaCy's NER: only on event sentences with names the rules cannot explain."""

from __future__ import annotations

import re

from mildip.extract.view import SentenceView

_NAME_LIKE = re.compile(r"\b[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+)+")


def unexplained_names(view: SentenceView) -> bool:
    """Does the sentence hold two consecutive capitalised words that no party, person,
    date or title word explains (the sentence's first word aside)? Only then may spaCy's
    NER find a participant that the rules missed."""
    covered = [(p.start, p.end) for p in view.parties]
    covered += [(pm.title_start, pm.end) for pm in view.persons]
    covered += [(d.start, d.end) for d in view.dates]
    for m in _NAME_LIKE.finditer(view.masked):
        run = 0
        for w in re.finditer(r"\S+", m.group(0)):
            s = view.base + m.start() + w.start()
            explained = (
                s == view.base
                or w.group(0).lower() in _FUNCTION_WORDS
                or _TITLE_LIKE.fullmatch(w.group(0).rstrip("’'s"))
                or any(a <= s < b for a, b in covered)
            )
            run = 0 if explained else run + 1
            if run >= 2:
                return True
    return False


_FUNCTION_WORDS = frozenset(
    {"the", "a", "an", "in", "on", "at", "during", "after", "before", "while"}
)
_TITLE_LIKE = re.compile(
    r"\b(?:Minister|Ministry|Secretary|Department|Command|Commission|Council|Force|Forces|Army|"
    r"Navy|Dialogue|Talks?|Consultations?|Meeting|Exercise|Agreement|Office|Staff|Affairs|"
    r"Defen[cs]e|Security|Military|Theater|Theatre|Chief|Chiefs|General|Admiral|President|"
    r"Premier|Chairman|Director|Commander|Spokesperson|Embassy|House|Party|Summit|Forum)\b"
)
