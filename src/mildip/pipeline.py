"""The main job as library calls: ingest → extract → store → resolve.

* :func:`ingest_paths` reads files and folders, stores each new document, extracts
  its events and rebuilds the resolved event layer. A file that fails is reported
  in :attr:`IngestReport.failed` and the rest of the batch is kept; ingesting the
  same documents again changes nothing.
* :func:`reextract` re-runs extraction over stored documents (after a lexicon or
  extractor change) and rebuilds the resolved layer; analyst overrides survive.
* :func:`extract_many` maps extraction over documents, serially or on a Dask
  cluster (``scheduler="dask"``): extraction is a pure function of (document,
  settings), so the distributed run is a plain map.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from mildip._exceptions import IngestError, MissingExtraError
from mildip._version import EXTRACTOR_VERSION
from mildip.extract import extract_document
from mildip.ingest import iter_documents
from mildip.model import Document, Event
from mildip.settings import Settings
from mildip.store import Store


@dataclass
class IngestReport:
    """What one ingest run did."""

    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    mentions: int = 0
    events: int = 0

    @property
    def ok(self) -> bool:
        """False only when nothing could be ingested from a non-empty batch."""
        return bool(self.added or self.unchanged) or not self.failed


def extract_many(
    docs: Sequence[Document],
    settings: Settings,
    scheduler: str = "serial",
    address: str | None = None,
) -> list[list[Event]]:
    """Events of each document, in input order. ``scheduler`` is "serial" or "dask"
    (a local cluster, or the scheduler at ``address``)."""
    if scheduler == "serial" or len(docs) <= 1:
        return [extract_document(d, settings) for d in docs]
    if scheduler != "dask":
        raise ValueError(f"unknown scheduler {scheduler!r}: use 'serial' or 'dask'")
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise MissingExtraError("dask", "dask[distributed]") from None
    if address:
        client = Client(address)
        cluster = None
    else:
        cluster = LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        )
        client = Client(cluster)
    try:
        futures = client.map(extract_document, list(docs), settings=settings, pure=True)
        return client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def rebuild_events(store: Store, settings: Settings) -> int:
    """Recompute the resolved layer from all mentions and the analysts' overrides."""
    from mildip.resolve.coref import rebuild_events as _rebuild

    return len(_rebuild(store, settings))


def ingest_paths(
    paths: Iterable[str],
    store: Store,
    settings: Settings,
    published: date | None = None,
    on_item: Callable[[str], None] | None = None,
    scheduler: str = "serial",
) -> IngestReport:
    """Ingest ``paths`` into ``store``; ``on_item`` is called once per input (progress)."""
    report = IngestReport()
    pending: list[Document] = []
    for item in iter_documents(list(paths), settings, published):
        if isinstance(item, IngestError):
            report.failed.append((item.source, item.reason))
            if on_item:
                on_item(item.source)
            continue
        doc_id, created = store.add_document(item)
        if created or not store.extraction_runs(doc_id):
            report.added.append(doc_id)
            pending.append(replace(item, doc_id=doc_id))
        else:
            report.unchanged.append(doc_id)
        if on_item:
            on_item(item.source_path or doc_id)
    for doc, events in zip(pending, extract_many(pending, settings, scheduler), strict=True):
        store.save_mentions(doc.doc_id, events, EXTRACTOR_VERSION)
        report.mentions += len(events)
    if pending or report.unchanged:
        report.events = rebuild_events(store, settings)
    return report


def reextract(
    store: Store,
    settings: Settings,
    doc_ids: Iterable[str] | None = None,
    scheduler: str = "serial",
) -> int:
    """Re-run extraction over stored documents; returns the number of resolved events."""
    wanted = set(doc_ids) if doc_ids is not None else None
    docs = [d for d in store.documents() if wanted is None or d.doc_id in wanted]
    for doc, events in zip(docs, extract_many(docs, settings, scheduler), strict=True):
        store.save_mentions(doc.doc_id, events, EXTRACTOR_VERSION)
    return rebuild_events(store, settings)
