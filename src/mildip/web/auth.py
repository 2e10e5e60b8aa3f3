"""Who is asking, may they, and is the request theirs: sessions, roles, CSRF, throttling.

* Sessions are signed cookies (Starlette's ``SessionMiddleware``, itsdangerous
  underneath) holding the user id and the CSRF token; the signing key is a random
  secret kept in the store (``web_secrets``), so sessions survive a restart.
* API clients send ``Authorization: Bearer mdp_...`` (``mildip users token NAME``).
* Every state-changing request (not GET/HEAD/OPTIONS) made with the session cookie
  must carry the session's CSRF token, as the form field ``csrf_token`` or the header
  ``X-CSRF-Token``; otherwise 403. Bearer-token requests need none (a browser never
  sends the token by itself).
* :class:`LoginThrottle` refuses logins for a while after repeated failures for a
  name or from an address.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass

from fastapi import Request

from mildip.review.accounts import User, find_user, user_for_token

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SESSION_COOKIE = "mildip_session"
SESSION_MAX_AGE = 12 * 3600
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


class NotAuthenticated(Exception):
    """No valid session or token: pages redirect to the login form, the API answers 401."""


class Forbidden(Exception):
    """Signed in, but the role does not allow this, or the CSRF token is missing: 403."""


class NotFound(Exception):
    """A page or API object that does not exist: 404 with the message."""


class Throttled(Exception):
    """Too many failed logins: 429 with how long to wait."""

    def __init__(self, wait_seconds: int):
        super().__init__(
            f"too many failed logins; wait {max(1, wait_seconds // 60)} minute(s) and try again"
        )
        self.wait_seconds = wait_seconds


def csrf_token(request: Request) -> str:
    """The session's CSRF token (created on first use)."""
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(24)
        request.session["csrf"] = token
    return token


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def current_user(request: Request) -> User | None:
    """The user of the request's API token or session, or None (cached per request)."""
    if hasattr(request.state, "user"):
        return request.state.user
    store = request.app.state.store
    token = bearer_token(request)
    user = None
    if token:
        user = user_for_token(store, token)
        request.state.via_token = user is not None
    else:
        uid = request.session.get("uid")
        if isinstance(uid, int):
            user = find_user(store, uid)
            if user is None or not user.active:
                request.session.pop("uid", None)
                user = None
        request.state.via_token = False
    request.state.user = user
    return user


async def enforce_csrf(request: Request) -> None:
    """Dependency of every router: a state-changing request made with the session
    cookie must carry the session's CSRF token (403 otherwise)."""
    if request.method in SAFE_METHODS:
        return
    if bearer_token(request) and current_user(request) is not None:
        return
    expected = request.session.get("csrf")
    given = request.headers.get(CSRF_HEADER)
    if not given:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            given = value if isinstance(value, str) else None
    if not (expected and given and hmac.compare_digest(str(expected), str(given))):
        raise Forbidden(
            "this request has no valid CSRF token: reload the page and try again "
            "(API clients: send the X-CSRF-Token header, or use an API token)"
        )


def require(role: str):
    """A dependency that returns the signed-in user holding ``role``, or raises
    NotAuthenticated / Forbidden."""

    def dependency(request: Request) -> User:
        user = current_user(request)
        if user is None:
            raise NotAuthenticated()
        if not user.can(role):
            raise Forbidden(f"this needs the {role} role; you are signed in as a {user.role}")
        return user

    return dependency


def log_in(request: Request, user: User) -> None:
    """Start a fresh session for ``user`` (a new CSRF token, so a token seen before the
    login is worthless after it)."""
    request.session.clear()
    request.session["uid"] = user.user_id
    request.session["csrf"] = secrets.token_urlsafe(24)


def log_out(request: Request) -> None:
    request.session.clear()


@dataclass
class LoginThrottle:
    """At most ``max_failures`` failed logins per name (``max_address_failures`` per
    client address) within ``window`` seconds; beyond that, logins are refused until the
    oldest failure leaves the window. In memory: one server process."""

    max_failures: int = 5
    max_address_failures: int = 20
    window: float = 900.0

    def __post_init__(self) -> None:
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _prune(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and now - times[0] > self.window:
            times.popleft()
        return times

    def check(self, name: str, address: str, now: float | None = None) -> None:
        """Raise Throttled when ``name`` or ``address`` has failed too often lately."""
        now = time.monotonic() if now is None else now
        with self._lock:
            for key, limit in (
                (f"name:{name.lower()}", self.max_failures),
                (f"addr:{address}", self.max_address_failures),
            ):
                times = self._prune(key, now)
                if len(times) >= limit:
                    raise Throttled(int(self.window - (now - times[0])) + 1)

    def failed(self, name: str, address: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            for key in (f"name:{name.lower()}", f"addr:{address}"):
                self._prune(key, now).append(now)

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(f"name:{name.lower()}", None)
