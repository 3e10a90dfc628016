"""Dates of events resolved against the report's day: weekdays across a weekend and a month
boundary, speech acts dated on the day they were made, and the report day as the default."""

from __future__ import annotations

import datetime as dt

import ceasefire


def dates(text: str, day: str, kind: str) -> list[str | None]:
    return [e.date for e in ceasefire.extract(text, date=day) if e.type == kind]


def test_weekend_past_and_future() -> None:
    # report on Monday 2025-02-10: "on Saturday" in the past is the 8th, a planned step the 15th
    assert dates("Hamas released three hostages on Saturday.", "2025-02-10", "RELEASE") == ["2025-02-08"]
    assert dates("Hamas will free three hostages on Saturday.", "2025-02-10", "RELEASE") == ["2025-02-15"]
    assert dates("Israeli strikes killed five people on Sunday.", "2025-02-10", "ATTACK") == ["2025-02-09"]


def test_month_boundary() -> None:
    # report on Monday 2025-03-03: last Friday is 2025-02-28, next Thursday 2025-03-06
    assert dates("Israel freed 50 prisoners on Friday.", "2025-03-03", "RELEASE") == ["2025-02-28"]
    assert dates("Hamas is due to free two hostages on Thursday.", "2025-03-03", "RELEASE") == ["2025-03-06"]
    assert dates("The truce took effect on Jan. 19.", "2025-02-01", "AGREE") == ["2025-01-19"]


def test_speech_act_is_dated_on_the_day_said() -> None:
    text = "On Monday, Hamas announced it would postpone the release scheduled for Saturday."
    assert dates(text, "2025-02-12", "SUSPEND") == ["2025-02-10"]


def test_report_day_is_the_default_and_date_objects_work() -> None:
    assert dates("Hamas accused Israel of stalling.", "2025-02-12", "ACCUSE") == ["2025-02-12"]
    events = ceasefire.extract("Hamas accused Israel of stalling.", date=dt.date(2025, 2, 12))
    assert events[0].date == "2025-02-12"
    assert ceasefire.extract("Hamas accused Israel of stalling.")[0].date is None
