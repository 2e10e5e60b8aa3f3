"""The workbench's HTML pages. Each route parses its input, calls one library function
(:mod:`mildip.review.views` to read, :mod:`mildip.review.actions` to decide) and
renders a template; decisions answer with a redirect to the page that shows them."""

from __future__ import annotations

import io
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mildip.analysis.lifecycle import as_of_date
from mildip.export import BINARY_FORMATS, writer_for
from mildip.model import EVENT_TYPES, MODALITIES, REVIEW_STATES
from mildip.review import accounts, actions, views
from mildip.review.accounts import ROLES, User
from mildip.store.stats import document_infos
from mildip.web.auth import (
    Throttled,
    enforce_csrf,
    log_in,
    log_out,
    require,
)
from mildip.web.filters import PER_PAGE, events_request
from mildip.web.forms import event_fields, participant_line, split_codes
from mildip.web.templating import render

router = APIRouter(dependencies=[Depends(enforce_csrf)], include_in_schema=False)

Viewer = Annotated[User, Depends(require("viewer"))]
Analyst = Annotated[User, Depends(require("analyst"))]
Admin = Annotated[User, Depends(require("admin"))]
EXPORTS = {
    "csv": "text/csv",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
}


def _state(request: Request):
    return request.app.state


def _back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _event_url(event_id: str, notice: str | None = None) -> str:
    return f"/events/{event_id}" + (f"?notice={notice}" if notice else "")


