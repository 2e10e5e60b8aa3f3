"""The fixed rule that splits a gold corpus into a tuning part and a sealed part.

A document is **sealed** when the SHA-256 of its name (the file name without ``.txt``),
read as an integer, is divisible by 3; every other document is in the **tuning** part.
The rule depends on the name alone, so it was fixed before any error of the corpus was
looked at, it does not change when documents are added, and about a third of any
corpus is sealed. No rule, lexicon entry or training example may come from a sealed
document; it is only scored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

PARTS = ("tuning", "sealed")


def is_sealed(name: str) -> bool:
    """Whether the document called ``name`` belongs to the sealed part."""
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % 3 == 0


def part_of(name: str) -> str:
    """``"sealed"`` or ``"tuning"`` for the document called ``name``."""
    return "sealed" if is_sealed(name) else "tuning"


def select(names: Iterable[str], part: str) -> list[str]:
    """The names of ``names`` in ``part`` (``"tuning"`` or ``"sealed"``), sorted."""
    if part not in PARTS:
        raise ValueError(f"part must be one of {', '.join(PARTS)}, not {part!r}")
    return sorted(n for n in names if part_of(n) == part)
