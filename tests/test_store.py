"""The store: migrations reach head, events round-trip with provenance, as-of cut-off holds."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Engine, insert, inspect

from ceasefire.extract.event import Event, Quantity
from ceasefire.store import engine as store_engine
from ceasefire.store.events import load_events, replace_events
from ceasefire.store.tables import documents


def _document(conn, doc_id: str, published: date) -> int:  # type: ignore[no-untyped-def]
    result = conn.execute(
        insert(documents).values(
            doc_id=doc_id,
            content_hash=doc_id * 2,
            text="x",
            published=published,
            metadata={},
            ingested_at=datetime.now(UTC),
        )
    )
    return int(result.inserted_primary_key[0])


def test_migrations_reach_head(engine: Engine) -> None:
    assert store_engine.current_revision(engine) == store_engine.head_revision()
    names = set(inspect(engine).get_table_names())
    assert {"documents", "events", "agreements", "provisions", "runs", "quarantine"} <= names


def test_upgrade_twice_is_harmless(engine: Engine) -> None:
    store_engine.upgrade(engine)
    assert store_engine.current_revision(engine) == store_engine.head_revision()


def test_events_round_trip_and_replace(engine: Engine) -> None:
    release = Event(
        doc_id="r1",
        type="RELEASE",
        actor="hamas",
        target="israel",
        date="2025-02-15",
        quantity=Quantity(3, "hostage", approx=True),
        evidence="Three were freed.",
        span=(10, 27),
        rule="release.verb",
        trigger="freed",
        trigger_span=(21, 26),
    )
    with engine.begin() as conn:
        pk = _document(conn, "r1", date(2025, 2, 15))
        replace_events(conn, pk, [release, release])
        replace_events(conn, pk, [release])  # re-extraction replaces, never doubles
    with engine.connect() as conn:
        stored = load_events(conn)
    assert len(stored) == 1
    got = stored[0].event
    assert (got.type, got.actor, got.date, got.span, got.rule) == (
        "RELEASE",
        "hamas",
        "2025-02-15",
        (10, 27),
        "release.verb",
    )
    assert got.quantity == Quantity(3, "hostage", approx=True)
    assert stored[0].published == date(2025, 2, 15)


def test_as_of_cut_off_hides_later_reports(engine: Engine) -> None:
    with engine.begin() as conn:
        early = _document(conn, "early", date(2025, 2, 10))
        late = _document(conn, "late", date(2025, 2, 16))
        replace_events(conn, early, [Event(doc_id="early", type="SUSPEND", actor="hamas", rule="r")])
        replace_events(conn, late, [Event(doc_id="late", type="RELEASE", actor="hamas", rule="r")])
    with engine.connect() as conn:
        assert [s.event.doc_id for s in load_events(conn, published_on_or_before=date(2025, 2, 12))] == [
            "early"
        ]
        assert len(load_events(conn)) == 2


def test_bulk_writers_get_a_larger_sqlite_page_cache(engine: Engine) -> None:
    with engine.begin() as conn:
        store_engine.enlarge_cache(conn)
        if engine.dialect.name == "sqlite":
            size = conn.exec_driver_sql("PRAGMA cache_size").scalar()
            assert size == -store_engine.SQLITE_CACHE_KIB  # negative: KiB, not pages
        conn.execute(
            insert(documents).values(
                doc_id="c1", content_hash="h", text="x", metadata={}, ingested_at=datetime.now(UTC)
            )
        )
    with engine.connect() as conn:  # elsewhere a no-op: the write still went through
        assert conn.execute(documents.select().where(documents.c.doc_id == "c1")).one().text == "x"
