"""People named earlier in a document, found again later.

A readout names "Secretary of Defense Lloyd J. Austin III" once, then writes "Austin",
"the secretary" or "he". :class:`PeopleMemory` keeps the people of the sentences read so
far (with their party and title) and returns the later mentions of them, so that their
party counts for the events of those sentences:

* a bare surname of a person named in full before ("Austin met Dong on Friday");
* "the secretary", "the minister", "the admiral" ...: the person most recently named
  whose title has that word;
* "he"/"she": the first person named in the last sentence that named one (the subject,
  most often).
"""

from __future__ import annotations

import re

from mildip.extract.persons import PersonMention
from mildip.extract.view import SentenceView

_PRONOUN = re.compile(r"(?<![\w-])(he|she|He|She)(?![\w-])")
_TITLE_NOUN = re.compile(
    r"(?<![\w-])[Tt]he (secretary|minister|admiral|general|chairman|commander|president|"
    r"premier|chief)\b(?! of\b)(?!\s+[A-Z])"
)
_SUFFIXES = frozenset({"Jr.", "Jr", "III", "II", "IV"})


class PeopleMemory:
    """The people of a document read so far (one instance per document)."""

    def __init__(self, family_name_first: frozenset[str] = frozenset()) -> None:
        self.family_name_first = family_name_first
        self.by_surname: dict[str, PersonMention] = {}
        self.recent: list[PersonMention] = []
        self.subject: PersonMention | None = None

    def remember(self, view: SentenceView) -> None:
        """Keep the people of ``view`` that have a party and a full name."""
        subject = None
        for pm in sorted(view.persons, key=lambda p: p.start):
            words = [w for w in pm.name.replace(",", " ").split() if w not in _SUFFIXES]
            if not pm.party or len(words) < 2:
                continue
            self.by_surname[words[-1]] = pm
            if pm.party in self.family_name_first:
                # "Dong Jun" is Admiral Dong (extraction.toml [names])
                self.by_surname.setdefault(words[0], pm)
            self.recent.append(pm)
            subject = subject or pm
        if subject is not None:
            self.subject = subject

    def mentions_in(self, view: SentenceView) -> list[PersonMention]:
        """Later mentions, in ``view``, of people remembered before it."""
        found: list[PersonMention] = []
        taken = [(p.start, p.end) for p in view.persons]

        def add(s: int, e: int, pm: PersonMention) -> None:
            if not any(a <= s < b for a, b in taken):
                found.append(PersonMention(s, e, pm.name, pm.title, pm.party, s))
                taken.append((s, e))

        for surname, pm in self.by_surname.items():
            for m in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", view.masked):
                add(view.base + m.start(), view.base + m.end(), pm)
        for m in _TITLE_NOUN.finditer(view.masked):
            word = m.group(1).lower()
            pm = next((p for p in reversed(self.recent) if word in (p.title or "").lower()), None)
            if pm is not None:
                add(view.base + m.start(), view.base + m.end(), pm)
        if self.subject is not None:
            m = _PRONOUN.search(view.masked)
            if m:
                add(view.base + m.start(1), view.base + m.end(1), self.subject)
        return found
