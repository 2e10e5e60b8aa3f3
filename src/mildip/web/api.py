"""The JSON API under ``/api/``: events, documents, mechanisms, review actions, ingest jobs.

Reads need the ``viewer`` role, decisions the ``analyst`` role. Authenticate with
``Authorization: Bearer <token>`` (``mildip users token NAME``) or with the session
cookie plus the ``X-CSRF-Token`` header. Without either, state-changing requests get
401 (403 for a missing CSRF token or a role that does not allow them). The schema is
at ``/openapi.json``. Decisions take the ``version`` of the event the client read and
answer 409 when it moved on.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from mildip.analysis.lifecycle import as_of_date
from mildip.review import actions, views
from mildip.review.accounts import User
from mildip.review.history import event_history
from mildip.store.stats import document_infos
from mildip.web.auth import NotFound, enforce_csrf, require
from mildip.web.filters import events_request
from mildip.web.forms import split_codes

router = APIRouter(prefix="/api", dependencies=[Depends(enforce_csrf)], tags=["api"])

Viewer = Annotated[User, Depends(require("viewer"))]
Analyst = Annotated[User, Depends(require("analyst"))]


class Decision(BaseModel):
    """Accept, reject or restore: the version read, and an optional reason."""

    version: int = Field(description="Event.version as read; 409 if it moved on")
    reason: str = ""


class Edit(Decision):
    fields: dict[str, Any] = Field(
        description="New values: type, actors, initiator, date, modality, mechanism, round, "
        "resumed, participants ([{name, title, party}]), location"
    )


class Split(Decision):
    anchors: list[str] | None = Field(
        None, description="Passages (anchors) to separate; default: every passage"
    )


class Merge(BaseModel):
    events: dict[str, int] = Field(description="Event id → the version read (two or more)")
    reason: str = ""


class Added(BaseModel):
    start: int
    end: int
    fields: dict[str, Any] = Field(description="type and actors needed; as for an edit")
    quote: str | None = Field(None, description="The selected text, to check the offsets")
    reason: str = ""


def _state(request: Request):
    return request.app.state


def _result(result: actions.ReviewResult) -> dict[str, Any]:
    return {"history": result.entry.to_dict(), "events": [e.to_dict() for e in result.events]}


@router.get("/events")
def list_events(request: Request, user: Viewer) -> dict[str, Any]:
    """Events matching the filters of the events page (same query parameters), one page."""
    state = _state(request)
    wanted = events_request(request)
    page = views.event_page(
        state.store,
        wanted.selection,
        state.outlets,
        order=wanted.order,
        descending=wanted.descending,
        page=wanted.page,
        per_page=wanted.per_page,
    )
    return {
        "total": page.total,
        "page": page.page,
        "per_page": page.per_page,
        "events": [e.to_dict() for e in page.events],
    }


@router.get("/events/{event_id}")
def get_event(request: Request, user: Viewer, event_id: str) -> dict[str, Any]:
    """One event (every field and passage, its review status and version)."""
    return _state(request).store.get_event(event_id).to_dict()


@router.get("/events/{event_id}/history")
def get_history(request: Request, user: Viewer, event_id: str) -> list[dict[str, Any]]:
    """The review history of an event, oldest first."""
    return [h.to_dict() for h in event_history(_state(request).store, event_id)]


@router.post("/events/{event_id}/accept")
def accept(request: Request, user: Analyst, event_id: str, body: Decision) -> dict[str, Any]:
    s = _state(request)
    return _result(
        actions.accept(
            s.store,
            s.settings,
            event_id,
            version=body.version,
            author=user.name,
            reason=body.reason,
        )
    )


@router.post("/events/{event_id}/reject")
def reject(request: Request, user: Analyst, event_id: str, body: Decision) -> dict[str, Any]:
    s = _state(request)
    return _result(
        actions.reject(
            s.store,
            s.settings,
            event_id,
            version=body.version,
            author=user.name,
            reason=body.reason,
        )
    )


@router.post("/events/{event_id}/restore")
def restore(request: Request, user: Analyst, event_id: str, body: Decision) -> dict[str, Any]:
    s = _state(request)
    return _result(
        actions.restore(
            s.store,
            s.settings,
            event_id,
            version=body.version,
            author=user.name,
            reason=body.reason,
        )
    )


@router.post("/events/{event_id}/edit")
def edit(request: Request, user: Analyst, event_id: str, body: Edit) -> dict[str, Any]:
    s = _state(request)
    return _result(
        actions.edit(
            s.store,
            s.settings,
            event_id,
            body.fields,
            version=body.version,
            author=user.name,
            reason=body.reason,
        )
    )


@router.post("/events/{event_id}/split")
def split(request: Request, user: Analyst, event_id: str, body: Split) -> dict[str, Any]:
    s = _state(request)
    return _result(
        actions.split(
            s.store,
            s.settings,
            event_id,
            version=body.version,
            author=user.name,
            reason=body.reason,
            anchors=body.anchors,
        )
    )


@router.post("/merge")
def merge(request: Request, user: Analyst, body: Merge) -> dict[str, Any]:
    """Merge two or more events (ids with the versions read)."""
    s = _state(request)
    return _result(
        actions.merge(
            s.store,
            s.settings,
            list(body.events),
            versions=body.events,
            author=user.name,
            reason=body.reason,
        )
    )


@router.get("/documents")
def list_documents(request: Request, user: Viewer) -> list[dict[str, Any]]:
    """Every document without its text."""
    return [
        {
            "doc_id": d.doc_id,
            "title": d.title,
            "publication": d.publication,
            "url": d.url,
            "published": d.published.isoformat() if d.published else None,
            "ingested_at": d.ingested_at.isoformat(),
            "length": d.length,
        }
        for d in document_infos(_state(request).store)
    ]


@router.get("/documents/{doc_id:path}/events")
def document_events(request: Request, user: Viewer, doc_id: str) -> list[dict[str, Any]]:
    """The events with a passage in the document."""
    return [e.to_dict() for e in _state(request).store.events(doc=doc_id)]


@router.post("/documents/{doc_id:path}/events")
def add_event(request: Request, user: Analyst, doc_id: str, body: Added) -> dict[str, Any]:
    """Add an event the extractor missed, stated by text[start:end] of the document."""
    s = _state(request)
    return _result(
        actions.add_event(
            s.store,
            s.settings,
            doc_id,
            body.start,
            body.end,
            body.fields,
            author=user.name,
            reason=body.reason,
            quote=body.quote,
        )
    )


@router.get("/documents/{doc_id:path}")
def get_document(request: Request, user: Viewer, doc_id: str) -> dict[str, Any]:
    """One document with its text."""
    doc = _state(request).store.get_document(doc_id)
    if doc is None:
        raise NotFound(f"no document {doc_id!r} in the store")
    return {
        "doc_id": doc.doc_id,
        "text": doc.text,
        "title": doc.title,
        "publication": doc.publication,
        "url": doc.url,
        "published": doc.published.isoformat() if doc.published else None,
        "meta": doc.meta,
    }


@router.get("/mechanisms")
def mechanisms(
    request: Request, user: Viewer, as_of: str | None = None, party: str | None = None
) -> list[dict[str, Any]]:
    """The status board as of a date (default today), mechanisms some event names."""
    s = _state(request)
    day = as_of or views.today()
    as_of_date(day)
    parties = split_codes(party or "")
    board = views.mechanism_board(s.store, s.settings, day, parties)
    return [
        {**r.to_dict(), "overdue": r.mechanism.mechanism_id in board.overdue} for r in board.rows
    ]


@router.get("/mechanisms/{mechanism_id}")
def mechanism(
    request: Request, user: Viewer, mechanism_id: str, as_of: str | None = None
) -> dict[str, Any]:
    """One mechanism: its state as of a date and every state change."""
    s = _state(request)
    day = as_of or views.today()
    as_of_date(day)
    view = views.mechanism_view(s.store, s.settings, mechanism_id, day)
    if view is None:
        raise NotFound(f"no mechanism {mechanism_id!r}")
    return {
        "mechanism_id": view.mechanism.mechanism_id,
        "name": view.mechanism.name,
        "parties": list(view.mechanism.parties),
        "as_of": day,
        "state": view.row.to_dict() if view.row else None,
        "history": [c.to_dict() for c in view.history],
        "overdue": view.overdue.to_dict() if view.overdue else None,
    }


@router.get("/ingest/jobs/{job_id}")
def ingest_job(request: Request, user: Analyst, job_id: str) -> dict[str, Any]:
    """The progress of an ingest job started in the workbench."""
    job = _state(request).jobs.get(job_id)
    if job is None:
        raise NotFound(f"no ingest job {job_id!r}")
    return job.to_dict()
