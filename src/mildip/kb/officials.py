"""Officials and their dated posts: who held which post on the date of an event.

Data: ``mildip/data/officials.tsv`` (one row per post held); for officials who
are not in it, the level comes from ``mildip/data/titles.tsv`` (listed titles) or
``mildip/data/title_levels.tsv`` (ordered patterns). See ``docs/officials.md``.

* :func:`resolve_participant` - a :class:`~mildip.model.Participant` with the
  canonical title, party, level and ``person_id`` of the post held on the
  event's date (not today's post).
* :func:`officials_on` - every post held on a date.
* :func:`infer_level` - the level a title implies.
* :func:`name_key` - the comparison key of a personal name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from types import MappingProxyType

from rapidfuzz import fuzz

from mildip import dates
from mildip._exceptions import DataFileError
from mildip.kb.text import fold
from mildip.model import Participant
from mildip.resources import load_tsv

LEVELS: tuple[str, ...] = (
    "head_of_state",
    "head_of_government",
    "minister",
    "vice_minister",
    "chief_of_defence",
    "service_chief",
    "theater_commander",
    "deputy",
    "working",
)
"""The levels of ``officials.tsv``, highest first."""

_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_TITLE_SPELLINGS = (("defence", "defense"), ("theatre", "theater"))
_TITLE_MATCH_MIN = 90
"""Minimum rapidfuzz token-set ratio for a title to name a post (role-only lookups)."""


@dataclass(frozen=True)
class Post:
    """One post held by one person, from ``start`` to ``end`` (None = incumbent)."""

    person_id: str
    name: str
    aliases: tuple[str, ...]
    party: str
    title: str
    level: str | None
    start: str
    end: str | None
    source: str

    @property
    def first_day(self) -> date:
        return dates.bounds(self.start)[0]

    @property
    def last_day(self) -> date:
        return dates.bounds(self.end)[1] if self.end else date.max

    def held_on(self, on: str) -> bool:
        """True when the post overlaps the partial date ``on`` (``2023-03`` = any day of March)."""
        lo, hi = dates.bounds(on)
        return self.first_day <= hi and lo <= self.last_day


def _name_tokens(name: str) -> list[str]:
    return [t for t in fold(name).split() if t not in _NAME_SUFFIXES]


def name_key(name: str) -> str:
    """Comparison key of a personal name: accents, case, punctuation, spacing and a
    generational suffix do not count (``"CQ Brown, Jr."`` → ``"cqbrown"``)."""
    return "".join(_name_tokens(name))


def _title_key(title: str) -> str:
    folded = fold(title)
    for variant, canonical in _TITLE_SPELLINGS:
        folded = folded.replace(variant, canonical)
    return folded


@lru_cache(maxsize=1)
def load_posts() -> tuple[Post, ...]:
    """Every row of ``officials.tsv`` as a :class:`Post` (validated once per process)."""
    posts = []
    for row in load_tsv("officials.tsv"):
        try:
            post = Post(
                person_id=row["person_id"],
                name=row["name"],
                aliases=tuple(a.strip() for a in (row["aliases"] or "").split("|") if a.strip()),
                party=row["party"],
                title=row["title"],
                level=row["level"],
                start=row["start"],
                end=row["end"],
                source=row["source"],
            )
            if not (post.person_id and post.name and post.party and post.title and post.start):
                raise ValueError("person_id, name, party, title and start are required")
            if post.level is not None and post.level not in LEVELS:
                raise ValueError(f"unknown level {post.level!r}; expected one of {LEVELS}")
            if post.last_day < post.first_day:
                raise ValueError(f"ends ({post.end}) before it starts ({post.start})")
            if not post.source:
                raise ValueError("every post needs a source")
        except (KeyError, ValueError) as exc:
            raise DataFileError(f"officials.tsv: bad row for {row.get('name')!r}: {exc}") from None
        posts.append(post)
    return tuple(posts)


@lru_cache(maxsize=1)
def _name_index() -> Mapping[str, tuple[str, ...]]:
    index: dict[str, set[str]] = {}
    for post in load_posts():
        for written in (post.name, *post.aliases):
            index.setdefault(name_key(written), set()).add(post.person_id)
    return MappingProxyType({k: tuple(sorted(v)) for k, v in index.items()})


@lru_cache(maxsize=1)
def _posts_by_person() -> Mapping[str, tuple[Post, ...]]:
    by_person: dict[str, list[Post]] = {}
    for post in load_posts():
        by_person.setdefault(post.person_id, []).append(post)
    return MappingProxyType(
        {k: tuple(sorted(v, key=lambda p: p.first_day)) for k, v in by_person.items()}
    )


@lru_cache(maxsize=1)
def _level_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    compiled = []
    for row in load_tsv("title_levels.tsv"):
        if row["level"] not in LEVELS:
            raise DataFileError(f"title_levels.tsv: unknown level {row['level']!r}")
        try:
            compiled.append((re.compile(row["pattern"]), row["level"]))
        except re.error as exc:
            raise DataFileError(
                f"title_levels.tsv: bad pattern {row['pattern']!r}: {exc}"
            ) from None
    return tuple(compiled)


@lru_cache(maxsize=1)
def _listed_levels() -> Mapping[str, str]:
    """Folded title or alias → level, from the gazetteer's ``titles.tsv`` (rows with a level)."""
    listed: dict[str, str] = {}
    for row in load_tsv("titles.tsv"):
        if row["level"]:
            for written in (row["title"], *(row["aliases"] or "").split("|")):
                if written.strip():
                    listed.setdefault(fold(written), row["level"])
    return MappingProxyType(listed)


