"""``replace_events_of_documents`` (what ``ceasefire run`` stores each batch with) gives the same
stored events as ``replace_events`` one report at a time: re-runs replace, nothing doubles."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import Engine, delete, insert, select

from ceasefire.extract.event import Event
from ceasefire.store.documents import document_pks
from ceasefire.store.events import (
    _COLUMNS,
    _row,
    load_events,
    replace_events,
    replace_events_of_documents,
)
from ceasefire.store.tables import events
from webdata import seed_reports


def _stored(engine: Engine) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        found = load_events(conn)
    return [(s.document_pk, s.event.type, s.event.span, s.event.quantity, s.event.extra) for s in found]


def _by_document(engine: Engine) -> dict[int, list[Event]]:
    out: dict[int, list[Event]] = defaultdict(list)
    with engine.connect() as conn:
        for s in load_events(conn):
            out[s.document_pk].append(s.event)
    return dict(out)


def test_batched_replace_equals_one_by_one_and_is_idempotent(engine: Engine) -> None:
    seed_reports(engine)
    before = _stored(engine)
    by_document = _by_document(engine)
    assert len(by_document) >= 3 and len(before) >= 6
    with engine.begin() as conn:
        for pk, found in by_document.items():
            replace_events(conn, pk, found)
    assert _stored(engine) == before
    for _ in range(2):  # the same batch stored again changes nothing
        with engine.begin() as conn:
            written = replace_events_of_documents(conn, list(by_document.items()), chunk=2)
        assert written == len(before)
        assert _stored(engine) == before


def test_batched_replace_keeps_the_last_events_of_a_report_given_twice(engine: Engine) -> None:
    seed_reports(engine)
    by_document = _by_document(engine)
    first, *others = by_document
    items = [(first, by_document[first]), *((pk, by_document[pk]) for pk in others), (first, [])]
    with engine.begin() as conn:
        replace_events_of_documents(conn, items)
    left = _by_document(engine)
    assert first not in left
    assert {pk: len(v) for pk, v in left.items()} == {pk: len(by_document[pk]) for pk in others}


def test_document_pks_looks_up_many_reports(engine: Engine) -> None:
    seed_reports(engine)
    with engine.connect() as conn:
        stored = {s.event.doc_id: s.document_pk for s in load_events(conn)}
        found = document_pks(conn, [*stored, "no-such-report", *stored], chunk=2)
    assert found == stored


def test_rows_written_are_the_same_by_either_insert_path(engine: Engine) -> None:
    """SQLite gets the rows as tuples straight from the driver; they hold exactly what SQLAlchemy's
    typed insert writes (the date's text, the JSON of ``extra``), on any database."""
    seed_reports(engine)
    by_document = _by_document(engine)
    quantified = [e for found in by_document.values() for e in found if e.quantity is not None]
    assert quantified and any(e.date for found in by_document.values() for e in found)
    columns = [c for c in events.columns if c.name != "id"]
    assert {c.name for c in columns} == set(_COLUMNS)

    def raw_rows() -> list[tuple[Any, ...]]:
        with engine.connect() as conn:
            rows = conn.execute(select(*columns).order_by(events.c.document_id, events.c.span_start)).all()
        return [tuple(row) for row in rows]

    with engine.begin() as conn:
        replace_events_of_documents(conn, list(by_document.items()))
    driver = raw_rows()
    with engine.begin() as conn:
        conn.execute(delete(events))
        typed = [_row(e, pk, None) for pk, found in by_document.items() for e in found]
        conn.execute(insert(events), typed)
    assert raw_rows() == driver


def test_a_malformed_event_date_is_refused_not_stored(engine: Engine) -> None:
    seed_reports(engine)
    pk, found = next(iter(_by_document(engine).items()))
    bad = replace(found[0], date="15 Feb 2025")
    with pytest.raises(ValueError), engine.begin() as conn:
        replace_events_of_documents(conn, [(pk, [bad])])
    assert _by_document(engine)[pk] == found  # the failed batch left the stored events as they were
