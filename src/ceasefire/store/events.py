"""Write extracted events and read them back with the document facts assessment needs."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, delete, insert, select

from ceasefire.extract.event import Event, Quantity
from ceasefire.store.chunks import chunks
from ceasefire.store.tables import documents, events


@dataclass(slots=True)
class StoredEvent:
    """An event as stored, with the facts of its report: when published, which story cluster."""

    id: int
    event: Event
    document_pk: int
    published: date | None
    cluster_id: int | None
    url: str | None
    outlet: str | None
    title: str | None


# the columns an insert fills (all but the id), in the order of ``_values``
_COLUMNS = (
    "document_id",
    "doc_id",
    "type",
    "actor",
    "target",
    "object",
    "mode",
    "date",
    "quantity_value",
    "quantity_unit",
    "location",
    "source",
    "evidence",
    "span_start",
    "span_end",
    "sentence",
    "trigger",
    "trigger_start",
    "trigger_end",
    "rule",
    "reason",
    "extra",
    "run_id",
)


def _values(event: Event, document_pk: int, run_id: int | None) -> list[Any]:
    """One row of ``_COLUMNS`` for an event; the date stays an ISO string and ``extra`` a dict."""
    q = event.quantity
    extra = {**event.extra, "quantity": _quantity_extra(q)} if q else event.extra
    return [
        document_pk,
        event.doc_id,
        event.type,
        event.actor,
        event.target,
        event.object,
        event.mode,
        event.date,
        q.value if q else None,
        q.unit if q else None,
        event.location,
        event.source,
        event.evidence,
        event.span[0],
        event.span[1],
        event.sentence,
        event.trigger,
        event.trigger_span[0],
        event.trigger_span[1],
        event.rule or "unknown",
        event.reason,
        extra,
        run_id,
    ]


_DATE = _COLUMNS.index("date")
_EXTRA = _COLUMNS.index("extra")


def _row(event: Event, document_pk: int, run_id: int | None) -> dict[str, Any]:
    values = _values(event, document_pk, run_id)
    values[_DATE] = date.fromisoformat(event.date) if event.date else None
    values[_EXTRA] = dict(values[_EXTRA])
    return dict(zip(_COLUMNS, values, strict=True))


def _insert_rows(conn: Connection, found: Sequence[tuple[int, Sequence[Event]]], run_id: int | None) -> int:
    """Insert the events of these documents in one statement.

    On SQLite the rows go straight to the driver's ``executemany`` as tuples, with the encodings
    SQLAlchemy's types would give them (a date as ``YYYY-MM-DD`` text, ``extra`` as JSON text): its
    per-row parameter processing cost more than SQLite's insert itself (``ceasefire run`` at 10^6
    reports writes ~10^7 rows). Other databases take the typed rows through SQLAlchemy."""
    if conn.dialect.name != "sqlite":
        rows = [_row(e, pk, run_id) for pk, events_ in found for e in events_]
        if rows:
            conn.execute(insert(events), rows)
        return len(rows)
    tuples = []
    for pk, events_ in found:
        for event in events_:
            values = _values(event, pk, run_id)
            if event.date:  # checked and written as SQLAlchemy's SQLite Date would
                values[_DATE] = date.fromisoformat(event.date).isoformat()
            values[_EXTRA] = json.dumps(values[_EXTRA])
            tuples.append(tuple(values))
    if tuples:
        conn.exec_driver_sql(_SQLITE_INSERT, tuples)
    return len(tuples)


_SQLITE_INSERT = f"INSERT INTO events ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"


def _quantity_extra(quantity: Quantity) -> dict[str, Any]:
    return {"approx": quantity.approx, "low": quantity.low, "high": quantity.high, "rate": quantity.rate}


def replace_events(
    conn: Connection, document_pk: int, found: Sequence[Event], run_id: int | None = None
) -> int:
    """Store a document's events, replacing what an earlier extraction stored for it (idempotent)."""
    conn.execute(delete(events).where(events.c.document_id == document_pk))
    return _insert_rows(conn, [(document_pk, found)], run_id)


