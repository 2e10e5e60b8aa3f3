"""The main job as library calls: ingest → extract → store → resolve, and watching sources.

* :func:`ingest_paths` reads files, folders and URLs and stores each document as a
  version of its identity (:mod:`mildip.store.versions`), extracts the events of
  new texts and rebuilds the resolved event layer. Every call is a recorded run
  (:mod:`mildip.store.runs`); an input that fails is reported with its reason and
  the rest of the batch is kept; ingesting the same inputs again changes nothing.
  :func:`ingest_inputs` is the same over :class:`Target` items (what ``watch`` uses).
* :func:`poll_sources` polls feeds and pages once (conditional requests, backoff,
  de-duplication by URL and by content) and ingests what is new; :func:`watch` does
  it on a schedule.
* :func:`reextract` re-runs extraction over stored documents (after a lexicon or
  extractor change) and rebuilds the resolved layer; analyst overrides survive.
* :func:`rebuild_events` redoes the store's resolved layer from the current
  documents' mentions and the analysts' overrides (:func:`resolve_events` computes
  it without saving); :func:`record_decision` appends any analyst decision to the
  review history and rebuilds; :func:`record_override` is the ``merge``/``split``
  case the CLI uses (the workbench's actions are :mod:`mildip.review.actions`);
  :func:`retire_documents` and :func:`restore_documents` take documents out of the
  answers and back.
* :func:`extract_many` maps extraction over documents, serially or on a Dask
  cluster (``scheduler="dask"``): extraction is a pure function of (documents,
  settings), so the distributed run is a plain map over chunks of documents.
* :func:`unfinished_run_notice` is the one line a read command prints while an
  ingest run is unfinished.

Crash safety: each document is stored in its own transaction, and its mentions
(with the carried-over overrides) in another; a document stored but never
extracted is extracted by the next run (outcome ``resumed``), and the resolved
layer is rebuilt from scratch at the end of every run. So running an interrupted
command again - even after ``kill -9`` - gives the database an uninterrupted run
would have given.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mildip._exceptions import (
    DocumentNotFoundError,
    FetchError,
    IngestError,
    MissingExtraError,
    OverrideError,
    UnreadableInputError,
)
from mildip._version import EXTRACTOR_VERSION
from mildip.resolve.threads import link_proposals
from mildip.dates import bounds
from mildip.api import extract_documents
from mildip.ingest.feeds import index_links, parse_feed
from mildip.ingest.fetch import DOCUMENT_TYPES, FEED_TYPES, Fetcher, FetchRecord
from mildip.ingest.loader import iter_files, read_source
from mildip.ingest.metadate import PublishedDate, as_published
from mildip.ingest.sources import Source
from mildip.ingest.urls import is_url, normalise_url
from mildip.ingest.web import document_from_fetch
from mildip.kb.publishers import Publisher, find_publisher
from mildip.model import STRUCTURAL_KINDS, Document, Event, HistoryEntry, Override
from mildip.resolve.coref import merge_events
from mildip.resolve.overrides import event_anchors, event_summary, merge_override, split_override
from mildip.settings import Settings
from mildip.store import Store
from mildip.store import feeds as feed_store
from mildip.store import runs as run_store
from mildip.store.overrides import add_override, inputs_mark, list_overrides
from mildip.store.versions import (
    CarriedOverride,
    VersionInfo,
    add_version,
    file_identity,
    known_identities,
    list_versions,
    restore,
    retire,
    save_version_mentions,
    status_mark,
)

EXTRACTOR_LANGUAGES: frozenset[str] = frozenset({"en"})
"""Languages the extractor reads; documents in others are stored and reported."""
CHUNK = 50
"""Documents per extraction call: long enough a parse stream, small enough a task."""
BATCH = 2 * CHUNK
"""Documents stored before their extraction runs (and is saved) as one batch; an
interrupted run leaves at most this many stored but not extracted (the next run
extracts them)."""
SCHEDULERS: tuple[str, ...] = ("serial", "dask")
"""How extraction is mapped over documents."""


def check_scheduler(scheduler: str) -> str:
    """``scheduler`` itself, or ValueError naming the schedulers (checked before any work)."""
    if scheduler not in SCHEDULERS:
        raise ValueError(f"unknown scheduler {scheduler!r}: use {' or '.join(SCHEDULERS)}")
    return scheduler


def no_extractor_note(language: str) -> str:
    """The note for a document in a language without an extractor."""
    return f"{language}: stored, no extractor for this language yet"


@dataclass(frozen=True)
class Target:
    """One input of a batch: a path or URL; ``context`` is what a feed or sources file
    says about it (see :func:`mildip.ingest.web.document_from_fetch`); ``record`` is
    its already fetched bytes, ``error`` a failure met before the batch (a feed that
    could not be read)."""

    value: str
    context: Mapping[str, Any] | None = None
    record: FetchRecord | None = None
    error: IngestError | None = None


@dataclass
class IngestReport:
    """What one ingest run did. Lists hold doc_ids unless said otherwise; the numbers
    are the numbers stored (``mildip runs`` shows the same)."""

    run_id: int | None = None
    added: list[str] = field(default_factory=list)
    new_versions: list[tuple[str, str]] = field(default_factory=list)
    """``(new doc_id, superseded doc_id)``."""
    resumed: list[str] = field(default_factory=list)
    """Stored by an interrupted run, extracted by this one."""
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    """``(source, doc_id of the document it repeats)``: not stored again."""
    failed: list[tuple[str, str]] = field(default_factory=list)
    """``(source, one-line reason)``."""
    warnings: list[tuple[str, str]] = field(default_factory=list)
    """``(source, warning)`` for every note of ``Document.meta["warnings"]`` read."""
    not_extracted: list[tuple[str, str, str]] = field(default_factory=list)
    """``(source, doc_id, language)`` of documents stored in a language without an extractor."""
    overrides: list[CarriedOverride] = field(default_factory=list)
    """Overrides moved from superseded versions (and the anchors that could not be)."""
    outcomes: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    """source → ``(outcome, doc_id)`` of its last document (``failed`` with None)."""
    mentions: int = 0
    events: int = 0
    """Resolved events after the run, rejected ones left out."""
    status: str = run_store.FINISHED

    @property
    def ok(self) -> bool:
        """True when no input failed."""
        return not self.failed

    @property
    def stored(self) -> int:
        """Documents written by this run (new identities and new versions)."""
        return len(self.added) + len(self.new_versions)

    def summary(self) -> str:
        """The one-line summary ``mildip ingest`` prints."""
        parts = [f"{len(self.added)} document(s) added"]
        if self.new_versions:
            parts.append(f"{len(self.new_versions)} new version(s)")
        if self.resumed:
            parts.append(f"{len(self.resumed)} resumed")
        parts.append(f"{len(self.unchanged)} unchanged")
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} duplicate(s)")
        parts.append(f"{len(self.failed)} failed")
        run = f" (run {self.run_id})" if self.run_id is not None else ""
        return (
            f"{', '.join(parts)}; {self.mentions} event mention(s) extracted, "
            f"{self.events} event(s) in the database{run}."
        )


def _map(func, chunks: list[list[Document]], settings: Settings, scheduler: str, address):
    """``func(chunk, settings)`` of every chunk, in order: serially, or as Dask tasks."""
    check_scheduler(scheduler)
    if scheduler == "serial" or len(chunks) <= 1:
        return [func(chunk, settings) for chunk in chunks]
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
        futures = client.map(func, chunks, settings=settings, pure=True)
        return client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _chunks(docs: Sequence[Document]) -> list[list[Document]]:
    return [list(docs[i : i + CHUNK]) for i in range(0, len(docs), CHUNK)]


def extract_many(
    docs: Sequence[Document],
    settings: Settings,
    scheduler: str = "serial",
    address: str | None = None,
) -> list[list[Event]]:
    """Events of each document, in input order. ``scheduler`` is "serial" or "dask"
    (a local cluster, or the scheduler at ``address``). Documents go to the extractor
    in chunks of :data:`CHUNK` (one parse stream each); with Dask each chunk is a task."""
    done = _map(extract_documents, _chunks(docs), settings, scheduler, address)
    return [events for chunk in done for events in chunk]


def _failure(exc: Exception) -> str:
    detail = " ".join(str(exc).split())[:200]
    return f"extraction failed: {type(exc).__name__}" + (f": {detail}" if detail else "")


def extract_or_reason(docs: list[Document], settings: Settings) -> list[list[Event] | str]:
    """The events of each of ``docs``, or for a document whose extraction raised a
    one-line reason (an extractor bug must not stop a batch): the chunk is parsed in
    one stream, and document by document only when that raised."""
    try:
        return list(extract_documents(docs, settings))
    except Exception:  # noqa: BLE001 - find the documents that fail, one by one
        pass
    out: list[list[Event] | str] = []
    for doc in docs:
        try:
            out.append(extract_documents([doc], settings)[0])
        except Exception as exc:  # noqa: BLE001 - any extractor failure becomes one line
            out.append(_failure(exc))
    return out


def document_publishers(store: Store) -> dict[str, Publisher | None]:
    """doc_id → the outlet of each stored document (from its publication and URL)."""
    return {d.doc_id: find_publisher(d.publication, d.url) for d in store.documents()}


def resolve_events(
    store: Store, settings: Settings, overrides: Sequence[Override] | None = None
) -> list[Event]:
    """The resolved layer from the current documents' mentions and ``overrides``
    (default: the stored ones), answers linked to proposals (``responds_to``; rejected
    events take no part). Nothing is saved."""
    if overrides is None:
        overrides = list_overrides(store)
    events = merge_events(
        store.mentions(), settings, overrides, publishers=document_publishers(store)
    )
    # ids change when documents merge: link on the final events, from scratch
    live = [e.with_(responds_to=None) for e in events if e.review != "rejected"]
    linked = {e.event_id: e for e in link_proposals(live, settings)}
    return [linked.get(e.event_id) or e.with_(responds_to=None) for e in events]


def _inputs(store: Store) -> tuple:
    """A marker of what the resolved layer is computed from: the newest decision and
    extraction run, how many decisions there are, and which documents are current."""
    return inputs_mark(store), len(list_overrides(store)), status_mark(store)


def _save_settled(store: Store, settings: Settings, events: list[Event], mark) -> list[Event]:
    """Save ``events``, computed from the inputs at ``mark``, under the store's write
    lock (:meth:`Store.exclusive`); when the inputs moved meanwhile, recompute first."""
    with store.exclusive() as session:
        if mark is None or _inputs(store) != mark:
            events = resolve_events(store, settings)
        store.write_events(session, events)
    return events


def rebuild_events(store: Store, settings: Settings) -> list[Event]:
    """Recompute the resolved layer from the current documents' mentions and every
    stored override (:func:`resolve_events`), save it, and return it. Run after
    (re-)extraction, after each decision and after documents enter or leave the
    answers. It holds the store's write lock from before it reads until it has
    written, so two writers finishing together cannot leave a stale layer."""
    return _save_settled(store, settings, [], None)


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
    (_, run), n_overrides, documents = _inputs(store)
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
    written = ((entry.entry_id, run), n_overrides + 1, documents)
    if len(stored) != n_overrides:  # a decision came between the two reads
        written = None
    events = _save_settled(store, settings, preview, written)
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


def _shown_in_store(store: Store) -> int:
    """How many stored resolved events readers see (rejected ones left out)."""
    return store.event_page(limit=1)[1]


def reextract(
    store: Store,
    settings: Settings,
    doc_ids: Iterable[str] | None = None,
    scheduler: str = "serial",
) -> int:
    """Re-run extraction over the current documents (those in a language the extractor
    reads); returns the number of resolved events (rejected ones left out, as every
    reader leaves them out).

    An id in ``doc_ids`` that is not stored raises DocumentNotFoundError (naming close
    ids) before anything is re-extracted; a superseded or retired version named there
    is left as it is (its mentions are not in the answers).
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
    docs = [
        d
        for d in store.documents()
        if (wanted is None or d.doc_id in wanted) and d.language in EXTRACTOR_LANGUAGES
    ]
    for doc, events in zip(docs, extract_many(docs, settings, scheduler), strict=True):
        store.save_mentions(doc.doc_id, events, EXTRACTOR_VERSION)
    return _shown(rebuild_events(store, settings))


