"""The built-in demo reports, ingested and extracted, follow the public record at the checkpoints
of issue 5 (the Gaza deal, January–March 2025)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from ceasefire.agreements.load import get_agreement
from ceasefire.assess.deadlines import ultimatums
from ceasefire.assess.ledger import build_ledger
from ceasefire.assess.risk import risk_series
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


@pytest.fixture(scope="module")
def checkpoints() -> dict:  # type: ignore[type-arg]
    import yaml

    path = Path(pipeline.__file__).parent / "demo" / "checkpoints.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_ceasefire_states_of_the_checkpoint_file(as_of, checkpoints) -> None:  # type: ignore[no-untyped-def]
    misses = [
        (c["as_of"], as_of(c["as_of"].isoformat()).ceasefire, c["expect"])
        for c in checkpoints["ceasefire"]
        if as_of(c["as_of"].isoformat()).ceasefire not in c["expect"]
    ]
    assert misses == []


def test_most_strict_obligation_checkpoints_hold(as_of, checkpoints) -> None:  # type: ignore[no-untyped-def]
    strict = [o for o in checkpoints["obligations"] if o.get("strict", True)]
    misses = []
    for item in strict:
        got = as_of(item["as_of"].isoformat()).get(item["provision_hint"])
        ok = got.status in item["expect"]
        if "done" in item:
            ok = ok and got.done == item["done"]["value"]
        if "done_at_least" in item:
            ok = ok and (got.done or 0) >= item["done_at_least"]["value"]
        if not ok:
            misses.append((item["as_of"], item["provision_hint"], got.status, got.done))
    # extraction still misreads a few demo sentences (a hostage's name read as a release, an
    # accusation read as general); the assessment must get the rest right
    assert len(misses) <= len(strict) // 8, misses


def test_ledger_and_risk_of_the_checkpoint_file(demo_events, checkpoints) -> None:  # type: ignore[no-untyped-def]
    gaza = get_agreement("gaza-2025")
    rows = build_ledger(gaza, demo_events).rows()
    want = checkpoints["ledger"]["rows"]
    exact = sum(1 for row in want if _matched(row, rows))
    assert exact >= 0.8 * len(want)
    for absent in checkpoints["ledger"]["absent"]:
        assert (str(absent["date"]), absent["party"], absent["unit"]) not in {
            (r["date"], r["party"], r["unit"]) for r in rows
        }
    series = {d.date: d.risk for d in risk_series(gaza, demo_events, date(2025, 1, 19), date(2025, 3, 18))}
    for item in checkpoints["risk"]:
        if "higher" in item:
            assert series[item["higher"]] > series[item["lower"]], item["because"]
        else:
            assert max(series, key=lambda d: series[d]) == item["at"], item["because"]


def _matched(want: dict, rows: list[dict]) -> bool:  # type: ignore[type-arg]
    """A row of the same party and unit within a day (as shared/eval/score.py matches) with the count."""
    day = want["date"]
    near = [
        r
        for r in rows
        if (r["party"], r["unit"]) == (want["party"], want["unit"])
        and abs((date.fromisoformat(r["date"]) - day).days) <= 1
    ]
    best = min(near, key=lambda r: abs((date.fromisoformat(r["date"]) - day).days), default=None)
    return best is not None and best["count"] == want["count"]