def replace_events_of_documents(
    conn: Connection,
    found: Sequence[tuple[int, Sequence[Event]]],
    run_id: int | None = None,
    chunk: int = 500,
) -> int:
    """``replace_events`` for many documents in a few statements (one DELETE per ``chunk`` documents,
    one multi-row INSERT for all their events) instead of two per document. A document given twice
    keeps its last events, as calling ``replace_events`` in turn would."""
    last = {pk: i for i, (pk, _) in enumerate(found)}
    keep = [(pk, events_) for i, (pk, events_) in enumerate(found) if last[pk] == i]
    pks = [pk for pk, _ in keep]
    for part in chunks(pks, chunk):
        conn.execute(delete(events).where(events.c.document_id.in_(part)))
    return _insert_rows(conn, keep, run_id)


class _Shared:
    """One string object per distinct value while loading many events: a report's URL, outlet and
    title, a sentence shared by several events, and the short codes (type, actor, rule…) are held once
    instead of once per row, which keeps assessment over large stores a good deal smaller."""

    __slots__ = ("docs", "strings")

    def __init__(self) -> None:
        self.docs: dict[int, tuple[Any, ...]] = {}
        self.strings: dict[str, str] = {}

    def text(self, value: str | None) -> str | None:
        if value is None:
            return None
        return self.strings.setdefault(value, value)

    def doc(self, row: Any) -> tuple[Any, ...]:
        facts = self.docs.get(row.document_id)
        if facts is None:
            facts = self.docs[row.document_id] = (
                row.published,
                row.cluster_id,
                self.text(row.url),
                self.text(row.outlet),
                self.text(row.title),
            )
        return facts


def _event(row: Any, shared: _Shared | None = None) -> Event:
    text = shared.text if shared is not None else _same
    extra = dict(row.extra or {})
    q = extra.pop("quantity", None) or {}
    quantity = (
        Quantity(
            row.quantity_value,
            row.quantity_unit,
            approx=bool(q.get("approx")),
            low=q.get("low"),
            high=q.get("high"),
            rate=q.get("rate"),
        )
        if row.quantity_value is not None and row.quantity_unit
        else None
    )
    return Event(
        doc_id=text(row.doc_id),
        type=text(row.type),
        actor=text(row.actor),
        target=text(row.target),
        object=text(row.object),
        mode=text(row.mode),
        date=text(row.date.isoformat()) if row.date else None,
        quantity=quantity,
        location=text(row.location),
        source=text(row.source),
        evidence=text(row.evidence),
        span=(row.span_start, row.span_end),
        rule=text(row.rule),
        reason=row.reason or "",
        trigger=text(row.trigger) or "",
        trigger_span=(row.trigger_start or 0, row.trigger_end or 0),
        sentence=row.sentence,
        extra=extra,
    )


def load_events(
    conn: Connection,
    *,
    published_on_or_before: date | None = None,
    types: Iterable[str] | None = None,
    doc_ids: Iterable[str] | None = None,
) -> list[StoredEvent]:
    """Events with their reports' facts, in publication then document then span order.

    ``published_on_or_before`` keeps only reports published on or before that day (reports without a
    date are kept only when no cut-off is given), so an as-of view never sees later news.
    """
    query = _with_reports(published_on_or_before).order_by(
        documents.c.published, documents.c.doc_id, events.c.span_start, events.c.id
    )
    if types is not None:
        query = query.where(events.c.type.in_(list(types)))
    if doc_ids is not None:
        query = query.where(events.c.doc_id.in_(list(doc_ids)))
    shared = _Shared()
    return [stored_event(row, shared) for row in conn.execute(query)]