def _next_path(value: str | None) -> str:
    """Only a path on this site (no ``//host``, no scheme) is followed after logging in."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


# --- signing in ------------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/"):
    has_users = accounts.has_users(_state(request).store)
    return render(request, "login.html", next=_next_path(next), has_users=has_users, error=None)


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    name: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
):
    state = _state(request)
    address = request.client.host if request.client else "unknown"
    try:
        state.throttle.check(name, address)
    except Throttled as exc:
        return render(
            request, "login.html", 429, next=_next_path(next), has_users=True, error=str(exc)
        )
    user = accounts.authenticate(state.store, name, password)
    if user is None:
        state.throttle.failed(name, address)
        return render(
            request,
            "login.html",
            401,
            next=_next_path(next),
            has_users=True,
            error="unknown name or wrong password",
        )
    state.throttle.succeeded(name)
    log_in(request, user)
    return _back(_next_path(next))


@router.post("/logout")
def logout(request: Request):
    log_out(request)
    return _back("/login")


# --- reading ---------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request, user: Viewer, party: str | None = None, vs: str | None = None):
    state = _state(request)
    party = party.upper() if party else None
    vs = vs.upper() if vs else None
    data = views.overview(state.store, state.settings, party, vs)
    return render(request, "overview.html", section="overview", data=data)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, user: Viewer):
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
    return render(
        request,
        "events.html",
        section="events",
        wanted=wanted,
        page=page,
        types=EVENT_TYPES,
        modalities=MODALITIES,
        reviews=REVIEW_STATES,
        per_page_choices=PER_PAGE,
        notice=request.query_params.get("notice"),
    )


@router.get("/events/export.{fmt}")
def export_events(request: Request, user: Viewer, fmt: str):
    state = _state(request)
    if fmt not in EXPORTS:
        return render(
            request,
            "error.html",
            404,
            message=f"no export format {fmt!r}; use csv, jsonl or parquet",
        )
    wanted = events_request(request)
    events = views.filtered_events(state.store, wanted.selection)
    documents = state.store.documents()
    if fmt in BINARY_FORMATS:
        out = io.BytesIO()
        writer_for(fmt)(events, out, documents)
        body = out.getvalue()
    else:
        text = io.StringIO()
        writer_for(fmt)(events, text, documents)
        body = text.getvalue().encode("utf-8")
    name = f"mildip-events-{date.today().isoformat()}.{fmt}"
    return Response(
        body,
        media_type=EXPORTS[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, user: Viewer, event_id: str, notice: str | None = None):
    state = _state(request)
    dossier = views.event_dossier(state.store, state.settings, event_id, state.outlets)
    return render(
        request,
        "event.html",
        section="events",
        d=dossier,
        e=dossier.event,
        types=EVENT_TYPES,
        modalities=MODALITIES,
        participant_line=participant_line,
        notice=notice,
    )


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, user: Viewer):
    state = _state(request)
    return render(
        request,
        "documents.html",
        section="documents",
        documents=document_infos(state.store, newest_first=True),
    )


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document_page(request: Request, user: Viewer, doc_id: str, notice: str | None = None):
    state = _state(request)
    view = views.document_view(state.store, doc_id, state.outlets)
    if view is None:
        return render(request, "error.html", 404, message=f"no document {doc_id!r} in the store")
    return render(
        request,
        "document.html",
        section="documents",
        v=view,
        types=EVENT_TYPES,
        modalities=MODALITIES,
        notice=notice,
    )


def _as_of(value: str | None) -> str:
    if not value:
        return views.today()
    as_of_date(value)
    return value


@router.get("/mechanisms", response_class=HTMLResponse)
def mechanisms_page(
    request: Request,
    user: Viewer,
    as_of: str | None = None,
    party: Annotated[list[str] | None, Query()] = None,
):
    state = _state(request)
    parties = [c for p in party or () for c in split_codes(p)]
    board = views.mechanism_board(state.store, state.settings, _as_of(as_of), parties)
    return render(request, "mechanisms.html", section="mechanisms", board=board)


@router.get("/mechanisms/{mechanism_id}", response_class=HTMLResponse)
def mechanism_page(request: Request, user: Viewer, mechanism_id: str, as_of: str | None = None):
    state = _state(request)
    view = views.mechanism_view(state.store, state.settings, mechanism_id, _as_of(as_of))
    if view is None:
        return render(request, "error.html", 404, message=f"no mechanism {mechanism_id!r}")
    return render(request, "mechanism.html", section="mechanisms", v=view)


@router.get("/trends", response_class=HTMLResponse)
def trends_page(
    request: Request,
    user: Viewer,
    party: str = "CHN",
    vs: Annotated[list[str] | None, Query()] = None,
    vs_group: Annotated[list[str] | None, Query()] = None,
    by: str = "year",
    since: str | None = None,
    until: str | None = None,
):
    state = _state(request)
    vs_list = [c for v in (vs if vs is not None else ["USA"]) for c in split_codes(v)]
    groups = [g.strip() for g in (vs_group if vs_group is not None else ["us-allies"]) if g.strip()]
    view = views.trends_view(
        state.store,
        state.settings,
        party.strip().upper(),
        vs_list,
        groups,
        by,
        since or None,
        until or None,
    )
    return render(
        request,
        "trends.html",
        section="trends",
        v=view,
        party=party.strip().upper(),
        vs=vs_list,
        vs_groups=groups,
        by=by,
        since=since or "",
        until=until or "",
    )


@router.get("/report", response_class=HTMLResponse)
def report_page(request: Request, user: Viewer):
    wanted = events_request(request)
    return render(request, "report.html", section="report", wanted=wanted, types=EVENT_TYPES)


@router.get("/report/brief.html")
def report_download(request: Request, user: Viewer):
    state = _state(request)
    wanted = events_request(request)
    html = views.report_html(state.store, state.settings, wanted.selection)
    name = f"mildip-brief-{date.today().isoformat()}.html"
    return HTMLResponse(html, headers={"Content-Disposition": f'attachment; filename="{name}"'})


# --- deciding --------------------------------------------------------------------------


def _version(value: str | None) -> int | None:
    return int(value) if value not in (None, "") else None


@router.post("/events/merge")
async def merge_events(request: Request, user: Analyst):
    state = _state(request)
    form = await request.form()
    chosen = [str(v) for v in form.getlist("event")]
    ids, versions = [], {}
    for item in chosen:
        event_id, _, version = item.partition(":")
        ids.append(event_id)
        if version:
            versions[event_id] = int(version)
    other = str(form.get("other") or "").strip()
    if other:
        ids.append(other)
    result = actions.merge(
        state.store,
        state.settings,
        ids,
        versions=versions,
        author=user.name,
        reason=str(form.get("reason") or ""),
    )
    target = result.events[0].event_id if result.events else ids[0]
    return _back(_event_url(target, "merged"))


@router.post("/events/{event_id}/{action}")
async def decide(request: Request, user: Analyst, event_id: str, action: str):
    state = _state(request)
    form = await request.form()
    version = _version(form.get("version"))
    reason = str(form.get("reason") or "")
    common = {"version": version, "author": user.name, "reason": reason}
    if action in ("accept", "reject", "restore"):
        getattr(actions, action)(state.store, state.settings, event_id, **common)
        done = {"accept": "accepted", "reject": "rejected", "restore": "restored"}[action]
        return _back(_event_url(event_id, done))
    if action == "edit":
        event = state.store.get_event(event_id)
        actions.edit(state.store, state.settings, event_id, event_fields(form, event), **common)
        return _back(_event_url(event_id, "saved"))
    if action == "split":
        anchors = [str(a) for a in form.getlist("anchor")]
        result = actions.split(
            state.store, state.settings, event_id, anchors=anchors or None, **common
        )
        target = result.events[0].event_id if result.events else event_id
        return _back(_event_url(target, "split"))
    return render(request, "error.html", 404, message=f"no action {action!r}")


@router.post("/documents/{doc_id:path}/events")
async def add_event(request: Request, user: Analyst, doc_id: str):
    state = _state(request)
    form = await request.form()
    try:
        start, end = int(form.get("start") or -1), int(form.get("end") or -1)
    except ValueError:
        start = end = -1
    result = actions.add_event(
        state.store,
        state.settings,
        doc_id,
        start,
        end,
        event_fields(form),
        author=user.name,
        reason=str(form.get("reason") or ""),
        quote=str(form.get("quote") or "") or None,
    )
    target = result.events[0].event_id if result.events else None
    return _back(_event_url(target, "added") if target else f"/documents/{doc_id}")


# --- ingest ----------------------------------------------------------------------------


@router.get("/ingest", response_class=HTMLResponse)
def ingest_page(request: Request, user: Analyst):
    return render(
        request, "ingest.html", section="ingest", jobs=_state(request).jobs.recent(), error=None
    )


@router.post("/ingest")
async def ingest_start(
    request: Request,
    user: Analyst,
    files: Annotated[list[UploadFile] | None, File()] = None,
    text: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
    published: Annotated[str, Form()] = "",
):
    state = _state(request)
    uploads = [(f.filename or "upload", await f.read()) for f in files or () if f.filename]
    day = None
    try:
        day = date.fromisoformat(published) if published else None
    except ValueError:
        return render(
            request,
            "ingest.html",
            400,
            section="ingest",
            jobs=state.jobs.recent(),
            error=f"publication date {published!r} is not YYYY-MM-DD",
        )
    if text.strip():
        header = f"Title: {title.strip()}\n\n" if title.strip() else ""
        uploads.append((f"{title.strip() or 'pasted-text'}.txt", (header + text).encode("utf-8")))
    try:
        job = state.jobs.start(user.name, uploads, day)
    except ValueError as exc:
        return render(
            request, "ingest.html", 400, section="ingest", jobs=state.jobs.recent(), error=str(exc)
        )
    return _back(f"/ingest/jobs/{job.job_id}")


@router.get("/ingest/jobs/{job_id}", response_class=HTMLResponse)
def ingest_job_page(request: Request, user: Analyst, job_id: str):
    job = _state(request).jobs.get(job_id)
    if job is None:
        return render(
            request,
            "error.html",
            404,
            message=f"no ingest job {job_id!r} (jobs are kept until the server restarts)",
        )
    return render(request, "ingest_job.html", section="ingest", job=job)


# --- users -----------------------------------------------------------------------------


@router.get("/users", response_class=HTMLResponse)
def users_page(request: Request, user: Admin, notice: str | None = None):
    return render(
        request,
        "users.html",
        section="users",
        users=accounts.users(_state(request).store),
        roles=ROLES,
        notice=notice,
    )


@router.post("/users")
def add_user(
    request: Request,
    user: Admin,
    name: Annotated[str, Form()],
    role: Annotated[str, Form()],
    password: Annotated[str, Form()],
):
    accounts.add_user(_state(request).store, name.strip(), role, password)
    return _back(f"/users?notice=added+{name.strip()}")


@router.post("/users/{name}")
def update_user(
    request: Request,
    user: Admin,
    name: str,
    role: Annotated[str, Form()],
    active: Annotated[str, Form()] = "",
):
    accounts.update(_state(request).store, name, role=role, active=active == "on")
    return _back(f"/users?notice=updated+{name}")
