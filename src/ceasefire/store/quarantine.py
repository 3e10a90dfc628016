"""The quarantine: every refused input with its reason and location, for listing, showing and retry.

A rejection is stored once while open: re-ingesting the same bad input finds its fingerprint and
adds no second row."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from ceasefire.ingest.rejected import Rejected
from ceasefire.store.chunks import chunks
from ceasefire.store.documents import now
from ceasefire.store.tables import quarantine

STATUSES = ("open", "retried", "resolved")
RAW_CHARS = 2000


@dataclass(slots=True)
class QuarantineEntry:
    id: int
    source: str
    location: str | None
    reason: str
    detail: str
    raw: str | None
    status: str
    run_id: int | None
    created_at: datetime


def fingerprint(item: Rejected) -> str:
    key = "\x1f".join((item.source, item.location or "", item.reason, item.detail, item.raw or ""))
    return hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()


def add_rejections(conn: Connection, items: Sequence[Rejected], run_id: int | None) -> int:
    """Store rejections not already open in the quarantine; how many rows were added."""
    if not items:
        return 0
    prints = [fingerprint(item) for item in items]
    open_already: set[str] = set()
    for chunk in chunks(prints):
        open_already.update(
            conn.execute(
                select(quarantine.c.fingerprint).where(
                    quarantine.c.fingerprint.in_(chunk), quarantine.c.status == "open"
                )
            ).scalars()
        )
    rows: list[dict[str, Any]] = []
    for item, print_ in zip(items, prints, strict=True):
        if print_ in open_already:
            continue
        open_already.add(print_)
        rows.append(
            {
                "source": item.source,
                "location": item.location[:64] if item.location else None,
                "reason": item.reason[:64],
                "detail": item.detail,
                "raw": item.raw[:RAW_CHARS] if item.raw else None,
                "status": "open",
                "run_id": run_id,
                "created_at": now(),
                "fingerprint": print_,
            }
        )
    if rows:
        conn.execute(insert(quarantine), rows)
    return len(rows)


def _entry(row: Any) -> QuarantineEntry:
    return QuarantineEntry(
        id=row.id,
        source=row.source,
        location=row.location,
        reason=row.reason,
        detail=row.detail,
        raw=row.raw,
        status=row.status,
        run_id=row.run_id,
        created_at=row.created_at,
    )


def list_quarantine(
    conn: Connection,
    *,
    status: str | None = "open",
    reason: str | None = None,
    source: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[QuarantineEntry]:
    query = select(quarantine).order_by(quarantine.c.id).limit(limit).offset(offset)
    if status:
        query = query.where(quarantine.c.status == status)
    if reason:
        query = query.where(quarantine.c.reason == reason)
    if source:
        query = query.where(quarantine.c.source == source)
    return [_entry(row) for row in conn.execute(query)]


def get_quarantine(conn: Connection, entry_id: int) -> QuarantineEntry | None:
    row = conn.execute(select(quarantine).where(quarantine.c.id == entry_id)).first()
    return _entry(row) if row is not None else None


def count_quarantine(conn: Connection, *, status: str | None = "open") -> dict[str, int]:
    """reason → number of entries."""
    query = select(quarantine.c.reason, func.count()).group_by(quarantine.c.reason)
    if status:
        query = query.where(quarantine.c.status == status)
    return {reason: count for reason, count in conn.execute(query)}


def mark_quarantine(conn: Connection, entry_ids: Sequence[int], status: str) -> int:
    """Set the status of entries; how many changed."""
    if status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}")
    if not entry_ids:
        return 0
    result = conn.execute(
        update(quarantine).where(quarantine.c.id.in_(list(entry_ids))).values(status=status)
    )
    return int(result.rowcount or 0)
