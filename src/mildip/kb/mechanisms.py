"""Dialogue mechanisms as first-class objects: the registry, matching and discovery.

The registry is data (``mildip/data/mechanisms.toml``): each named, recurring channel
with its aliases, parties (codes), kind, level, cadence, first round and sources.

Contract used by the extractor::

    registry = load_registry(settings)
    m = registry.resolve(raw_mechanism_text, event.actors)
    event.mechanism, event.mechanism_id = m.name, m.mechanism_id

Matching (:meth:`Registry.match`) compares *normalised* names: lower case, party
prefixes ("China-U.S.", "Sino-US", "EU-China") removed, spelling variants folded
(Defence/Defense), plurals folded (Talks/Talk), ordinals, years and filler words
("the", "annual", "eighth") dropped. Two names match when their *distinctive* words
(those that are not generic words such as dialogue, talk, meeting, mechanism) agree
one to one, exactly or by a rapidfuzz ratio of at least
``settings.mechanism_match_threshold``. The parties are a hard constraint: when both
are known, the mechanism's parties must equal the event's actors as a set. So
"China-Australia Defence Strategic Dialogue" never absorbs "Defence Coordination
Dialogue" (``strategic`` ≠ ``coordination``), however close the overall strings are.

A name that matches nothing becomes a *discovered* mechanism (:meth:`Registry.resolve`),
named from the cleaned text with a party prefix built from the actors. Resolution is
pure: the shipped registry is never mutated; :meth:`Registry.with_discovered` returns
a new registry that also holds the mechanisms discovered in a list of events.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from mildip._exceptions import DataFileError
from mildip.dates import precision
from mildip.kb.text import fold
from mildip.model import Event
from mildip.resources import data_digest, data_text
from mildip.settings import Settings, default_values

REGISTRY_FILE = "mechanisms.toml"
UNNAMED = "(unnamed)"
"""The body of a discovered name whose text is only articles, ordinals or party words."""

KINDS: tuple[str, ...] = (
    "dialogue",
    "consultation",
    "hotline",
    "agreement_mechanism",
    "exercise_series",
    "cooperation",
)
LEVELS: tuple[str, ...] = (
    "leaders",
    "ministerial",
    "vice_ministerial",
    "chiefs",
    "theater",
    "working",
)

_MIN_FUZZY_TOKEN_LENGTH = 5
_NUMERIC_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$")
_YEAR = re.compile(r"^\d{4}$")
_PARENTHETICAL = re.compile(r"\(([^()]*)\)")
_ROMAN = re.compile(r"(?<![A-Za-z])(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})(?![A-Za-z])")
"""An upper-case Roman numeral written as a word or after a hyphen ("Shaheen-IX", "Garuda VII")."""
_PLUS = re.compile(r"(\d)\s*\+\s*(\d)")
"""A "2+2"-style format name, kept as one token ("2plus2") instead of two dropped digits."""
_CONNECTIVES = frozenset({"and", "of", "on", "for", "in", "with", "between", "against", "to"})
"""Filler words kept at the start of a discovered name's body (only leading filler is cut)."""
_KIND_HINTS: tuple[tuple[str, str], ...] = (
    ("exercise", "exercise_series"),
    ("drill", "exercise_series"),
    ("hotline", "hotline"),
    ("link", "hotline"),
    ("consultation", "consultation"),
    ("cooperation", "cooperation"),
)


