"""Compile a list of literal phrases into one fast regular expression (a trie).

Python's ``re`` tries alternatives one by one; factoring common prefixes into a
trie makes a gazetteer of thousands of names cost about as much as a handful.
Spaces in a phrase match any run of whitespace and straight or curly apostrophes
match each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_APOSTROPHES = "'’"


def _char_pattern(ch: str) -> str:
    if ch == " ":
        return r"\s+"
    if ch in _APOSTROPHES:
        return "['’]"
    return re.escape(ch)


def _normal(ch: str) -> str:
    return "'" if ch in _APOSTROPHES else ch


def trie_pattern(phrases: Iterable[str]) -> str:
    """A regex source matching exactly the given phrases, longest alternatives first."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for ch in " ".join(phrase.split()):
            node = node.setdefault(_normal(ch), {})
        node[""] = {}
    return _node_pattern(trie) if trie else r"(?!x)x"


def _node_pattern(node: dict) -> str:
    ends = "" in node
    branches = [
        _char_pattern(ch) + _node_pattern(child)
        for ch, child in sorted(node.items(), key=lambda kv: kv[0], reverse=True)
        if ch != ""
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body
