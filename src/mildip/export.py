"""Writing events out: JSON Lines spec records, a flat CSV, Parquet, GraphML.

Every writer has the signature ``writer(events, fp, documents=None)``; ``fp`` is a text
stream, except for the formats in :data:`BINARY_FORMATS` (a binary stream).
``FORMATS`` maps a format name to its writer (a read-only mapping: add a format by
adding an entry to the literal below); :func:`writer_for` looks one up, and
:data:`FORMAT_SUFFIXES` gives the file extensions that mean each format.

* ``jsonl``: one record of ``shared/spec/events.md`` per (event, document), as
  :meth:`Event.to_records` writes it, one JSON object a line, plus the evidence
  document's :data:`DOCUMENT_KEYS`.
* ``csv``: the same (event, document) rows, flattened to :data:`CSV_COLUMNS`.
* ``parquet``: the same rows and columns as the CSV, typed (``round`` an integer,
  ``resumed`` a boolean, ``actors`` a list of strings, ``doc_published`` a date); needs
  pyarrow.
* ``graphml`` / ``graphml-officials``: the engagement network of parties / of
  officials (:mod:`mildip.analysis.network`); one graph, no per-document rows.

``documents`` (any iterable of :class:`~mildip.model.Document`, or a mapping by id) fill
the document keys: ``doc_url``, ``doc_title``, ``doc_outlet`` (the publication) and
``doc_published`` (ISO date). A document that is not given leaves them empty.

Every record and row carries ``review``: ``machine`` (as extracted), ``accepted`` or
``edited`` by an analyst. Rejected events are left out of the store's queries, so of
every export, unless a caller asks for them (then ``review`` says ``rejected``).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import IO, Any

from mildip._exceptions import UnknownFormatError
from mildip.model import Document, Event

Documents = Iterable[Document] | Mapping[str, Document] | None
Writer = Callable[..., None]

DOCUMENT_KEYS: tuple[str, ...] = ("doc_url", "doc_title", "doc_outlet", "doc_published")
"""The evidence document's URL, title, outlet (publication) and publication date, on every row."""

CSV_COLUMNS: tuple[str, ...] = (
    "event_id",
    "doc",
    *DOCUMENT_KEYS,
    "type",
    "actors",
    "initiator",
    "date",
    "modality",
    "mechanism",
    "round",
    "resumed",
    "location",
    "participants",
    "evidence",
    "sources",
    "responds_to",
    "flags",
    "review",
)
"""Columns of the CSV export; lists inside a cell are joined by ``"; "``."""


def _by_id(documents: Documents) -> Mapping[str, Document]:
    if documents is None:
        return {}
    if isinstance(documents, Mapping):
        return documents
    return {d.doc_id: d for d in documents}


def document_fields(document: Document | None) -> dict[str, str | None]:
    """The :data:`DOCUMENT_KEYS` of one document (all None when it is unknown)."""
    if document is None:
        return dict.fromkeys(DOCUMENT_KEYS)
    return {
        "doc_url": document.url,
        "doc_title": document.title,
        "doc_outlet": document.publication,
        "doc_published": document.published.isoformat() if document.published else None,
    }


def export_records(events: Iterable[Event], documents: Documents = None) -> list[dict[str, Any]]:
    """One spec record per (event, document), each with its document's :data:`DOCUMENT_KEYS`."""
    docs = _by_id(documents)
    out = []
    for event in events:
        for record in event.to_records():
            record.update(document_fields(docs.get(record["doc"] or "")))
            record["flags"] = list(event.flags)
            out.append(record)
    return out


def write_jsonl(events: Iterable[Event], fp: IO[str], documents: Documents = None) -> None:
    """One spec record per (event, document), one JSON object a line (UTF-8 text)."""
    fp.writelines(
        json.dumps(record, ensure_ascii=False) + "\n"
        for record in export_records(events, documents)
    )


def format_participant(participant: dict[str, Any]) -> str:
    """``"Name (Title, PARTY)"``; missing parts are left out, a missing name is ``unnamed``."""
    details = ", ".join(v for v in (participant.get("title"), participant.get("party")) if v)
    name = participant.get("name") or "unnamed"
    return f"{name} ({details})" if details else name


