"""Party names a user types: a code, a name, an alias, a demonym or a capital → one code.

The forms come from the gazetteer files (``countries.tsv``: name, aliases, demonyms,
capitals; ``organisations.tsv``: the names of international organisations, which are
parties of their own). :func:`resolve_party` answers, in this order:

1. a known code in any case (``chn`` → ``CHN``; ``known`` adds codes found in the data,
   so invented or new parties in a store resolve too): no note;
2. a form of exactly one party, compared folded (``china``, ``Chinese``, ``Beijing``,
   ``the Philippines``) → its code, with a note saying how the text was read;
3. otherwise :class:`~mildip._exceptions.UnknownPartyError`, naming up to three close
   codes or names (rapidfuzz) or, for a form of several parties, each of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from mildip._exceptions import UnknownPartyError
from mildip.kb.text import fold
from mildip.resources import load_tsv

_SUGGESTION_CUTOFF = 75


@dataclass(frozen=True)
class PartyMatch:
    """How a typed party was read: its ``code``, display ``name`` and a ``note`` (or None)."""

    code: str
    name: str
    note: str | None = None


def _split(cell: str | None) -> list[str]:
    return [p.strip() for p in (cell or "").split("|") if p.strip()]


@cache
def party_names() -> Mapping[str, str]:
    """Code → display name of every state, territory and international organisation."""
    names = {row["code"]: row["name"] for row in load_tsv("countries.tsv")}
    for row in load_tsv("organisations.tsv"):
        if row.get("kind") == "intl_org" and row.get("party"):
            names.setdefault(row["party"], row["party"])
    return names


@cache
def _forms() -> Mapping[str, frozenset[str]]:
    """Folded form → the codes it names."""
    forms: dict[str, set[str]] = {}

    def add(form: str, code: str) -> None:
        key = fold(form).removeprefix("the ")
        if key:
            forms.setdefault(key, set()).add(code)

    for row in load_tsv("countries.tsv"):
        for column in ("aliases", "demonyms", "capitals"):
            for form in _split(row.get(column)):
                add(form, row["code"])
        add(row["name"], row["code"])
    for row in load_tsv("organisations.tsv"):
        if row.get("kind") == "intl_org" and row.get("party"):
            for form in (row["name"], *_split(row.get("aliases"))):
                add(form, row["party"])
    return {k: frozenset(v) for k, v in forms.items()}


def _label(code: str) -> str:
    name = party_names().get(code)
    return f"{code} ({name})" if name and name != code else code


def suggestions(text: str, known: Iterable[str] = (), limit: int = 3) -> list[str]:
    """Up to ``limit`` close parties, as ``"CHN (China)"`` labels, best first."""
    folded = fold(text)
    choices: dict[str, str] = {fold(f): c for f, codes in _forms().items() for c in codes}
    for code in (*party_names(), *known):
        choices.setdefault(fold(code), code)
    found = process.extract(folded, list(choices), scorer=fuzz.ratio, limit=limit * 4)
    out: list[str] = []
    for form, score, _ in found:
        label = _label(choices[form])
        if score >= _SUGGESTION_CUTOFF and label not in out:
            out.append(label)
    return out[:limit]


def resolve_party(text: str, known: Iterable[str] = ()) -> PartyMatch:
    """The party ``text`` names (the rules of the module docstring)."""
    raw = (text or "").strip()
    known = {k.upper() for k in known}
    codes = set(party_names()) | known
    if raw.upper() in codes:
        code = raw.upper()
        return PartyMatch(code, party_names().get(code, code))
    found = _forms().get(fold(raw).removeprefix("the ")) if raw else None
    if found and len(found) == 1:
        (code,) = found
        name = party_names().get(code, code)
        return PartyMatch(code, name, f"read {raw!r} as {code} ({name})")
    if found:
        options = " or ".join(_label(c) for c in sorted(found))
        raise UnknownPartyError(f"{raw!r} names more than one party: {options}; give the code")
    close = suggestions(raw, known)
    hint = f"; did you mean {', '.join(close)}?" if close else "; give a code such as CHN or USA"
    raise UnknownPartyError(f"{raw!r} is not a party code or name{hint}")
