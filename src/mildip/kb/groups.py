"""Party groups with dated membership (NATO, U.S. allies, the EU, ASEAN, the Quad, ...).

Groups come from two places, read in this order:

1. the shipped file ``mildip/data/groups.toml`` (sources and check date in its header);
2. ``settings.groups``, the user's own groups, which replace a shipped group of the same
   name. A user group is ``{"members": ["FRA", "DEU"]}`` (members for all time) or
   ``{"members": [{"party": "FRA", "since": "2020-01"}], "title": ..., "include": [...],
   "exclude": [...], "allies_of": "USA"}``.

Membership is dated: ``since`` and ``until`` are partial ISO dates, both inclusive.
A query date may itself be partial: a party is a member *on* ``2023`` when its
membership overlaps any day of 2023 (the same "overlap counts" rule the officials
table uses). A query date of ``None`` asks for the current members, i.e. those whose
membership has no ``until``. ``include`` pulls in another group's members on the same
date; ``exclude`` then removes parties (``us-allies`` includes ``nato`` but excludes the
United States and NATO itself).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from mildip._exceptions import DataFileError, SettingsError, UnknownGroupError
from mildip.dates import bounds
from mildip.resources import load_toml
from mildip.settings import Settings

GROUPS_FILE = "groups.toml"

_GROUP_KEYS = frozenset({"title", "members", "include", "exclude", "allies_of", "alliance"})
_MEMBER_KEYS = frozenset({"party", "since", "until", "note"})


@dataclass(frozen=True)
class Membership:
    """One period during which ``party`` belongs to a group (``since``/``until`` inclusive)."""

    party: str
    since: str | None = None
    until: str | None = None
    note: str | None = None

    @property
    def open_ended(self) -> bool:
        """True when the membership has no end date (a current member)."""
        return self.until is None

    def overlaps(self, first: date, last: date) -> bool:
        """True when the membership covers at least one day of ``first..last``."""
        starts = bounds(self.since)[0] if self.since else date.min
        ends = bounds(self.until)[1] if self.until else date.max
        return starts <= last and first <= ends


@dataclass(frozen=True)
class Group:
    """A named group of parties; see the module docstring for the membership rules."""

    name: str
    title: str
    members: tuple[Membership, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    allies_of: str | None = None
    alliance: bool = False
    origin: str = GROUPS_FILE


def _fail(origin: str, message: str) -> Exception:
    cls = DataFileError if origin == GROUPS_FILE else SettingsError
    return cls(f"{origin}: {message}")


def _check_date(value: Any, where: str, origin: str) -> str | None:
    if value is None:
        return None
    try:
        bounds(str(value))
    except ValueError:
        raise _fail(
            origin, f"{where}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        ) from None
    return str(value)


def _check_party(value: Any, where: str, origin: str) -> str:
    if not isinstance(value, str) or not value.strip() or value != value.strip().upper():
        raise _fail(
            origin, f"{where}: party must be an upper-case code such as 'FRA', not {value!r}"
        )
    return value


def _membership(raw: Any, where: str, origin: str) -> Membership:
    if isinstance(raw, str):
        return Membership(_check_party(raw, where, origin))
    if not isinstance(raw, Mapping):
        raise _fail(
            origin, f"{where}: a member is a party code or a table with 'party', not {raw!r}"
        )
    unknown = set(raw) - _MEMBER_KEYS
    if unknown:
        raise _fail(
            origin, f"{where}: unknown keys {sorted(unknown)}; allowed: {sorted(_MEMBER_KEYS)}"
        )
    m = Membership(
        party=_check_party(raw.get("party"), where, origin),
        since=_check_date(raw.get("since"), where, origin),
        until=_check_date(raw.get("until"), where, origin),
        note=raw.get("note"),
    )
    if m.since and m.until and bounds(m.since)[0] > bounds(m.until)[1]:
        raise _fail(origin, f"{where}: since {m.since} is after until {m.until}")
    return m


def _string_list(raw: Any, where: str, origin: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if (
        not isinstance(raw, Sequence)
        or isinstance(raw, str)
        or not all(isinstance(x, str) for x in raw)
    ):
        raise _fail(origin, f"{where}: expected a list of names, not {raw!r}")
    return tuple(raw)


def parse_group(name: str, raw: Any, origin: str) -> Group:
    """Validate one group table; errors name ``origin`` and the group.

    A group must list members or include another group: an empty group is refused.
    """
    if not isinstance(raw, Mapping):
        raise _fail(origin, f"group {name!r} must be a table with 'members', not {raw!r}")
    unknown = set(raw) - _GROUP_KEYS
    if unknown:
        raise _fail(
            origin,
            f"group {name!r}: unknown keys {sorted(unknown)}; allowed: {sorted(_GROUP_KEYS)}",
        )
    members_raw = raw.get("members") or []
    if not isinstance(members_raw, Sequence) or isinstance(members_raw, str):
        raise _fail(origin, f"group {name!r}: 'members' must be a list")
    members = tuple(
        _membership(m, f"group {name!r} member {i + 1}", origin) for i, m in enumerate(members_raw)
    )
    include = _string_list(raw.get("include"), f"group {name!r} include", origin)
    if not members and not include:
        raise _fail(origin, f"group {name!r} is empty: give it members or include another group")
    exclude = tuple(
        _check_party(p, f"group {name!r} exclude", origin)
        for p in _string_list(raw.get("exclude"), f"group {name!r} exclude", origin)
    )
    allies_of = raw.get("allies_of")
    if allies_of is not None:
        _check_party(allies_of, f"group {name!r} allies_of", origin)
    alliance = raw.get("alliance", False)
    if not isinstance(alliance, bool):
        raise _fail(origin, f"group {name!r}: 'alliance' must be true or false, not {alliance!r}")
    return Group(
        name=name,
        title=str(raw.get("title") or name),
        members=members,
        include=include,
        exclude=exclude,
        allies_of=allies_of,
        alliance=alliance,
        origin=origin,
    )


@lru_cache(maxsize=1)
def shipped_groups() -> tuple[Group, ...]:
    """The groups of ``mildip/data/groups.toml``, validated, in file order."""
    data = load_toml(GROUPS_FILE).get("groups")
    if not isinstance(data, Mapping) or not data:
        raise DataFileError(f"{GROUPS_FILE}: no [groups.<name>] tables")
    return tuple(parse_group(name, raw, GROUPS_FILE) for name, raw in data.items())


def _check_includes(groups: Mapping[str, Group]) -> None:
    for group in groups.values():
        path = [group.name]
        _walk_includes(group, groups, path)


def _walk_includes(group: Group, groups: Mapping[str, Group], path: list[str]) -> None:
    for name in group.include:
        if name not in groups:
            raise _fail(group.origin, f"group {group.name!r} includes unknown group {name!r}")
        if name in path:
            raise _fail(
                group.origin, f"groups include each other in a cycle: {' -> '.join(path + [name])}"
            )
        _walk_includes(groups[name], groups, path + [name])


def load_groups(settings: Settings | None = None) -> Mapping[str, Group]:
    """Every known group by name (read-only): shipped ones, then ``settings.groups``.

    ``settings=None`` gives the shipped groups only (no user file is read implicitly).
    """
    groups = {g.name: g for g in shipped_groups()}
    user = settings.groups if settings is not None else {}
    if not isinstance(user, Mapping):
        raise SettingsError("settings: groups must be a table of group tables")
    for name, raw in user.items():
        groups[name] = parse_group(name, raw, "settings.groups")
    _check_includes(groups)
    return MappingProxyType(groups)


def get_group(name: str, settings: Settings | None = None) -> Group:
    """The group called ``name``; raises :class:`UnknownGroupError` listing the known names."""
    groups = load_groups(settings)
    if name not in groups:
        raise UnknownGroupError(
            f"unknown group {name!r}; known groups: {', '.join(sorted(groups))} "
            "(define your own under [groups] in the settings file)"
        )
    return groups[name]


def _date_range(on: str | date | None) -> tuple[date, date] | None:
    if on is None:
        return None
    if isinstance(on, date):
        return on, on
    return bounds(on)


def resolve_members(name: str, on: str | date | None, groups: Mapping[str, Group]) -> set[str]:
    """Members of ``groups[name]`` on ``on`` (see the module docstring); ``groups`` from :func:`load_groups`."""
    if name not in groups:
        raise UnknownGroupError(
            f"unknown group {name!r}; known groups: {', '.join(sorted(groups))}"
        )
    group = groups[name]
    span = _date_range(on)
    found = {
        m.party for m in group.members if (m.open_ended if span is None else m.overlaps(*span))
    }
    for included in group.include:
        found |= resolve_members(included, on, groups)
    return found - set(group.exclude)


def allied(parties: Sequence[str], on: str | date | None, groups: Mapping[str, Group]) -> bool:
    """Whether ``parties`` (two or more distinct codes) are allies on ``on``: one of them
    is the ``allies_of`` party of a group whose members include all the others ("the
    allies" of a U.S.-Korea story), or all of them belong to a group marked ``alliance``
    (NATO members are one another's allies)."""
    wanted = set(parties)
    if len(wanted) < 2:
        return False
    for group in groups.values():
        if group.allies_of is None and not group.alliance:
            continue
        members = resolve_members(group.name, on, groups)
        if group.allies_of in wanted and wanted - {group.allies_of} <= members:
            return True
        if group.alliance and wanted <= members:
            return True
    return False


def members_on(group: str, on: str | date | None, settings: Settings | None = None) -> set[str]:
    """Parties belonging to ``group`` on ``on`` (a date, a partial ISO date, or None = current)."""
    return resolve_members(group, on, load_groups(settings))


def in_group(
    party: str, group: str, on: str | date | None, settings: Settings | None = None
) -> bool:
    """True when ``party`` belongs to ``group`` on ``on`` (same rules as :func:`members_on`)."""
    return party in members_on(group, on, settings)


def group_names(settings: Settings | None = None) -> list[str]:
    """Names of every known group, sorted."""
    return sorted(load_groups(settings))
