"""Package and extractor versions.

``__version__`` is the package release. ``EXTRACTOR_VERSION`` says exactly what
produced a stored mention: :data:`RULES_VERSION` (the version of the extraction code,
bumped by hand when the rules change what they output) plus the first 12 hex digits
of the SHA-256 of the data files the extractor reads (:func:`extraction_data_digest`),
the learned scorer's model ``scorer.json`` included::

    mildip-rules/2.0+data.1f0c2a9be4d7

Editing a lexicon, a gazetteer or the registry, or rebuilding the model (``make
model``), therefore changes the version without a hand-made bump. The value is
computed on first use (module ``__getattr__``) and kept for the life of the process:
package data does not change while mildip runs, and reading ~350 kB once costs about a
millisecond.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

__version__ = "0.1.0"

RULES_VERSION = "mildip-rules/2.0"
"""The version of the extraction code. Bump it when a code change alters what is extracted."""

NOT_EXTRACTION_DATA = frozenset({"__init__.py", "settings.toml", "extraction_quality.toml"})
"""Files of ``mildip/data`` that are no input of extraction: the package marker, the
shipped settings (their values are the user's to change and are not part of the
version), and the measured quality figures, which themselves quote the version."""

EXTRACTOR_VERSION: str
"""``RULES_VERSION + "+data." + 12 hex digits`` (see the module docstring)."""


def extraction_data_files(
    folder: Traversable | Path | None = None, exclude: frozenset[str] = NOT_EXTRACTION_DATA
) -> list[Traversable | Path]:
    """The data files of ``folder`` (default the package's ``mildip/data``) that
    extraction reads: every file except those in ``exclude``, sorted by name."""
    root = resources.files("mildip.data") if folder is None else folder
    return sorted(
        (f for f in root.iterdir() if f.is_file() and f.name not in exclude),
        key=lambda f: f.name,
    )


def extraction_data_digest(
    folder: Traversable | Path | None = None, exclude: frozenset[str] = NOT_EXTRACTION_DATA
) -> str:
    """SHA-256 over the name, size and bytes of each of :func:`extraction_data_files`."""
    digest = hashlib.sha256()
    for f in extraction_data_files(folder, exclude):
        data = f.read_bytes()
        digest.update(f.name.encode("utf-8") + b"\0" + str(len(data)).encode("ascii") + b"\0")
        digest.update(data)
    return digest.hexdigest()


def extractor_version(folder: Traversable | Path | None = None) -> str:
    """The extractor version for the data files in ``folder`` (default the package's)."""
    return f"{RULES_VERSION}+data.{extraction_data_digest(folder)[:12]}"


def __getattr__(name: str) -> str:
    if name == "EXTRACTOR_VERSION":
        value = extractor_version()
        globals()["EXTRACTOR_VERSION"] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
