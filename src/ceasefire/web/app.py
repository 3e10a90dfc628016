"""The web application: REST API under ``/api``, server-rendered dashboard pages (each with a ``.json``
twin), static files (our CSS and the plotly.js that ships inside the plotly package), one error shape."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ceasefire.errors import CeasefireError, NotAuthenticated
from ceasefire.store.engine import open_db
from ceasefire.web.assessment import AssessmentService
from ceasefire.web.models import ErrorOut
from ceasefire.web.throttle import LoginThrottle

STATIC = Path(__file__).parent / "static"
ENV_SECRET = "CEASEFIRE_SECRET"
SESSION_COOKIE = "cf_session"
SESSION_HOURS = 12
VERSION_TTL_S = 1.0  # other processes' writes show within a second; this process's at once
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
log = logging.getLogger(__name__)


SECURITY_HEADERS = (
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
    ("x-frame-options", "DENY"),
)


class SecurityHeaders:
    """Pure ASGI middleware (cheaper than ``@app.middleware``): the same headers on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def plotly_js_path() -> Path:
    """plotly.min.js as shipped inside the installed plotly package (never a CDN)."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith("/api") or path.endswith(".json"):
        return False
    return "text/html" in request.headers.get("accept", "")


def _error(request: Request, status: int, message: str, code: str | None = None) -> Response:
    body = ErrorOut(error=message, status=status, code=code)
    if _wants_html(request):
        from ceasefire.web.pages.render import render_error

        return render_error(request, body)
    return JSONResponse(body.model_dump(), status_code=status)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(CeasefireError)
    async def ceasefire_error(request: Request, exc: CeasefireError) -> Response:
        if isinstance(exc, NotAuthenticated) and _wants_html(request):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            from urllib.parse import quote

            return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
        return _error(request, exc.http_status, exc.render(), exc.code)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path"))
        message = f"{where}: {first.get('msg')}" if where else str(first.get("msg"))
        return _error(request, 422, message, "E422")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail), f"E{exc.status_code}")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return _error(request, 500, "internal error (see the server log)", "E500")


def create_app(db_url: str | None = None, *, secret: str | None = None, https_only: bool = False) -> FastAPI:
    """The application on the database at ``db_url`` (default: ``--db``/``CEASEFIRE_DB``/``./ceasefire.db``).

    ``secret`` signs session cookies (default ``CEASEFIRE_SECRET``; without either, a random one per
    process, so sessions end when the server restarts). ``https_only`` sets the cookies' Secure flag.
    """
    app = FastAPI(
        title="ceasefire-monitor",
        summary="How a ceasefire agreement is being implemented, from news reports, with evidence.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
    )
    app.state.engine = open_db(db_url)
    app.state.assess = AssessmentService(app.state.engine, version_ttl=VERSION_TTL_S)
    app.state.login_throttle = LoginThrottle()
    key = secret or os.environ.get(ENV_SECRET)
    if not key:
        log.warning("no %s set: using a random session secret; sessions end on restart", ENV_SECRET)
        key = secrets.token_urlsafe(32)
    app.add_middleware(
        SessionMiddleware,
        secret_key=key,
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_HOURS * 3600,
        same_site="lax",
        https_only=https_only,
    )

    app.add_middleware(SecurityHeaders)

    _install_error_handlers(app)

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(
            plotly_js_path(),
            media_type="text/javascript",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    from ceasefire.web.api import agreements, documents, events, me, monitor, reviews
    from ceasefire.web.pages import router as pages_router

    for module in (agreements, monitor, events, documents, reviews, me):
        app.include_router(module.router, prefix="/api")
    app.include_router(pages_router)
    return app


def app_from_env() -> FastAPI:
    """The factory ``ceasefire serve`` hands to uvicorn (each worker builds its app from the environment)."""
    return create_app(
        os.environ.get("CEASEFIRE_DB"), https_only=os.environ.get("CEASEFIRE_HTTPS_COOKIES") == "1"
    )
