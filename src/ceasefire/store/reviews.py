"""Analyst reviews of extracted events: confirm, reject or correct, never overwriting the extraction.

A review is keyed by the event's *fingerprint* (report id, extracted type, evidence span, trigger span),
not by its row id: re-extraction deletes and re-inserts a document's events, and the fingerprint of the
same finding is the same again, so reviews survive it. Every review is a new row (the history is kept);
the latest one per fingerprint is in force. ``apply_reviews`` gives the reviewed view assessment uses.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

from sqlalchemy import (
    JSON,
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
)

from ceasefire.errors import InvalidRequest
from ceasefire.extract.event import EVENT_TYPES, MODES, UNITS, Event, Quantity
from ceasefire.store.events import StoredEvent
from ceasefire.store.tables import metadata
from ceasefire.store.users import User, record_audit

Action = Literal["confirm", "reject", "correct"]
ACTIONS: tuple[str, ...] = ("confirm", "reject", "correct")
STATUS = {"confirm": "confirmed", "reject": "rejected", "correct": "corrected"}
CORRECTABLE: tuple[str, ...] = (
    "type",
    "actor",
    "target",
    "object",
    "mode",
    "date",
    "quantity",
    "location",
    "provision",
)
SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
IN_LIMIT = 500  # bound parameters per IN list (SQLite and PostgreSQL cap the number of parameters)

event_reviews = Table(
    "event_reviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("fingerprint", String(64), nullable=False, index=True),
    Column("doc_id", String(255), nullable=False, index=True),
    Column("action", String(16), nullable=False),
    Column("original", JSON, nullable=False),
    Column("changes", JSON, nullable=False),
    Column("reason", Text, nullable=False),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("username", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


@dataclass(frozen=True, slots=True)
class Review:
    id: int
    fingerprint: str
    doc_id: str
    action: str
    original: dict[str, Any]
    changes: dict[str, Any]
    reason: str
    username: str
    created_at: datetime

    @property
    def status(self) -> str:
        return STATUS[self.action]

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "by": self.username,
            "at": self.created_at.isoformat(),
            "reason": self.reason,
            "changes": self.changes,
        }


def fingerprint(event: Event) -> str:
    """A stable key of an extracted finding: the same text and rule hit gives the same key again."""
    key = "\x1f".join(
        str(part)
        for part in (
            event.doc_id,
            event.type,
            event.span[0],
            event.span[1],
            event.trigger_span[0],
            event.trigger_span[1],
        )
    )
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _clean_slug(field: str, value: Any) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not SLUG.match(value):
        raise InvalidRequest(f"{field} must be a lower-case id such as 'hamas'", where=field)
    return value


def validate_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """Check a correction's fields; returns them normalised. Unknown or bad fields raise InvalidRequest."""
    clean: dict[str, Any] = {}
    for field, value in changes.items():
        if field not in CORRECTABLE:
            raise InvalidRequest(
                f"field {field!r} cannot be corrected", hint=f"one of {', '.join(CORRECTABLE)}"
            )
        if field == "type" or field == "object":
            if value in (None, "") and field == "object":
                clean[field] = None
                continue
            if value not in EVENT_TYPES:
                raise InvalidRequest(f"unknown event type {value!r}", where=field)
            clean[field] = value
        elif field == "mode":
            if value not in MODES:
                raise InvalidRequest(
                    f"unknown mode {value!r}", where=field, hint=f"one of {', '.join(MODES)}"
                )
            clean[field] = value
        elif field == "date":
            if value in (None, ""):
                clean[field] = None
                continue
            try:
                clean[field] = date.fromisoformat(str(value)).isoformat()
            except ValueError as exc:
                raise InvalidRequest(f"not an ISO date: {value!r}", where=field) from exc
        elif field == "quantity":
            clean[field] = _clean_quantity(value)
        elif field == "location":
            clean[field] = str(value)[:128] if value not in (None, "") else None
        else:
            clean[field] = _clean_slug(field, value)
    return clean


def _clean_quantity(value: Any) -> dict[str, Any] | None:
    if value in (None, ""):
        return None
    if not isinstance(value, dict):
        raise InvalidRequest("quantity must be {value, unit} or null", where="quantity")
    try:
        number = int(value.get("value"))
    except (TypeError, ValueError) as exc:
        raise InvalidRequest("quantity value must be a whole number", where="quantity.value") from exc
    if number < 0:
        raise InvalidRequest("quantity value must not be negative", where="quantity.value")
    if value.get("unit") not in UNITS:
        raise InvalidRequest(f"unknown unit {value.get('unit')!r}", where="quantity.unit")
    return {"value": number, "unit": value["unit"]}


