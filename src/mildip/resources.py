"""Loading the data files under ``mildip/data`` through ``importlib.resources``.

TSV files: ``#`` comment lines (provenance) first, then a header row, then rows;
empty cells become None. TOML files: a ``# Sources:`` comment block at the top.
Results are cached per process (the files are read-only package data).

A data file that holds an empty list is refused with a :class:`DataFileError` naming
the file and the key (an empty TOML array anywhere, or a TSV without rows): an empty
group of triggers, cues or members is a mistake that would otherwise go unnoticed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import tomllib
from functools import cache
from importlib import resources
from typing import Any

from mildip._exceptions import DataFileError


def data_text(name: str) -> str:
    """Text of ``mildip/data/<name>``."""
    try:
        return resources.files("mildip.data").joinpath(name).read_text("utf-8")
    except FileNotFoundError:
        raise DataFileError(f"data file {name!r} is missing from the mildip package") from None


@cache
def data_digest(*names: str) -> str:
    """SHA-256 over the named files' text: a cache key for derived artefacts (package
    data does not change while a process runs, so each digest is computed once)."""
    h = hashlib.sha256()
    for n in names:
        h.update(n.encode())
        h.update(data_text(n).encode("utf-8"))
    return h.hexdigest()


def provenance(name: str) -> list[str]:
    """The leading comment lines of a data file (its sources and check date)."""
    out = []
    for line in data_text(name).splitlines():
        if not line.startswith("#"):
            break
        out.append(line.lstrip("# ").rstrip())
    return out


def parse_tsv(text: str, origin: str) -> tuple[dict[str, Any], ...]:
    """Rows of a provenance-headed TSV text as dicts."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    if not lines:
        raise DataFileError(f"{origin}: no header row")
    reader = csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    for i, row in enumerate(reader, start=2):
        if None in row or any(v is None for v in row.values()):
            raise DataFileError(f"{origin}: row {i} has a wrong number of columns: {row}")
        rows.append({k: (v.strip() or None) for k, v in row.items()})
    if not rows:
        raise DataFileError(f"{origin}: no rows under the header (an empty list)")
    return tuple(rows)


@cache
def load_tsv(name: str) -> tuple[dict[str, Any], ...]:
    """Rows of ``mildip/data/<name>``."""
    return parse_tsv(data_text(name), name)


def parse_toml(text: str, origin: str) -> dict[str, Any]:
    """A provenance-headed TOML text, parsed; an empty array anywhere in it is refused,
    naming its key (``groups.nato.members``, ``trigger[3].patterns``)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"{origin}: not valid TOML ({exc})") from None
    empty = _first_empty_list(data, "")
    if empty is not None:
        raise DataFileError(f"{origin}: {empty} is an empty list; give it entries or remove it")
    return data


def _first_empty_list(value: Any, key: str) -> str | None:
    if isinstance(value, dict):
        for k, v in value.items():
            found = _first_empty_list(v, f"{key}.{k}" if key else str(k))
            if found is not None:
                return found
    elif isinstance(value, list):
        if not value:
            return key
        for i, v in enumerate(value):
            found = _first_empty_list(v, f"{key}[{i}]")
            if found is not None:
                return found
    return None


@cache
def load_toml(name: str) -> dict[str, Any]:
    """Parsed ``mildip/data/<name>`` (see :func:`parse_toml`)."""
    return parse_toml(data_text(name), name)
