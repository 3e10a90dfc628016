"""Users, roles, API tokens and the audit log (tables from migration 0003).

Passwords are hashed with scrypt and a per-user salt; API tokens are random and only their SHA-256 is
stored, so a leaked database gives neither.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from ceasefire.errors import Conflict, InvalidRequest, NotFound
from ceasefire.store.tables import metadata

Role = Literal["viewer", "analyst", "admin"]
ROLES: tuple[str, ...] = ("viewer", "analyst", "admin")
RANK = {role: i for i, role in enumerate(ROLES)}
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
TOKEN_PREFIX = "cfm_"
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("label", String(128)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user_id", Integer),
    Column("username", String(64), nullable=False),
    Column("action", String(32), nullable=False),
    Column("target", String(255), nullable=False, index=True),
    Column("detail", JSON, nullable=False, default=dict),
)


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    role: str
    active: bool
    created_at: datetime

    def can(self, role: str) -> bool:
        """True when this user's role is at least ``role`` (viewer < analyst < admin)."""
        return self.active and RANK.get(self.role, -1) >= RANK[role]


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    username: str
    action: str
    target: str
    detail: dict[str, Any]


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    b64 = base64.b64encode
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${b64(salt).decode()}${b64(digest).decode()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    got = hashlib.scrypt(
        password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32
    )
    return hmac.compare_digest(got, base64.b64decode(digest))


def _user(row: Any) -> User:
    return User(id=row.id, name=row.name, role=row.role, active=bool(row.active), created_at=row.created_at)


def add_user(conn: Connection, name: str, role: str, password: str) -> User:
    if not NAME.match(name):
        raise InvalidRequest(f"user name {name!r} is not allowed", hint="letters, digits, '.', '_', '-'")
    if role not in ROLES:
        raise InvalidRequest(f"unknown role {role!r}", hint=f"one of {', '.join(ROLES)}")
    if len(password) < 8:
        raise InvalidRequest("password too short", hint="use at least 8 characters")
    now = datetime.now(UTC)
    if conn.execute(select(users.c.id).where(users.c.name == name)).first() is not None:
        raise Conflict(f"user {name!r} already exists", hint="choose another name")
    try:
        result = conn.execute(
            insert(users).values(
                name=name, role=role, password_hash=hash_password(password), active=True, created_at=now
            )
        )
    except IntegrityError as exc:  # a concurrent add of the same name
        raise Conflict(f"user {name!r} already exists", hint="choose another name") from exc
    user = User(id=int(result.inserted_primary_key[0]), name=name, role=role, active=True, created_at=now)
    record_audit(conn, None, "user.add", f"user:{name}", {"role": role})
    return user


def list_users(conn: Connection) -> list[User]:
    return [_user(row) for row in conn.execute(select(users).order_by(users.c.name))]


def get_user(conn: Connection, user_id: int) -> User | None:
    row = conn.execute(select(users).where(users.c.id == user_id)).first()
    return _user(row) if row else None


def authenticate(conn: Connection, name: str, password: str) -> User | None:
    """The active user with that name and password, or None (the same for both kinds of failure)."""
    row = conn.execute(select(users).where(users.c.name == name)).first()
    if row is None:
        hash_password(password)  # spend the same time as a real check, so names cannot be probed
        return None
    if not row.active or not check_password(password, row.password_hash):
        return None
    return _user(row)


def revoke_user(conn: Connection, name: str) -> User:
    """Deactivate a user: sessions and API tokens stop working on their next request."""
    row = conn.execute(select(users).where(users.c.name == name)).first()
    if row is None:
        raise NotFound(f"no user named {name!r}", hint="see `ceasefire users list`")
    now = datetime.now(UTC)
    conn.execute(update(users).where(users.c.id == row.id).values(active=False, revoked_at=now))
    conn.execute(
        update(api_tokens)
        .where(api_tokens.c.user_id == row.id, api_tokens.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    record_audit(conn, None, "user.revoke", f"user:{name}", {})
    return _user(row)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(conn: Connection, name: str, label: str | None = None) -> str:
    """A new API token for the user; the plain value is returned once and never stored."""
    row = conn.execute(select(users).where(users.c.name == name)).first()
    if row is None or not row.active:
        raise NotFound(f"no active user named {name!r}", hint="see `ceasefire users list`")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    conn.execute(
        insert(api_tokens).values(
            user_id=row.id, token_hash=_token_hash(token), label=label, created_at=datetime.now(UTC)
        )
    )
    record_audit(conn, None, "token.create", f"user:{name}", {"label": label})
    return token


def user_for_token(conn: Connection, token: str) -> User | None:
    query = (
        select(users)
        .join(api_tokens, api_tokens.c.user_id == users.c.id)
        .where(api_tokens.c.token_hash == _token_hash(token), api_tokens.c.revoked_at.is_(None))
    )
    row = conn.execute(query).first()
    return _user(row) if row is not None and row.active else None


def record_audit(
    conn: Connection, user: User | None, action: str, target: str, detail: dict[str, Any]
) -> None:
    conn.execute(
        insert(audit_log).values(
            at=datetime.now(UTC),
            user_id=user.id if user else None,
            username=user.name if user else "(cli)",
            action=action,
            target=target[:255],
            detail=detail,
        )
    )


def list_audit(conn: Connection, *, target: str | None = None, limit: int = 100) -> list[AuditEntry]:
    query = select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
    if target is not None:
        query = query.where(audit_log.c.target == target)
    return [
        AuditEntry(id=r.id, at=r.at, username=r.username, action=r.action, target=r.target, detail=r.detail)
        for r in conn.execute(query)
    ]