def record_review(
    conn: Connection,
    user: User,
    stored: StoredEvent,
    action: str,
    *,
    changes: dict[str, Any] | None = None,
    reason: str = "",
) -> Review:
    """Store one review of ``stored`` by ``user`` and log it in the audit log."""
    if action not in ACTIONS:
        raise InvalidRequest(f"unknown review action {action!r}", hint="confirm, reject or correct")
    reason = reason.strip()
    clean = validate_changes(changes or {}) if action == "correct" else {}
    if action == "correct" and not clean:
        raise InvalidRequest("a correction needs at least one corrected field")
    if action in ("reject", "correct") and not reason:
        raise InvalidRequest(f"say why: a {action} needs a reason", where="reason")
    event = stored.event
    key = fingerprint(event)
    original = {**event.to_spec(), "provision": event.extra.get("provision")}
    now = datetime.now(UTC)
    result = conn.execute(
        insert(event_reviews).values(
            fingerprint=key,
            doc_id=event.doc_id,
            action=action,
            original=original,
            changes=clean,
            reason=reason,
            user_id=user.id,
            username=user.name,
            created_at=now,
        )
    )
    record_audit(conn, user, f"review.{action}", f"event:{key}", {"changes": clean, "reason": reason})
    return Review(
        id=int(result.inserted_primary_key[0]),
        fingerprint=key,
        doc_id=event.doc_id,
        action=action,
        original=original,
        changes=clean,
        reason=reason,
        username=user.name,
        created_at=now,
    )


def _review(row: Any) -> Review:
    return Review(
        id=row.id,
        fingerprint=row.fingerprint,
        doc_id=row.doc_id,
        action=row.action,
        original=row.original,
        changes=row.changes,
        reason=row.reason,
        username=row.username,
        created_at=row.created_at,
    )


def latest_reviews(conn: Connection, doc_ids: Iterable[str] | None = None) -> dict[str, Review]:
    """The review in force per fingerprint (the latest), optionally only for some reports."""
    query = select(event_reviews).order_by(event_reviews.c.id)
    wanted: set[str] | None = None
    if doc_ids is not None:
        wanted = set(doc_ids)
        if not wanted:
            return {}
        if len(wanted) <= IN_LIMIT:
            query = query.where(event_reviews.c.doc_id.in_(sorted(wanted)))
    # more reports than a bound IN list should hold: read every review (they are few) and keep theirs
    return {
        row.fingerprint: _review(row) for row in conn.execute(query) if wanted is None or row.doc_id in wanted
    }


def review_history(conn: Connection, key: str) -> list[Review]:
    query = select(event_reviews).where(event_reviews.c.fingerprint == key).order_by(event_reviews.c.id)
    return [_review(row) for row in conn.execute(query)]


def reviewed_event(event: Event, review: Review | None) -> Event | None:
    """The event as reviewed: None when rejected; corrections applied; the review noted in ``extra``."""
    if review is None:
        return event
    if review.action == "reject":
        return None
    changes = dict(review.changes)
    extra = {**event.extra, "review": review.summary()}
    if "provision" in changes:
        extra["provision"] = changes.pop("provision")
    if "quantity" in changes:
        q = changes.pop("quantity")
        changes["quantity"] = Quantity(q["value"], q["unit"]) if q else None
    return dataclasses.replace(event, **changes, extra=extra)


def apply_reviews(conn: Connection, stored: list[StoredEvent]) -> list[StoredEvent]:
    """The reviewed view of ``stored``: rejected events removed, corrections applied, confirmed and
    corrected events flagged in ``event.extra["review"]``. The stored extraction is left untouched."""
    reviews = latest_reviews(conn, {s.event.doc_id for s in stored}) if stored else {}
    if not reviews:
        return list(stored)
    out: list[StoredEvent] = []
    for item in stored:
        event = reviewed_event(item.event, reviews.get(fingerprint(item.event)))
        if event is not None:
            out.append(item if event is item.event else dataclasses.replace(item, event=event))
    return out
