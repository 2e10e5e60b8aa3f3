"""What a reader keeps in mind while reading a document: :class:`DocumentState`.

One object per document, updated after every sentence, answers the references that a
sentence cannot resolve alone:

* **the parties of the current narrative**: "the two sides", "both ministers", "they",
  "his counterpart" - the actor set of the last event told, or of the last sentence that
  named exactly two parties (:meth:`DocumentState.pair`, :meth:`counterpart_of`);
* **people**: a surname, a title noun ("the minister") or a pronoun ("he", "she") for a
  person named in full earlier, with that person's party (:meth:`person_party`);
* **the speaker**: first person ("we", "our three countries", "I", "my meetings") is the
  author - the side of the publication in the header, the parties of a joint statement,
  or the person of the current transcript turn ("MR. SULLIVAN:"); inside a quotation,
  the quotation's speaker (:func:`mildip.extract.arguments.quoted_speaker`);
* **the narrative time anchor**: an explicit year or date governs later "In August",
  "the next day", "that week" in the same paragraph and the next, until another one
  replaces it (:meth:`anchor`);
* **the channel named last**, for "the dialogue" / "the talks" / "the previous round"
  (:attr:`last_channels`);
* **the mode of the talks**: "talks" between two parties are of the mode of the last
  meeting or call told between them, or of the title's (:attr:`talk_modes`);
* **a list's lead-in**: the subject and date of "the Chinese side has decided to take
  the following countermeasures:" govern the list items after it (:attr:`list_lead`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from mildip.extract.persons import PersonMention

_TURN = re.compile(
    r"^(?:(?:MR|MS|MRS|DR|SECRETARY|GENERAL|GEN|ADMIRAL|ADM|MINISTER|AMBASSADOR|SENATOR|"
    r"PRESIDENT|SPOKESPERSON|SPOKESMAN|SPOKESWOMAN|COLONEL|COL|CAPTAIN|CAPT|MAJOR)\.?\s+)?"
    r"(?P<name>[A-Z][A-Z’'\-]+(?:\s+[A-Z][A-Z’'\-]+){0,2})\s*:"
)
_QUESTION_TURN = re.compile(r"^(?:Q|QUESTION|REPORTER|MODERATOR|OPERATOR)\s*:")
_SUFFIXES = frozenset({"Jr.", "Jr", "III", "II", "IV"})
_TITLE_NOUNS = (
    "secretary",
    "minister",
    "admiral",
    "general",
    "chairman",
    "commander",
    "president",
    "premier",
    "chief",
    "ambassador",
    "adviser",
    "advisor",
    "director",
    "spokesperson",
    "spokesman",
)


_CONTINUED_REACH = 3
"""Paragraphs back that "the following week" may reach for its anchor."""


@dataclass
class Anchor:
    """An explicit date of the narrative: ``value`` (ISO partial) set in ``paragraph``."""

    value: str
    paragraph: int
    sentence: int
    explicit: bool = True
    """Written with its year ("In 2022", "on 5 August 2022"), not relative to the
    publication ("last August")."""
    reach: int = -1
    """The paragraph its reach is counted from: its own, or for a month re-yeared by an
    explicit anchor, that anchor's."""

    def __post_init__(self) -> None:
        if self.reach < 0:
            self.reach = self.paragraph


@dataclass
class Person:
    name: str
    title: str | None
    party: str | None


