"""Display names for parties and groups in report sentences ("China", "U.S. allies").

A state's name is the ``name`` column of ``countries.tsv``; an organisation (EU, NATO,
ASEAN) keeps its short code, which is how it is written in prose. A group's name is its
``title`` in the groups file or ``settings.groups``.
"""

from __future__ import annotations

from functools import cache

from mildip._exceptions import DataFileError
from mildip.kb.groups import load_groups
from mildip.resources import load_tsv
from mildip.settings import Settings


def _rows(name: str) -> tuple[dict, ...]:
    try:
        return load_tsv(name)
    except DataFileError:
        return ()


@cache
def party_name(code: str) -> str:
    """The display name of party ``code`` (the code itself when no data file names it)."""
    for row in _rows("countries.tsv"):
        if row.get("code") == code and row.get("name"):
            return row["name"]
    return code


_ARTICLE_NAMES = frozenset(
    {"Bahamas", "Gambia", "Maldives", "Netherlands", "Philippines", "Holy See"}
)


def in_sentence(name: str) -> str:
    """``name`` as written inside a sentence: "the United States", "the Philippines", "China"."""
    if name.startswith("the "):
        return name
    if (
        name in _ARTICLE_NAMES
        or name.startswith(("United ", "Democratic Republic"))
        or name.endswith((" Republic", " Islands"))
    ):
        return f"the {name}"
    return name


def group_name(name: str, settings: Settings | None = None) -> str:
    """The title of group ``name`` (the name itself when the group is unknown)."""
    group = load_groups(settings).get(name)
    return group.title if group else name


def counterpart_name(counterpart: str, kind: str, settings: Settings | None = None) -> str:
    """Display name of a trend series' counterpart: a party or a group."""
    return group_name(counterpart, settings) if kind == "group" else party_name(counterpart)
