"""The workbench's accounts: ``users``, ``api_tokens`` and ``web_secrets`` (revision ``0005_review``).

Plain storage; hashing and checking passwords, roles and tokens is
:mod:`mildip.review.accounts`. Passwords are stored only as argon2 hashes and API
tokens only as SHA-256 digests.

* :func:`insert_user`, :func:`get_user`, :func:`list_users`, :func:`update_user`,
  :func:`count_users`;
* :func:`insert_token`, :func:`user_for_digest`;
* :func:`get_or_create_secret` - a named random secret (the session-signing key).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from mildip._exceptions import UserError
from mildip.store.repository import Store
from mildip.store.schema import CODE, Base


class UserRow(Base):
    """One workbench account."""

    __tablename__ = "users"

    user_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(CODE), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ApiTokenRow(Base):
    """An API token of a user: only the SHA-256 digest of the token is kept."""

    __tablename__ = "api_tokens"

    token_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(Integer, ForeignKey("users.user_id"), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SecretRow(Base):
    """A named server secret (e.g. the key signing session cookies)."""

    __tablename__ = "web_secrets"

    name: Mapped[str] = mapped_column(String(CODE), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


@dataclass(frozen=True)
class StoredUser:
    """A user as stored (``password_hash`` included: never show it)."""

    user_id: int
    name: str
    role: str
    password_hash: str
    active: bool
    created_at: datetime


def _user(row: UserRow) -> StoredUser:
    created = (
        row.created_at.replace(tzinfo=UTC) if row.created_at.tzinfo is None else row.created_at
    )
    return StoredUser(row.user_id, row.name, row.role, row.password_hash, row.active, created)


def insert_user(store: Store, name: str, role: str, password_hash: str) -> StoredUser:
    """Add an active user; UserError when the name is taken."""
    try:
        with store.session() as s:
            row = UserRow(
                name=name,
                role=role,
                password_hash=password_hash,
                active=True,
                created_at=datetime.now(UTC),
            )
            s.add(row)
            s.flush()
            return _user(row)
    except IntegrityError:
        raise UserError(f"a user named {name!r} exists already") from None


def get_user(
    store: Store, name: str | None = None, user_id: int | None = None
) -> StoredUser | None:
    """The user with this name (or id), or None."""
    with store.session() as s:
        if user_id is not None:
            row = s.get(UserRow, user_id)
        else:
            row = s.scalar(select(UserRow).where(UserRow.name == name))
        return _user(row) if row is not None else None


def list_users(store: Store) -> list[StoredUser]:
    """Every user, by name."""
    with store.session() as s:
        return [_user(r) for r in s.scalars(select(UserRow).order_by(UserRow.name))]


def count_users(store: Store, role: str | None = None, active_only: bool = True) -> int:
    """How many (active) users there are, of ``role`` if given."""
    query = select(func.count()).select_from(UserRow)
    if role is not None:
        query = query.where(UserRow.role == role)
    if active_only:
        query = query.where(UserRow.active.is_(True))
    with store.session() as s:
        return s.scalar(query) or 0


def update_user(
    store: Store,
    name: str,
    *,
    role: str | None = None,
    password_hash: str | None = None,
    active: bool | None = None,
) -> StoredUser:
    """Change a user's role, password hash or active flag; UserError for an unknown name."""
    with store.session() as s:
        row = s.scalar(select(UserRow).where(UserRow.name == name))
        if row is None:
            raise UserError(f"no user named {name!r}; list them with `mildip users list`")
        if role is not None:
            row.role = role
        if password_hash is not None:
            row.password_hash = password_hash
        if active is not None:
            row.active = active
        s.flush()
        return _user(row)


def insert_token(store: Store, user_id: int, digest: str, label: str) -> None:
    """Record the digest of a new API token of ``user_id``."""
    with store.session() as s:
        s.add(
            ApiTokenRow(user_id=user_id, digest=digest, label=label, created_at=datetime.now(UTC))
        )


def user_for_digest(store: Store, digest: str) -> StoredUser | None:
    """The user owning the token with this digest, or None."""
    with store.session() as s:
        row = s.scalar(
            select(UserRow)
            .join(ApiTokenRow, ApiTokenRow.user_id == UserRow.user_id)
            .where(ApiTokenRow.digest == digest)
        )
        return _user(row) if row is not None else None


def get_or_create_secret(store: Store, name: str) -> str:
    """The secret called ``name``, created (32 random bytes, URL-safe) on first use."""
    with store.session() as s:
        row = s.get(SecretRow, name)
        if row is not None:
            return row.value
    try:
        with store.session() as s:
            s.add(SecretRow(name=name, value=secrets.token_urlsafe(32)))
    except IntegrityError:
        pass
    with store.session() as s:
        return s.get(SecretRow, name).value