def stream_events(
    conn: Connection, *, published_on_or_before: date | None = None, batch_size: int = 2000
) -> Iterator[list[StoredEvent]]:
    """``load_events`` in batches, in the same order (publication, document, span), from one streamed
    query (a server-side cursor on PostgreSQL, the cursor's own paging on SQLite): the caller keeps
    only what it needs of each batch, so memory does not grow with the store."""
    query = _with_reports(published_on_or_before).order_by(
        documents.c.published, documents.c.doc_id, events.c.span_start, events.c.id
    )
    result = conn.execution_options(yield_per=batch_size).execute(query)
    for rows in result.partitions():
        shared = _Shared()  # per batch: the strings of a batch are not held past it
        yield [stored_event(row, shared) for row in rows]


def evidence_of(conn: Connection, event_ids: Iterable[int], chunk: int = 500) -> dict[int, str]:
    """The evidence sentence of each of these events (by row id)."""
    wanted = sorted(set(event_ids))
    out: dict[int, str] = {}
    for part in chunks(wanted, chunk):
        query = select(events.c.id, events.c.evidence).where(events.c.id.in_(part))
        out.update({row.id: row.evidence for row in conn.execute(query)})
    return out


def iter_events(
    conn: Connection, *, published_on_or_before: date | None = None, page_size: int = 1000
) -> Iterator[StoredEvent]:
    """Every stored event in id (extraction) order, keyset-paged, so exports of any size stay flat."""
    last = 0
    while True:
        query = _with_reports(published_on_or_before).where(events.c.id > last).order_by(events.c.id)
        rows = conn.execute(query.limit(page_size)).all()
        if not rows:
            return
        shared = _Shared()  # per page, so the stream stays flat
        yield from (stored_event(row, shared) for row in rows)
        last = rows[-1].id


def _with_reports(published_on_or_before: date | None) -> Select[Any]:
    """Events joined with the facts of their reports, optionally cut off at a publication day."""
    query = select(
        events,
        documents.c.published,
        documents.c.cluster_id,
        documents.c.url,
        documents.c.outlet,
        documents.c.title,
    ).join(documents, documents.c.id == events.c.document_id)
    if published_on_or_before is not None:
        query = query.where(documents.c.published <= published_on_or_before)
    return query


def stored_event(row: Any, shared: _Shared | None = None) -> StoredEvent:
    """A row of events joined with its report's facts (``_with_reports``) as a StoredEvent."""
    shared = shared if shared is not None else _Shared()
    published, cluster_id, url, outlet, title = shared.doc(row)
    return StoredEvent(
        id=row.id,
        event=_event(row, shared),
        document_pk=row.document_id,
        published=published,
        cluster_id=cluster_id,
        url=url,
        outlet=outlet,
        title=title,
    )


def _same(value: str | None) -> str | None:
    return value


def stream_reviewed_events(
    conn: Connection, *, published_on_or_before: date | None = None, batch_size: int = 2000
) -> Iterator[list[StoredEvent]]:
    """``stream_events`` seen through the analysts' reviews (``load_reviewed_events`` in batches):
    a review is looked up by its event's report, so applying them batch by batch gives the same view."""
    from ceasefire.store.reviews import apply_reviews

    for batch in stream_events(conn, published_on_or_before=published_on_or_before, batch_size=batch_size):
        yield apply_reviews(conn, batch)


def load_reviewed_events(
    conn: Connection,
    *,
    published_on_or_before: date | None = None,
    types: Iterable[str] | None = None,
    doc_ids: Iterable[str] | None = None,
) -> list[StoredEvent]:
    """``load_events`` seen through the analysts' reviews: rejected events gone, corrections applied.
    Assessment, reports and exports read this view; the stored extraction itself is never changed."""
    from ceasefire.store.reviews import apply_reviews  # reviews build on this module's records

    return apply_reviews(
        conn, load_events(conn, published_on_or_before=published_on_or_before, types=types, doc_ids=doc_ids)
    )
