"""Render dashboard pages: Jinja2 with autoescape on for every template, so report text stays text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel

from ceasefire.web.auth import csrf_token, identify
from ceasefire.web.models import ErrorOut

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent.parent / "templates"))
# Autoescape everything, whatever the file suffix: report text is untrusted.
TEMPLATES.env.autoescape = True
TEMPLATES.env.auto_reload = False  # templates ship with the package: no stat() per render

NAV: tuple[tuple[str, str], ...] = (
    ("/", "Overview"),
    ("/provisions", "Provisions"),
    ("/ledger", "Ledger"),
    ("/timeline", "Timeline"),
    ("/events", "Events"),
    ("/documents", "Reports"),
    ("/claims", "Claims"),
    ("/review", "Review"),
)


def render(
    request: Request, template: str, view: BaseModel | None = None, status_code: int = 200, **extra: Any
) -> HTMLResponse:
    try:
        caller = identify(request, request.app.state.engine)
        user = caller.user
    except Exception:  # a bad token header while rendering an error page: show it logged out
        user = None
    context: dict[str, Any] = {
        "view": view,
        "user": user,
        "csrf": csrf_token(request),
        "nav": NAV,
        "path": request.url.path,
        "json_twin": _twin(request),
        **extra,
    }
    return TEMPLATES.TemplateResponse(request, template, context, status_code=status_code)


def _twin(request: Request) -> str | None:
    path = request.url.path
    if path in ("/login", "/logout") or path.startswith("/static"):
        return None
    twin = "/index.json" if path == "/" else f"{path.rstrip('/')}.json"
    return twin + (f"?{request.url.query}" if request.url.query else "")


def render_error(request: Request, error: ErrorOut) -> HTMLResponse:
    return render(request, "error.html", error, status_code=error.status)


def page_with_twin(
    router: Any,
    path: str,
    *,
    template: str,
    model: Any,
    extra: Any = None,
    json_path: str | None = None,
) -> Any:
    """Register ``build`` (a dependency returning the page's data) as an HTML page at ``path`` and as
    its JSON twin at ``path + '.json'``: both take the same query parameters and see the same data."""
    from fastapi import Depends

    twin = json_path or f"{path}.json"

    def decorator(build: Any) -> Any:
        def html(request: Request, view: Any = Depends(build)) -> HTMLResponse:
            more = extra(request, view) if extra else {}
            return render(request, template, view, **more)

        def as_json(view: Any = Depends(build)) -> Any:
            return view

        # the twin first: "/documents/{doc_id}" would otherwise also match "/documents/x.json"
        router.add_api_route(
            twin, as_json, methods=["GET"], response_model=model, tags=["pages (JSON twins)"]
        )
        router.add_api_route(
            path, html, methods=["GET"], response_class=HTMLResponse, include_in_schema=False
        )
        return build

    return decorator
