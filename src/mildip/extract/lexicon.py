"""The trigger lexicon (``data/frames.toml``) compiled for the extractor.

:func:`load_lexicon` reads the frames file once per data digest and returns a
:class:`Lexicon`:

* :class:`Trigger` entries indexed by ``(head lemma, pos)``. A multi-word entry's head
  is its first word for verbs ("call off": *call* with the particle *off*) and its last
  word for nouns ("port call": *call* with the compound *port*);
* :attr:`Lexicon.surface`: every inflection and spelling variant of every trigger head
  (:func:`inflections`), so that candidate sentences are chosen before any parsing
  without letting inflection decide recall (:meth:`Lexicon.has_trigger_word`);
* the noun classes, cues and anaphora lists of the file, as frozensets and compiled
  patterns.

An empty list in the file is refused (:class:`mildip.DataFileError`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from mildip._exceptions import DataFileError
from mildip.model import EVENT_TYPES
from mildip.nlp.trie import trie_pattern
from mildip.resources import data_digest, load_toml

FRAMES_FILE = "frames.toml"
_WORD = re.compile(r"[a-z][a-z+]*")
_JOINED = re.compile(r"[a-z0-9]+(?:[-+][a-z0-9]+)+")
"""A word joined by hyphens or a plus ("stand-off", "2+2"), which the tokenizer splits."""
TRIGGER_TYPES = frozenset(EVENT_TYPES) | {"TALKS"}
POS = ("verb", "noun")
OBJECT_CLASSES = ("engagement", "channel", "agreement")

# Irregular past forms and participles of trigger heads (and of support verbs); every
# other form is found by the head's stem. Source: standard English irregular verb tables.
IRREGULAR: Mapping[str, tuple[str, ...]] = {
    "meet": ("met",),
    "hold": ("held",),
    "sit": ("sat",),
    "speak": ("spoke", "spoken"),
    "fly": ("flew", "flown", "flies"),
    "shoot": ("shot",),
    "take": ("took", "taken"),
    "seek": ("sought",),
    "drive": ("drove", "driven"),
    "come": ("came",),
    "withdraw": ("withdrew", "withdrawn"),
    "freeze": ("froze", "frozen"),
    "strike": ("struck",),
    "make": ("made",),
    "pay": ("paid",),
    "lead": ("led",),
    "begin": ("began", "begun"),
    "undertake": ("undertook", "undertaken"),
    "have": ("had", "has"),
    "see": ("saw", "seen"),
    "give": ("gave", "given"),
    "get": ("got", "gotten"),
    "run": ("ran",),
    "win": ("won",),
    "send": ("sent",),
    "deny": ("denied", "denies"),
    "ally": ("allied",),
    "travel": ("travelled", "traveled"),
    "cut": ("cuts",),
    "rebuild": ("rebuilt",),
    "go": ("went", "gone"),
    "become": ("became",),
    "sink": ("sank", "sunk"),
    "break": ("broke", "broken"),
    "bring": ("brought",),
    "fight": ("fought",),
    "leave": ("left",),
    "wind": ("wound",),
    "spend": ("spent",),
}


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry: a head lemma (with required dependents) of one part of speech."""

    head: str
    rest: tuple[str, ...]
    pos: str
    frame: str
    type: str
    mode: str | None = None
    resumed: bool = False
    objects: str | None = None
    weak: bool = False
    context: bool = True
    topic_object: bool = False
    plural: bool = False
    head_first: bool = False
    """A noun written with its ``of`` phrase ("exchange of fire"): the head is its first
    word."""

    @property
    def words(self) -> str:
        """The entry as written in the file ("call off", "port call", "exchange of fire")."""
        first = self.pos == "verb" or self.head_first
        parts = (self.head, *self.rest) if first else (*self.rest, self.head)
        return " ".join(parts)