def format_source(source: dict[str, Any]) -> str:
    """``"SOURCE (DATE)"`` for a cited source; either part may be missing."""
    name = source.get("source") or "unnamed source"
    return f"{name} ({source['date']})" if source.get("date") else name


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def flat_row(record: dict[str, Any], flags: Iterable[str] | None = None) -> dict[str, Any]:
    """One record flattened to :data:`CSV_COLUMNS` (lists joined; values keep their types)."""
    flat = dict(record)
    flat["actors"] = ";".join(record["actors"])
    flat["participants"] = "; ".join(format_participant(p) for p in record["participants"])
    flat["sources"] = "; ".join(format_source(s) for s in record.get("sources_cited") or ())
    flat["flags"] = "; ".join(record.get("flags") or () if flags is None else flags)
    return {column: flat.get(column) for column in CSV_COLUMNS}


def csv_row(record: dict[str, Any], flags: Iterable[str] | None = None) -> list[str]:
    """The CSV cells of one spec record, in :data:`CSV_COLUMNS` order."""
    return [_cell(v) for v in flat_row(record, flags).values()]


def write_csv(events: Iterable[Event], fp: IO[str], documents: Documents = None) -> None:
    """A header row, then one row per (event, document); ``\\n`` line ends."""
    writer = csv.writer(fp, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in export_records(events, documents):
        writer.writerow(csv_row(record))


def parquet_table(events: Iterable[Event], documents: Documents = None):
    """The export rows as a ``pyarrow.Table`` (the columns of :data:`CSV_COLUMNS`, typed)."""
    from datetime import date

    import pyarrow as pa

    records = export_records(events, documents)
    rows = [flat_row(r) for r in records]
    for record, row in zip(records, rows, strict=True):
        row["actors"] = list(record["actors"])
        published = row["doc_published"]
        row["doc_published"] = date.fromisoformat(published) if published else None
    types = {
        "actors": pa.list_(pa.string()),
        "round": pa.int64(),
        "resumed": pa.bool_(),
        "doc_published": pa.date32(),
    }
    schema = pa.schema([(c, types.get(c, pa.string())) for c in CSV_COLUMNS])
    return pa.Table.from_pylist(rows, schema=schema)


def write_parquet(events: Iterable[Event], fp: IO[bytes], documents: Documents = None) -> None:
    """The export rows as one Parquet file written to the binary stream ``fp``."""
    import pyarrow.parquet as pq

    pq.write_table(parquet_table(events, documents), fp)


def write_graphml(events: Iterable[Event], fp: IO[str], documents: Documents = None) -> None:
    """The party engagement network as GraphML (networkx is imported only for this format)."""
    from mildip.analysis.network import write_graphml as write_network

    write_network(events, fp, level="party")


def write_graphml_officials(
    events: Iterable[Event], fp: IO[str], documents: Documents = None
) -> None:
    """The network of officials who met (different parties, same event) as GraphML."""
    from mildip.analysis.network import write_graphml as write_network

    write_network(events, fp, level="official")


FORMATS: Mapping[str, Writer] = MappingProxyType(
    {
        "jsonl": write_jsonl,
        "csv": write_csv,
        "graphml": write_graphml,
        "graphml-officials": write_graphml_officials,
        "parquet": write_parquet,
    }
)
"""Export format name → writer."""

BINARY_FORMATS: frozenset[str] = frozenset({"parquet"})
"""Formats whose writer takes a binary stream."""

FORMAT_SUFFIXES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "jsonl": (".jsonl", ".ndjson"),
        "csv": (".csv",),
        "graphml": (".graphml",),
        "graphml-officials": (".graphml",),
        "parquet": (".parquet",),
    }
)
"""File extensions that mean each format (``.graphml`` is ``graphml`` unless told otherwise)."""


def writer_for(name: str) -> Writer:
    """The writer of format ``name``; UnknownFormatError lists the known formats."""
    try:
        return FORMATS[name.lower()]
    except KeyError:
        raise UnknownFormatError(
            f"unknown export format {name!r}; choose one of: {', '.join(sorted(FORMATS))}"
        ) from None
