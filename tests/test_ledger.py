"""The exchange ledger: one row per (date, party, unit), each release counted once."""

from __future__ import annotations

from datetime import date

import pytest

from ceasefire.agreements.load import get_agreement
from ceasefire.assess.ledger import build_ledger
from test_fuse import ev


@pytest.fixture(scope="module")
def gaza():  # type: ignore[no-untyped-def]
    return get_agreement("gaza-2025")


def test_rows_are_spec_rows_counted_once(gaza) -> None:  # type: ignore[no-untyped-def]
    events = [
        ev("a", "RELEASE", "hamas", "israel", day="2025-02-15", qty=3),
        ev("b", "RELEASE", "hamas", "israel", day="2025-02-15", qty=3),
        ev("b", "RELEASE", "israel", "palestinians", day="2025-02-15", qty=369, unit="prisoner"),
        ev("c", "RELEASE", "israel", "palestinians", day="2025-02-15", qty=369, unit="prisoner"),
    ]
    rows = build_ledger(gaza, events).rows()
    assert rows == [
        {"date": "2025-02-15", "party": "hamas", "unit": "hostage", "count": 3},
        {"date": "2025-02-15", "party": "israel", "unit": "prisoner", "count": 369},
    ]


def test_previews_and_negated_releases_are_not_releases(gaza) -> None:  # type: ignore[no-untyped-def]
    events = [
        ev("p", "RELEASE", "hamas", "israel", day="2025-02-22", qty=6, mode="planned"),
        ev(
            "n",
            "RELEASE",
            "israel",
            "palestinians",
            day="2025-02-22",
            qty=620,
            unit="prisoner",
            mode="negated",
        ),
    ]
    assert build_ledger(gaza, events).rows() == []


def test_group_on_hamas_side_and_foreign_hostages_count_for_hamas(gaza) -> None:  # type: ignore[no-untyped-def]
    events = [
        ev("a", "RELEASE", "hamas", "israel", day="2025-01-30", qty=3),
        ev("a", "RELEASE", "hamas", "thailand", day="2025-01-30", qty=5),
        ev("b", "RELEASE", "pij", "israel", day="2025-01-30", qty=2),
        ev("c", "RELEASE", "hamas", "israel", day="2025-01-30", qty=3),
    ]
    ledger = build_ledger(gaza, events)
    assert ledger.rows() == [{"date": "2025-01-30", "party": "hamas", "unit": "hostage", "count": 8}]
    round3 = next(r for r in ledger.rounds if r.obligation_id == "hostage-round-3")
    assert round3.done == 3 and round3.agreed == 3  # the Thai workers are outside the 33


def test_conflicting_counts_keep_variants_and_the_rule(gaza) -> None:  # type: ignore[no-untyped-def]
    events = [
        ev("a", "RELEASE", "israel", "palestinians", day="2025-02-01", qty=183, unit="prisoner"),
        ev("b", "RELEASE", "israel", "palestinians", day="2025-02-01", qty=182, unit="prisoner"),
    ]
    ledger = build_ledger(gaza, events)
    [entry] = ledger.entries
    assert entry.count == 183 and "agreed" in entry.rule
    assert {v["value"] for v in entry.variants} == {182, 183}


def test_late_release_shows_its_delay(gaza) -> None:  # type: ignore[no-untyped-def]
    events = [ev("a", "RELEASE", "israel", "palestinians", day="2025-02-27", qty=642, unit="prisoner")]
    ledger = build_ledger(gaza, events)
    round7 = next(r for r in ledger.rounds if r.obligation_id == "prisoner-round-7")
    assert round7.delay_days == 5 and round7.done == 642
    assert "late" in round7.state


def test_as_of_ignores_later_reports_and_totals_accumulate(gaza) -> None:  # type: ignore[no-untyped-def]
    events = [
        ev("a", "RELEASE", "hamas", "israel", day="2025-01-19", qty=3, published="2025-01-19"),
        ev("b", "RELEASE", "hamas", "israel", day="2025-01-25", qty=4, published="2025-01-25"),
    ]
    early = build_ledger(gaza, events, as_of=date(2025, 1, 20))
    assert [r["count"] for r in early.rows()] == [3]
    full = build_ledger(gaza, events)
    hostages = next(c for c in full.cumulative if (c.party, c.unit) == ("hamas", "hostage"))
    assert hostages.done == 7 and hostages.agreed == 25


