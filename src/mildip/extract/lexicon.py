"""The extractor's lexicon, compiled from ``triggers.toml`` and ``extraction.toml``.

:func:`load_lexicon` returns a frozen :class:`Lexicon`, built once per process and
per SHA-256 digest of the two files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mildip._exceptions import DataFileError
from mildip.model import EVENT_TYPES
from mildip.resources import data_digest, load_toml

FRAMES = frozenset(
    {
        "interaction",
        "visit",
        "held",
        "mechanism_action",
        "resume",
        "agree",
        "establish",
        "propose",
        "reject",
        "incident",
        "port_call",
    }
)


@dataclass(frozen=True)
class TriggerSpec:
    type: str
    frame: str
    pattern: str


def _words_regex(words: list[str], cased: bool = False) -> re.Pattern[str]:
    alts = sorted({w for w in words if w}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in alts)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", 0 if cased else re.IGNORECASE)


@dataclass(frozen=True)
class Lexicon:
    triggers: tuple[TriggerSpec, ...]
    trigger_regex: re.Pattern[str]
    dialogue_heads: frozenset[str]
    exercise_heads: frozenset[str]
    cooperation_heads: frozenset[str]
    modifiers: frozenset[str]
    generic: frozenset[str]
    naval: re.Pattern[str]
    engagement_objects: re.Pattern[str]
    channel_objects: re.Pattern[str]
    call_cues: re.Pattern[str]
    window_before: int
    window_after: int
    negated: re.Pattern[str]
    future: re.Pattern[str]
    hypothetical: re.Pattern[str]
    resumption: re.Pattern[str]
    habitual: re.Pattern[str]
    wishes: re.Pattern[str]
    family_name_first: frozenset[str]
    two_parties: re.Pattern[str]
    clause_boundaries: re.Pattern[str]
    head_regex: re.Pattern[str]

    def trigger_spec(self, group: str) -> TriggerSpec:
        """The spec of the named group ``t<N>`` of :attr:`trigger_regex`."""
        return self.triggers[int(group[1:].split("_")[0])]


def _build() -> Lexicon:
    trig = load_toml("triggers.toml")
    vocab = load_toml("extraction.toml")
    specs = []
    for i, t in enumerate(trig.get("trigger", [])):
        if t.get("type") not in (*EVENT_TYPES, "TALKS") or t.get("frame") not in FRAMES:
            raise DataFileError(f"triggers.toml: trigger {i} has a bad type or frame: {t}")
        try:
            re.compile(t["pattern"])
        except re.error as exc:
            raise DataFileError(f"triggers.toml: trigger {i} pattern: {exc}") from None
        specs.append(TriggerSpec(t["type"], t["frame"], t["pattern"]))
    if not specs:
        raise DataFileError("triggers.toml defines no trigger")
    # One alternation of named groups: at each position the longest alternative is kept
    # by ordering alternatives by their longest literal form (approximated by length).
    alternatives = []
    for i, s in enumerate(specs):
        for alt in _split_top_level(s.pattern):
            alternatives.append((len(alt), i, alt))
    alternatives.sort(key=lambda a: (-a[0], a[1]))
    trigger_regex = re.compile(_dispatch_pattern(alternatives), re.IGNORECASE)
    mech = vocab["mechanism"]
    heads = sorted(set(mech["dialogue_heads"]) | set(mech["exercise_heads"]), key=len, reverse=True)
    return Lexicon(
        triggers=tuple(specs),
        trigger_regex=trigger_regex,
        dialogue_heads=frozenset(mech["dialogue_heads"]),
        exercise_heads=frozenset(mech["exercise_heads"]),
        cooperation_heads=frozenset(mech["cooperation_heads"]),
        modifiers=frozenset(w.lower() for w in mech["modifiers"]),
        generic=frozenset(w.lower() for w in mech["generic"]),
        naval=_words_regex(mech["naval"]),
        engagement_objects=_words_regex(mech["engagement_objects"]),
        channel_objects=_words_regex(mech["channel_objects"]),
        call_cues=_words_regex(vocab["mode"]["call_cues"]),
        window_before=int(vocab["mode"]["window_before"]),
        window_after=int(vocab["mode"]["window_after"]),
        negated=_words_regex(vocab["modality"]["negated"]),
        future=_words_regex(vocab["modality"]["future"]),
        hypothetical=_words_regex(vocab["modality"]["hypothetical"]),
        resumption=re.compile("|".join(vocab["resumption"]["patterns"]), re.IGNORECASE),
        habitual=_words_regex(vocab["habitual"]["cues"]),
        wishes=re.compile(
            r"(?i)\b(?:"
            + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in vocab["wishes"]["cues"])
            + r")\b(?:\s+\w+){0,2}\s+to\b"
        ),
        family_name_first=frozenset(vocab["names"]["family_name_first"]),
        two_parties=_words_regex(vocab["anaphora"]["two_parties"]),
        clause_boundaries=re.compile(
            "|".join(
                b[3:] if b.startswith("re:") else re.escape(b)
                for b in vocab["clauses"]["boundaries"]
            ),
            re.IGNORECASE,
        ),
        head_regex=_words_regex(heads),
    )


def _first_chars(pattern: str) -> set[str] | None:
    """Lower-case letters a match of ``pattern`` can start with (None when unknown)."""
    from re import _constants as c
    from re import _parser

    def first(items) -> set[str] | None:
        for op, av in items:
            if op is c.LITERAL:
                return {chr(av).lower()}
            if op is c.IN:
                out = set()
                for iop, iav in av:
                    if iop is c.LITERAL:
                        out.add(chr(iav).lower())
                    else:
                        return None
                return out
            if op is c.SUBPATTERN:
                return first(av[-1])
            if op is c.BRANCH:
                out = set()
                for branch in av[1]:
                    chars = first(branch)
                    if chars is None:
                        return None
                    out |= chars
                return out
            return None
        return None

    try:
        return first(_parser.parse(pattern, re.IGNORECASE))
    except (re.error, TypeError, AttributeError):
        return None


def _dispatch_pattern(alternatives: list[tuple[int, int, str]]) -> str:
    """One regex for all triggers, dispatched on the first letter: at each word start
    only the alternatives that can begin with that letter are tried (Python's engine
    would otherwise try every alternative everywhere). Within a letter the longer
    alternatives come first; each copy of an alternative has its own group name
    ``t<spec>_<n>``."""
    by_letter: dict[str, list[str]] = {}
    fallback: list[str] = []
    n = 0
    for _, i, alt in alternatives:
        chars = _first_chars(alt)
        targets = sorted(chars) if chars else [None]
        for ch in targets:
            part = f"(?P<t{i}_{n}>{alt})"
            n += 1
            (by_letter.setdefault(ch, []) if ch else fallback).append(part)
    branches = [
        f"(?=[{re.escape(ch)}{re.escape(ch.upper())}])(?:{'|'.join(parts)})"
        for ch, parts in sorted(by_letter.items())
    ]
    if fallback:
        branches.append("(?:" + "|".join(fallback) + ")")
    return r"(?<![\w-])(?:" + "|".join(branches) + r")(?![\w-])"


def _split_top_level(pattern: str) -> list[str]:
    """Split a regex on its top-level ``|`` (outside groups and classes)."""
    parts, depth, in_class, buf, i = [], 0, False, [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            buf.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append("".join(buf))
            buf = []
            i += 1
            continue
        buf.append(ch)
        i += 1
    parts.append("".join(buf))
    return [p for p in parts if p]


@lru_cache(maxsize=4)
def _load(digest: str) -> Lexicon:
    return _build()


def load_lexicon() -> Lexicon:
    """The compiled lexicon (cached per data digest)."""
    return _load(data_digest("triggers.toml", "extraction.toml"))
