"""robots.txt as RFC 9309 reads it: groups by user agent, allow/disallow rules with
``*`` and ``$``, the longest match wins and ``allow`` wins a tie.

* :func:`parse_robots` - the text of a robots.txt file → :class:`Robots`; never
  raises (unknown lines, bad bytes and missing colons are skipped).
* :meth:`Robots.allows` - may ``agent`` fetch this path (with its query)?
* :data:`ALLOW_ALL` / :data:`DISALLOW_ALL` - what a missing robots.txt (a 4xx answer)
  and an unreachable one (a 5xx answer or no answer) mean under RFC 9309 §2.3.1.

The group that applies is the one whose ``user-agent`` names mildip's product token
(``mildip``, case-insensitive); when none does, the ``*`` group; with neither,
everything is allowed. Consecutive ``user-agent`` lines share one group, and groups
naming the same agent are merged, as the RFC says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import quote, unquote, urlsplit

AGENT_TOKEN = "mildip"
"""The product token robots.txt groups are matched against."""
MAX_ROBOTS_BYTES = 512 * 1024
"""RFC 9309 asks crawlers to read at least 500 KiB of a robots.txt; more is ignored."""


@dataclass(frozen=True)
class Rule:
    """One ``allow`` or ``disallow`` line: its path pattern, normalised."""

    allow: bool
    pattern: str

    @cached_property
    def regex(self) -> re.Pattern[str]:
        anchored = self.pattern.endswith("$")
        body = self.pattern[:-1] if anchored else self.pattern
        parts = (re.escape(p) for p in body.split("*"))
        return re.compile(".*".join(parts) + ("$" if anchored else ""))


@dataclass(frozen=True)
class Robots:
    """The rules of one robots.txt that apply to one agent."""

    rules: tuple[Rule, ...] = ()
    allow_everything: bool = False
    disallow_everything: bool = False

    def allows(self, path: str) -> bool:
        """Whether the path (``/a/b?q=1``; a full URL is cut to its path) may be fetched."""
        if self.disallow_everything:
            return False
        if self.allow_everything or not self.rules:
            return True
        target = _normalise(_path_of(path))
        best: Rule | None = None
        for rule in self.rules:
            if not rule.pattern or not rule.regex.match(target):
                continue
            if (
                best is None
                or _length(rule) > _length(best)
                or (_length(rule) == _length(best) and rule.allow and not best.allow)
            ):
                best = rule
        return best is None or best.allow


ALLOW_ALL = Robots(allow_everything=True)
DISALLOW_ALL = Robots(disallow_everything=True)


def _length(rule: Rule) -> int:
    return len(rule.pattern)


def _path_of(value: str) -> str:
    if value.startswith("/"):
        return value
    parts = urlsplit(value)
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


def _normalise(path: str) -> str:
    """Percent-encoding made canonical, so ``/%7Ea`` and ``/~a`` compare equal."""
    return quote(unquote(path), safe="/?=&*$%:@!,;+~-._")


def _agent_matches(value: str, agent: str) -> bool:
    token = value.strip().split("/")[0].strip().lower()
    return token == agent.lower()


def parse_robots(text: str, agent: str = AGENT_TOKEN) -> Robots:
    """The rules of ``text`` that apply to ``agent`` (see the module docstring)."""
    groups: list[tuple[list[str], list[Rule]]] = []
    agents: list[str] = []
    rules: list[Rule] = []
    in_rules = False
    for raw in text[:MAX_ROBOTS_BYTES].splitlines():
        line = raw.split("#", 1)[0].strip()
        key, colon, value = line.partition(":")
        if not colon:
            continue
        key, value = key.strip().lower(), value.strip()
        if key == "user-agent":
            if in_rules:
                groups.append((agents, rules))
                agents, rules, in_rules = [], [], False
            agents.append(value)
        elif key in ("allow", "disallow") and agents:
            in_rules = True
            rules.append(Rule(key == "allow", _normalise(value) if value else ""))
    if agents:
        groups.append((agents, rules))
    own = [r for names, rs in groups if any(_agent_matches(n, agent) for n in names) for r in rs]
    if any(any(_agent_matches(n, agent) for n in names) for names, _ in groups):
        return Robots(tuple(own))
    star = [r for names, rs in groups if any(n.strip() == "*" for n in names) for r in rs]
    return Robots(tuple(star))