def retire_documents(
    store: Store, doc_ids: Sequence[str], reason: str, settings: Settings
) -> tuple[list[str], int]:
    """Retire current documents (:func:`mildip.store.versions.retire`) and rebuild the
    resolved layer without their mentions; returns (retired doc_ids, events now)."""
    done = retire(store, doc_ids, reason)
    events = _shown(rebuild_events(store, settings)) if done else _shown_in_store(store)
    return done, events


def restore_documents(
    store: Store, doc_ids: Sequence[str], settings: Settings
) -> tuple[list[str], int]:
    """Put retired documents back into the answers and rebuild; returns (restored, events)."""
    done = restore(store, doc_ids)
    events = _shown(rebuild_events(store, settings)) if done else _shown_in_store(store)
    return done, events


# --- ingest -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Read:
    """One document read (with its identity and fetched bytes), or one failure."""

    source: str
    identity: str | None
    item: Document | IngestError
    record: FetchRecord | None = None


def _file_source(doc: Document, file: Path) -> tuple[str, str]:
    """``(source shown to the user, identity)`` of a document read from ``file``."""
    if "manifest" in doc.meta:
        manifest = doc.meta["manifest"]
        return f"{manifest}:{doc.meta['line']}", file_identity(manifest, doc.doc_id)
    return doc.source_path or str(file), file_identity(file)


