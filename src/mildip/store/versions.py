"""Document identity and versions: one URL or path, several texts over time.

A document read from a URL or a file has an **identity**: the normalised URL, or
the ``file://`` URI of the canonical path (a manifest line: the manifest's URI and
``#`` and the line's id). :func:`add_version` stores a document under its identity:

* the same text as the identity's live version → ``unchanged``, nothing written;
* the same text as another identity's live document → ``duplicate``, nothing written;
* a new identity → ``added`` as version 1 (its doc_id as the reader gave it, or
  ``doc_id~hash`` when that id is taken);
* a known identity with a new text → ``new_version``: version *n* + 1 under the doc_id
  ``<first version's doc_id>@<n+1>``, current; the old version becomes ``superseded``.

Superseded and retired versions stay in the store with their mentions (the
history) but leave the answers: :class:`~mildip.store.Store` reads only current
documents unless asked for given doc_ids. :func:`retire` takes versions out of the
answers on an analyst's word, :func:`restore` puts them back.

:func:`carry_overrides` moves analysts' overrides from a superseded version to its
successor: an anchor ``old#h`` becomes ``new#h`` when the new version has a passage
with the same quote hash, and is reported as lost otherwise. :func:`status_mark`
changes whenever a document enters or leaves the answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mildip._exceptions import DocumentNotFoundError, StoreError
from mildip.ingest.urls import normalise_url
from mildip.model import Document, Event
from mildip.resolve.overrides import evidence_anchor
from mildip.store.convert import document_to_row, row_to_document
from mildip.store.fetches import FetchRow, fetch_row
from mildip.store.overrides import OverrideRow
from mildip.store.repository import Store
from mildip.store.schema import (
    DOCUMENT_STATUSES,
    LAYER_MENTION,
    STATUS_CURRENT,
    STATUS_RETIRED,
    STATUS_SUPERSEDED,
    DocumentRow,
    EventRow,
)

OUTCOMES: tuple[str, ...] = ("added", "new_version", "unchanged", "duplicate")
"""What :func:`add_version` did with a document."""


@dataclass(frozen=True)
class Stored:
    """The result of :func:`add_version`: the doc_id the text is stored under (for a
    duplicate: the document it duplicates), the outcome, and the superseded doc_id."""

    doc_id: str
    outcome: str
    supersedes: str | None = None
    version: int = 1


@dataclass(frozen=True)
class VersionInfo:
    """One stored document version, as listed by ``mildip documents``."""

    doc_id: str
    identity: str | None
    version: int
    status: str
    supersedes: str | None
    superseded_by: str | None
    status_reason: str | None
    status_changed_at: datetime | None
    ingested_at: datetime
    content_hash: str
    title: str | None
    url: str | None
    publication: str | None
    published: date | None
    published_iso: str | None
    language: str
    media_type: str
    n_mentions: int
    fetched: bool


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def file_identity(path: str | Path, fragment: str | None = None) -> str:
    """The identity of a file (``file:///abs/path``), or of a manifest line (``#id``)."""
    uri = Path(path).resolve().as_uri()
    return f"{uri}#{fragment}" if fragment is not None else uri


def add_version(store: Store, doc: Document, identity: str, fetch=None) -> Stored:
    """Store ``doc`` as a version of ``identity`` (see the module docstring); ``fetch``,
    a :class:`~mildip.ingest.fetch.FetchRecord`, is stored with a new version in the
    same transaction. Two writers adding the same identity at once: one wins, the
    other sees its result."""
    for attempt in range(2):
        try:
            with store.session() as s:
                return _add_version(s, store, doc, identity, fetch)
        except IntegrityError:
            if attempt:
                raise StoreError(
                    f"could not store a version of {identity}: another writer keeps "
                    "changing it; try again"
                ) from None
    raise AssertionError("unreachable")


def _add_version(s: Session, store: Store, doc: Document, identity: str, fetch) -> Stored:
    digest = doc.content_hash
    live = s.scalar(
        select(DocumentRow).where(
            DocumentRow.identity == identity, DocumentRow.status != STATUS_SUPERSEDED
        )
    )
    if live is not None and live.content_hash == digest:
        return Stored(live.doc_id, "unchanged", live.supersedes, live.version)
    duplicate = s.scalar(
        select(DocumentRow.doc_id)
        .where(
            DocumentRow.content_hash == digest,
            DocumentRow.status != STATUS_SUPERSEDED,
            or_(DocumentRow.identity.is_(None), DocumentRow.identity != identity),
        )
        .order_by(DocumentRow.doc_id)
        .limit(1)
    )
    if duplicate is not None:
        return Stored(duplicate, "duplicate")
    now = datetime.now(UTC)
    latest = (
        s.scalar(select(func.max(DocumentRow.version)).where(DocumentRow.identity == identity)) or 0
    )
    version = latest + 1
    if version == 1:
        doc_id = store.free_doc_id(s, doc.doc_id, digest)
    else:
        first = s.scalar(
            select(DocumentRow.doc_id).where(
                DocumentRow.identity == identity, DocumentRow.version == 1
            )
        )
        doc_id = store.free_doc_id(s, f"{first or doc.doc_id}@{version}", digest)
    supersedes = None
    if live is not None:
        live.status, live.status_changed_at = STATUS_SUPERSEDED, now
        live.status_reason = f"superseded by {doc_id}"
        supersedes = live.doc_id
        s.flush()
    row = document_to_row(doc, doc_id, now)
    row.identity, row.version, row.status, row.supersedes = (
        identity,
        version,
        STATUS_CURRENT,
        supersedes,
    )
    s.add(row)
    s.flush()
    if fetch is not None:
        s.add(fetch_row(doc_id, fetch))
    return Stored(doc_id, "added" if version == 1 else "new_version", supersedes, version)


def _info(s: Session, rows: Sequence[DocumentRow]) -> list[VersionInfo]:
    ids = [r.doc_id for r in rows]
    counts, successors, fetched = {}, {}, set()
    if ids:
        counts = dict(
            s.execute(
                select(EventRow.doc_id, func.count())
                .where(EventRow.layer == LAYER_MENTION, EventRow.doc_id.in_(ids))
                .group_by(EventRow.doc_id)
            ).all()
        )
        successors = dict(
            s.execute(
                select(DocumentRow.supersedes, DocumentRow.doc_id).where(
                    DocumentRow.supersedes.in_(ids)
                )
            ).all()
        )
        fetched = set(s.scalars(select(FetchRow.doc_id).where(FetchRow.doc_id.in_(ids))))
    out = []
    for r in rows:
        doc = row_to_document(r)
        out.append(
            VersionInfo(
                doc_id=r.doc_id,
                identity=r.identity,
                version=r.version,
                status=r.status,
                supersedes=r.supersedes,
                superseded_by=successors.get(r.doc_id),
                status_reason=r.status_reason,
                status_changed_at=_utc(r.status_changed_at),
                ingested_at=_utc(r.ingested_at),
                content_hash=r.content_hash,
                title=r.title,
                url=r.url,
                publication=r.publication,
                published=r.published,
                published_iso=doc.published_iso,
                language=r.language,
                media_type=r.media_type,
                n_mentions=counts.get(r.doc_id, 0),
                fetched=r.doc_id in fetched,
            )
        )
    return out


def list_versions(
    store: Store,
    *,
    status: str | Iterable[str] | None = STATUS_CURRENT,
    since: date | None = None,
    until: date | None = None,
    language: str | None = None,
) -> list[VersionInfo]:
    """Stored versions with ``status`` (one, several, or None for all), published on
    or after ``since`` and on or before ``until`` (undated ones are then left out),
    sorted by doc_id."""
    statuses = [status] if isinstance(status, str) else (list(status) if status else None)
    unknown = sorted(set(statuses or ()) - set(DOCUMENT_STATUSES))
    if unknown:
        raise ValueError(f"unknown status {unknown}; expected some of {list(DOCUMENT_STATUSES)}")
    query = select(DocumentRow).order_by(DocumentRow.doc_id)
    if statuses:
        query = query.where(DocumentRow.status.in_(statuses))
    if since is not None:
        query = query.where(DocumentRow.published >= since)
    if until is not None:
        query = query.where(DocumentRow.published <= until)
    if language:
        query = query.where(DocumentRow.language == language.lower())
    with store.session() as s:
        return _info(s, list(s.scalars(query)))


def _find(s: Session, key: str) -> DocumentRow | None:
    row = s.get(DocumentRow, key)
    if row is not None:
        return row
    candidates = [key]
    if "://" not in key:
        candidates.append(file_identity(key))
    else:
        try:
            candidates.append(normalise_url(key))
        except ValueError:
            pass
    return s.scalar(
        select(DocumentRow)
        .where(DocumentRow.identity.in_(candidates))
        .order_by(DocumentRow.version.desc())
        .limit(1)
    )


def _not_found(key: str) -> DocumentNotFoundError:
    return DocumentNotFoundError(
        f"no document {key!r} (a doc_id, URL or path); list them with `mildip documents list`"
    )


def version_info(store: Store, key: str) -> VersionInfo:
    """The version named by ``key``: a doc_id, or a URL or path (its latest version)."""
    with store.session() as s:
        row = _find(s, key)
        if row is None:
            raise _not_found(key)
        return _info(s, [row])[0]


def history(store: Store, key: str) -> list[VersionInfo]:
    """Every version of the identity of ``key`` (a doc_id, URL or path), oldest first.
    A document without an identity is its own history."""
    with store.session() as s:
        row = _find(s, key)
        if row is None:
            raise _not_found(key)
        if row.identity is None:
            return _info(s, [row])
        rows = s.scalars(
            select(DocumentRow)
            .where(DocumentRow.identity == row.identity)
            .order_by(DocumentRow.version)
        ).all()
        return _info(s, rows)


def retire(store: Store, doc_ids: Sequence[str], reason: str) -> list[str]:
    """Take current documents out of the answers, keeping them and their mentions in
    the history. Returns the doc_ids retired (already retired ones are left as they
    are). Raises DocumentNotFoundError for an unknown id and StoreError for a
    superseded version (retire its successor instead)."""
    if not reason.strip():
        raise StoreError("give a --reason: it is kept with the documents for later readers")
    done = []
    with store.session() as s:
        for doc_id in dict.fromkeys(doc_ids):
            row = s.get(DocumentRow, doc_id)
            if row is None:
                raise _not_found(doc_id)
            if row.status == STATUS_SUPERSEDED:
                raise StoreError(
                    f"{doc_id} is a superseded version; retire the current version of its "
                    "history instead (`mildip documents history " + doc_id + "`)"
                )
            if row.status == STATUS_RETIRED:
                continue
            row.status, row.status_reason = STATUS_RETIRED, reason
            row.status_changed_at = datetime.now(UTC)
            done.append(doc_id)
    return done


def restore(store: Store, doc_ids: Sequence[str]) -> list[str]:
    """Put retired documents back into the answers; returns the doc_ids restored."""
    done = []
    with store.session() as s:
        for doc_id in dict.fromkeys(doc_ids):
            row = s.get(DocumentRow, doc_id)
            if row is None:
                raise _not_found(doc_id)
            if row.status != STATUS_RETIRED:
                continue
            row.status, row.status_reason = STATUS_CURRENT, None
            row.status_changed_at = datetime.now(UTC)
            done.append(doc_id)
    return done


@dataclass(frozen=True)
class CarriedOverride:
    """What :func:`carry_overrides` did to one override: anchors moved and lost."""

    override_id: int
    kind: str
    reason: str
    carried: tuple[str, ...]
    lost: tuple[str, ...]


def carry_overrides(
    s: Session, old_doc_id: str, new_doc_id: str, new_mentions: Iterable[Event]
) -> list[CarriedOverride]:
    """Inside session ``s``: rewrite the anchors of ``old_doc_id`` in every override to
    ``new_doc_id`` where the new mentions hold the same passage; report the others."""
    present = {
        evidence_anchor(ev).rpartition("#")[2]
        for m in new_mentions
        for ev in m.evidence
        if ev.doc_id == new_doc_id
    }
    prefix = f"{old_doc_id}#"
    out = []
    for row in s.scalars(select(OverrideRow).order_by(OverrideRow.override_id)):
        keys = list(row.event_keys)
        mine = [k for k in keys if k.startswith(prefix) and "#" not in k[len(prefix) :]]
        if not mine:
            continue
        carried = [k for k in mine if k[len(prefix) :] in present]
        lost = [k for k in mine if k[len(prefix) :] not in present]
        if carried:
            moved = {k: f"{new_doc_id}#{k[len(prefix) :]}" for k in carried}
            row.event_keys = sorted({moved.get(k, k) for k in keys})
        out.append(
            CarriedOverride(row.override_id, row.kind, row.reason, tuple(carried), tuple(lost))
        )
    return out


def save_version_mentions(
    store: Store, doc_id: str, events: list[Event], extractor_version: str
) -> list[CarriedOverride]:
    """Save the mentions of ``doc_id`` and, when it supersedes a version, carry that
    version's overrides over, in one transaction (so an interruption cannot leave
    mentions saved and overrides not carried)."""
    with store.session() as s:
        store.write_mentions(s, doc_id, events, extractor_version)
        row = s.get(DocumentRow, doc_id)
        if row is None or row.supersedes is None:
            return []
        return carry_overrides(s, row.supersedes, doc_id, events)


def status_mark(store: Store) -> tuple[int, datetime | None]:
    """``(current documents, newest status change)``: equal marks mean no document
    entered or left the answers meanwhile (a superseded, retired or restored version
    changes it; so does a new document)."""
    with store.session() as s:
        current = s.scalar(
            select(func.count())
            .select_from(DocumentRow)
            .where(DocumentRow.status == STATUS_CURRENT)
        )
        changed = s.scalar(select(func.max(DocumentRow.status_changed_at)))
    return current or 0, _utc(changed)


def known_identities(store: Store, identities: Iterable[str]) -> set[str]:
    """The identities among ``identities`` that some stored version has."""
    wanted = sorted(set(identities))
    if not wanted:
        return set()
    with store.session() as s:
        return set(
            s.scalars(
                select(DocumentRow.identity).where(DocumentRow.identity.in_(wanted)).distinct()
            )
        )


def get_document_version(store: Store, doc_id: str) -> Document:
    """The document ``doc_id``, any version; DocumentNotFoundError when absent."""
    doc = store.get_document(doc_id)
    if doc is None:
        raise _not_found(doc_id)
    return doc
