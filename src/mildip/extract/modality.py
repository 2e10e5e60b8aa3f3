"""Modality of an event mention: asserted, future, hypothetical or negated.

Cues (``extraction.toml`` [modality]) are read in the trigger's clause, before the
trigger, and in the trigger itself ("preparations for", "will be held"). The cue
nearest the trigger decides, except that a negation within three words of the
trigger always wins ("did not meet").
"""

from __future__ import annotations

import re

from mildip.extract.lexicon import Lexicon

_FUTURE_TRIGGERS = re.compile(r"(?i)^(?:preparations for|is scheduled|are scheduled|will be held)$")


def modality(clause_before: str, trigger_text: str, lex: Lexicon) -> str:
    """Modality from the clause text before the trigger and the trigger's own text."""
    if _FUTURE_TRIGGERS.match(trigger_text):
        return "future"
    near = " ".join(clause_before.split()[-4:])
    if lex.negated.search(near):
        return "negated"
    best: tuple[int, str] | None = None
    for kind, pattern in (
        ("future", lex.future),
        ("hypothetical", lex.hypothetical),
        ("negated", lex.negated),
    ):
        for m in pattern.finditer(clause_before):
            if best is None or m.end() > best[0]:
                best = (m.end(), kind)
    return best[1] if best else "asserted"
