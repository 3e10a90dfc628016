"""The streamed assessment (``assess.streamed``, what ``ceasefire status`` and ``ledger`` use) gives
exactly the status and ledger of the in-memory one (``assess_status``/``build_ledger`` over
``load_reviewed_events``), over the demo reports, with reviews, and whatever the batch size."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine

from ceasefire.agreements.load import get_agreement
from ceasefire.assess.ledger import build_ledger
from ceasefire.assess.status import assess_status
from ceasefire.assess.streamed import ledger_from_store, prepare_from_store, status_from_store, story_events
from ceasefire.pipeline import DEMO_REPORTS, run_pipeline
from ceasefire.store.events import load_events, load_reviewed_events, stream_events
from ceasefire.store.reviews import record_review
from ceasefire.store.users import get_user
from webdata import seed_users

DAYS = [date(2025, 1, 10), date(2025, 1, 26), date(2025, 2, 12), date(2025, 3, 5), None]


def _same(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str)


@pytest.fixture
def demo(engine: Engine, db_url: str) -> Engine:
    run_pipeline(db_url, [DEMO_REPORTS], agreement="gaza-2025")
    return engine


def _check(engine: Engine, agreement_id: str, day: date | None, batch_size: int = 2000) -> None:
    agreement = get_agreement(agreement_id)
    with engine.connect() as conn:
        loaded = load_reviewed_events(conn, published_on_or_before=day)
        streamed = story_events(conn, agreement, day, batch_size=batch_size)
        a = prepare_from_store(conn, agreement, day, streamed=streamed)
        ledger = ledger_from_store(conn, agreement, day, assessment=a)
        assert _same(ledger.to_dict(), build_ledger(agreement, loaded, day).to_dict())
        if day is not None:
            status = status_from_store(conn, agreement, day, assessment=a)
            expected = assess_status(agreement, loaded, day).to_spec()
            assert _same(status.to_spec(), expected)
            if day >= date(2025, 2, 1):  # stories with their tellings' evidence, read back afterwards
                told = [
                    e for item in expected["obligations"] for ref in item["stories"] for e in ref["events"]
                ]
                assert told and all(e["evidence"] for e in told)


def test_streamed_events_come_in_load_order_whatever_the_batch(demo: Engine) -> None:
    with demo.connect() as conn:
        loaded = [s.id for s in load_events(conn, published_on_or_before=date(2025, 2, 12))]
        for size in (1, 7, 5000):
            streamed = stream_events(conn, published_on_or_before=date(2025, 2, 12), batch_size=size)
            batches = list(streamed)
            assert [s.id for batch in batches for s in batch] == loaded
            assert all(len(batch) <= size for batch in batches)
    assert len(loaded) > 100


def test_streamed_status_and_ledger_equal_the_loaded_ones(demo: Engine) -> None:
    for day in DAYS:
        _check(demo, "gaza-2025", day)


def test_streamed_equal_for_another_agreement_and_small_batches(demo: Engine) -> None:
    # the Lebanon deal over Gaza reports: most reports are out of scope, whole or in part
    _check(demo, "lebanon-2024", date(2025, 2, 12), batch_size=3)
    _check(demo, "gaza-2025", date(2025, 2, 12), batch_size=5)


def test_streamed_sees_the_reviews(demo: Engine) -> None:
    seed_users(demo)
    with demo.connect() as conn:
        user = get_user(conn, 2)
        stored = load_events(conn, types=["RELEASE"])
    assert user is not None and len(stored) >= 3
    figured = [s for s in stored if s.event.quantity is not None]
    unit = figured[-1].event.quantity.unit  # type: ignore[union-attr]
    with demo.begin() as conn:
        record_review(conn, user, stored[0], "reject", reason="not a handover")
        record_review(
            conn,
            user,
            figured[-1],
            "correct",
            changes={"quantity": {"value": "7", "unit": unit}, "date": "2025-02-01"},
            reason="the report says seven, on the first",
        )
    for day in (date(2025, 2, 12), date(2025, 3, 5), None):
        _check(demo, "gaza-2025", day, batch_size=4)
