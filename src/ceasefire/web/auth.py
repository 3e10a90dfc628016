"""Who is asking: a signed session cookie (web) or an API token (scripts), and CSRF for session posts.

Sessions are Starlette's signed cookies (itsdangerous): they hold only the user id and the session's
CSRF token. The user is looked up on every request, so revoking a user ends their sessions at once.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from fastapi import Request
from sqlalchemy import Engine

from ceasefire.errors import CsrfRejected, NotAuthenticated, PermissionDenied
from ceasefire.store.users import User, get_user, user_for_token

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


@dataclass(frozen=True, slots=True)
class Caller:
    user: User | None
    via: str | None  # "session", "token" or None (anonymous)


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use (anonymous sessions get one for the login form)."""
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return str(token)


def start_session(request: Request, user: User) -> None:
    """A fresh session for ``user``: the old one (and its CSRF token) is dropped against fixation."""
    request.session.clear()
    request.session["uid"] = user.id
    request.session["csrf"] = secrets.token_urlsafe(32)


def end_session(request: Request) -> None:
    request.session.clear()


def identify(request: Request, engine: Engine) -> Caller:
    cached = getattr(request.state, "caller", None)
    if cached is not None:
        return cached
    caller = Caller(None, None)
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise NotAuthenticated(
                "malformed Authorization header", hint="send 'Authorization: Bearer TOKEN'"
            )
        with engine.connect() as conn:
            user = user_for_token(conn, value.strip())
        if user is None:
            raise NotAuthenticated("unknown or revoked API token")
        caller = Caller(user, "token")
    elif "uid" in request.session:
        with engine.connect() as conn:
            user = get_user(conn, int(request.session["uid"]))
        if user is not None and user.active:
            caller = Caller(user, "session")
        else:
            request.session.clear()
    request.state.caller = caller
    return caller


def require_role(caller: Caller, role: str) -> User:
    if caller.user is None:
        raise NotAuthenticated("log in first", hint="or send 'Authorization: Bearer TOKEN'")
    if not caller.user.can(role):
        raise PermissionDenied(f"this needs the {role} role; {caller.user.name} is a {caller.user.role}")
    return caller.user


async def check_csrf(request: Request, caller: Caller) -> None:
    """Posts authenticated by the session cookie must carry the session's CSRF token (form field or
    header); token-authenticated calls carry no cookie and need none."""
    if caller.via == "token":
        return
    expected = request.session.get("csrf")
    sent = request.headers.get(CSRF_HEADER)
    if not sent:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            sent = value if isinstance(value, str) else None
    if not expected or not sent or not hmac.compare_digest(str(expected), sent):
        raise CsrfRejected("missing or wrong CSRF token", hint="reload the page and submit the form again")
