"""Files and folders to Documents: the ingest stage's entry points.

* :func:`read_source` - one file to documents *and* errors, in order (a manifest
  may yield both); it never raises ``IngestError``.
* :func:`load_file` - one file to a list of documents; raises the first
  ``IngestError`` (use :func:`read_source` to keep a manifest's good lines).
* :func:`iter_documents` - many files and folders; folders are walked recursively
  in sorted order (a folder's files before its subfolders), skipping hidden files
  and folders and ``*.gold.jsonl``. Unsupported files inside a folder are reported
  as errors rather than silently skipped.

The same input always gives equal documents: nothing depends on the clock, the
process or the order of the file system.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from mildip._exceptions import IngestError, UnreadableInputError
from mildip.ingest.documents import (
    GOLD_SUFFIX,
    MANIFEST_SUFFIX,
    build_document,
    check_supported,
    doc_id_for,
    read_source_text,
)
from mildip.ingest.manifest import read_manifest
from mildip.ingest.metadate import PublishedDate, as_published
from mildip.model import Document
from mildip.settings import Settings

Published = PublishedDate | date | str | None
"""A caller's publication date: a date, ``"2024-01"``, ``"April 2023"``, ... (see
:func:`~mildip.ingest.metadate.as_published`). It dates the inputs that give no date
of their own; with ``published_override=True`` it replaces every input's date."""


def read_source(
    path: str | Path,
    settings: Settings,
    published: Published = None,
    *,
    published_override: bool = False,
) -> Iterator[Document | IngestError]:
    """Documents of one file, with an ``IngestError`` in place of each failure.

    A ``published`` that is no date is a ValueError (raised on the first item).
    """
    published = as_published(published)
    path = Path(path)
    if not path.exists():
        yield UnreadableInputError(str(path), "no such file or folder")
        return
    if path.is_dir():
        yield UnreadableInputError(str(path), "is a folder; pass it to iter_documents")
        return
    try:
        check_supported(path)
        if path.suffix.lower() == MANIFEST_SUFFIX:
            yield from read_manifest(
                path, settings, published, published_override=published_override
            )
            return
        found = read_source_text(path, settings)
    except IngestError as exc:
        yield exc
        return
    yield build_document(
        doc_id_for(path),
        found,
        str(path),
        published,
        published_override=published_override,
        settings=settings,
    )


def load_file(
    path: Path,
    settings: Settings,
    published: Published = None,
    *,
    published_override: bool = False,
) -> list[Document]:
    """One file to its documents (many for a JSONL manifest).

    Raises the first ``IngestError`` met; its ``reason`` is one actionable line.
    ``published`` dates a file that gives no date (every file with
    ``published_override``).
    """
    documents = []
    for item in read_source(path, settings, published, published_override=published_override):
        if isinstance(item, IngestError):
            raise item
        documents.append(item)
    return documents


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and not name.lower().endswith(GOLD_SUFFIX):
                yield Path(root) / name


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The files ``iter_documents`` reads, in its order (folders walked as it walks them)."""
    for given in paths:
        path = Path(given)
        yield from (_walk(path) if path.is_dir() else iter([path]))


def iter_documents(
    paths: Iterable[str | Path],
    settings: Settings,
    published: Published = None,
    *,
    published_override: bool = False,
) -> Iterator[Document | IngestError]:
    """Documents of every file and folder in ``paths``; failures are yielded, not raised.

    A ``published`` that is no date is a ValueError (raised on the first item).
    """
    published = as_published(published)
    for file in iter_files(paths):
        yield from read_source(file, settings, published, published_override=published_override)
