"""Event browser, one event, the reports list, one report with highlighted evidence, upload form."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi.responses import RedirectResponse
from pydantic import BaseModel
from sqlalchemy import Connection, Engine

from ceasefire.extract.event import EVENT_TYPES, MODES
from ceasefire.store.users import User
from ceasefire.store.webqueries import EventFilter
from ceasefire.web.api.documents import document_view, page_of_documents
from ceasefire.web.api.events import cached_page_of_events, event_detail, event_filter
from ceasefire.web.assessment import AssessmentService
from ceasefire.web.deps import analyst_writer, get_conn, get_engine, get_service, reader
from ceasefire.web.models import DocumentOut, DocumentSummary, EventDetail, EventOut, Page
from ceasefire.web.pages.render import page_with_twin

router = APIRouter()


class EventsView(Page[EventOut]):
    filter: dict[str, Any]


def _query_base(request: Request) -> str:
    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in ("offset", "limit") and v]
    return f"{request.url.path}?{urlencode(kept)}{'&' if kept else ''}"


def _events_extra(request: Request, view: EventsView) -> dict[str, Any]:
    f = EventFilter(**{k: v for k, v in view.filter.items() if k != "ids"})
    return {"f": f, "types": EVENT_TYPES, "modes": MODES, "base": _query_base(request)}


@page_with_twin(router, "/events", template="events.html", model=EventsView, extra=_events_extra)
def events_page(
    f: EventFilter = Depends(event_filter),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
    service: AssessmentService = Depends(get_service),
    _: User = Depends(reader),
) -> EventsView:
    page = cached_page_of_events(service, f, limit, offset)
    shown = {k: getattr(f, k) for k in ("type", "actor", "mode", "doc_id", "date_from", "date_to")}
    shown |= {"provision": f.provision, "agreement": f.agreement}
    return EventsView(**page.model_dump(), filter=shown)


def _event_extra(request: Request, view: Any) -> dict[str, Any]:
    from ceasefire.web.pages.review import review_context

    return review_context(request)


@page_with_twin(router, "/events/{event_id}", template="event.html", model=EventDetail, extra=_event_extra)
def event_page(
    event_id: int,
    conn: Connection = Depends(get_conn),
    service: AssessmentService = Depends(get_service),
    _: User = Depends(reader),
) -> EventDetail:
    return event_detail(conn, event_id, service)


def _documents_extra(request: Request, view: Any) -> dict[str, Any]:
    user = request.state.caller.user
    return {
        "q": request.query_params.get("q"),
        "base": _query_base(request),
        "can_upload": bool(user and user.can("analyst")),
        "flash": request.query_params.get("flash"),
    }


@page_with_twin(
    router, "/documents", template="documents.html", model=Page[DocumentSummary], extra=_documents_extra
)
def documents_page(
    q: str | None = Query(None),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
    conn: Connection = Depends(get_conn),
    _: User = Depends(reader),
) -> Page[DocumentSummary]:
    return page_of_documents(conn, q, limit, offset)


@page_with_twin(router, "/documents/{doc_id}", template="document.html", model=DocumentOut)
def document_page(
    doc_id: str,
    focus: int | None = Query(None),
    conn: Connection = Depends(get_conn),
    _: User = Depends(reader),
) -> DocumentOut:
    return document_view(conn, doc_id, focus)


class UploadView(BaseModel):
    ok: bool


@router.post("/documents/upload", include_in_schema=False, response_model=None)
async def upload_form(
    files: list[UploadFile] = File(...),
    engine: Engine = Depends(get_engine),
    service: AssessmentService = Depends(get_service),
    user: User = Depends(analyst_writer),
) -> RedirectResponse:
    from ceasefire.web.upload import ingest_uploads, read_uploads

    result = await ingest_uploads(engine, user, await read_uploads(files), service.invalidate)
    flash = f"{result.accepted} report(s) added, {result.rejected} refused, {result.events} events extracted"
    if result.problems:
        flash += ": " + "; ".join(result.problems[:3])
    return RedirectResponse("/documents?" + urlencode({"flash": flash}), status_code=303)
