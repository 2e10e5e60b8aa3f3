"""The workbench application: :func:`create_app` builds the FastAPI app on a store.

What every response gets: a strict Content-Security-Policy (scripts and styles only
from ``/static``, which mildip serves itself; no CDN, no inline script), no framing,
no MIME sniffing. Errors become pages (or JSON under ``/api/``) with the library's
one-line message: 400 for a bad request, 401/403 for who may do what, 404, 409 for
a decision made on an older version of an event, 429 for throttled logins.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import asynccontextmanager
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from mildip import __version__
from mildip._exceptions import (
    EventNotFoundError,
    MildipError,
    ReviewConflictError,
)
from mildip.review.views import OutletIndex
from mildip.settings import Settings
from mildip.store import Store, open_store
from mildip.store.users import get_or_create_secret
from mildip.web import api, pages
from mildip.web.auth import (
    SESSION_COOKIE,
    SESSION_MAX_AGE,
    Forbidden,
    LoginThrottle,
    NotAuthenticated,
    NotFound,
    Throttled,
)
from mildip.web.filters import QueryError
from mildip.web.jobs import IngestJobs
from mildip.web.templating import render

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
"""Inline styles are allowed for the charts' SVG (vl-convert writes style attributes);
scripts are not."""


def _status(exc: Exception) -> int:
    if isinstance(exc, NotAuthenticated):
        return 401
    if isinstance(exc, Forbidden):
        return 403
    if isinstance(exc, NotFound | EventNotFoundError):
        return 404
    if isinstance(exc, ReviewConflictError):
        return 409
    if isinstance(exc, Throttled):
        return 429
    return 400


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def create_app(
    settings: Settings,
    store: Store | None = None,
    *,
    allowed_hosts: Sequence[str] | None = None,
    https: bool = False,
    throttle: LoginThrottle | None = None,
) -> FastAPI:
    """The workbench on ``store`` (opened from ``settings.db_url`` when not given, and
    then closed on shutdown). ``allowed_hosts`` limits the Host header (against DNS
    rebinding on 127.0.0.1); ``https`` marks the session cookie Secure."""
    own = store is None
    store = store if store is not None else open_store(settings.db_url)
    secret = get_or_create_secret(store, "session")
    jobs = IngestJobs(store, settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        jobs.wait(30)
        if own:
            store.close()

    app = FastAPI(
        title="mildip workbench",
        version=__version__,
        description="Browse, check and correct military-diplomacy events; every change is kept.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.outlets = OutletIndex()
    app.state.throttle = throttle or LoginThrottle()
    app.state.jobs = jobs

    @app.middleware("http")
    async def security_headers(request: Request, call_next) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if not request.url.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    app.add_middleware(
        SessionMiddleware,
        secret_key=secret,
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_MAX_AGE,
        same_site="lax",
        https_only=https,
    )
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))

    async def handle(request: Request, exc: Exception) -> Response:
        status = _status(exc)
        message = str(exc) or "sign in to continue"
        if _is_api(request):
            headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
            return JSONResponse({"detail": message}, status_code=status, headers=headers)
        if status == 401:
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            if request.method == "GET":
                return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
            return render(request, "error.html", 401, message="sign in first", status=401)
        return render(request, "error.html", status, message=message, status=status)

    for kind in (
        NotAuthenticated,
        Forbidden,
        NotFound,
        Throttled,
        MildipError,
        QueryError,
        ValueError,
    ):
        app.add_exception_handler(kind, handle)

    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": exc.errors()}, status_code=422)
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x not in ("body", "query"))
        message = f"{where}: {first.get('msg', 'invalid value')}" if where else "invalid request"
        return render(request, "error.html", 400, message=message, status=400)

    app.add_exception_handler(RequestValidationError, invalid)
    app.mount("/static", StaticFiles(packages=[("mildip.web", "static")]), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    return app
