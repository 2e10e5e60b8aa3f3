"""Writing events out: JSON Lines spec records and a flat CSV.

Every writer has the signature ``writer(events, fp)`` and writes text to ``fp``.
``FORMATS`` maps a format name to its writer (a read-only mapping: add a format by
adding an entry to the literal below); :func:`writer_for` looks one up.

* ``jsonl``: one record of ``shared/spec/events.md`` per (event, document), as
  :meth:`Event.to_records` writes it, one JSON object a line.
* ``csv``: the same (event, document) rows, flattened to :data:`CSV_COLUMNS`.
* ``graphml`` / ``graphml-officials``: the engagement network of parties / of
  officials (:mod:`mildip.analysis.network`).

Every record and row carries ``review``: ``machine`` (as extracted), ``accepted`` or
``edited`` by an analyst (rejected events are left out of the store's queries, so of
every export, unless asked for). :func:`write_parquet` writes the CSV's rows as a
Parquet table to a binary file (``BINARY_FORMATS``; needs pyarrow, in the ``web`` extra).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, BinaryIO, TextIO

from mildip._exceptions import MissingExtraError, UnknownFormatError
from mildip.model import Event

Writer = Callable[[Iterable[Event], TextIO], None]

CSV_COLUMNS: tuple[str, ...] = (
    "event_id",
    "doc",
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


def write_jsonl(events: Iterable[Event], fp: TextIO) -> None:
    """One spec record per (event, document), one JSON object a line (UTF-8 text)."""
    for event in events:
        fp.writelines(
            json.dumps(record, ensure_ascii=False) + "\n" for record in event.to_records()
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


def csv_row(record: dict[str, Any], flags: Iterable[str] = ()) -> list[str]:
    """The CSV cells of one spec record, in :data:`CSV_COLUMNS` order."""
    flat = dict(record)
    flat["actors"] = ";".join(record["actors"])
    flat["participants"] = "; ".join(format_participant(p) for p in record["participants"])
    flat["sources"] = "; ".join(format_source(s) for s in record.get("sources_cited") or ())
    flat["flags"] = "; ".join(flags)
    return [_cell(flat.get(column)) for column in CSV_COLUMNS]


def write_csv(events: Iterable[Event], fp: TextIO) -> None:
    """A header row, then one row per (event, document); ``\\n`` line ends."""
    writer = csv.writer(fp, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for event in events:
        for record in event.to_records():
            writer.writerow(csv_row(record, event.flags))


def write_graphml(events: Iterable[Event], fp: TextIO) -> None:
    """The party engagement network as GraphML (networkx is imported only for this format)."""
    from mildip.analysis.network import write_graphml as write_network

    write_network(events, fp, level="party")


def write_graphml_officials(events: Iterable[Event], fp: TextIO) -> None:
    """The network of officials who met (different parties, same event) as GraphML."""
    from mildip.analysis.network import write_graphml as write_network

    write_network(events, fp, level="official")


def write_parquet(events: Iterable[Event], fp: BinaryIO) -> None:
    """The CSV's rows as one Parquet table: ``actors`` and ``flags`` stay lists, ``round``
    an integer, ``resumed`` a boolean; every other column is text."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingExtraError("web", "pyarrow") from None
    listed = {"actors", "flags"}
    types = {"round": pa.int64(), "resumed": pa.bool_()}
    schema = pa.schema(
        [
            pa.field(c, pa.list_(pa.string()) if c in listed else types.get(c, pa.string()))
            for c in CSV_COLUMNS
        ]
    )
    rows = []
    for event in events:
        for record in event.to_records():
            cells = dict(zip(CSV_COLUMNS, csv_row(record, event.flags), strict=True))
            cells["actors"] = list(record["actors"])
            cells["flags"] = list(event.flags)
            cells["round"] = record["round"]
            cells["resumed"] = bool(record["resumed"])
            rows.append({k: (v if v != "" else None) for k, v in cells.items()})
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), fp)


BINARY_FORMATS: Mapping[str, Callable[[Iterable[Event], BinaryIO], None]] = MappingProxyType(
    {"parquet": write_parquet}
)
"""Export formats written to a binary file: format name → writer."""


FORMATS: Mapping[str, Writer] = MappingProxyType(
    {
        "jsonl": write_jsonl,
        "csv": write_csv,
        "graphml": write_graphml,
        "graphml-officials": write_graphml_officials,
    }
)
"""Export format name → writer."""


def writer_for(name: str) -> Writer:
    """The writer of format ``name``; UnknownFormatError lists the known formats."""
    try:
        return FORMATS[name.lower()]
    except KeyError:
        raise UnknownFormatError(
            f"unknown export format {name!r}; choose one of: {', '.join(sorted(FORMATS))}"
        ) from None
