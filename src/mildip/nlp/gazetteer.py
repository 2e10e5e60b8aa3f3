"""Party mentions: countries, demonyms, capitals, organisations and places.

The surface forms come from data files (``countries.tsv``, ``organisations.tsv``,
``places.tsv``); :func:`load_gazetteer` compiles them into one trie regex, cached by
the SHA-256 digest of the files. :meth:`Gazetteer.find` returns non-overlapping
:class:`PartyMention` objects, longest match first.

Kinds: ``country`` (name or alias), ``demonym``, ``capital`` (a metonym such as
"Beijing rejected", or a place when it follows a locative preposition),
``combining`` ("Sino-"), ``org`` (a party in its own right, such as the EU or
NATO), ``institution`` (resolves to its state: the PLA, INDOPACOM),
``place`` (a sub-national place: a location, never an actor; a dependent territory,
``territories.tsv``, is a place of its state), ``craft`` (an aircraft designator flown by one
party, ``aircraft.tsv``: that party's forces, an actor but no official) and ``forum``
(a venue such as the ADMM-Plus: no party).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mildip.nlp.trie import trie_pattern
from mildip.resources import data_digest, load_tsv

GAZETTEER_FILES = ("countries.tsv", "territories.tsv", "organisations.tsv", "aircraft.tsv", "places.tsv")

_POSSESSIVE_TERRITORY = re.compile(r"^['’]s\s+$")


@dataclass(frozen=True)
class PartyMention:
    """A gazetteer match: ``text == source[start:end]``; ``code`` may be None for forums."""

    start: int
    end: int
    text: str
    code: str | None
    kind: str
    level: str | None = None


@dataclass(frozen=True)
class Entry:
    code: str | None
    kind: str
    level: str | None
    ambiguous: bool


def _split(cell: str | None) -> list[str]:
    return [p.strip() for p in (cell or "").split("|") if p.strip()]


def sovereigns() -> dict[str, str]:
    """Territory code → the state that holds it (``territories.tsv``)."""
    return {row["code"]: row["sovereign"] for row in load_tsv("territories.tsv")}


def _entries() -> dict[str, Entry]:
    forms: dict[str, Entry] = {}
    held = sovereigns()

    def add(form: str, entry: Entry) -> None:
        form = " ".join(form.split())
        if form and form not in forms:
            forms[form] = entry

    for row in load_tsv("countries.tsv"):
        code = row["code"]
        ambiguous = set(_split(row.get("ambiguous")))
        if code in held:
            # a dependent territory is a place of the state that holds it
            for form in [row["name"], *_split(row.get("aliases"))]:
                add(form, Entry(held[code], "place", None, form in ambiguous))
            continue
        for form in [row["name"], *_split(row.get("aliases"))]:
            add(form, Entry(code, "country", None, form in ambiguous))
        for form in _split(row.get("demonyms")):
            add(form, Entry(code, "demonym", None, False))
        for form in _split(row.get("capitals")):
            add(form, Entry(code, "capital", None, False))
        for form in _split(row.get("combining_forms")):
            add(form, Entry(code, "combining", None, False))
    for row in load_tsv("organisations.tsv"):
        kind = row.get("kind") or "institution"
        party = row.get("party")
        if kind == "intl_org":
            mkind = "org"
        elif kind == "forum" or not party:
            mkind = "forum"
        else:
            mkind = "org" if party == row.get("name") else "institution"
        ambiguous = set(_split(row.get("ambiguous")))
        for form in [row["name"], *_split(row.get("aliases"))]:
            add(form, Entry(party, mkind, row.get("level"), form in ambiguous))
    for row in load_tsv("aircraft.tsv"):
        # a designator flown by one party names that party's forces ("J-11s" too)
        for form in [row["designator"], *_split(row.get("aliases"))]:
            add(form, Entry(row["party"], "craft", None, False))
            add(form + "s", Entry(row["party"], "craft", None, False))
    for row in load_tsv("places.tsv"):
        # a sea or region has no code: it only keeps "Japan" in "Sea of Japan" from matching
        for form in [row["name"], *_split(row.get("aliases"))]:
            add(form, Entry(held.get(row.get("code"), row.get("code")), "place", None, False))
    return forms


class Gazetteer:
    """Compiled party matcher. Build it with :func:`load_gazetteer`."""

    def __init__(self, forms: dict[str, Entry]):
        self._forms = {self._key(f): e for f, e in forms.items()}
        self._regex = re.compile(r"(?<![\w])(?:" + trie_pattern(forms) + r")(?![\w])")
        self._combining = re.compile(
            r"(?<![\w])("
            + trie_pattern([f for f, e in forms.items() if e.kind == "combining"])
            + r")-(?=[A-Z])"
        )

    @staticmethod
    def _key(form: str) -> str:
        return " ".join(form.replace("’", "'").split())

    def entry(self, form: str) -> Entry | None:
        """The entry of an exact surface form, or None."""
        return self._forms.get(self._key(form))

    def find(self, text: str, offset: int = 0) -> list[PartyMention]:
        """Party mentions in ``text`` (offsets shifted by ``offset``)."""
        found: list[PartyMention] = []
        for m in self._regex.finditer(text):
            entry = self._forms.get(self._key(m.group(0)))
            if entry is None or entry.kind == "combining":
                continue
            if entry.ambiguous and self._looks_like_person(text, m.start(), m.end()):
                continue
            found.append(
                PartyMention(
                    offset + m.start(),
                    offset + m.end(),
                    m.group(0),
                    entry.code,
                    entry.kind,
                    entry.level,
                )
            )
        for m in self._combining.finditer(text):
            entry = self._forms.get(self._key(m.group(1)))
            if entry is not None:
                found.append(
                    PartyMention(
                        offset + m.start(1), offset + m.end(1), m.group(1), entry.code, "combining"
                    )
                )
        found.sort(key=lambda p: p.start)
        return self._drop_territory_possessors(found, text, offset)

    @staticmethod
    def _looks_like_person(text: str, start: int, end: int) -> bool:
        """ "Michael Jordan", "Chad Sbragia": a capitalised word before or after."""
        before = text[max(0, start - 20) : start].split()
        after = text[end : end + 20].split()
        if before and before[-1][:1].isupper() and before[-1].isalpha():
            return True
        return bool(after) and after[0][:1].isupper() and after[0].rstrip(",.").isalpha()

    @staticmethod
    def _drop_territory_possessors(
        found: list[PartyMention], text: str, offset: int
    ) -> list[PartyMention]:
        """In "China's Taiwan region" the possessor names a claim, not a party: drop it."""
        keep = []
        for i, pm in enumerate(found):
            nxt = found[i + 1] if i + 1 < len(found) else None
            if (
                nxt is not None
                and pm.kind == "country"
                and nxt.kind == "country"
                and _POSSESSIVE_TERRITORY.match(text[pm.end - offset : nxt.start - offset])
            ):
                continue
            keep.append(pm)
        return keep


@lru_cache(maxsize=4)
def _load(digest: str) -> Gazetteer:
    return Gazetteer(_entries())


def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer, compiled once per process and per data digest."""
    return _load(data_digest(*GAZETTEER_FILES))


@lru_cache(maxsize=2)
def _dyad_pattern(digest: str) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    rows = load_tsv("dyads.tsv")
    forms = {r["form"].lower(): tuple(c for c in r["codes"].split("|") if c) for r in rows}
    return re.compile(r"(?<![\w-])(?:" + trie_pattern(sorted(forms)) + r")(?![\w-])", re.IGNORECASE), forms


def find_dyads(text: str, offset: int = 0) -> list[PartyMention]:
    """Words that name two parties at once ("inter-Korean", "cross-Strait",
    ``dyads.tsv``): one :class:`PartyMention` per party, over the same span."""
    pattern, forms = _dyad_pattern(data_digest("dyads.tsv"))
    out = []
    for m in pattern.finditer(text):
        for code in forms.get(m.group(0).lower(), ()):
            out.append(PartyMention(offset + m.start(), offset + m.end(), m.group(0), code, "demonym"))
    return out