def _read_url(
    target: Target,
    settings: Settings,
    published: PublishedDate | None,
    published_override: bool,
    fetcher: Callable[[], Fetcher],
) -> _Read:
    try:
        identity = normalise_url(target.value)
    except ValueError as exc:
        return _Read(
            target.value, None, UnreadableInputError(target.value, f"not a valid URL ({exc})")
        )
    try:
        record = target.record or fetcher().fetch(target.value)
        doc = document_from_fetch(
            record,
            settings,
            published,
            published_override=published_override,
            context=target.context,
        )
    except IngestError as exc:
        return _Read(target.value, identity, exc)
    return _Read(target.value, identity, doc, record)


def _read_targets(
    targets: Sequence[Target],
    settings: Settings,
    published: PublishedDate | None,
    published_override: bool,
    fetcher: Callable[[], Fetcher],
) -> Iterator[_Read]:
    for target in targets:
        if target.error is not None:
            yield _Read(target.value, None, target.error)
        elif target.record is not None or is_url(target.value):
            yield _read_url(target, settings, published, published_override, fetcher)
        else:
            for file in iter_files([target.value]):
                for item in read_source(
                    file, settings, published, published_override=published_override
                ):
                    if isinstance(item, IngestError):
                        yield _Read(item.source, None, item)
                    else:
                        source, identity = _file_source(item, file)
                        yield _Read(source, identity, item)


