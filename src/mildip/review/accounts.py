"""Workbench accounts: users with a role, argon2 password hashes, API tokens.

Roles, each including the ones before it: ``viewer`` (read every page and the API),
``analyst`` (review decisions and ingest), ``admin`` (manage users). Names are 1-64
letters, digits, ``.``, ``_`` or ``-``; passwords have at least
:data:`MIN_PASSWORD` characters. API tokens (``mdp_...``) are shown once and stored
as SHA-256 digests.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from mildip._exceptions import UserError
from mildip.store import Store
from mildip.store.users import (
    StoredUser,
    count_users,
    get_user,
    insert_token,
    insert_user,
    list_users,
    update_user,
    user_for_digest,
)

ROLES: tuple[str, ...] = ("viewer", "analyst", "admin")
"""Roles from least to most allowed."""
MIN_PASSWORD = 8
_NAME = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_HASHER = PasswordHasher()
_DUMMY_HASH = _HASHER.hash("mildip: no such user")


@dataclass(frozen=True)
class User:
    """A signed-in user (never carries the password hash)."""

    user_id: int
    name: str
    role: str
    active: bool = True

    def can(self, role: str) -> bool:
        """True when this user's role includes ``role``."""
        return self.active and ROLES.index(self.role) >= ROLES.index(role)


def _public(stored: StoredUser) -> User:
    return User(stored.user_id, stored.name, stored.role, stored.active)


def check_role(role: str) -> str:
    """``role`` if it is one of :data:`ROLES`, else UserError listing them."""
    if role not in ROLES:
        raise UserError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    return role


def _check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UserError(f"a password needs at least {MIN_PASSWORD} characters")
    return password


def hash_password(password: str) -> str:
    """The argon2id hash of ``password``."""
    return _HASHER.hash(_check_password(password))


def add_user(store: Store, name: str, role: str, password: str) -> User:
    """Create an active user; UserError for a bad name, role or password, or a taken name."""
    if not _NAME.match(name):
        raise UserError(f"user name {name!r} must be 1-64 letters, digits, '.', '_' or '-'")
    check_role(role)
    return _public(insert_user(store, name, role, hash_password(password)))


def users(store: Store) -> list[User]:
    """Every user, by name."""
    return [_public(u) for u in list_users(store)]


def find_user(store: Store, user_id: int) -> User | None:
    """The user with this id, or None."""
    stored = get_user(store, user_id=user_id)
    return _public(stored) if stored else None


def has_admin(store: Store) -> bool:
    """True when at least one active admin exists."""
    return count_users(store, role="admin") > 0


def has_users(store: Store) -> bool:
    """True when at least one active user exists."""
    return count_users(store) > 0


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The active user ``name`` if ``password`` is theirs, else None (the same work is
    done for an unknown name, so timing does not tell which names exist)."""
    stored = get_user(store, name=name)
    try:
        _HASHER.verify(stored.password_hash if stored else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if stored is None or not stored.active:
        return None
    if _HASHER.check_needs_rehash(stored.password_hash):
        update_user(store, name, password_hash=_HASHER.hash(password))
    return _public(stored)


def update(
    store: Store,
    name: str,
    *,
    role: str | None = None,
    active: bool | None = None,
    password: str | None = None,
) -> User:
    """Change a user's role, active flag or password.

    The last active admin can neither lose the role nor be disabled (UserError).
    """
    if role is not None:
        check_role(role)
    current = get_user(store, name=name)
    if current is None:
        raise UserError(f"no user named {name!r}; list them with `mildip users list`")
    demoted = role is not None and role != "admin"
    losing = current.role == "admin" and current.active and (demoted or active is False)
    if losing and count_users(store, role="admin") <= 1:
        raise UserError(f"{name} is the last admin; make another admin first")
    hashed = hash_password(password) if password is not None else None
    return _public(update_user(store, name, role=role, active=active, password_hash=hashed))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


TOKEN_LABEL_MAX = 200
"""The longest label of an API token, in characters."""


def token_label(label: str) -> str:
    """``label`` without surrounding spaces; UserError when it is not one line of at most
    :data:`TOKEN_LABEL_MAX` characters."""
    label = label.strip()
    if len(label) > TOKEN_LABEL_MAX:
        raise UserError(f"a token label has at most {TOKEN_LABEL_MAX} characters, not {len(label)}")
    if any(not c.isprintable() for c in label):
        raise UserError("a token label is one line of printable text (no tabs or line breaks)")
    return label


def create_token(store: Store, name: str, label: str = "") -> str:
    """A new API token for user ``name`` (shown once: only its digest is kept); ``label``
    says what it is for (:func:`token_label`)."""
    label = token_label(label)
    stored = get_user(store, name=name)
    if stored is None:
        raise UserError(f"no user named {name!r}; list them with `mildip users list`")
    token = "mdp_" + secrets.token_urlsafe(32)
    insert_token(store, stored.user_id, _digest(token), label)
    return token


def user_for_token(store: Store, token: str) -> User | None:
    """The active user owning ``token``, or None."""
    stored = user_for_digest(store, _digest(token))
    if stored is None or not stored.active:
        return None
    return _public(stored)