def infer_level(title: str | None) -> str | None:
    """The level implied by ``title``: its level in ``titles.tsv`` when the title (or an
    alias) is listed there, else the first matching row of ``title_levels.tsv``, else None."""
    if not title:
        return None
    folded = fold(title)
    if folded in _listed_levels():
        return _listed_levels()[folded]
    for pattern, level in _level_patterns():
        if pattern.search(folded):
            return level
    return None


def person_ids(name: str | None, party: str | None = None) -> tuple[str, ...]:
    """Ids of the people ``name`` may denote (exact key match on name or alias; when
    nothing matches, leading words such as ranks are dropped one at a time)."""
    if not name:
        return ()
    tokens = _name_tokens(name)
    index = _name_index()
    found: tuple[str, ...] = ()
    for skip in range(max(len(tokens) - 1, 1)):
        found = index.get("".join(tokens[skip:]), ())
        if found:
            break
    if party:
        found = tuple(pid for pid in found if _posts_by_person()[pid][0].party == party)
    return found


def posts_of(person_id: str) -> tuple[Post, ...]:
    """Every post of one person, earliest first (empty for an unknown id)."""
    return _posts_by_person().get(person_id, ())


def officials_on(on: str | date, party: str | None = None) -> list[Post]:
    """Every post held on ``on`` (a partial ISO date or a date), optionally of one party,
    sorted by party, level (highest first), title and name."""
    on = on.isoformat() if isinstance(on, date) else on
    held = [p for p in load_posts() if p.held_on(on) and (party is None or p.party == party)]
    return sorted(held, key=lambda p: (p.party, _level_rank(p.level), p.title, p.name))


SURNAME_LEVELS = frozenset({"head_of_state", "head_of_government", "minister", "chief_of_defence"})
"""Levels whose holders news call by surname alone ("Austin met Teodoro")."""


def _surname(name: str) -> str:
    words = [w for w in name.split() if w.rstrip(".") not in ("Jr", "Sr", "II", "III", "IV")]
    return words[-1] if words else ""


def _family_name(name: str, family_first: bool) -> str:
    return (name.split() or [""])[0] if family_first else _surname(name)


@lru_cache(maxsize=8)
def _unique_family_names(family_first: frozenset[str]) -> frozenset[str]:
    """Family names, of parties writing them first, that one person alone in the file bears."""
    bearers: dict[str, set[str]] = {}
    for p in load_posts():
        if p.party in family_first:
            bearers.setdefault(_family_name(p.name, True), set()).add(p.person_id)
    return frozenset(n for n, ids in bearers.items() if len(ids) == 1)


@lru_cache(maxsize=8)
def senior_surnames(family_first: frozenset[str] = frozenset()) -> frozenset[str]:
    """The surnames of every holder of a :data:`SURNAME_LEVELS` post, at any date (for
    the parties of ``family_first``, the family names no one else in the file bears)."""
    return frozenset(_senior_posts_by_surname(family_first))