def test_undated_report_of_a_count_fills_a_release_told_without_one(gaza) -> None:  # type: ignore[no-untyped-def]
    events = [
        ev("a", "RELEASE", "israel", "palestinians", day="2025-02-08", published="2025-02-08"),
        ev("b", "RELEASE", "israel", "palestinians", qty=183, unit="prisoner", published="2025-02-10"),
    ]
    assert build_ledger(gaza, events).rows() == [
        {"date": "2025-02-08", "party": "israel", "unit": "prisoner", "count": 183}
    ]


def test_totals_are_not_handovers(gaza) -> None:  # type: ignore[no-untyped-def]
    events = [
        ev("a", "RELEASE", "israel", "palestinians", day="2025-02-27", qty=642, unit="prisoner"),
        ev("b", "RELEASE", "israel", "palestinians", day="2025-03-01", qty=1800, unit="prisoner"),
    ]
    ledger = build_ledger(gaza, events)
    assert [r["count"] for r in ledger.rows()] == [642]
    assert any("total" in why for _, why in ledger.excluded)


def test_a_retelling_without_a_figure_is_not_counted_twice(gaza) -> None:  # type: ignore[no-untyped-def]
    events = [
        ev("a", "RELEASE", "hamas", "israel", day="2025-02-01", qty=3),
        ev("b", "RELEASE", "hamas", None, day="2025-02-03", published="2025-02-03"),
    ]
    assert [r["count"] for r in build_ledger(gaza, events).rows()] == [3]


def test_same_figure_told_of_different_recipients_is_one_release(gaza) -> None:  # type: ignore[no-untyped-def]
    events = [
        ev("a", "RELEASE", "israel", "palestinians", day="2025-01-25", qty=200, unit="prisoner"),
        ev("b", "RELEASE", "israel", "hamas", day="2025-01-25", qty=200, unit="prisoner"),
    ]
    assert build_ledger(gaza, events).rows() == [
        {"date": "2025-01-25", "party": "israel", "unit": "prisoner", "count": 200}
    ]


def test_a_release_held_back_by_later_news_is_not_counted(gaza) -> None:  # type: ignore[no-untyped-def]
    told_done = ev("a", "RELEASE", "israel", "palestinians", day="2025-02-22", qty=600, unit="prisoner")
    held = ev(
        "b", "SUSPEND", "israel", "palestinians", obj="RELEASE", day="2025-02-23", published="2025-02-23"
    )
    ledger = build_ledger(gaza, [told_done, held])
    assert ledger.rows() == []
    assert any("held back" in why for _, why in ledger.excluded)
    freed = ev("c", "RELEASE", "israel", "palestinians", day="2025-02-27", qty=642, unit="prisoner")
    freed_too = ev("d", "RELEASE", "israel", "palestinians", day="2025-02-27", qty=642, unit="prisoner")
    rows = build_ledger(gaza, [held, freed, freed_too]).rows()
    assert rows == [{"date": "2025-02-27", "party": "israel", "unit": "prisoner", "count": 642}]


def test_a_round_told_twice_with_its_figure_counts_once(gaza) -> None:  # type: ignore[no-untyped-def]
    events = [
        ev("a", "RELEASE", "hamas", "israel", day="2025-02-20", qty=4, unit="body"),
        ev("b", "RELEASE", "hamas", "israel", day="2025-02-20", qty=4, unit="body"),
        ev("c", "RELEASE", "hamas", "palestinians", day="2025-02-22", qty=4, unit="body"),
    ]
    assert [r["count"] for r in build_ledger(gaza, events).rows()] == [4]


def test_nothing_is_handed_over_under_a_deal_not_yet_signed(gaza) -> None:  # type: ignore[no-untyped-def]
    events = [ev("a", "RELEASE", "israel", "palestinians", day="2025-01-14", qty=250, unit="prisoner")]
    assert build_ledger(gaza, events).rows() == []


def test_a_release_told_on_the_wrong_weekday_goes_to_the_round_of_its_figure(gaza) -> None:  # type: ignore[no-untyped-def]
    events = [
        ev("a", "RELEASE", "israel", "palestinians", day="2025-01-30", qty=110, unit="prisoner"),
        # "the releases on Saturday", dated to Thursday by mistake, with other wording for the people
        ev(
            "b",
            "RELEASE",
            "israel",
            "hamas",
            day="2025-01-30",
            qty=183,
            unit="prisoner",
            published="2025-02-01",
        ),
    ]
    ledger = build_ledger(gaza, events)
    assert ledger.rows() == [
        {"date": "2025-01-30", "party": "israel", "unit": "prisoner", "count": 110},
        {"date": "2025-02-01", "party": "israel", "unit": "prisoner", "count": 183},
    ]
    assert {e.round_id for e in ledger.entries} == {"prisoner-round-3", "prisoner-round-4"}
