"""``/api/events``: the event browser's data, one event with its review history, and review actions."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Query
from sqlalchemy import Connection, Engine

from ceasefire.errors import InvalidRequest, NotFound
from ceasefire.extract.event import EVENT_TYPES, MODES
from ceasefire.store.reviews import fingerprint, latest_reviews, record_review, review_history
from ceasefire.store.users import User
from ceasefire.store.webqueries import EventFilter, get_event, list_events, with_corrections
from ceasefire.web.assessment import AssessmentService
from ceasefire.web.deps import analyst_writer, get_conn, get_engine, get_service, reader
from ceasefire.web.models import EventDetail, EventOut, Page, ReviewIn, ReviewResult
from ceasefire.web.present import event_out, events_out, review_out

router = APIRouter(prefix="/events", tags=["events"])


async def event_filter(
    type: str | None = Query(None, description="one of the fifteen event types"),
    actor: str | None = Query(None, description="actor or target id"),
    mode: str | None = Query(None, description="occurred, planned or negated"),
    doc_id: str | None = Query(None, description="report id"),
    date_from: date | None = Query(None, alias="from"),
    date_to: date | None = Query(None, alias="to"),
    provision: str | None = Query(None, description="provision id (needs agreement)"),
    agreement: str | None = Query(None, description="agreement id, for the provision filter"),
) -> EventFilter:
    if type and type not in EVENT_TYPES:
        raise InvalidRequest(f"unknown event type {type!r}", where="type", hint=", ".join(EVENT_TYPES))
    if mode and mode not in MODES:
        raise InvalidRequest(f"unknown mode {mode!r}", where="mode", hint=", ".join(MODES))
    return EventFilter(
        type=type or None,
        actor=actor or None,
        mode=mode or None,
        doc_id=doc_id or None,
        date_from=date_from,
        date_to=date_to,
        provision=provision or None,
        agreement=agreement or None,
    )


def page_of_events(
    conn: Connection, service: AssessmentService, f: EventFilter, limit: int, offset: int
) -> Page[EventOut]:
    if f.provision:
        f = f.with_ids(service.provision_event_ids(f.agreement, f.provision))
    f = with_corrections(conn, f)
    rows, total = list_events(conn, f, limit=limit, offset=offset)
    data = events_out(conn, rows)
    links = service.event_links(f.agreement)
    for item in data:
        item.links = links.get(item.id, [])
    return Page[EventOut](data=data, count=total, limit=limit, offset=offset)


def cached_page_of_events(
    service: AssessmentService, f: EventFilter, limit: int, offset: int
) -> Page[EventOut]:
    """The page, shared by every reader until the database changes."""

    def build() -> Page[EventOut]:
        with service.engine.connect() as conn:
            return page_of_events(conn, service, f, limit, offset)

    return service.view(("events", f, limit, offset), build)


@router.get("", response_model=Page[EventOut], summary="Events, filtered and paginated")
def events(
    f: EventFilter = Depends(event_filter),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
    service: AssessmentService = Depends(get_service),
    _: User = Depends(reader),
) -> Page[EventOut]:
    return cached_page_of_events(service, f, limit, offset)


def event_detail(conn: Connection, event_id: int, service: AssessmentService | None = None) -> EventDetail:
    stored = get_event(conn, event_id)
    if stored is None:
        raise NotFound(f"no event {event_id}", hint="event ids change when extraction re-runs; search again")
    key = fingerprint(stored.event)
    review = latest_reviews(conn, [stored.event.doc_id]).get(key)
    shown = event_out(stored, review)
    if service is not None:
        shown.links = service.event_links(None).get(stored.id, [])
    return EventDetail(event=shown, history=[review_out(r) for r in review_history(conn, key)])


@router.get("/{event_id}", response_model=EventDetail, summary="One event with its review history")
def event(
    event_id: int,
    conn: Connection = Depends(get_conn),
    service: AssessmentService = Depends(get_service),
    _: User = Depends(reader),
) -> EventDetail:
    return event_detail(conn, event_id, service)


def review_event(engine: Engine, user: User, event_id: int, body: ReviewIn) -> ReviewResult:
    with engine.begin() as conn:
        stored = get_event(conn, event_id)
        if stored is None:
            raise NotFound(f"no event {event_id}", hint="event ids change when extraction re-runs; reload")
        review = record_review(conn, user, stored, body.action, changes=body.changes, reason=body.reason)
    return ReviewResult(fingerprint=review.fingerprint, review=review_out(review))


@router.post(
    "/{event_id}/review",
    response_model=ReviewResult,
    summary="Confirm, reject or correct an event (analyst)",
)
def review(
    event_id: int,
    body: ReviewIn,
    engine: Engine = Depends(get_engine),
    service: AssessmentService = Depends(get_service),
    user: User = Depends(analyst_writer),
) -> ReviewResult:
    try:
        return review_event(engine, user, event_id, body)
    finally:
        service.invalidate()
