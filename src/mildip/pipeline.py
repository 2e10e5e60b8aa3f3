"""The main job as library calls: ingest → extract → store → resolve.

* :func:`ingest_paths` reads files and folders, stores each new document, extracts
  its events and rebuilds the resolved event layer. A file that fails is reported
  in :attr:`IngestReport.failed` and the rest of the batch is kept; ingesting the
  same documents again changes nothing.
* :func:`reextract` re-runs extraction over stored documents (after a lexicon or
  extractor change) and rebuilds the resolved layer; analyst overrides survive.
* :func:`rebuild_events` redoes the store's resolved layer from its mentions and the
  analysts' overrides (:func:`resolve_events` computes it without saving);
  :func:`record_decision` appends any analyst decision to the review history and
  rebuilds; :func:`record_override` is the ``merge``/``split`` case the CLI uses
  (the workbench's actions are :mod:`mildip.review.actions`).
* :func:`extract_many` maps extraction over documents, serially or on a Dask
  cluster (``scheduler="dask"``): extraction is a pure function of (document,
  settings), so the distributed run is a plain map.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from mildip._exceptions import (
    DocumentNotFoundError,
    IngestError,
    MissingExtraError,
    OverrideError,
)
from mildip._version import EXTRACTOR_VERSION
from mildip.analysis.threads import link_proposals
from mildip.extract import extract_documents
from mildip.ingest import iter_documents
from mildip.kb.publishers import Publisher, find_publisher
from mildip.model import STRUCTURAL_KINDS, Document, Event, HistoryEntry, Override
from mildip.resolve.coref import merge_events
from mildip.resolve.overrides import event_anchors, event_summary, merge_override, split_override
from mildip.settings import Settings
from mildip.store import Store
from mildip.store.overrides import add_override, inputs_mark, list_overrides

REBUILD_ATTEMPTS = 5
"""How often :func:`rebuild_events` recomputes when other writers keep changing its inputs."""


SCHEDULERS: tuple[str, ...] = ("serial", "dask")
"""How extraction is mapped over documents."""


def check_scheduler(scheduler: str) -> str:
    """``scheduler`` itself, or ValueError naming the schedulers (checked before any work)."""
    if scheduler not in SCHEDULERS:
        raise ValueError(f"unknown scheduler {scheduler!r}: use {' or '.join(SCHEDULERS)}")
    return scheduler


@dataclass
class IngestReport:
    """What one ingest run did."""

    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    """``(source, warning)`` for every note of ``Document.meta["warnings"]`` read."""
    mentions: int = 0
    events: int = 0
    """Resolved events after the run, rejected ones left out."""

    @property
    def ok(self) -> bool:
        """False only when nothing could be ingested from a non-empty batch."""
        return bool(self.added or self.unchanged) or not self.failed


CHUNK = 50
"""Documents per extraction call: long enough a parse stream, small enough a task."""


def extract_many(
    docs: Sequence[Document],
    settings: Settings,
    scheduler: str = "serial",
    address: str | None = None,
) -> list[list[Event]]:
    """Events of each document, in input order. ``scheduler`` is "serial" or "dask"
    (a local cluster, or the scheduler at ``address``). Documents go to the extractor
    in chunks of :data:`CHUNK` (one parse stream each); with Dask each chunk is a task."""
    check_scheduler(scheduler)
    chunks = [list(docs[i : i + CHUNK]) for i in range(0, len(docs), CHUNK)]
    if scheduler == "serial" or len(docs) <= 1:
        return [events for chunk in chunks for events in extract_documents(chunk, settings)]
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
        futures = client.map(extract_documents, chunks, settings=settings, pure=True)
        return [events for done in client.gather(futures) for events in done]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def document_publishers(store: Store) -> dict[str, Publisher | None]:
    """doc_id → the outlet of each stored document (from its publication and URL)."""
    return {d.doc_id: find_publisher(d.publication, d.url) for d in store.documents()}


def resolve_events(
    store: Store, settings: Settings, overrides: Sequence[Override] | None = None
) -> list[Event]:
    """The resolved layer from every stored mention and ``overrides`` (default: the stored
    ones), answers linked to proposals (``responds_to``; rejected events take no part).
    Nothing is saved."""
    if overrides is None:
        overrides = list_overrides(store)
    events = merge_events(
        store.mentions(), settings, overrides, publishers=document_publishers(store)
    )
    # ids change when documents merge: link on the final events, from scratch
    live = [e.with_(responds_to=None) for e in events if e.review != "rejected"]
    linked = {e.event_id: e for e in link_proposals(live, settings)}
    return [linked.get(e.event_id) or e.with_(responds_to=None) for e in events]


def _save_settled(store: Store, settings: Settings, events: list[Event], mark) -> list[Event]:
    """Save ``events`` (computed from the inputs at ``mark``); recompute and save again
    while the inputs moved meanwhile, so the last save holds every committed input."""
    for _ in range(REBUILD_ATTEMPTS):
        store.save_events(events)
        now = inputs_mark(store)
        if now == mark:
            break
        mark = now
        events = resolve_events(store, settings)
    return events


def rebuild_events(store: Store, settings: Settings) -> list[Event]:
    """Recompute the resolved layer from every stored mention and every stored
    override (:func:`resolve_events`), save it, and return it. Run after
    (re-)extraction and after each decision. When another writer changes the mentions
    or the decisions while this runs, the layer is recomputed (up to
    :data:`REBUILD_ATTEMPTS` times), so concurrent writers cannot leave a stale layer."""
    mark = inputs_mark(store)
    return _save_settled(store, settings, resolve_events(store, settings), mark)


def record_decision(
    store: Store,
    settings: Settings,
    override: Override,
    *,
    event_id: str | None = None,
    before: Sequence[Event] = (),
    expected: dict[str, int] | None = None,
) -> tuple[HistoryEntry, list[Event]]:
    """Append one analyst decision and its history row, rebuild, and return the entry
    and the rebuilt events holding the decision's passages.

    The history row keeps ``before`` (the events as the analyst saw them) and the
    events after the decision, computed before anything is written. ``expected`` maps
    event ids to the versions the analyst saw: if one moved, ReviewConflictError is
    raised and nothing is written (:func:`mildip.store.overrides.add_override`).
    """
    mark = inputs_mark(store)
    stored = list_overrides(store)
    preview = resolve_events(store, settings, [*stored, override])
    keys = set(override.event_keys)
    touched = [e for e in preview if keys.intersection(event_anchors(e))]
    entry = add_override(
        store,
        override,
        event_id=event_id,
        before={"events": [event_summary(e) for e in before]},
        after={"events": [event_summary(e) for e in touched]},
        expected=expected,
    )
    written = (entry.entry_id, mark[1])
    if inputs_mark(store) == written and len(list_overrides(store)) == len(stored) + 1:
        events = _save_settled(store, settings, preview, written)
    else:
        events = rebuild_events(store, settings)
    return entry, [e for e in events if keys.intersection(event_anchors(e))]


def record_override(
    store: Store,
    kind: str,
    event_ids: Sequence[str],
    reason: str,
    settings: Settings,
    author: str | None = None,
) -> list[Event]:
    """Record an analyst's ``merge`` (two or more events) or ``split`` (one event) of
    resolved events, rebuild the resolved layer, and return the rebuilt events that
    hold the overridden passages. The decision gets a review-history row by ``author``.

    Raises EventNotFoundError for an unknown id and OverrideError for a malformed request.
    """
    if kind not in STRUCTURAL_KINDS:
        raise OverrideError(f"unknown override kind {kind!r}; use merge or split")
    ids = list(dict.fromkeys(event_ids))
    if kind == "merge" and len(ids) < 2:
        raise OverrideError("merge needs at least two different event ids")
    if kind == "split" and len(ids) != 1:
        raise OverrideError("split takes exactly one event id")
    if not reason.strip():
        raise OverrideError("give a --reason: it is kept with the decision for later readers")
    targets = [store.get_event(i) for i in ids]
    if kind == "split" and len(targets[0].evidence) < 2:
        raise OverrideError(f"event {ids[0]} has a single passage; there is nothing to split")
    override = (
        merge_override(targets, reason) if kind == "merge" else split_override(targets[0], reason)
    )
    override = replace(override, author=author)
    _, events = record_decision(store, settings, override, event_id=ids[0], before=targets)
    return events


def _shown(events: Iterable[Event]) -> int:
    """How many of ``events`` readers see: every one an analyst did not reject."""
    return sum(1 for e in events if e.review != "rejected")


def ingest_paths(
    paths: Iterable[str],
    store: Store,
    settings: Settings,
    published: date | str | None = None,
    on_item: Callable[[str], None] | None = None,
    scheduler: str = "serial",
) -> IngestReport:
    """Ingest ``paths`` into ``store``; ``on_item`` is called once per input (progress).

    ``published`` overrides every input's date (a date or a string such as
    ``"2024-01"``: see :func:`mildip.ingest.as_published`). An unknown ``scheduler`` is
    refused before anything is stored.
    """
    check_scheduler(scheduler)
    report = IngestReport()
    pending: list[Document] = []
    for item in iter_documents(list(paths), settings, published):
        if isinstance(item, IngestError):
            report.failed.append((item.source, item.reason))
            if on_item:
                on_item(item.source)
            continue
        source = (
            f"{item.meta['manifest']}:{item.meta['line']}"
            if "manifest" in item.meta
            else item.source_path or item.doc_id
        )
        report.warnings += [(source, w) for w in item.meta.get("warnings", ())]
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
        report.events = _shown(rebuild_events(store, settings))
    return report


def reextract(
    store: Store,
    settings: Settings,
    doc_ids: Iterable[str] | None = None,
    scheduler: str = "serial",
) -> int:
    """Re-run extraction over stored documents; returns the number of resolved events
    (rejected ones left out, as every reader leaves them out).

    An id in ``doc_ids`` that is not stored raises DocumentNotFoundError (naming close
    ids) before anything is re-extracted.
    """
    check_scheduler(scheduler)
    wanted = list(dict.fromkeys(doc_ids)) if doc_ids is not None else None
    if wanted is not None:
        known = store.document_ids()
        missing = [d for d in wanted if d not in known]
        if missing:
            import difflib

            close = sorted({c for m in missing for c in difflib.get_close_matches(m, known, 3)})
            hint = f"; close ids: {', '.join(close)}" if close else ""
            raise DocumentNotFoundError(
                f"no document {', '.join(map(repr, missing))} in the store{hint}; "
                f"the store holds {len(known)} document(s)"
            )
    docs = [d for d in store.documents() if wanted is None or d.doc_id in wanted]
    for doc, events in zip(docs, extract_many(docs, settings, scheduler), strict=True):
        store.save_mentions(doc.doc_id, events, EXTRACTOR_VERSION)
    return _shown(rebuild_events(store, settings))
