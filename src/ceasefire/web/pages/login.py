"""Log in and out. The login form carries the anonymous session's CSRF token; a successful login starts
a fresh session (new id, new CSRF token)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from ceasefire.store.users import User, authenticate, record_audit
from ceasefire.web.auth import Caller, check_csrf, end_session, start_session
from ceasefire.web.deps import get_caller
from ceasefire.web.pages.render import render

router = APIRouter(include_in_schema=False)


def _authenticate(engine: Engine, username: str, password: str) -> User | None:
    with engine.begin() as conn:
        user = authenticate(conn, username, password)
        if user is not None:
            record_audit(conn, user, "login", f"user:{user.name}", {})
    return user


def safe_next(target: str | None) -> str:
    """Only local paths: never an absolute or protocol-relative URL (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", next=safe_next(next))


@router.post("/login", response_model=None)
async def login(
    request: Request,
    username: str = Form(...),
    password: str = Form(...),
    next: str = Form("/"),
) -> Response:
    await check_csrf(request, Caller(None, "session"))
    throttle = request.app.state.login_throttle
    address = request.client.host if request.client else "unknown"
    throttle.check(username, address)
    user = await run_in_threadpool(_authenticate, request.app.state.engine, username, password)
    if user is None:
        throttle.failed(username, address)
        return render(
            request, "login.html", status_code=401, next=safe_next(next), error="Wrong user name or password."
        )
    throttle.succeeded(username)
    start_session(request, user)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout", response_model=None)
async def logout(request: Request, caller: Caller = Depends(get_caller)) -> Response:
    await check_csrf(request, caller)
    end_session(request)
    return RedirectResponse("/login", status_code=303)
