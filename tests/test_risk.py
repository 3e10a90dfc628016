"""The daily risk index: in [0, 1], drivers listed, only reports published by each day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.agreements.load import get_agreement
from ceasefire.assess.risk import risk_series
from ceasefire.assess.rules import default_rules
from ceasefire.assess.timeline import timeline
from test_fuse import ev


@pytest.fixture(scope="module")
def gaza():  # type: ignore[no-untyped-def]
    return get_agreement("gaza-2025")


def events():  # type: ignore[no-untyped-def]
    return [
        ev("t", "THREATEN", "israel", "hamas", obj="ATTACK", day="2025-02-11", published="2025-02-11"),
        ev("s", "SUSPEND", "hamas", "israel", obj="RELEASE", day="2025-02-10", published="2025-02-12"),
        ev(
            "x",
            "ATTACK",
            "israel",
            "palestinians",
            day="2025-03-18",
            qty=400,
            unit="killed",
            published="2025-03-18",
        ),
        ev("h", "ATTACK", "hezbollah", "israel", day="2025-02-11", published="2025-02-11"),
    ]


def test_series_is_daily_bounded_and_live(gaza) -> None:  # type: ignore[no-untyped-def]
    series = risk_series(gaza, events(), date(2025, 2, 9), date(2025, 2, 14))
    assert [d.date for d in series] == [date(2025, 2, d) for d in range(9, 15)]
    assert all(0.0 <= d.risk <= 1.0 for d in series)
    by_day = {d.date.day: d for d in series}
    assert by_day[9].risk == 0.0 and not by_day[9].drivers
    # the suspension dated the 10th is told in a report of the 12th: unknown on the 10th and 11th
    assert {d.type for d in by_day[11].drivers} == {"THREATEN"}
    assert {d.type for d in by_day[12].drivers} == {"THREATEN", "SUSPEND"}
    assert by_day[12].risk > by_day[11].risk
    # another conflict's actors do not drive this agreement's risk
    assert all(d.actor != "hezbollah" for day in series for d in day.drivers)


def test_formula_noisy_or_with_decay(gaza) -> None:  # type: ignore[no-untyped-def]
    rules = default_rules().risk
    [day] = risk_series(gaza, events()[:1], date(2025, 2, 12), date(2025, 2, 12))
    weight = rules.object_weights["THREATEN:ATTACK"] * 0.5 ** (1 / rules.half_life_days)
    assert day.risk == pytest.approx(weight)
    spec = day.to_spec()
    assert spec["drivers"][0]["type"] == "THREATEN" and spec["drivers"][0]["evidence"] == ["t"]


def test_mass_casualty_attack_drives_risk_up(gaza) -> None:  # type: ignore[no-untyped-def]
    [day] = risk_series(gaza, events(), date(2025, 3, 18), date(2025, 3, 18))
    assert day.risk >= 0.8 and day.drivers[0].type == "ATTACK"


def test_timeline_orders_stories_claims_and_due_dates(gaza) -> None:  # type: ignore[no-untyped-def]
    entries = timeline(gaza, events(), date(2025, 2, 10), date(2025, 2, 15))
    kinds = [(e.date.isoformat(), e.kind) for e in entries]
    assert kinds == sorted(kinds, key=lambda k: k[0])
    assert ("2025-02-15", "due") in kinds
    suspended = next(e for e in entries if e.type == "SUSPEND")
    assert {"obligation": "hostage-round-6", "relation": "suspends"} in suspended.links


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["THREATEN", "SUSPEND", "ATTACK", "ACCUSE", "AGREE", "RELEASE", "MOBILIZE"]),
            st.sampled_from(["israel", "hamas", "pij", "usa", None]),
            st.integers(0, 20),
            st.one_of(st.none(), st.integers(1, 1000)),
        ),
        max_size=20,
    )
)
@settings(max_examples=30, deadline=None)
def test_risk_stays_in_bounds(rows: list[tuple]) -> None:  # type: ignore[type-arg]
    gaza = get_agreement("gaza-2025")
    events = [
        ev(
            f"d{n}",
            kind,
            actor,
            None,
            day=(date(2025, 2, 1) + timedelta(days=offset)).isoformat(),
            qty=qty if kind == "ATTACK" else None,
            unit="killed",
            published=(date(2025, 2, 1) + timedelta(days=offset)).isoformat(),
        )
        for n, (kind, actor, offset, qty) in enumerate(rows)
    ]
    for day in risk_series(gaza, events, date(2025, 2, 1), date(2025, 2, 22), side_of=lambda a: a):
        assert 0.0 <= day.risk <= 1.0
        assert all(d.age_days >= 0 for d in day.drivers)