class _Batch:
    """Stores documents one by one and extracts them in chunks, recording every input."""

    def __init__(self, store: Store, settings: Settings, report: IngestReport, scheduler: str):
        self.store, self.settings, self.report, self.scheduler = store, settings, report, scheduler
        self.pending: list[tuple[str, Document]] = []
        self.position = 0
        self.seen: set[str] = set()

    def _record(self, source: str, outcome: str, doc_id: str | None, reason: str | None = None):
        run_store.record_item(
            self.store, self.report.run_id, self.position, source, outcome, doc_id, reason
        )
        self.report.outcomes[source] = (outcome, doc_id)

    def _fail(self, source: str, reason: str) -> None:
        self.report.failed.append((source, reason))
        self._record(source, "failed", None, reason)

    def take(self, read: _Read) -> None:
        self.position += 1
        if isinstance(read.item, IngestError):
            self._fail(read.source, read.item.reason)
            return
        report, source = self.report, read.source
        report.warnings += [(source, w) for w in read.item.meta.get("warnings", ())]
        stored = add_version(self.store, read.item, read.identity, read.record)
        outcome, doc_id = stored.outcome, stored.doc_id
        doc = replace(read.item, doc_id=doc_id)
        if doc_id in self.seen:
            outcome = "duplicate"
        elif outcome == "unchanged" and not self.store.extraction_runs(doc_id):
            doc = self.store.get_document(doc_id) or doc
            if doc.language in EXTRACTOR_LANGUAGES:
                outcome = "resumed"
        self.seen.add(doc_id)
        note = None
        extract = outcome in ("added", "new_version", "resumed")
        if extract and doc.language not in EXTRACTOR_LANGUAGES:
            note, extract = no_extractor_note(doc.language), False
            report.not_extracted.append((source, doc_id, doc.language))
        if outcome == "added":
            report.added.append(doc_id)
        elif outcome == "new_version":
            report.new_versions.append((doc_id, stored.supersedes))
        elif outcome == "resumed":
            report.resumed.append(doc_id)
        elif outcome == "unchanged":
            report.unchanged.append(doc_id)
        else:
            report.duplicates.append((source, doc_id))
        self._record(source, outcome, doc_id, note)
        if extract:
            self.pending.append((source, doc))
            if len(self.pending) >= BATCH:
                self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        docs = [doc for _, doc in self.pending]
        chunks = _map(extract_or_reason, _chunks(docs), self.settings, self.scheduler, None)
        results = [result for chunk in chunks for result in chunk]
        for (source, doc), result in zip(self.pending, results, strict=True):
            if isinstance(result, str):
                self._fail(source, result)
                continue
            self.report.overrides += save_version_mentions(
                self.store, doc.doc_id, result, EXTRACTOR_VERSION
            )
            self.report.mentions += len(result)
        self.pending = []


