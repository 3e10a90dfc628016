"""Read queries for the REST API and dashboard: filtered, paginated events and documents.

Every filter value is a bound parameter; sort keys and columns are fixed here, never taken from input.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, and_, false, func, or_, select

from ceasefire.extract.event import Event
from ceasefire.store.events import StoredEvent, stored_event
from ceasefire.store.reviews import event_reviews, fingerprint, latest_reviews, reviewed_event
from ceasefire.store.tables import documents, events


@dataclass(frozen=True, slots=True)
class EventFilter:
    type: str | None = None
    actor: str | None = None
    mode: str | None = None
    doc_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    published_to: date | None = None
    provision: str | None = None  # resolved by the caller into ``ids``
    agreement: str | None = None
    ids: frozenset[int] | None = None  # only these event ids (None: no restriction)
    # corrections: events whose reviewed values match though the extracted ones do not, and back
    include_ids: frozenset[int] = frozenset()
    exclude_ids: frozenset[int] = frozenset()

    def with_ids(self, ids: frozenset[int]) -> EventFilter:
        return replace(self, ids=ids)


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: int
    doc_id: str
    title: str | None
    published: date | None
    url: str | None
    outlet: str | None
    cluster_id: int | None
    events: int


@dataclass(frozen=True, slots=True)
class DocumentText:
    doc_id: str
    title: str | None
    published: date | None
    url: str | None
    outlet: str | None
    text: str
    metadata: dict[str, Any]


def _event_query() -> Select[Any]:
    return select(
        events,
        documents.c.published,
        documents.c.cluster_id,
        documents.c.url,
        documents.c.outlet,
        documents.c.title,
    ).join(documents, documents.c.id == events.c.document_id)


def _filtered(query: Select[Any], f: EventFilter) -> Select[Any]:
    conditions = []
    if f.type:
        conditions.append(events.c.type == f.type)
    if f.actor:
        conditions.append(or_(events.c.actor == f.actor, events.c.target == f.actor))
    if f.mode:
        conditions.append(events.c.mode == f.mode)
    if f.date_from:
        conditions.append(events.c.date >= f.date_from)
    if f.date_to:
        conditions.append(events.c.date <= f.date_to)
    if f.exclude_ids:
        conditions.append(events.c.id.not_in(sorted(f.exclude_ids)))
    if conditions:
        matched = and_(*conditions)
        query = query.where(
            or_(matched, events.c.id.in_(sorted(f.include_ids))) if f.include_ids else matched
        )
    if f.doc_id:
        query = query.where(events.c.doc_id == f.doc_id)
    if f.published_to:
        query = query.where(documents.c.published <= f.published_to)
    if f.ids is not None:
        query = query.where(events.c.id.in_(sorted(f.ids)) if f.ids else false())
    return query


def _matches(event: Event, f: EventFilter) -> bool:
    when = date.fromisoformat(event.date) if event.date else None
    return (
        (not f.type or event.type == f.type)
        and (not f.actor or f.actor in (event.actor, event.target))
        and (not f.mode or event.mode == f.mode)
        and (not f.date_from or (when is not None and when >= f.date_from))
        and (not f.date_to or (when is not None and when <= f.date_to))
    )


def with_corrections(conn: Connection, f: EventFilter) -> EventFilter:
    """The filter judged on reviewed values: corrected events whose new values match are added, those
    whose extracted values matched but whose corrected ones do not are left out."""
    if not (f.type or f.actor or f.mode or f.date_from or f.date_to):
        return f
    corrections = {k: r for k, r in latest_reviews(conn).items() if r.action == "correct"}
    if not corrections:
        return f
    include, exclude = set(), set()
    for stored in events_of_documents(conn, sorted({r.doc_id for r in corrections.values()})):
        review = corrections.get(fingerprint(stored.event))
        if review is None:
            continue
        before, after = (
            _matches(stored.event, f),
            _matches(reviewed_event(stored.event, review) or stored.event, f),
        )
        if after and not before:
            include.add(stored.id)
        elif before and not after:
            exclude.add(stored.id)
    return replace(f, include_ids=frozenset(include), exclude_ids=frozenset(exclude))


def list_events(
    conn: Connection, f: EventFilter, *, limit: int = 50, offset: int = 0
) -> tuple[list[StoredEvent], int]:
    """One page of events (newest report first) and the total matching the filter."""
    total = conn.execute(_filtered(select(func.count()).select_from(events.join(documents)), f)).scalar_one()
    query = (
        _filtered(_event_query(), f)
        .order_by(documents.c.published.desc(), events.c.doc_id, events.c.span_start, events.c.id)
        .limit(limit)
        .offset(offset)
    )
    return [stored_event(row) for row in conn.execute(query)], int(total)


def get_event(conn: Connection, event_id: int) -> StoredEvent | None:
    row = conn.execute(_event_query().where(events.c.id == event_id)).first()
    return stored_event(row) if row else None


def events_of_documents(conn: Connection, doc_ids: list[str]) -> list[StoredEvent]:
    if not doc_ids:
        return []
    query = _event_query().where(events.c.doc_id.in_(doc_ids)).order_by(events.c.doc_id, events.c.span_start)
    return [stored_event(row) for row in conn.execute(query)]


def list_documents(
    conn: Connection, *, query_text: str | None = None, limit: int = 50, offset: int = 0
) -> tuple[list[DocumentRow], int]:
    counts = select(events.c.document_id, func.count().label("n")).group_by(events.c.document_id).subquery()
    base = select(documents.c.id).select_from(documents)
    if query_text:
        pattern = "%" + query_text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        cond = or_(
            documents.c.title.ilike(pattern, escape="\\"), documents.c.doc_id.ilike(pattern, escape="\\")
        )
        base = base.where(cond)
    else:
        cond = None
    total = conn.execute(select(func.count()).select_from(base.subquery())).scalar_one()
    query = (
        select(
            documents.c.id,
            documents.c.doc_id,
            documents.c.title,
            documents.c.published,
            documents.c.url,
            documents.c.outlet,
            documents.c.cluster_id,
            func.coalesce(counts.c.n, 0).label("n"),
        )
        .outerjoin(counts, counts.c.document_id == documents.c.id)
        .order_by(documents.c.published.desc(), documents.c.doc_id)
        .limit(limit)
        .offset(offset)
    )
    if cond is not None:
        query = query.where(cond)
    rows = [
        DocumentRow(
            id=r.id,
            doc_id=r.doc_id,
            title=r.title,
            published=r.published,
            url=r.url,
            outlet=r.outlet,
            cluster_id=r.cluster_id,
            events=int(r.n),
        )
        for r in conn.execute(query)
    ]
    return rows, int(total)


def document_text(conn: Connection, doc_id: str) -> DocumentText | None:
    row = conn.execute(select(documents).where(documents.c.doc_id == doc_id)).first()
    if row is None:
        return None
    return DocumentText(
        doc_id=row.doc_id,
        title=row.title,
        published=row.published,
        url=row.url,
        outlet=row.outlet,
        text=row.text,
        metadata=dict(row.metadata or {}),
    )


def data_version(conn: Connection) -> tuple[Any, ...]:
    """A cheap fingerprint of the database state (primary-key maxima, so O(log n)): it changes whenever
    a report, an event (re-extraction inserts anew), a review or a stored agreement is added."""
    from ceasefire.store.tables import agreements

    row = conn.execute(
        select(
            select(func.max(documents.c.id)).scalar_subquery(),
            select(func.max(events.c.id)).scalar_subquery(),
            select(func.max(event_reviews.c.id)).scalar_subquery(),
            select(func.max(agreements.c.loaded_at)).scalar_subquery(),
        )
    ).one()
    return tuple(row)


def event_type_counts(conn: Connection) -> dict[str, int]:
    query = select(events.c.type, func.count()).group_by(events.c.type).order_by(events.c.type)
    return {t: int(n) for t, n in conn.execute(query)}


def latest_published(conn: Connection) -> date | None:
    """The publication day of the newest report: the dashboard's default 'as of' day."""
    return conn.execute(select(func.max(documents.c.published))).scalar_one_or_none()
