"""The built-in demo reports, ingested and extracted, follow the public record at the checkpoints
of issue 5 (the Gaza deal, January–March 2025)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from ceasefire.agreements.load import get_agreement
from ceasefire.assess.deadlines import ultimatums
from ceasefire.assess.status import StatusReport, assess_status
from ceasefire.store.events import StoredEvent, load_events

pipeline = pytest.importorskip("ceasefire.pipeline")
if not hasattr(pipeline, "build_demo_database"):
    pytest.skip("ceasefire.pipeline.build_demo_database is not there yet", allow_module_level=True)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_events(tmp_path_factory: pytest.TempPathFactory) -> list[StoredEvent]:
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    engine: Engine = pipeline.build_demo_database(url)
    with engine.connect() as conn:
        events = load_events(conn)
    engine.dispose()
    return events


@pytest.fixture(scope="module")
def as_of(demo_events: list[StoredEvent]):  # type: ignore[no-untyped-def]
    gaza = get_agreement("gaza-2025")
    cache: dict[str, StatusReport] = {}

    def report(day: str) -> StatusReport:
        if day not in cache:
            cache[day] = assess_status(gaza, demo_events, date.fromisoformat(day))
        return cache[day]

    return report


def test_return_north_has_begun_by_28_january(as_of) -> None:  # type: ignore[no-untyped-def]
    assert as_of("2025-01-28").get("return-north").status in ("fulfilled", "in_progress")


def test_netzarim_withdrawal_fulfilled_by_10_february(as_of) -> None:  # type: ignore[no-untyped-def]
    assert as_of("2025-02-10").get("withdraw-netzarim").status == "fulfilled"


def test_round_of_15_february_suspended_under_an_ultimatum(as_of, demo_events) -> None:  # type: ignore[no-untyped-def]
    report = as_of("2025-02-12")
    assert report.get("hostage-round-6").status == "suspended"
    assert report.ceasefire in ("at_risk", "suspended")
    running = ultimatums(get_agreement("gaza-2025"), demo_events, date(2025, 2, 12))
    assert any(u.deadline == date(2025, 2, 15) for u in running)


def test_round_of_15_february_fulfilled_by_16_february(as_of) -> None:  # type: ignore[no-untyped-def]
    assert as_of("2025-02-16").get("hostage-round-6").status == "fulfilled"


def test_prisoner_release_of_22_february_held_back(as_of) -> None:  # type: ignore[no-untyped-def]
    assert as_of("2025-02-24").get("prisoner-round-7").status in ("overdue", "suspended")


def test_aid_suspended_by_3_march(as_of) -> None:  # type: ignore[no-untyped-def]
    assert as_of("2025-03-03").get("aid-trucks").status == "suspended"


def test_ceasefire_breached_by_19_march(as_of) -> None:  # type: ignore[no-untyped-def]
    report = as_of("2025-03-19")
    assert report.ceasefire == "breached"
    assert as_of("2025-03-17").ceasefire != "breached"
