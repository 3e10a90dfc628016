"""``/api/reviews``: the review queue and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel
from sqlalchemy import Connection

from ceasefire.store.reviews import fingerprint, latest_reviews
from ceasefire.store.users import User, list_audit
from ceasefire.store.webqueries import EventFilter, list_events, with_corrections
from ceasefire.web.deps import admin_reader, get_conn, reader
from ceasefire.web.models import EventOut, Page
from ceasefire.web.present import event_out

router = APIRouter(tags=["reviews"])
QueueStatus = Literal["unreviewed", "confirmed", "rejected", "corrected", "all"]
QUEUE_SCAN = 20_000


class AuditOut(BaseModel):
    id: int
    at: datetime
    username: str
    action: str
    target: str
    detail: dict[str, Any]


def review_queue(conn: Connection, status: str, type: str | None, limit: int, offset: int) -> Page[EventOut]:
    """Events by review status; unreviewed ones first come from the newest reports."""
    rows, _ = list_events(
        conn, with_corrections(conn, EventFilter(type=type or None)), limit=QUEUE_SCAN, offset=0
    )
    reviews = latest_reviews(conn, {s.event.doc_id for s in rows})
    picked = []
    for stored in rows:
        review = reviews.get(fingerprint(stored.event))
        state = review.status if review else "unreviewed"
        if status in ("all", state):
            picked.append((stored, review))
    page = picked[offset : offset + limit]
    return Page[EventOut](
        data=[event_out(s, r) for s, r in page], count=len(picked), limit=limit, offset=offset
    )


@router.get("/reviews", response_model=Page[EventOut], summary="The review queue")
def queue(
    status: QueueStatus = "unreviewed",
    type: str | None = None,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
    conn: Connection = Depends(get_conn),
    _: User = Depends(reader),
) -> Page[EventOut]:
    return review_queue(conn, status, type, limit, offset)


@router.get("/audit", response_model=Page[AuditOut], summary="Who changed what, newest first (admin)")
def audit(
    target: str | None = None,
    limit: int = Query(100, ge=1, le=1000),
    conn: Connection = Depends(get_conn),
    _: User = Depends(admin_reader),
) -> Page[AuditOut]:
    entries = list_audit(conn, target=target, limit=limit)
    data = [AuditOut(**_entry(e)) for e in entries]
    return Page[AuditOut](data=data, count=len(data), limit=limit, offset=0)


def _entry(e: Any) -> dict[str, Any]:
    return {k: getattr(e, k) for k in ("id", "at", "username", "action", "target", "detail")}