@dataclass(frozen=True)
class Lexicon:
    """Everything the frames look up; built by :func:`load_lexicon`."""

    triggers: Mapping[tuple[str, str], tuple[Trigger, ...]]
    surface: frozenset[str]
    classes: Mapping[str, frozenset[str]]
    cues: Mapping[str, frozenset[str]]
    resumed: re.Pattern[str]
    two_parties: re.Pattern[str]
    many_parties: re.Pattern[str]
    channel_back: frozenset[str]
    channel_back_exercise: frozenset[str]
    first_singular: frozenset[str]
    first_plural: frozenset[str]
    generic: frozenset[str]
    session_nouns: frozenset[str]
    family_name_first: frozenset[str] = frozenset()
    digest: str = field(default="")

    def has_trigger_word(self, text: str) -> bool:
        """Whether ``text`` holds a word that is an inflection of a trigger head."""
        low = text.lower()
        return any(w in self.surface for w in _WORD.findall(low)) or any(
            w in self.surface for w in _JOINED.findall(low)
        )

    def joined_forms(self) -> tuple[str, ...]:
        """The inflections of trigger heads written with a hyphen or a plus ("stand-off",
        "stand-offs", "re-established", "2+2"), as the tokenizer must keep them whole, in
        lower case and capitalised."""
        forms = sorted(w for w in self.surface if _JOINED.fullmatch(w))
        return tuple(f for w in forms for f in (w, w[0].upper() + w[1:]))

    def entries(self) -> list[Trigger]:
        """Every trigger, in file order within each head."""
        return [t for group in self.triggers.values() for t in group]

    def for_token(self, lemma: str, pos: str) -> tuple[Trigger, ...]:
        """Triggers whose head is ``lemma`` with part of speech ``pos`` ("verb"/"noun")."""
        return self.triggers.get((lemma.lower(), pos), ())

    def has_frame(self, lemma: str, pos: str, *frames: str) -> bool:
        """Whether ``lemma`` (part of speech ``pos``) heads an entry of one of ``frames``."""
        return any(e.frame in frames for e in self.for_token(lemma, pos))

    def in_class(self, name: str, lemma: str) -> bool:
        """Whether ``lemma`` belongs to the noun/verb class ``name`` (case-insensitive;
        a plural proper noun such as "Talks" is tried singular too, and a singular
        lemma plural, for members listed in the plural such as "guidelines")."""
        low = lemma.lower()
        members = self.classes[name]
        return low in members or (low.endswith("s") and low[:-1] in members) or low + "s" in members

    def cue(self, name: str, word: str) -> bool:
        """Whether ``word`` (lower case) is one of the cues ``name``."""
        return word.lower() in self.cues[name]


_VOWELS = frozenset("aeiou")


def inflections(lemma: str) -> set[str]:
    """Every regular inflection and common spelling variant of ``lemma`` as a noun or a
    verb: plural and third person (-s, -es, -ies), past and participle (-ed, -d, -ied,
    doubled final consonants, British -ll-), gerund (-ing, e dropped, doubled), plus the
    irregular forms of :data:`IRREGULAR`."""
    w = lemma.lower()
    out = {w, *IRREGULAR.get(w, ())}
    if w.endswith(("s", "x", "z", "ch", "sh", "o")):
        out.add(w + "es")
    elif w.endswith("y") and len(w) > 2 and w[-2] not in _VOWELS:
        out |= {w[:-1] + "ies", w[:-1] + "ied"}
    else:
        out.add(w + "s")
    if w.endswith("e"):
        out |= {w + "d", w[:-1] + "ing"}
    else:
        out |= {w + "ed", w + "ing"}
    if len(w) >= 3 and w[-1] not in _VOWELS | {"w", "x", "y"} and w[-2] in _VOWELS and w[-3] not in _VOWELS:
        # ram -> rammed, cancel -> cancelled (British), stop -> stopping
        out |= {w + w[-1] + "ed", w + w[-1] + "ing", w + w[-1] + "er"}
    return out


def _words(value: Any, origin: str) -> list[str]:
    if not isinstance(value, list) or not value:
        raise DataFileError(f"{FRAMES_FILE}: {origin} must be a non-empty list")
    out = []
    for w in value:
        if not isinstance(w, str) or not w.strip():
            raise DataFileError(f"{FRAMES_FILE}: {origin} holds an empty or non-text entry")
        out.append(" ".join(w.lower().split()))
    return out


