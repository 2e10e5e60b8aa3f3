"""JSONL manifests: one document per line.

Each non-blank line is a JSON object with

* ``id`` - the document id (a string or an integer; default ``<manifest stem>-<line>``);
* exactly one of ``text`` (the text itself) or ``path`` (a ``.txt``, ``.md``,
  ``.html`` or ``.pdf`` file, relative to the manifest's folder);
* optionally ``url``, ``title``, ``publication``, ``date`` (``YYYY``, ``YYYY-MM``,
  ``YYYY-MM-DD`` or any form :func:`~mildip.ingest.metadate.parse_published` reads),
  ``language``, ``author`` - strings that override what the referenced file says.

Other keys are kept in ``Document.meta["extra"]``. A bad line becomes one
``IngestError`` whose source is ``<manifest>:<line>``; the other lines still become
documents. An ``id`` used twice is an error on the later line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from mildip._exceptions import EmptyInputError, IngestError, UnreadableInputError
from mildip.ingest.decoding import decode_text, read_bytes
from mildip.ingest.documents import MANIFEST_SUFFIX, build_document, read_source_text
from mildip.ingest.metadate import PublishedDate, as_published, published_or_error
from mildip.ingest.source import SourceText
from mildip.model import Document
from mildip.settings import Settings

FIELD_KEYS: tuple[str, ...] = ("url", "title", "publication", "language", "author")
MANIFEST_KEYS: frozenset[str] = frozenset({"id", "text", "path", "date", *FIELD_KEYS})


def _line_id(record: dict[str, Any], default: str, where: str) -> str:
    value = record.get("id")
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (str, int)) or not str(value).strip():
        raise UnreadableInputError(where, f"'id' must be a non-empty string, not {value!r}")
    return str(value).strip()


def _line_source(record: dict[str, Any], manifest: Path, where: str, settings: Settings):
    """``(SourceText, source_path)`` of the line's ``text`` or ``path``."""
    has_text, has_path = "text" in record, "path" in record
    if has_text == has_path:
        raise UnreadableInputError(where, "give exactly one of 'text' or 'path'")
    if has_text:
        text = record["text"]
        if not isinstance(text, str):
            raise UnreadableInputError(where, f"'text' must be a string, not {type(text).__name__}")
        if not text.strip():
            raise EmptyInputError(where, "'text' is empty")
        normalised = text.replace("\r\n", "\n").replace("\r", "\n")
        return SourceText(text=normalised, media_type="text/plain"), str(manifest)
    ref = record["path"]
    if not isinstance(ref, str) or not ref.strip():
        raise UnreadableInputError(where, f"'path' must be a non-empty string, not {ref!r}")
    target = manifest.parent / ref
    if target.suffix.lower() == MANIFEST_SUFFIX:
        raise UnreadableInputError(
            where, f"{ref}: a manifest line cannot point to another manifest"
        )
    try:
        return read_source_text(target, settings), str(target)
    except IngestError as exc:
        raise type(exc)(where, f"{ref}: {exc.reason}") from None


def _overrides(record: dict[str, Any], where: str, warnings: list[str]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for key in FIELD_KEYS + ("date",):
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise UnreadableInputError(where, f"'{key}' must be a string, not {value!r}")
        if key == "date":
            try:
                changes["published"] = published_or_error(value, "'date'", warnings)
            except ValueError as exc:
                raise UnreadableInputError(where, str(exc)) from None
        elif value.strip():
            changes[key] = value.strip()
    return changes


def _line_document(
    line: str,
    number: int,
    manifest: Path,
    settings: Settings,
    published: PublishedDate | None,
    published_override: bool,
) -> Document:
    where = f"{manifest}:{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise UnreadableInputError(
            where, f"not valid JSON ({exc.msg}, column {exc.colno})"
        ) from None
    if not isinstance(record, dict):
        raise UnreadableInputError(
            where, f"a line must be a JSON object, not {type(record).__name__}"
        )
    doc_id = _line_id(record, f"{manifest.stem}-{number}", where)
    found, source_path = _line_source(record, manifest, where, settings)
    extra = {k: v for k, v in record.items() if k not in MANIFEST_KEYS}
    meta = {**found.meta, "manifest": str(manifest), "line": number}
    if extra:
        meta["extra"] = extra
    warnings = list(meta.get("warnings", ()))
    changes = _overrides(record, where, warnings)
    if warnings:
        meta["warnings"] = warnings
    found = replace(found, meta=meta, **changes)
    return build_document(
        doc_id,
        found,
        source_path,
        published,
        published_override=published_override,
        settings=settings,
    )


def read_manifest(
    manifest: Path,
    settings: Settings,
    published: PublishedDate | date | str | None = None,
    *,
    published_override: bool = False,
) -> Iterator[Document | IngestError]:
    """Every document of ``manifest``, and an ``IngestError`` for each bad line, in order.

    ``published`` dates the lines that give no date (every line with
    ``published_override``; see :func:`~mildip.ingest.metadate.as_published`).
    """
    published = as_published(published)
    try:
        text, _encoding = decode_text(read_bytes(manifest, settings), str(manifest))
    except IngestError as exc:
        yield exc
        return
    first_line: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            doc = _line_document(line, number, manifest, settings, published, published_override)
        except IngestError as exc:
            yield exc
            continue
        if doc.doc_id in first_line:
            yield UnreadableInputError(
                f"{manifest}:{number}",
                f"duplicate id {doc.doc_id!r} (first used on line {first_line[doc.doc_id]})",
            )
            continue
        first_line[doc.doc_id] = number
        yield doc