@dataclass
class DocumentState:
    """The running state of one document (see the module docstring)."""

    family_name_first: frozenset[str] = frozenset()
    author_side: str | None = None
    joint_authors: tuple[str, ...] = ()
    turn_party: str | None = None
    in_question: bool = False
    recent_sets: list[tuple[str, ...]] = field(default_factory=list)
    """Actor sets of the events told, most recent last."""
    sentence_sets: list[tuple[str, ...]] = field(default_factory=list)
    """Pairs of parties named by candidate sentences that told no event."""
    recent_parties: list[str] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)
    recent_people: list[Person] = field(default_factory=list)
    subject: Person | None = None
    anchors: list[Anchor] = field(default_factory=list)
    last_channels: dict[str, tuple[tuple[str, ...], str | None]] = field(default_factory=dict)
    """Per family ("DIALOGUE", "EXERCISE"): the actors and name of the last session
    told, for "the dialogue", "the previous round", "the first exercise of the series"."""
    last_family: str | None = None
    """The family ("DIALOGUE" or "EXERCISE") of the last session told."""
    last_channel_sentence: int = -99
    """Index of the sentence that told the last session."""
    last_proposal: tuple[tuple[str, ...], str | None, int] | None = None
    """(actors, proposer, sentence index) of the last proposal told: "Beijing refused."
    answers it."""
    naval_party: str | None = None
    """The party of the last ship or navy named ("the ships", "it" in a port-call story)."""
    naval_recent: bool = False
    """Whether the last subject was that ship or navy (so "it" may be the ship)."""
    protagonist: Person | None = None
    """The first titled person of the text (whom "the secretary" means, unless the
    subject of the moment holds that title)."""
    talk_modes: dict[tuple[str, ...], str] = field(default_factory=dict)
    """Per actor set, the type (MEET or CALL) of the last meeting or call told: later
    "talks" between them are that meeting or call."""
    told: dict[tuple[str, tuple[str, ...]], str] = field(default_factory=dict)
    """Per (type, actors), the date of the last asserted event told: "the cancellation"
    later in the text, with no date of its own, is that event."""
    title_set: tuple[str, ...] = ()
    """The two parties the title names ("China-Russia military ties"), if exactly two."""
    title_call: bool = False
    """The title announces a phone or video call."""
    allied: Callable[[tuple[str, ...]], bool] | None = None
    """Whether an actor set's parties are allies at the time of the text (from the
    party groups, :func:`mildip.kb.groups.allied`), for "the allies"."""
    mentioned: tuple[str, int] | None = None
    """(value, sentence index) of the last date written in any clause of a sentence: what
    "at the time" in the next sentence recalls."""
    list_lead: tuple[tuple[str, ...], str | None] | None = None
    """(subject parties, date) of the last sentence that opens a list with a colon."""
    sentence_index: int = 0
    paragraph: int = 0
    last_acted: tuple[tuple[str, ...], int] | None = None
    """(actors, sentence index) of the last engagement suspended, cancelled or resumed,
    for "They resumed in 2011" after "Beijing cut off military exchanges with Washington"."""

    # --- turns and first person ---------------------------------------------------

    def read_turn(self, text: str, resolve_name) -> None:
        """Follow transcript turn labels at the start of ``text``: "MR. SULLIVAN:" makes
        Sullivan's party the first person; "Q:" makes first person unresolved."""
        if _QUESTION_TURN.match(text):
            self.in_question, self.turn_party = True, None
            return
        m = _TURN.match(text)
        if m is None:
            return
        surname = m.group("name").split()[-1].title()
        person = self.people.get(surname)
        party = person.party if person else resolve_name(surname)
        self.in_question = False
        self.turn_party = party

    def first_person(self, plural: bool) -> tuple[str, ...]:
        """The parties that "we"/"our" (``plural``) or "I"/"my" stand for, or ()."""
        if self.in_question:
            return ()
        if self.turn_party:
            return (self.turn_party,)
        if plural and self.joint_authors:
            return self.joint_authors
        return (self.author_side,) if self.author_side else ()

    # --- parties of the narrative -------------------------------------------------

    def pair(self) -> tuple[str, ...]:
        """The actor set "the two sides" refers to: the last one remembered, else the
        two parties of the title, or ()."""
        if self.recent_sets:
            return self.recent_sets[-1]
        if self.sentence_sets:
            return self.sentence_sets[-1]
        return self.title_set

    def pair_for(self, phrase: str, named: tuple[str, ...] = ()) -> tuple[str, ...]:
        """The actor set a "the two sides"-like ``phrase`` refers to: for a phrase of
        allies ("the allies", "the two allies"), the last set whose parties are allied
        (:attr:`allied`); for a phrase that counts two ("the two militaries", "both
        sides", "the pair"), the last set of exactly two parties (the last one holding a
        party of ``named``, the parties the sentence names, when there is one); otherwise
        :meth:`pair`."""
        words = phrase.lower().split()
        if self.allied is not None and any(w in ("allies", "allied") for w in words):
            for group in [*reversed(self.recent_sets), *reversed(self.sentence_sets), self.title_set]:
                if self.allied(group):
                    return group
        if any(w in ("two", "both", "pair") for w in words):
            groups = [g for g in [*reversed(self.recent_sets), *reversed(self.sentence_sets), self.title_set] if len(g) == 2]
            # "During President Marcos' visit, the two governments signed ...": the last
            # pair that holds a party the sentence names, if any
            for group in groups:
                if set(group) & set(named):
                    return group
            if groups:
                return groups[0]
        return self.pair()

    def set_of_size(self, n: int) -> tuple[str, ...]:
        """The last remembered actor set of ``n`` parties ("the three defense chiefs")."""
        for group in reversed(self.recent_sets):
            if len(group) == n:
                return group
        # "held separate meetings with A and B ... the three ministers then met": the
        # union of the last meetings that share a party
        union: list[str] = []
        for group in reversed(self.recent_sets):
            if union and not set(group) & set(union):
                break
            union += [c for c in group if c not in union]
            if len(union) == n:
                return tuple(sorted(union))
        return ()

    def counterpart_of(self, party: str | None, loose: bool = False) -> str | None:
        """The other party of the narrative pair that holds ``party``; with ``loose``
        ("his counterpart" says there is one), else the party named most recently."""
        for group in [*reversed(self.recent_sets), *reversed(self.sentence_sets), self.title_set]:
            if party in group and len(group) == 2:
                return next(p for p in group if p != party)
        if loose:
            for p in reversed(self.recent_parties):
                if p != party:
                    return p
        return None

    def remember_parties(
        self, codes: list[str], event_sets: list[tuple[str, ...]], candidate: bool = True
    ) -> None:
        """After a sentence: remember the actor sets of its events, else - for a
        candidate sentence (one that has a trigger word) - the two parties it names, as
        the new narrative pair."""
        for c in codes:
            if c in self.recent_parties:
                self.recent_parties.remove(c)
            self.recent_parties.append(c)
        del self.recent_parties[:-8]
        distinct = list(dict.fromkeys(codes))
        if event_sets:
            self.recent_sets.append(event_sets[-1])
        elif len(distinct) == 2 and candidate:
            self.sentence_sets.append(tuple(sorted(distinct)))
        del self.recent_sets[:-4]
        del self.sentence_sets[:-4]

    # --- people ---------------------------------------------------------------------

    def remember_people(
        self, persons: list[PersonMention], subjects: list[PersonMention] | None = None
    ) -> None:
        """Keep the persons of a sentence that have a party and a full name. The
        remembered subject ("he", "she") becomes the person in the sentence's subject
        (``subjects``); with ``subjects == []`` (a pronoun subject) it stays; with None
        it is the first person named."""
        subject = None
        for pm in sorted(persons, key=lambda p: p.start):
            words = [w for w in pm.name.replace(",", " ").split() if w not in _SUFFIXES]
            if not pm.party or len(words) < 2:
                continue
            person = Person(pm.name, pm.title, pm.party)
            self.people[words[-1]] = person
            if pm.party in self.family_name_first:
                self.people.setdefault(words[0], person)
            self.recent_people.append(person)
            del self.recent_people[:-12]
            if self.protagonist is None and pm.title:
                self.protagonist = person
            if subjects is None or pm in subjects:
                subject = subject or person
        if subject is not None:
            self.subject = subject

    def subject_is_surname(self, word: str) -> None:
        """The sentence's subject is the remembered person of surname ``word``
        ("Hegseth also met ..."): "he" and "the secretary" now mean that person."""
        person = self.people.get(word)
        if person is not None:
            self.subject = person

    def person_party(self, word: str, title_noun: bool = False) -> str | None:
        """The party of a later mention of a remembered person: a surname, a title noun
        ("minister") when ``title_noun``, or "he"/"she"."""
        low = word.lower()
        if low in ("he", "she", "him", "her", "his"):
            return self.subject.party if self.subject else None
        if title_noun:
            if low not in _TITLE_NOUNS:
                return None
            if self.subject is not None and low in (self.subject.title or "").lower():
                return self.subject.party
            if self.protagonist is not None and low in (self.protagonist.title or "").lower():
                # "The secretary departs for Vietnam later today": the story's own secretary
                return self.protagonist.party
            for p in reversed(self.recent_people):
                if low in (p.title or "").lower():
                    return p.party
            return None
        person = self.people.get(word)
        return person.party if person else None

    def remembered_name(self, word: str) -> Person | None:
        return self.people.get(word)

    # --- time ------------------------------------------------------------------------

    def set_anchor(self, value: str, explicit: bool = True, inherited: bool = False) -> None:
        """Make ``value`` the narrative's anchor from this sentence on. An ``inherited``
        anchor (a month re-yeared by the explicit anchor) reaches only as far as that
        anchor's paragraph does, unless the story moves forward in time ("It began in
        2023. In February ... || The pace picked up. In April ... || The summer brought
        ... In August"): a later month carries the year on from its own paragraph."""
        reach = self.paragraph
        if inherited and self.anchors:
            last = self.anchors[-1]
            n = min(len(value), len(last.value))
            if value[:n] < last.value[:n]:
                reach = last.reach
        self.anchors.append(Anchor(value, self.paragraph, self.sentence_index, explicit, reach))
        del self.anchors[:-4]

    def explicit_anchor(self) -> str | None:
        """The governing anchor when it was written with its year (it may re-year an
        "In August"); a relative anchor ("last August") may not."""
        for a in reversed(self.anchors):
            if self.paragraph - a.reach <= 1:
                return a.value if a.explicit else None
            break
        return None

    def anchor(self, continuing: bool = False) -> str | None:
        """The explicit date that governs relative dates here: one set earlier in this
        paragraph or in the one before, else None (the publication date governs). With
        ``continuing`` (the sentence says "the following week", "the next day": it goes
        on from the narrative's time), the last anchor of the last three paragraphs."""
        reach = _CONTINUED_REACH if continuing else 1
        for a in reversed(self.anchors):
            if self.paragraph - (a.paragraph if continuing else a.reach) <= reach:
                return a.value
            break
        return None

    def recalled(self) -> str | None:
        """The date that "at the time" means here: the last one written in this
        sentence's predecessor, or None."""
        if self.mentioned is not None and self.sentence_index - self.mentioned[1] == 1:
            return self.mentioned[0]
        return None

    def anchor_in_reach(self) -> bool:
        """Whether the last anchor may date an event of this sentence that names no date:
        it was set in this paragraph, or in the sentence just before ("In 2001 a Chinese
        jet collided with a U.S. Navy plane. || Washington severed military relations
        with China after that episode."), as news stories give each sentence its own
        paragraph."""
        if not self.anchors:
            return False
        last = self.anchors[-1]
        return last.paragraph == self.paragraph or (last.sentence == self.sentence_index - 1 and len(last.value) == 4)

    def next_sentence(self, paragraph: int) -> None:
        self.sentence_index += 1
        self.paragraph = paragraph