def _trigger_entries(rows: Any) -> list[Trigger]:
    if not isinstance(rows, list) or not rows:
        raise DataFileError(f"{FRAMES_FILE}: no [[trigger]] blocks")
    out = []
    for i, row in enumerate(rows, start=1):
        where = f"trigger {i}"
        pos, type_ = row.get("pos"), row.get("type")
        if pos not in POS:
            raise DataFileError(f"{FRAMES_FILE}: {where}: pos must be one of {POS}, not {pos!r}")
        if type_ not in TRIGGER_TYPES:
            raise DataFileError(f"{FRAMES_FILE}: {where}: unknown type {type_!r}")
        objects = row.get("objects")
        if objects is not None and objects not in OBJECT_CLASSES:
            raise DataFileError(f"{FRAMES_FILE}: {where}: unknown objects class {objects!r}")
        for words in _words(row.get("words"), f"{where} words"):
            parts = words.split()
            # a verb's head comes first ("call off"), a noun's last ("port call") unless
            # an "of" phrase follows it ("exchange of fire")
            head_first = pos == "verb" or "of" in parts[1:-1]
            head, rest = (parts[0], parts[1:]) if head_first else (parts[-1], parts[:-1])
            out.append(
                Trigger(
                    head=head,
                    rest=tuple(rest),
                    pos=pos,
                    frame=str(row.get("frame") or ""),
                    type=type_,
                    mode=row.get("mode"),
                    resumed=bool(row.get("resumed", False)),
                    objects=objects,
                    weak=bool(row.get("weak", False)),
                    context=bool(row.get("context", True)),
                    topic_object=bool(row.get("topic_object", False)),
                    plural=bool(row.get("plural", False)),
                    head_first=head_first and pos == "noun",
                )
            )
    return out


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + trie_pattern(sorted(set(phrases))) + r")(?![\w-])", re.IGNORECASE)


def build_lexicon(data: Mapping[str, Any], digest: str = "") -> Lexicon:
    """A :class:`Lexicon` from the parsed frames file ``data``."""
    entries = _trigger_entries(data.get("trigger"))
    index: dict[tuple[str, str], list[Trigger]] = {}
    for t in entries:
        index.setdefault((t.head, t.pos), []).append(t)
    classes_raw = data.get("classes") or {}
    cues_raw = data.get("cues") or {}
    anaphora = data.get("anaphora") or {}
    naming = data.get("naming") or {}
    classes = {k: frozenset(_words(v, f"[classes] {k}")) for k, v in classes_raw.items()}
    for name in ("engagement", "proposable", "official", "channel", "agreement", "proposal", "military", "naval", "support", "occurrence", "phase", "engagement_verbs", "reporting", "decree", "armed", "violent", "publish", "utterance", "comprise", "meeting_verbs", "sequence", "participation"):
        if name not in classes:
            raise DataFileError(f"{FRAMES_FILE}: [classes] lacks {name}")
    resumed = _words(cues_raw.get("resumed"), "[cues] resumed")
    cues = {k: frozenset(_words(v, f"[cues] {k}")) for k, v in cues_raw.items() if k != "resumed"}
    surface = frozenset(f for t in entries for f in inflections(t.head))
    return Lexicon(
        triggers={k: tuple(v) for k, v in index.items()},
        surface=surface,
        classes=classes,
        cues=cues,
        resumed=re.compile("|".join(f"(?:{p})" for p in resumed), re.IGNORECASE),
        two_parties=_phrase_pattern(_words(anaphora.get("two_parties"), "two_parties")),
        many_parties=_phrase_pattern(_words(anaphora.get("many_parties"), "many_parties")),
        channel_back=frozenset(_words(anaphora.get("channel_back"), "channel_back")),
        channel_back_exercise=frozenset(
            _words(anaphora.get("channel_back_exercise"), "channel_back_exercise")
        ),
        first_singular=frozenset(
            _words(anaphora.get("first_person_singular"), "first_person_singular")
        ),
        first_plural=frozenset(_words(anaphora.get("first_person_plural"), "first_person_plural")),
        generic=frozenset(_words(naming.get("generic"), "[naming] generic")),
        session_nouns=frozenset(_words(naming.get("session_nouns"), "[naming] session_nouns")),
        family_name_first=frozenset(
            w.upper() for w in _words(naming.get("family_name_first"), "[naming] family_name_first")
        ),
        digest=digest,
    )


@lru_cache(maxsize=2)
def _cached(digest: str) -> Lexicon:
    return build_lexicon(load_toml(FRAMES_FILE), digest)


def load_lexicon() -> Lexicon:
    """The shipped lexicon, compiled once per process and data digest."""
    return _cached(data_digest(FRAMES_FILE))
