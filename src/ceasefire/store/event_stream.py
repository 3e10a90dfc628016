"""Stream stored events with their reports' facts in pages, for exports of any size (memory stays
flat: one page of rows at a time, keyset-paged by event id)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from sqlalchemy import Connection, select

from ceasefire.store.events import StoredEvent, _event
from ceasefire.store.tables import documents, events


def iter_events(
    conn: Connection, *, published_on_or_before: date | None = None, page_size: int = 1000
) -> Iterator[StoredEvent]:
    """Every stored event in id order (extraction order), one page at a time."""
    last = 0
    while True:
        query = (
            select(
                events,
                documents.c.published,
                documents.c.cluster_id,
                documents.c.url,
                documents.c.outlet,
                documents.c.title,
            )
            .join(documents, documents.c.id == events.c.document_id)
            .where(events.c.id > last)
            .order_by(events.c.id)
            .limit(page_size)
        )
        if published_on_or_before is not None:
            query = query.where(documents.c.published <= published_on_or_before)
        rows = conn.execute(query).all()
        if not rows:
            return
        for row in rows:
            yield StoredEvent(
                id=row.id,
                event=_event(row),
                document_pk=row.document_id,
                published=row.published,
                cluster_id=row.cluster_id,
                url=row.url,
                outlet=row.outlet,
                title=row.title,
            )
        last = rows[-1].id