def sole_surname_holder(surname: str, on: str, family_first: frozenset[str] = frozenset()) -> Post | None:
    """The one official of a :data:`SURNAME_LEVELS` post held on ``on`` whose surname is
    ``surname``, or None when nobody or several people are. For the parties of
    ``family_first`` the family name is the first word, and it counts only when no one
    else in the officials file bears it: "Xi" is Xi Jinping, but "Wang" or "Li" alone
    is too common to stand for one person."""
    if not surname or not on:
        return None
    found = {p.person_id: p for p in _senior_posts_by_surname(family_first).get(surname, ()) if p.held_on(on)}
    return next(iter(found.values())) if len(found) == 1 else None


@lru_cache(maxsize=8)
def _senior_posts_by_surname(family_first: frozenset[str]) -> Mapping[str, tuple[Post, ...]]:
    """The :data:`SURNAME_LEVELS` posts by the surname that may stand for their holder
    (see :func:`sole_surname_holder`)."""
    unique = _unique_family_names(family_first)
    index: dict[str, list[Post]] = {}
    for p in load_posts():
        if p.level not in SURNAME_LEVELS:
            continue
        first = p.party in family_first
        name = _family_name(p.name, first)
        if name and (not first or name in unique):
            index.setdefault(name, []).append(p)
    return MappingProxyType({k: tuple(v) for k, v in index.items()})


def _level_rank(level: str | None) -> int:
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


def _title_score(given: str | None, post: Post) -> float:
    """How well a written title fits a post: same implied level counts most, then wording."""
    if not given:
        return 0.0
    same_level = infer_level(given) == post.level and post.level is not None
    return 100.0 * same_level + fuzz.token_set_ratio(_title_key(given), _title_key(post.title))


def _best_post(candidates: list[Post], title: str | None) -> Post:
    return min(
        candidates,
        key=lambda p: (
            -_title_score(title, p),
            _level_rank(p.level),
            -p.first_day.toordinal(),
            p.title,
        ),
    )


def _choose_person(ids: tuple[str, ...], title: str | None, on: str | None) -> str | None:
    if len(ids) <= 1:
        return ids[0] if ids else None
    if on:
        holding = tuple(pid for pid in ids if any(p.held_on(on) for p in posts_of(pid)))
        if len(holding) == 1:
            return holding[0]
        ids = holding or ids
    if title:
        level = infer_level(title)
        fitting = tuple(pid for pid in ids if any(p.level == level for p in posts_of(pid)))
        if len(fitting) == 1:
            return fitting[0]
    return None


def _post_for_role(title: str, party: str, on: str) -> Post | None:
    """The one post of ``party`` held on ``on`` that ``title`` names, if exactly one does."""
    level = infer_level(title)
    if level is None:
        return None
    key = _title_key(title)
    fitting = {
        p.person_id: p
        for p in officials_on(on, party)
        if p.level == level and fuzz.token_set_ratio(key, _title_key(p.title)) >= _TITLE_MATCH_MIN
    }
    return next(iter(fitting.values())) if len(fitting) == 1 else None


def resolve_participant(
    name: str | None, title: str | None, party: str | None, on: str | None
) -> Participant:
    """A participant with its post as of ``on`` (the event's partial ISO date).

    * A known name or alias (accent-, case- and punctuation-insensitive, ranks
      before the name ignored) gives ``person_id``; the post held on ``on`` gives the
      canonical ``title``, ``party`` and ``level``. With several posts on that date the
      one that best fits ``title`` wins. The name is kept as written.
    * A known person who held no listed post on ``on`` (or an undated event) keeps
      the title given, with the level inferred from it, unless exactly one of their
      posts has that level.
    * With no name, a title that names exactly one post of ``party`` held on ``on``
      ("Commander, U.S. Indo-Pacific Command") fills ``person_id`` and the canonical
      title; the name stays None, as in the text.
    * Anyone else is kept with the title and party given and the level inferred
      from the title (``title_levels.tsv``).
    """
    person = _choose_person(person_ids(name, party), title, on)
    if person is None:
        role = _post_for_role(title, party, on) if (not name and title and party and on) else None
        if role is not None:
            return Participant(name, role.title, role.party, role.level, role.person_id)
        return Participant(name, title, party, infer_level(title))
    posts = posts_of(person)
    held = [p for p in posts if on and p.held_on(on)]
    if held:
        post = _best_post(held, title)
        return Participant(name, post.title, post.party, post.level, person)
    level = infer_level(title)
    same_level = [p for p in posts if level and p.level == level]
    if not on and len({p.title for p in same_level}) == 1:
        return Participant(name, same_level[0].title, same_level[0].party, level, person)
    return Participant(name, title, posts[0].party, level, person)
