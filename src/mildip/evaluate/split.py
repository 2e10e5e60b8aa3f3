"""The fixed rule that splits a gold corpus into a tuning part and a sealed part.

A document is **sealed** when the SHA-256 of its name (the file name without ``.txt``),
read as an integer, is divisible by 3; every other document is in the **tuning** part.
The rule depends on the name alone, so it was fixed before any error of the corpus was
looked at, it does not change when documents are added, and about a third of any
corpus is sealed. No rule, lexicon entry or training example may come from a sealed
document; it is only scored.

A corpus that was split by hand before this rule existed (the held-out
reconstructions) names its sealed documents in a ``split.toml`` beside the texts
(``sealed = ["NAME", ...]``); :func:`read_split` reads it and :func:`parts_of` then
uses that list instead of the rule.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Collection, Iterable
from pathlib import Path

from mildip._exceptions import DataFileError

PARTS = ("tuning", "sealed")

SPLIT_FILE = "split.toml"
"""The file of a corpus directory that lists its sealed documents, when it has one."""


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


def read_split(corpus: str | Path) -> frozenset[str] | None:
    """The sealed names listed in ``corpus/split.toml``, or None when there is no such file.

    The file must hold a non-empty ``sealed`` list of strings; anything else is a
    :class:`DataFileError` naming the file.
    """
    path = Path(corpus) / SPLIT_FILE
    if not path.is_file():
        return None
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"{path}: cannot read the split ({exc})") from None
    sealed = data.get("sealed")
    if not sealed or not isinstance(sealed, list) or not all(isinstance(n, str) for n in sealed):
        raise DataFileError(f"{path}: 'sealed' must be a non-empty list of document names")
    return frozenset(sealed)


def parts_of(names: Collection[str], sealed: Collection[str] | None = None) -> dict[str, str]:
    """``{name: "tuning" | "sealed"}`` for ``names``: by the listed ``sealed`` names when
    given (each must be one of ``names``), else by the fixed rule (:func:`part_of`)."""
    if sealed is None:
        return {n: part_of(n) for n in names}
    unknown = sorted(set(sealed) - set(names))
    if unknown:
        raise DataFileError(f"the split seals documents that are not in the corpus: {unknown}")
    return {n: "sealed" if n in sealed else "tuning" for n in names}