@contextmanager
def _fetcher_for(settings: Settings, given: Fetcher | None) -> Iterator[Callable[[], Fetcher]]:
    """A getter of the fetcher to use: ``given``, or one made on first use and closed after."""
    made: list[Fetcher] = []

    def get() -> Fetcher:
        if given is not None:
            return given
        if not made:
            made.append(Fetcher(settings))
        return made[0]

    try:
        yield get
    finally:
        for fetcher in made:
            fetcher.close()


def _extra_counts(report: IngestReport) -> dict[str, int]:
    return {
        "mentions": report.mentions,
        "events": report.events,
        "not_extracted": len(report.not_extracted),
    }


@contextmanager
def interrupt_on_sigterm() -> Iterator[None]:
    """While inside, SIGTERM raises KeyboardInterrupt (so a run is recorded as interrupted)."""

    def handler(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def ingest_inputs(
    targets: Iterable[Target],
    store: Store,
    settings: Settings,
    published: date | str | PublishedDate | None = None,
    *,
    published_override: bool = False,
    on_item: Callable[[str], None] | None = None,
    scheduler: str = "serial",
    fetcher: Fetcher | None = None,
    command: str = "ingest",
    options: Mapping[str, Any] | None = None,
) -> IngestReport:
    """Ingest ``targets`` into ``store`` as one recorded run (see :func:`ingest_paths`)."""
    check_scheduler(scheduler)
    published = as_published(published)
    targets = list(targets)
    dead = run_store.close_dead_runs(store)
    run_options = {
        **(options or {}),
        "published": published.iso if published else None,
        "published_override": published_override,
        "scheduler": scheduler,
    }
    report = IngestReport(
        run_id=run_store.start_run(store, command, [t.value for t in targets], run_options)
    )
    batch = _Batch(store, settings, report, scheduler)
    with _fetcher_for(settings, fetcher) as get_fetcher:
        try:
            for read in _read_targets(
                targets, settings, published, published_override, get_fetcher
            ):
                batch.take(read)
                if on_item:
                    on_item(read.source)
            batch.flush()
            touched = report.stored or report.resumed or report.unchanged or report.duplicates
            if touched or dead:
                report.events = _shown(rebuild_events(store, settings))
            else:
                report.events = _shown_in_store(store)
        except BaseException as exc:
            interrupted = isinstance(exc, (KeyboardInterrupt, SystemExit))
            report.status = run_store.INTERRUPTED if interrupted else run_store.FAILED
            note = "interrupted" if interrupted else f"{type(exc).__name__}: {exc}"[:500]
            run_store.finish_run(store, report.run_id, report.status, _extra_counts(report), note)
            raise
    lost = [f"{c.override_id}:{a}" for c in report.overrides for a in c.lost]
    note = f"override anchors not carried to the new versions: {', '.join(lost)}" if lost else None
    run_store.finish_run(store, report.run_id, run_store.FINISHED, _extra_counts(report), note)
    return report


def ingest_paths(
    paths: Iterable[str],
    store: Store,
    settings: Settings,
    published: date | str | PublishedDate | None = None,
    on_item: Callable[[str], None] | None = None,
    scheduler: str = "serial",
    *,
    published_override: bool = False,
    fetcher: Fetcher | None = None,
) -> IngestReport:
    """Ingest files, folders and URLs into ``store`` as one recorded run.

    Each document is stored as a version of its identity (its URL, or canonical
    path): a new text of a known identity supersedes the old version, whose mentions
    leave the answers. New texts are extracted (if their language has an extractor)
    and the resolved layer is rebuilt. ``published`` (a date or a string such as
    ``"2024-01"``) dates inputs that give no date; with ``published_override`` it
    replaces every input's date. ``on_item`` is called once per input (progress).
    URLs are fetched with ``fetcher`` (default: a :class:`Fetcher` of ``settings``).
    An unknown ``scheduler`` is refused before anything is stored.
    """
    return ingest_inputs(
        [Target(str(p)) for p in paths],
        store,
        settings,
        published,
        published_override=published_override,
        on_item=on_item,
        scheduler=scheduler,
        fetcher=fetcher,
    )


def unfinished_run_notice(store: Store) -> str | None:
    """One line for read commands when an ingest run is still running or the latest
    run did not finish; None otherwise."""
    running = [r for r in run_store.unfinished_runs(store) if r.state == run_store.RUNNING]
    if running:
        run = running[-1]
        when = run.started_at.strftime("%Y-%m-%d %H:%M UTC")
        return (
            f"note: ingest run {run.run_id} ({run.command}, started {when}, pid {run.pid}) is "
            "still running; these answers may change when it ends"
        )
    latest = run_store.list_runs(store, limit=1)
    if latest and latest[0].state in (run_store.INTERRUPTED, run_store.FAILED):
        run = latest[0]
        when = run.started_at.strftime("%Y-%m-%d %H:%M UTC")
        return (
            f"note: ingest run {run.run_id} ({run.command}, started {when}) did not finish "
            f"({run.state}); answers may be incomplete - run the same command again to "
            "complete it (`mildip runs` shows what it did)"
        )
    return None


# --- feeds and pages ------------------------------------------------------------------------


@dataclass(frozen=True)
class SourcePoll:
    """What one poll of one source did: ``status`` is ``new items``, ``no new items``,
    ``fetched`` (a page), ``not modified``, ``failed`` or ``skipped`` (backing off)."""

    source: Source
    status: str
    detail: str = ""
    items: int = 0


@dataclass
class WatchRound:
    """One round of :func:`poll_sources`: each source's poll and the ingest run."""

    polls: list[SourcePoll]
    ingest: IngestReport
    next_due: datetime | None = None


MAX_BACKOFF = timedelta(days=1)


def _backoff(every: timedelta, failures: int) -> timedelta:
    return min(every * (2 ** min(failures, 10)), max(MAX_BACKOFF, every))


def _validators(record: FetchRecord, state: feed_store.FeedState) -> dict[str, str | None]:
    return {
        "etag": record.header("etag") or state.etag,
        "last_modified": record.header("last-modified") or state.last_modified,
    }


def poll_sources(
    sources: Sequence[Source],
    store: Store,
    settings: Settings,
    *,
    every: timedelta = timedelta(hours=1),
    force: bool = True,
    fetcher: Fetcher | None = None,
    published: date | str | PublishedDate | None = None,
    published_override: bool = False,
    on_item: Callable[[str], None] | None = None,
) -> WatchRound:
    """Poll every source once and ingest what is new, as one recorded run (``watch``).

    A feed is fetched with ``If-None-Match``/``If-Modified-Since`` from its last
    answer; a 304 costs nothing more. Its items whose URL a feed delivered before,
    or that some stored document has as identity, are skipped; the others are
    fetched and ingested (a text already stored under another URL is a duplicate).
    An index (a news listing page) gives its matching links as items. A page is
    ingested itself: a changed page becomes a new version. A source that
    fails waits ``every`` doubled per failure in a row (at most a day) before the
    next poll, unless ``force``; when an item of a feed fails, the feed's validators
    are not updated, so the next poll sees its items again.
    """
    now = datetime.now(UTC)
    polls: list[SourcePoll] = []
    targets: list[Target] = []
    pending: dict[str, tuple[feed_store.FeedState, list[str]]] = {}
    queued: set[str] = set()
    with _fetcher_for(settings, fetcher) as get_fetcher:
        for src in sources:
            state = feed_store.get_state(store, src.url)
            if not force and state.next_poll_at and state.next_poll_at > now:
                polls.append(
                    SourcePoll(src, "skipped", f"next poll {state.next_poll_at:%H:%M} UTC")
                )
                continue
            context = {
                "label": src.label or None,
                "side": src.side,
                "publication": src.publication,
                "kind": src.kind,
            }
            try:
                record = get_fetcher().fetch(
                    src.url,
                    accept=FEED_TYPES if src.kind == "feed" else DOCUMENT_TYPES,
                    etag=state.etag,
                    last_modified=state.last_modified,
                )
                feed = None
                if src.kind == "feed" and not record.not_modified:
                    feed = parse_feed(record.body, record.final_url, record.header("content-type"))
                elif src.kind == "index" and not record.not_modified:
                    feed = index_links(record.body, record.final_url, src.links or "")
            except IngestError as exc:
                failures = state.failures + 1
                feed_store.save_state(
                    store,
                    replace(
                        state,
                        last_polled_at=now,
                        next_poll_at=now + _backoff(every, failures),
                        failures=failures,
                        last_status=exc.status if isinstance(exc, FetchError) else None,
                        last_error=exc.reason,
                    ),
                )
                polls.append(SourcePoll(src, "failed", exc.reason))
                targets.append(Target(src.url, error=exc))
                continue
            fresh = replace(
                state,
                **_validators(record, state),
                last_polled_at=now,
                next_poll_at=now + every,
                failures=0,
                last_status=record.status,
                last_error=None,
            )
            if record.not_modified:
                feed_store.save_state(store, fresh)
                polls.append(SourcePoll(src, "not modified"))
                continue
            if feed is None:
                targets.append(Target(src.url, context=context, record=record))
                pending[src.url] = (fresh, [src.url])
                polls.append(SourcePoll(src, "fetched"))
                continue
            keys = {e.url: normalise_url(e.url) for e in feed.entries}
            stored = known_identities(store, keys.values())
            known = feed_store.seen_items(store, keys) | {
                url for url, key in keys.items() if key in stored
            }
            new = [e for e in feed.entries if e.url not in known and keys[e.url] not in queued]
            for entry in new:
                queued.add(keys[entry.url])
                item_context = {
                    **context,
                    "feed": src.url,
                    "title": entry.title,
                    "published": entry.published,
                    "kind": f"{src.kind} item",
                }
                targets.append(Target(entry.url, context=item_context))
            pending[src.url] = (fresh, [e.url for e in new])
            status = "new items" if new else "no new items"
            polls.append(SourcePoll(src, status, f"{len(feed.entries)} in the feed", len(new)))
        report = ingest_inputs(
            targets,
            store,
            settings,
            published,
            published_override=published_override,
            on_item=on_item,
            fetcher=get_fetcher() if targets else fetcher,
            command="watch",
            options={"sources": [s.url for s in sources]},
        )
    for feed_url, (fresh, items) in pending.items():
        outcomes = [report.outcomes.get(url, ("failed", None)) for url in items]
        if any(outcome == "failed" for outcome, _ in outcomes):
            old = feed_store.get_state(store, feed_url)
            fresh = replace(fresh, etag=old.etag, last_modified=old.last_modified)
        feed_store.save_state(store, fresh)
        for url, (outcome, doc_id) in zip(items, outcomes, strict=True):
            if outcome != "failed" and url != feed_url:
                feed_store.remember_item(store, url, feed_url, outcome, doc_id)
    due = [feed_store.get_state(store, s.url).next_poll_at for s in sources]
    return WatchRound(polls, report, min((d for d in due if d), default=None))


def watch(
    sources: Sequence[Source],
    store: Store,
    settings: Settings,
    *,
    every: timedelta = timedelta(hours=1),
    once: bool = False,
    fetcher: Fetcher | None = None,
    on_round: Callable[[WatchRound], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    rounds: int | None = None,
    **options: Any,
) -> list[WatchRound]:
    """Poll ``sources`` every ``every`` until interrupted (or ``rounds`` rounds); with
    ``once``, one round polling every source now. ``options`` go to :func:`poll_sources`."""
    done: list[WatchRound] = []
    with _fetcher_for(settings, fetcher) as get_fetcher:
        while True:
            result = poll_sources(
                sources, store, settings, every=every, force=once, fetcher=get_fetcher(), **options
            )
            done.append(result)
            if on_round:
                on_round(result)
            if once or (rounds is not None and len(done) >= rounds):
                return done
            wait = every.total_seconds()
            if result.next_due is not None:
                wait = (result.next_due - datetime.now(UTC)).total_seconds()
            sleep(min(max(wait, 1.0), every.total_seconds()))


# --- documents ---------------------------------------------------------------------------


def list_documents(
    store: Store,
    *,
    status: str | Sequence[str] | None = "current",
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    language: str | None = None,
) -> list[VersionInfo]:
    """Stored document versions filtered by ``status`` (None: all), ``outlet`` (a
    case-insensitive part of the publication, the URL's host or the publisher's name
    and id), publication dates ``since``/``until`` (partial ISO dates: the documents
    published in ``[start of since, end of until]``) and ``language``."""
    start = bounds(since)[0] if since else None
    end = bounds(until)[1] if until else None
    found = list_versions(store, status=status, since=start, until=end, language=language)
    if not outlet:
        return found
    needle = outlet.lower()

    def matches(info: VersionInfo) -> bool:
        publisher = find_publisher(info.publication, info.url)
        names = [info.publication, urlsplit(info.url or "").hostname]
        if publisher is not None:
            names += [publisher.name, publisher.publisher_id]
        return any(needle in n.lower() for n in names if n)

    return [info for info in found if matches(info)]