@dataclass(frozen=True)
class Mechanism:
    """A named, recurring channel between parties.

    ``parties`` are sorted codes; ``first_round`` is a partial ISO date;
    ``established`` (a partial date) is when a link or agreement went into operation;
    ``discovered`` is true for a mechanism named in a text but absent from the registry.
    """

    mechanism_id: str
    name: str
    aliases: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    kind: str = "dialogue"
    level: str | None = None
    cadence_days: int | None = None
    first_round: str | None = None
    first_round_number: int | None = None
    sources: tuple[str, ...] = ()
    discovered: bool = False
    established: str | None = None
    held_by: str = "meeting"
    """``call`` for a channel held by phone or video, else ``meeting``."""
    core: tuple[str, ...] = ()
    """For a series without fixed ``parties``: the sorted codes of the parties that lead
    or host every round (Balikatan: PHL, USA), whoever else joins."""

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class PartyNaming:
    """How a party is written in mechanism names (``display``) and the words that name it."""

    code: str
    display: str
    words: frozenset[str]
    organisation: bool = False


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """The normalisation vocabulary of the registry file (its ``[normalise]`` and ``[parties]``)."""

    spelling: Mapping[str, str]
    filler: frozenset[str]
    generic: frozenset[str]
    parties: Mapping[str, PartyNaming]
    topic: frozenset[str] = frozenset()
    """Words naming only a channel's subject: a name of these alone is no pair's own."""

    @cached_property
    def party_words(self) -> frozenset[str]:
        """Every word that names a party, lower case."""
        return frozenset(w for p in self.parties.values() for w in p.words)

    def named_parties(self, text: str) -> frozenset[str]:
        """The codes of the parties whose words occur in ``text`` ("Sino-US talks" → CHN, USA)."""
        words = set(re.split(r"[^a-z]+", _fold(text).lower().replace(".", "").replace("'", "")))
        return frozenset(p.code for p in self.parties.values() if p.words & words)

    def prefix(self, actors: Iterable[str]) -> str:
        """The party prefix of a discovered name: organisations, then China, then the rest."""

        def order(code: str) -> tuple[int, str]:
            naming = self.parties.get(code)
            if naming and naming.organisation:
                return (0, naming.display)
            if code == "CHN":
                return (1, "")
            return (2, naming.display if naming else code)

        codes = sorted(set(actors), key=order)
        return "-".join(self.parties[c].display if c in self.parties else c for c in codes)


@dataclass(frozen=True)
class NameKey:
    """A normalised name: its tokens (in order) and its distinctive tokens."""

    tokens: tuple[str, ...]
    distinctive: frozenset[str]

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    for ch in "\u2018\u2019\u201b`\u00b4":
        text = text.replace(ch, "'")
    for ch in "\u201c\u201d\u00ab\u00bb":
        text = text.replace(ch, '"')
    for ch in "\u2010\u2011\u2012\u2013\u2014\u2212":
        text = text.replace(ch, "-")
    return text


def _plural(token: str) -> str:
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def _without_codes(text: str, codes: Iterable[str]) -> str:
    """``text`` without the party codes written as upper-case words ("China-TWN talks" → "China- talks")."""
    for code in codes:
        if code.isupper():
            text = re.sub(rf"(?<![A-Za-z]){re.escape(code)}(?![A-Za-z])", " ", text)
    return text


def normalise_name(text: str, vocabulary: Vocabulary, codes: Iterable[str] = ()) -> NameKey:
    """The :class:`NameKey` of a mechanism name (parenthesised text is ignored).

    ``codes`` are party codes (the event's actors) also removed when written in capitals.
    Upper-case Roman numerals ("Shaheen-IX") are dropped like numbers; "2+2" becomes the
    single token ``2plus2``; a hyphenated word is split when a part is a party word or a
    number ("Joint Sea-2024" = "Joint Sea 2024") or when every part is filler
    ("thirty-fourth"), joined otherwise.
    """
    text = _PARENTHETICAL.sub(" ", _without_codes(_fold(text), codes))
    text = _PLUS.sub(r"\1plus\2", _ROMAN.sub(" ", text)).lower()
    text = re.sub(r"'s\b", "", text).replace("s'", "s")
    party_words = vocabulary.party_words
    tokens: list[str] = []
    for raw in re.split(r"[\s/,;:\"&+]+", text):
        raw = raw.strip(".'-")
        if not raw:
            continue
        parts = [p.replace(".", "").replace("'", "") for p in raw.split("-")]
        # "thirty-fourth": a compound ordinal is filler, part by part
        split = any(p in party_words or p.isdigit() for p in parts) or all(p in vocabulary.filler for p in parts)
        pieces = parts if split else ["".join(parts)]
        for piece in pieces:
            if not piece or piece in party_words or piece in vocabulary.filler:
                continue
            if _NUMERIC_ORDINAL.match(piece) or _YEAR.match(piece) or piece.isdigit():
                continue
            token = _plural(piece)
            token = vocabulary.spelling.get(token, vocabulary.spelling.get(piece, token))
            if token in vocabulary.filler:
                continue
            tokens.append(token)
    distinctive = frozenset(t for t in tokens if t not in vocabulary.generic)
    return NameKey(tuple(tokens), distinctive)


