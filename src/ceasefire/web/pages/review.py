"""The review queue page and its form posts (analyst): confirm, reject or correct one event."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse
from sqlalchemy import Connection, Engine

from ceasefire.errors import InvalidRequest
from ceasefire.extract.event import EVENT_TYPES, MODES, UNITS
from ceasefire.store.reviews import ACTIONS
from ceasefire.store.users import User
from ceasefire.store.webqueries import get_event
from ceasefire.web.api.events import review_event
from ceasefire.web.api.reviews import QueueStatus, review_queue
from ceasefire.web.assessment import AssessmentService
from ceasefire.web.deps import analyst_writer, get_conn, get_engine, get_service, reader
from ceasefire.web.models import EventOut, Page, ReviewIn
from ceasefire.web.pages.browse import _query_base
from ceasefire.web.pages.login import safe_next
from ceasefire.web.pages.render import page_with_twin
from ceasefire.web.present import events_out

router = APIRouter()
STATUSES = ("unreviewed", "confirmed", "corrected", "rejected", "all")


def review_context(request: Request) -> dict[str, Any]:
    """What the review forms need (shared with the event page)."""
    user = request.state.caller.user
    return {
        "types": EVENT_TYPES,
        "modes": MODES,
        "units": UNITS,
        "can_review": bool(user and user.can("analyst")),
        "flash": request.query_params.get("flash"),
    }


def _extra(request: Request, view: Any) -> dict[str, Any]:
    return {
        **review_context(request),
        "status": request.query_params.get("status", "unreviewed"),
        "statuses": STATUSES,
        "base": _query_base(request),
    }


@page_with_twin(router, "/review", template="review.html", model=Page[EventOut], extra=_extra)
def review_page(
    status: QueueStatus = "unreviewed",
    type: str | None = None,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
    conn: Connection = Depends(get_conn),
    _: User = Depends(reader),
) -> Page[EventOut]:
    return review_queue(conn, status, type, limit, offset)


def _changes(current: EventOut, form: dict[str, str]) -> dict[str, Any]:
    """The fields the analyst changed, compared with what the event shows now."""
    changes: dict[str, Any] = {}
    for name in ("type", "actor", "target", "mode", "date", "provision"):
        if name not in form:
            continue
        new = form[name].strip() or None
        old = getattr(current, name)
        old = old.isoformat() if hasattr(old, "isoformat") else old
        if new != old:
            changes[name] = new
    if "quantity_value" in form:
        raw, unit = form["quantity_value"].strip(), form.get("quantity_unit", "").strip()
        if raw and not (raw.isdigit() and unit):
            raise InvalidRequest("a quantity is a whole number with a unit", where="quantity")
        new_q = {"value": int(raw), "unit": unit} if raw else None
        old_q = current.quantity.model_dump() if current.quantity else None
        if new_q != old_q:
            changes["quantity"] = new_q
    return changes


@router.post("/review/{event_id}", include_in_schema=False, response_model=None)
async def review_form(
    request: Request,
    event_id: int,
    action: str = Form(...),
    reason: str = Form(""),
    return_to: str = Form("/review"),
    engine: Engine = Depends(get_engine),
    service: AssessmentService = Depends(get_service),
    user: User = Depends(analyst_writer),
) -> RedirectResponse:
    from starlette.concurrency import run_in_threadpool

    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    if action not in ACTIONS:
        raise InvalidRequest(f"unknown review action {action!r}", hint="confirm, reject or correct")

    def work() -> str:
        with engine.connect() as conn:
            stored = get_event(conn, event_id)
            current = events_out(conn, [stored])[0] if stored else None
        changes = _changes(current, form) if current is not None and action == "correct" else {}
        result = review_event(engine, user, event_id, ReviewIn(action=action, reason=reason, changes=changes))
        return f"event {event_id} {result.review.status}"

    try:
        flash = await run_in_threadpool(work)
    finally:
        service.invalidate()
    target = safe_next(return_to)
    separator = "&" if "?" in target else "?"
    return RedirectResponse(f"{target}{separator}{urlencode({'flash': flash})}", status_code=303)


@router.post("/stories/{story_id}/review", include_in_schema=False, response_model=None)
async def review_story_form(
    story_id: str,
    action: str = Form(...),
    reason: str = Form(""),
    agreement: str | None = Form(None),
    return_to: str = Form("/timeline"),
    engine: Engine = Depends(get_engine),
    service: AssessmentService = Depends(get_service),
    user: User = Depends(analyst_writer),
) -> RedirectResponse:
    """Confirm or reject every telling of a story from the timeline (corrections go event by event)."""
    from starlette.concurrency import run_in_threadpool

    from ceasefire.web.api.agreements import review_story_events

    if action not in ("confirm", "reject"):
        raise InvalidRequest("stories are confirmed or rejected here; correct their events one by one")
    body = ReviewIn(action=action, reason=reason)
    result = await run_in_threadpool(review_story_events, service, engine, user, agreement, story_id, body)
    flash = f"story {story_id} {result.review.status} ({result.events} report events)"
    target = safe_next(return_to)
    separator = "&" if "?" in target else "?"
    return RedirectResponse(f"{target}{separator}{urlencode({'flash': flash})}", status_code=303)
