"""Status as of a day: hand-built events mirroring the public record of the Gaza deal."""

from __future__ import annotations

from datetime import date

import pytest

from ceasefire.agreements.load import get_agreement
from ceasefire.assess.deadlines import due_next, ultimatums
from ceasefire.assess.status import STATUSES, assess_status
from ceasefire.store.events import StoredEvent
from test_fuse import ev


@pytest.fixture(scope="module")
def gaza():  # type: ignore[no-untyped-def]
    return get_agreement("gaza-2025")


def record() -> list[StoredEvent]:
    return [
        ev("r01", "RELEASE", "hamas", "israel", day="2025-01-19", qty=3, published="2025-01-19"),
        ev("r02", "RELEASE", "hamas", "israel", day="2025-01-25", qty=4, published="2025-01-25"),
        ev("r03", "ACCUSE", "israel", "hamas", obj="RELEASE", day="2025-01-25", published="2025-01-25"),
        ev(
            "r03", "SUSPEND", "israel", "palestinians", obj="RETURN", day="2025-01-25", published="2025-01-25"
        ),
        ev(
            "r04",
            "RETURN",
            None,
            "palestinians",
            day="2025-01-27",
            qty=200000,
            unit="person",
            published="2025-01-27",
        ),
        ev(
            "r05",
            "WITHDRAW",
            "israel",
            None,
            day="2025-02-09",
            location="Netzarim corridor",
            published="2025-02-09",
        ),
        ev("r06", "SUSPEND", "hamas", "israel", obj="RELEASE", day="2025-02-10", published="2025-02-10"),
        ev("r07", "THREATEN", "israel", "hamas", obj="ATTACK", day="2025-02-11", published="2025-02-11"),
        ev("r07", "DEMAND", "israel", "hamas", obj="RELEASE", day="2025-02-11", published="2025-02-11"),
        ev(
            "r07",
            "RELEASE",
            "hamas",
            "israel",
            day="2025-02-15",
            qty=3,
            mode="planned",
            published="2025-02-11",
        ),
        ev("r08", "PLEDGE", "hamas", "israel", obj="RELEASE", day="2025-02-13", published="2025-02-13"),
        ev("r09", "RELEASE", "hamas", "israel", day="2025-02-15", qty=3, published="2025-02-15"),
        ev("r10", "RELEASE", "hamas", "israel", day="2025-02-22", qty=6, published="2025-02-22"),
        ev(
            "r11",
            "SUSPEND",
            "israel",
            "palestinians",
            obj="RELEASE",
            day="2025-02-22",
            published="2025-02-23",
        ),
        ev("r12", "SUSPEND", "israel", "palestinians", obj="AID", day="2025-03-02", published="2025-03-02"),
        ev(
            "r13",
            "ATTACK",
            "israel",
            "palestinians",
            day="2025-03-18",
            qty=400,
            unit="killed",
            published="2025-03-18",
        ),
    ]


def status_of(gaza, day: str, obligation: str) -> str:  # type: ignore[no-untyped-def]
    return assess_status(gaza, record(), date.fromisoformat(day)).get(obligation).status


def test_statuses_are_from_the_fixed_list(gaza) -> None:  # type: ignore[no-untyped-def]
    report = assess_status(gaza, record(), date(2025, 2, 12))
    assert {o.status for o in report.obligations} <= set(STATUSES)
    spec = report.to_spec()
    assert spec["agreement"] == "gaza-2025" and spec["as_of"] == "2025-02-12"
    round6 = next(o for o in spec["obligations"] if o["provision"] == "hostage-round-6")
    assert round6["due"] == "2025-02-15" and round6["agreed"] == {"value": 3, "unit": "hostage"}
    assert "r06" in round6["evidence"]


def test_return_north_blocked_then_begun(gaza) -> None:  # type: ignore[no-untyped-def]
    assert status_of(gaza, "2025-01-26", "return-north") == "suspended"
    assert status_of(gaza, "2025-01-28", "return-north") in ("fulfilled", "in_progress")
    assert status_of(gaza, "2025-01-28", "hostage-round-2") == "fulfilled"


def test_netzarim_withdrawal(gaza) -> None:  # type: ignore[no-untyped-def]
    assert status_of(gaza, "2025-02-08", "withdraw-netzarim") == "due"
    assert status_of(gaza, "2025-02-10", "withdraw-netzarim") == "fulfilled"
    assert status_of(gaza, "2025-02-10", "withdraw-coastal-road") != "fulfilled"


def test_round_suspended_with_an_ultimatum_then_fulfilled(gaza) -> None:  # type: ignore[no-untyped-def]
    report = assess_status(gaza, record(), date(2025, 2, 12))
    assert report.get("hostage-round-6").status == "suspended"
    assert report.ceasefire == "at_risk"
    [ultimatum] = ultimatums(gaza, record(), date(2025, 2, 12))
    assert ultimatum.deadline == date(2025, 2, 15) and ultimatum.state == "running"
    assert status_of(gaza, "2025-02-14", "hostage-round-6") != "suspended"  # Hamas said it would go ahead
    assert status_of(gaza, "2025-02-16", "hostage-round-6") == "fulfilled"
    [met] = ultimatums(gaza, record(), date(2025, 2, 16))
    assert met.state == "met"