def abbreviations(text: str) -> tuple[str, ...]:
    """Single-word parenthesised abbreviations in ``text`` ("... Talks (DPCT)" → ``("DPCT",)``)."""
    found = []
    for inner in _PARENTHETICAL.findall(_fold(text)):
        inner = inner.strip()
        if inner and " " not in inner and any(c.isupper() for c in inner):
            found.append(inner)
    return tuple(found)


def slugify(text: str) -> str:
    """A lower-case ASCII slug (``"EU-China consultation"`` → ``"eu-china-consultation"``)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"[.']", "", ascii_text)
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _tokens_agree(a: frozenset[str], b: frozenset[str], threshold: int) -> bool:
    """True when every token of each set has a partner in the other (exact or fuzzy)."""

    def partner(token: str, others: frozenset[str]) -> bool:
        if token in others:
            return True
        if len(token) < _MIN_FUZZY_TOKEN_LENGTH:
            return False
        return any(
            len(o) >= _MIN_FUZZY_TOKEN_LENGTH and fuzz.ratio(token, o) >= threshold for o in others
        )

    return all(partner(t, b) for t in a) and all(partner(t, a) for t in b)


def key_score(query: NameKey, name: NameKey, threshold: int) -> float | None:
    """How well ``query`` matches ``name`` (0-100), or None when they must not match."""
    if not query.distinctive or not name.distinctive:
        return None
    if not _tokens_agree(query.distinctive, name.distinctive, threshold):
        return None
    if query.tokens == name.tokens:
        return 100.0
    return float(fuzz.token_sort_ratio(query.text, name.text))


def _leading_party_prefix(words: list[str], vocabulary: Vocabulary, codes: frozenset[str]) -> int:
    """How many leading words of a name are a party prefix ("China-U.S.", "Sino-US", "China-TWN")."""
    party_words = vocabulary.party_words
    count = 0
    for word in words:
        raw = [p.replace(".", "").replace("'", "") for p in re.split(r"[-/]", word)]
        parts = [p if p in codes else p.lower() for p in raw if p]
        parts = [p[:-1] if p.endswith("s") and p[:-1] in party_words else p for p in parts]
        if parts and all(p in party_words or p in codes or p == "and" for p in parts):
            count += 1
        else:
            break
    return count


def clean_display_name(text: str, vocabulary: Vocabulary, codes: Iterable[str] = ()) -> str:
    """The text of a discovered name without leading article, ordinal, "annual", year or party prefix.

    A prefix may also consist of upper-case party ``codes`` ("China-TWN"), so that
    cleaning a discovered name gives its body back.
    """
    text = re.sub(r"\s+", " ", _PARENTHETICAL.sub(" ", _fold(text))).strip(" .,;:'\"")
    codes = frozenset(codes)
    words = [w for w in text.split(" ") if not _YEAR.match(w.strip(".,"))]
    leading = vocabulary.filler - _CONNECTIVES
    changed = True
    while words and changed:
        changed = False
        low = words[0].lower().strip(".,'\"")
        if low in leading or _NUMERIC_ORDINAL.match(low) or low.isdigit():
            words = words[1:]
            changed = True
            continue
        n = _leading_party_prefix(words, vocabulary, codes)
        if n:
            words = words[n:]
            changed = True
    return " ".join(words).strip(" .,;:'\"")


def _guess_kind(key: NameKey) -> str:
    for word, kind in _KIND_HINTS:
        if word in key.tokens:
            return kind
    return "dialogue"


@dataclass(frozen=True, eq=False)
class Registry:
    """An immutable set of mechanisms with their normalised names, ready for matching."""

    mechanisms: tuple[Mechanism, ...]
    vocabulary: Vocabulary
    threshold: int = 88
    _keys: tuple[tuple[Mechanism, NameKey], ...] = field(init=False, repr=False, compare=False)
    _by_id: Mapping[str, Mechanism] = field(init=False, repr=False, compare=False)
    _memo: dict = field(init=False, repr=False, compare=False)
    """Answers of :meth:`match` (the registry is immutable, so they never go stale)."""

    def __post_init__(self) -> None:
        keys = tuple(
            (m, normalise_name(n, self.vocabulary)) for m in self.mechanisms for n in m.names
        )
        object.__setattr__(self, "_keys", keys)
        object.__setattr__(self, "_by_id", {m.mechanism_id: m for m in self.mechanisms})
        object.__setattr__(self, "_memo", {})

    def __iter__(self):
        return iter(self.mechanisms)

    def __len__(self) -> int:
        return len(self.mechanisms)

    def __contains__(self, mechanism_id: object) -> bool:
        return mechanism_id in self._by_id

    def get(self, mechanism_id: str | None) -> Mechanism | None:
        """The mechanism with this id, or None."""
        return self._by_id.get(mechanism_id) if mechanism_id else None

    def match(self, text: str, actors: Sequence[str] = ()) -> Mechanism | None:
        """The registered mechanism ``text`` names, or None.

        ``actors`` (party codes) must equal the mechanism's parties as a set when both
        are known. Without ``actors``, the parties that ``text`` itself names ("CARAT
        Indonesia", "U.S.-Japan 2+2") must be among the mechanism's parties. A mechanism
        without fixed parties passes both tests. A tie between two different mechanisms
        returns None (ambiguous).
        """
        if not text or not text.strip():
            return None
        wanted = frozenset(actors)
        memo_key = (text, wanted)
        if memo_key not in self._memo:
            if len(self._memo) > 20000:
                self._memo.clear()
            self._memo[memo_key] = self._match(text, wanted)
        return self._memo[memo_key]

    def _match(self, text: str, wanted: frozenset[str]) -> Mechanism | None:
        named = frozenset() if wanted else self.vocabulary.named_parties(text)
        queries = [normalise_name(text, self.vocabulary, wanted)]
        queries += [normalise_name(a, self.vocabulary) for a in abbreviations(text)]
        best: dict[str, float] = {}
        for mechanism, key in self._keys:
            if mechanism.parties and wanted and frozenset(mechanism.parties) != wanted:
                continue
            if mechanism.parties and not named <= frozenset(mechanism.parties):
                continue
            if mechanism.parties and not (wanted or named) and key.distinctive <= self.vocabulary.topic:
                # "security talks" between parties the text has not named yet
                continue
            for query in queries:
                score = key_score(query, key, self.threshold)
                if score is not None and score > best.get(mechanism.mechanism_id, -1.0):
                    best[mechanism.mechanism_id] = score
        if not best:
            return None
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return None
        return self._by_id[ranked[0][0]]

    def discover(self, text: str, actors: Sequence[str] = ()) -> Mechanism:
        """A discovered mechanism built from ``text`` (no registry lookup)."""
        if not text or not text.strip():
            raise ValueError("a mechanism needs a non-empty name")
        parties = tuple(sorted(set(actors)))
        prefix = self.vocabulary.prefix(parties)
        body = clean_display_name(text, self.vocabulary, parties) or UNNAMED
        key = normalise_name(text, self.vocabulary, parties)
        name = f"{prefix} {body}".strip()
        slug = slugify(" ".join([prefix, *(key.tokens or ("unnamed",))]))
        aliases = tuple(dict.fromkeys(a for a in (text.strip(), *abbreviations(text)) if a != name))
        return Mechanism(
            mechanism_id=slug,
            name=name,
            aliases=aliases,
            parties=parties,
            kind=_guess_kind(key),
            discovered=True,
        )

    def resolve(self, text: str, actors: Sequence[str] = ()) -> Mechanism:
        """The registered mechanism ``text`` names, else a discovered one (the registry is unchanged)."""
        return self.match(text, actors) or self.discover(text, actors)

    def lookup(self, text: str) -> tuple[Mechanism, ...]:
        """The mechanisms a user's ``text`` names (``--mechanism``), most specific rule first.

        1. the id, the name or an alias (abbreviations such as ``DPCT`` included),
           compared folded (case, accents and punctuation ignored);
        2. else :meth:`match` (normalised names, any parties);
        3. else every mechanism whose id, name or an alias contains the folded text.

        An empty tuple means the registry knows no such mechanism.
        """
        needle = fold(text or "")
        if not needle:
            return ()
        exact = tuple(
            m
            for m in self.mechanisms
            if needle == fold(m.mechanism_id) or any(needle == fold(n) for n in m.names)
        )
        if exact:
            return exact
        matched = self.match(text)
        if matched is not None:
            return (matched,)
        return tuple(
            m
            for m in self.mechanisms
            if needle in fold(m.mechanism_id) or any(needle in fold(n) for n in m.names)
        )

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """Up to ``limit`` registered names or aliases close to ``text`` (rapidfuzz), best first."""
        names = {n: m for m in self.mechanisms for n in m.names}
        found = process.extract(
            fold(text), list(names), scorer=fuzz.ratio, processor=fold, limit=limit * 3
        )
        out: list[str] = []
        for name, score, _ in found:
            label = name if name == names[name].name else f"{name} ({names[name].name})"
            if score >= 70 and label not in out:
                out.append(label)
        return out[:limit]

    def mechanism_for(self, event: Event) -> Mechanism | None:
        """The mechanism of an event: by ``mechanism_id`` when registered, else by its text."""
        known = self.get(event.mechanism_id)
        if known:
            return known
        if event.mechanism:
            return self.resolve(event.mechanism, event.actors)
        return None

    def extended(self, mechanisms: Iterable[Mechanism]) -> Registry:
        """A new registry with ``mechanisms`` added (ids already present are kept as they were)."""
        added = {m.mechanism_id: m for m in mechanisms if m.mechanism_id not in self._by_id}
        return Registry(
            self.mechanisms + tuple(added[k] for k in sorted(added)),
            self.vocabulary,
            self.threshold,
        )

    def with_discovered(self, events: Iterable[Event]) -> Registry:
        """A new registry that also holds every mechanism discovered in ``events``."""
        return self.extended(discovered_mechanisms(events, self))

    @classmethod
    def from_toml(
        cls, text: str, origin: str, threshold: int = 88, vocabulary: Vocabulary | None = None
    ) -> Registry:
        """Parse a registry file (format: docs/mechanisms.md).

        ``vocabulary`` is used when the file has no ``[normalise]``/``[parties]`` tables
        of its own (a user file that only adds mechanisms).
        """
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise DataFileError(f"{origin}: not valid TOML ({exc})") from None
        if vocabulary is None or "normalise" in data or "parties" in data:
            vocabulary = _parse_vocabulary(data, origin)
        rows = data.get("mechanism", [])
        mechanisms = tuple(_parse_mechanism(row, origin, i) for i, row in enumerate(rows, 1))
        registry = cls(mechanisms, vocabulary, threshold)
        _check_unique(registry, origin)
        return registry

    @classmethod
    def from_file(cls, path: str | Path, base: Registry) -> Registry:
        """``base`` plus the mechanisms of a user registry file (same format)."""
        p = Path(path)
        if not p.is_file():
            raise DataFileError(f"mechanism registry {p} does not exist")
        extra = cls.from_toml(p.read_text("utf-8"), str(p), base.threshold, base.vocabulary)
        clash = sorted(m.mechanism_id for m in extra.mechanisms if m.mechanism_id in base)
        if clash:
            raise DataFileError(f"{p}: ids already in the shipped registry: {clash}")
        merged = base.extended(extra.mechanisms)
        _check_unique(merged, str(p))
        return merged


def discovered_mechanisms(events: Iterable[Event], registry: Registry) -> tuple[Mechanism, ...]:
    """The discovered mechanisms named by ``events`` (sorted by id, one per id)."""
    found: dict[str, Mechanism] = {}
    for event in events:
        m = registry.mechanism_for(event)
        if m is not None and m.discovered:
            found.setdefault(m.mechanism_id, m)
    return tuple(found[k] for k in sorted(found))


def _parse_vocabulary(data: Mapping[str, Any], origin: str) -> Vocabulary:
    norm = data.get("normalise", {})
    parties = {}
    for code, row in data.get("parties", {}).items():
        if "display" not in row:
            raise DataFileError(f"{origin}: [parties.{code}] needs a display name")
        words = frozenset(str(w).lower().replace(".", "") for w in row.get("words", []))
        parties[code] = PartyNaming(
            code, row["display"], words, bool(row.get("organisation", False))
        )
    return Vocabulary(
        spelling={str(k).lower(): str(v).lower() for k, v in norm.get("spelling", {}).items()},
        filler=frozenset(str(w).lower() for w in norm.get("filler", [])),
        generic=frozenset(str(w).lower() for w in norm.get("generic", [])),
        parties=parties,
        topic=frozenset(str(w).lower() for w in norm.get("topic", [])),
    )


_KNOWN_KEYS = frozenset(
    {
        "id",
        "name",
        "aliases",
        "parties",
        "kind",
        "level",
        "cadence_days",
        "first_round",
        "first_round_number",
        "established",
        "held_by",
        "core",
        "sources",
    }
)
HELD_BY = ("call", "meeting")
"""How a channel's sessions are held: ``call`` for channels run by phone or video (a
session of it is a CALL), ``meeting`` (the default) for the others (a session is a
DIALOGUE, virtual or not)."""


def _parse_mechanism(row: Mapping[str, Any], origin: str, index: int) -> Mechanism:
    where = f"{origin}: mechanism #{index} ({row.get('id', '?')})"
    unknown = set(row) - _KNOWN_KEYS
    if unknown:
        raise DataFileError(
            f"{where}: unknown keys {sorted(unknown)}; known: {sorted(_KNOWN_KEYS)}"
        )
    for key in ("id", "name", "kind", "sources"):
        if not row.get(key):
            raise DataFileError(f"{where}: {key!r} is required and may not be empty")
    parties = row.get("parties", [])
    if not isinstance(parties, list) or not all(isinstance(p, str) and p for p in parties):
        raise DataFileError(f"{where}: parties must be a list of party codes")
    core = row.get("core", [])
    if not isinstance(core, list) or not all(isinstance(p, str) and p for p in core):
        raise DataFileError(f"{where}: core must be a list of party codes")
    if core and parties:
        raise DataFileError(f"{where}: core is for series without fixed parties; give one of the two")
    if row["id"] != slugify(row["id"]):
        raise DataFileError(f"{where}: id must be a slug such as {slugify(row['id'])!r}")
    if row["kind"] not in KINDS:
        raise DataFileError(f"{where}: kind {row['kind']!r} is not one of {KINDS}")
    if row.get("level") is not None and row["level"] not in LEVELS:
        raise DataFileError(f"{where}: level {row['level']!r} is not one of {LEVELS}")
    for key in ("first_round", "established"):
        try:
            precision(row.get(key))
        except ValueError:
            raise DataFileError(f"{where}: {key} {row[key]!r} is not a partial ISO date") from None
    held_by = row.get("held_by", "meeting")
    if held_by not in HELD_BY:
        raise DataFileError(f"{where}: held_by {held_by!r} is not one of {HELD_BY}")
    cadence = row.get("cadence_days")
    if cadence is not None and (not isinstance(cadence, int) or cadence <= 0):
        raise DataFileError(f"{where}: cadence_days must be a positive integer of days")
    return Mechanism(
        mechanism_id=row["id"],
        name=row["name"],
        aliases=tuple(row.get("aliases", ())),
        parties=tuple(sorted(set(parties))),
        kind=row["kind"],
        level=row.get("level"),
        cadence_days=cadence,
        first_round=row.get("first_round"),
        first_round_number=row.get("first_round_number"),
        sources=tuple(row["sources"]),
        established=row.get("established"),
        held_by=held_by,
        core=tuple(sorted(set(core))),
    )


def _check_unique(registry: Registry, origin: str) -> None:
    seen_ids: set[str] = set()
    for m in registry.mechanisms:
        if m.mechanism_id in seen_ids:
            raise DataFileError(f"{origin}: mechanism id {m.mechanism_id!r} is used twice")
        seen_ids.add(m.mechanism_id)
    owners: dict[tuple[str, ...], dict[tuple[str, ...], str]] = {}
    for m, key in registry._keys:
        by_parties = owners.setdefault(key.tokens, {})
        by_parties.setdefault(m.parties, m.mechanism_id)
        # a mechanism without fixed parties is a candidate for every set of actors
        if m.parties:
            rivals = (by_parties[m.parties], by_parties.get((), m.mechanism_id))
        else:
            rivals = tuple(by_parties.values())
        other = next((o for o in rivals if o != m.mechanism_id), None)
        if other is not None:
            raise DataFileError(
                f"{origin}: {m.mechanism_id!r} and {other!r} share the name {' '.join(key.tokens)!r} "
                f"for the same (or unfixed) parties; make one of the names more specific"
            )


def _default_threshold() -> int:
    return int(Settings(**default_values()).mechanism_match_threshold)


@lru_cache(maxsize=8)
def _cached_registry(digest: str, threshold: int) -> Registry:
    return Registry.from_toml(data_text(REGISTRY_FILE), REGISTRY_FILE, threshold)


def load_registry(settings: Settings | None = None) -> Registry:
    """The shipped registry, cached per SHA-256 of the data file and the match threshold."""
    threshold = settings.mechanism_match_threshold if settings else _default_threshold()
    return _cached_registry(data_digest(REGISTRY_FILE), int(threshold))
