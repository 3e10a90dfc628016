"""Shared route dependencies: the database connection, the caller, and role checks for reads and writes."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Depends, Request
from sqlalchemy import Connection, Engine

from ceasefire.store.users import User
from ceasefire.web.assessment import AssessmentService
from ceasefire.web.auth import Caller, check_csrf, identify, require_role


async def get_engine(request: Request) -> Engine:
    return request.app.state.engine


async def get_service(request: Request) -> AssessmentService:
    return request.app.state.assess


def get_conn(request: Request) -> Iterator[Connection]:
    with request.app.state.engine.connect() as conn:
        yield conn


async def get_caller(request: Request) -> Caller:
    # Runs on the event loop: one indexed lookup, cheaper than a hop to the thread pool.
    return identify(request, request.app.state.engine)


async def reader(caller: Caller = Depends(get_caller)) -> User:
    """Any logged-in user (viewer and up) may read."""
    return require_role(caller, "viewer")


async def _writer(request: Request, caller: Caller, role: str) -> User:
    user = require_role(caller, role)
    await check_csrf(request, caller)
    return user


async def analyst_writer(request: Request, caller: Caller = Depends(get_caller)) -> User:
    """Analyst or admin, and a CSRF token when the call rides on the session cookie."""
    return await _writer(request, caller, "analyst")


async def admin_writer(request: Request, caller: Caller = Depends(get_caller)) -> User:
    return await _writer(request, caller, "admin")


async def admin_reader(caller: Caller = Depends(get_caller)) -> User:
    return require_role(caller, "admin")