def test_reports_published_after_the_day_do_not_count(gaza) -> None:  # type: ignore[no-untyped-def]
    # the release of 15 February is known only from a report of that day
    assert status_of(gaza, "2025-02-14", "hostage-round-6") in ("due", "disputed")
    # Israel's delay of 22 February is told in a report of the 23rd
    assert status_of(gaza, "2025-02-22", "prisoner-round-7") == "due"


def test_prisoner_round_held_back(gaza) -> None:  # type: ignore[no-untyped-def]
    assert status_of(gaza, "2025-02-24", "prisoner-round-7") in ("suspended", "overdue")


def test_aid_halted(gaza) -> None:  # type: ignore[no-untyped-def]
    assert status_of(gaza, "2025-03-03", "aid-trucks") == "suspended"


def test_ceasefire_breached_by_resumed_strikes(gaza) -> None:  # type: ignore[no-untyped-def]
    before = assess_status(gaza, record(), date(2025, 3, 17))
    after = assess_status(gaza, record(), date(2025, 3, 19))
    assert before.ceasefire != "breached"
    assert after.ceasefire == "breached"
    assert after.get("ceasefire-israel").status == "breached"
    assert "r13" in after.get("ceasefire-israel").evidence


def test_not_in_force_before_the_effective_date(gaza) -> None:  # type: ignore[no-untyped-def]
    assert assess_status(gaza, record(), date(2025, 1, 17)).ceasefire == "not_in_force"


def test_partly_fulfilled_counts_against_the_agreed_quantity(gaza) -> None:  # type: ignore[no-untyped-def]
    events = [ev("p", "RELEASE", "hamas", "israel", day="2025-02-22", qty=4, published="2025-02-22")]
    item = assess_status(gaza, events, date(2025, 2, 23)).get("hostage-round-7")
    assert item.status == "partly_fulfilled" and item.done == 4
    assert item.to_spec()["done"] == {"value": 4, "unit": "hostage"}


def test_overdue_when_nothing_is_reported(gaza) -> None:  # type: ignore[no-untyped-def]
    assert assess_status(gaza, [], date(2025, 2, 3)).get("hostage-round-4").status == "overdue"
    assert assess_status(gaza, [], date(2025, 1, 20)).get("hostage-round-4").status == "not_due"


def test_due_next_lists_rounds_and_the_ultimatum(gaza) -> None:  # type: ignore[no-untyped-def]
    items = due_next(gaza, record(), date(2025, 2, 12), days=4)
    ids = {i.id for i in items}
    assert {"hostage-round-6", "prisoner-round-6"} <= ids
    assert any(i.kind == "ultimatum" and i.due == date(2025, 2, 15) for i in items)


def test_a_halt_stands_against_a_contradicted_resumption(gaza) -> None:  # type: ignore[no-untyped-def]
    events = [
        ev("h", "SUSPEND", "israel", "palestinians", obj="AID", day="2025-03-02", published="2025-03-02"),
        ev("x", "AID", "israel", "palestinians", day="2025-03-03", published="2025-03-03"),
        ev("x", "AID", None, "palestinians", day="2025-03-03", mode="negated", published="2025-03-03"),
    ]
    assert assess_status(gaza, events, date(2025, 3, 4)).get("aid-trucks").status == "suspended"
    resumed = [
        *events,
        ev("y", "AID", None, "palestinians", day="2025-03-04", qty=200, unit="truck", published="2025-03-04"),
    ]
    assert assess_status(gaza, resumed, date(2025, 3, 4)).get("aid-trucks").status == "in_progress"


def test_a_fulfilment_outweighed_by_reports_of_a_hold_back_is_not_fact(gaza) -> None:  # type: ignore[no-untyped-def]
    events = [
        ev("a", "RELEASE", "israel", "palestinians", day="2025-02-22", published="2025-02-22"),
        ev(
            "b", "RELEASE", "israel", "palestinians", day="2025-02-22", mode="negated", published="2025-02-23"
        ),
        ev("c", "SUSPEND", "israel", "palestinians", obj="RELEASE", day="2025-02-23", published="2025-02-23"),
    ]
    item = assess_status(gaza, events, date(2025, 2, 24)).get("prisoner-round-7")
    assert item.status == "suspended"
    assert {"a", "b", "c"} <= set(item.evidence)


def test_ultimatum_from_a_threat_naming_its_day(gaza) -> None:  # type: ignore[no-untyped-def]
    events = [
        ev("t", "THREATEN", "usa", "hamas", obj="ATTACK", day="2025-02-11", published="2025-02-11"),
        ev(
            "t", "RELEASE", "hamas", "israel", day="2025-02-15", qty=3, mode="planned", published="2025-02-11"
        ),
        ev("n", "THREATEN", "israel", "hamas", obj="ATTACK", day="2025-02-11", published="2025-02-11"),
    ]
    [only] = ultimatums(gaza, events, date(2025, 2, 12))
    assert only.threat.actor == "usa" and only.deadline == date(2025, 2, 15)
    assert only.to_dict()["deadline_rule"].startswith("the planned step")
