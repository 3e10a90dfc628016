"""Date finding and resolution (ceasefire.extract.dates). Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.extract.dates import DateMention, find_dates, resolve_date

D = dt.date


def only(text: str) -> DateMention:
    found = find_dates(text)
    assert len(found) == 1, found
    return found[0]


def resolve(text: str, base: dt.date, tense: str = "past", **kw: dt.date) -> dt.date | None:
    res = resolve_date(only(text), base, tense, **kw)  # type: ignore[arg-type]
    return None if res is None else res.date


# --- weekdays -------------------------------------------------------------------------------


def test_weekday_across_weekend_past_and_future() -> None:
    base = D(2025, 3, 3)  # a Monday
    assert resolve("The convoy arrived on Saturday.", base, "past") == D(2025, 3, 1)
    assert resolve("The convoy will arrive on Saturday.", base, "future") == D(2025, 3, 8)


def test_weekday_across_month_boundary() -> None:
    assert resolve("Talks resumed Friday in the capital.", D(2025, 2, 1), "past") == D(2025, 1, 31)


def test_weekday_same_day() -> None:
    thursday = D(2025, 2, 13)
    assert resolve("The envoy lands on Thursday.", thursday, "present") == thursday
    assert resolve("The envoy landed on Thursday.", thursday, "past") == thursday
    assert resolve("The envoy will land on Thursday.", thursday, "future") == thursday  # later today
    assert resolve("The envoy will land next Thursday.", thursday, "future") == D(2025, 2, 20)
    assert resolve("The envoy will land this coming Thursday.", thursday, "past") == D(2025, 2, 20)


def test_present_tense_prefers_recent_past() -> None:
    assert resolve("The ministry says Tuesday's strike hit a school.", D(2025, 2, 13), "present") == D(
        2025, 2, 11
    )


def test_explicit_direction_beats_tense() -> None:
    base = D(2025, 2, 13)  # Thursday
    m = only("The group said it had freed them last Saturday.")
    assert m.explicit_direction == "past"
    assert resolve_date(m, base, "future").date == D(2025, 2, 8)  # type: ignore[union-attr]
    m = only("Officials expect the handover next Saturday.")
    assert m.explicit_direction == "future"
    assert resolve_date(m, base, "past").date == D(2025, 2, 15)  # type: ignore[union-attr]
    assert only("They met on Monday last to review the list.").explicit_direction == "past"
    assert only("The crossing opens this coming Saturday.").explicit_direction == "future"


def test_schedule_cues_point_forward() -> None:
    base = D(2025, 2, 13)  # Thursday
    m = only("The group said it would defer the handover scheduled for Saturday.")
    assert m.explicit_direction == "future"
    assert resolve_date(m, base, "past").date == D(2025, 2, 15)  # type: ignore[union-attr]
    m = only("Leaders warned that the captives must be out by noon on Saturday.")
    assert (m.explicit_direction, m.time_of_day) == ("future", "noon")


def test_weekends() -> None:
    monday = D(2025, 1, 27)
    res = resolve_date(only("Crowds gathered over the weekend near the crossing."), monday, "past")
    assert res is not None and (res.date, res.precision) == (D(2025, 1, 26), "week")
    res = resolve_date(only("Another exchange is expected this weekend."), monday, "future")
    assert res is not None and res.date == D(2025, 2, 1)


def test_deadline_by_saturday_noon() -> None:
    m = only("The militants must hand over the captives by Saturday noon or face strikes.")
    assert (m.text, m.kind, m.weekday, m.time_of_day, m.explicit_direction) == (
        "by Saturday noon",
        "weekday",
        5,
        "noon",
        "future",
    )
    assert resolve_date(m, D(2025, 2, 11), "past").date == D(2025, 2, 15)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("Rockets were fired late Sunday near the border.", "late"),
        ("Sirens sounded early Monday morning in the north.", "morning"),
        ("A drone struck overnight Tuesday, residents said.", "overnight"),
        ("Crowds gathered on Friday evening at the square.", "evening"),
    ],
)
def test_time_of_day_keeps_named_day(text: str, time: str) -> None:
    m = only(text)
    assert m.kind == "weekday" and m.time_of_day == time
    day = resolve_date(m, D(2025, 2, 13), "past")
    assert day is not None and day.date.weekday() == m.weekday


@settings(deadline=None)  # first calls load lexicons and lemma data; no timed tests
@given(
    base=st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31)),
    weekday=st.integers(min_value=0, max_value=6),
    tense=st.sampled_from(["past", "future", "present"]),
)
def test_weekday_resolution_properties(base: dt.date, weekday: int, tense: str) -> None:
    m = DateMention(span=(0, 6), text="Monday", kind="weekday", weekday=weekday)
    res = resolve_date(m, base, tense)  # type: ignore[arg-type]
    assert res is not None and res.date.weekday() == weekday and res.precision == "day"
    delta = (res.date - base).days
    if tense == "past":
        assert -6 <= delta <= 0
    elif tense == "future":
        assert 0 <= delta <= 6
        assert (delta == 0) == (base.weekday() == weekday)
    else:
        assert -4 <= delta <= 3
        assert (delta == 0) == (base.weekday() == weekday)


# --- month days and calendar dates -----------------------------------------------------------


@settings(deadline=None)  # first calls load lexicons and lemma data; no timed tests
@given(
    base=st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31)),
    day=st.dates(min_value=D(2001, 1, 1), max_value=D(2001, 12, 31)),  # not a leap year: no Feb 29
    tense=st.sampled_from(["past", "future", "present"]),
)
def test_month_day_resolution_stays_near_the_base(base: dt.date, day: dt.date, tense: str) -> None:
    m = DateMention(span=(0, 6), text="Jan. 1", kind="month_day", month=day.month, day=day.day)
    res = resolve_date(m, base, tense)  # type: ignore[arg-type]
    assert res is not None and (res.date.month, res.date.day) == (day.month, day.day)
    assert abs((res.date - base).days) <= 200
    if tense == "past" and res.date > base:  # a later day only when last year's is too far back
        assert (base - res.date.replace(year=res.date.year - 1)).days > 200
    if tense == "future" and res.date <= base:  # an earlier day only when next year's is too far ahead
        assert (res.date.replace(year=res.date.year + 1) - base).days > 200


def test_month_day_without_year_goes_back() -> None:
    assert resolve("The truce took hold on Jan. 19 after months of talks.", D(2025, 2, 13)) == D(2025, 1, 19)


def test_month_day_year_boundary() -> None:
    assert resolve("The cabinet met on Dec. 30 to discuss the plan.", D(2025, 1, 2)) == D(2024, 12, 30)
    assert resolve("A vote is planned for Jan. 3 in the assembly.", D(2024, 12, 20), "future") == D(
        2025, 1, 3
    )


def test_month_day_ambiguous_follows_tense() -> None:
    base = D(2025, 6, 1)  # Dec. 10 is about as far back as it is ahead
    assert resolve("Talks collapsed on Dec. 10.", base, "past") == D(2024, 12, 10)
    assert resolve("Talks will resume on Dec. 10.", base, "future") == D(2025, 12, 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The agreement was signed Feb. 9, 2025, in the capital.", D(2025, 2, 9)),
        ("The agreement was signed on 9 February 2025 in the capital.", D(2025, 2, 9)),
        ("The agreement was signed on February 9th, 2025.", D(2025, 2, 9)),
        ("Filed 2025-02-09 by our correspondent.", D(2025, 2, 9)),
        ("It expired on the 9th of February 2025.", D(2025, 2, 9)),
    ],
)
def test_full_dates(text: str, expected: dt.date) -> None:
    assert resolve(text, D(2025, 3, 1)) == expected


def test_february_ninth_without_year() -> None:
    m = only("The first exchange happened on February 9th.")
    assert (m.kind, m.month, m.day, m.year) == ("month_day", 2, 9, None)
    assert resolve_date(m, D(2025, 2, 13), "past").date == D(2025, 2, 9)  # type: ignore[union-attr]


def test_weekday_with_date_is_one_mention_and_picks_matching_year() -> None:
    m = only("Strikes resumed on Tuesday, 18 March, across the strip.")
    assert (m.kind, m.weekday, m.month, m.day) == ("month_day", 1, 3, 18)
    assert resolve_date(m, D(2025, 3, 20), "past").date == D(2025, 3, 18)  # type: ignore[union-attr]


def test_weekday_with_ordinal_date() -> None:
    m = only("Voting is set for Saturday, May 16th, in the capital.")
    assert (m.kind, m.weekday, m.month, m.day) == ("month_day", 5, 5, 16)


def test_wrong_weekday_in_text_does_not_move_the_year() -> None:
    m = only("The spokesman spoke on Saturday, February 28, in Doha.")  # 2025-02-28 was a Friday
    assert resolve_date(m, D(2025, 3, 2), "past").date == D(2025, 2, 28)  # type: ignore[union-attr]


def test_iso_rejects_impossible_date() -> None:
    assert find_dates("Reference 2025-02-30 is not a date.") == []


# --- relative expressions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset", "precision"),
    [
        ("The crossing reopened today.", 0, "day"),
        ("Officials will meet tonight in the capital.", 0, "day"),
        ("Shelling was reported this morning.", 0, "day"),
        ("The strike came a day earlier.", -1, "day"),
        ("The announcement followed the previous day.", -1, "day"),
        ("The envoy arrived yesterday.", -1, "day"),
        ("Mediators return tomorrow.", 1, "day"),
        ("The list was published two days ago.", -2, "day"),
        ("Another round is due in three days.", 3, "day"),
        ("The cabinet approved the plan last week.", -7, "week"),
        ("The envoy travels next week.", 7, "week"),
    ],
)
def test_relative(text: str, offset: int, precision: str) -> None:
    base = D(2025, 2, 13)
    res = resolve_date(only(text), base, "past")
    assert res is not None and res.date == base + dt.timedelta(days=offset) and res.precision == precision


def test_months() -> None:
    base = D(2025, 2, 13)
    res = resolve_date(only("Aid deliveries rose earlier this month."), base, "past")
    assert res is not None and (res.date, res.precision) == (D(2025, 2, 1), "month")
    res = resolve_date(only("The offensive began in March."), D(2025, 4, 2), "past")
    assert res is not None and (res.date, res.precision) == (D(2025, 3, 1), "month")
    res = resolve_date(only("Fighting was heavy in October 2023."), base, "past")
    assert res is not None and res.date == D(2023, 10, 1)
    assert only("Talks stalled in mid-January.").time_of_day == "mid"


def test_day_number_needs_day_one() -> None:
    m = only("Crowds waited at the crossing on day 22 of the truce.")
    assert (m.kind, m.day_number) == ("day_number", 22)
    assert resolve_date(m, D(2025, 2, 13), "past") is None
    res = resolve_date(m, D(2025, 2, 13), "past", day_one=D(2025, 1, 19))
    assert res is not None and res.date == D(2025, 2, 9)


# --- things that are not dates ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The group's 1987 charter was never revised.",
        "Resolution 1701 ended the earlier war.",
        "The first stage of the 42-day truce is fragile.",
        "The raid began at 2 a.m. local time.",
        "Call +44 20 7946 0000 for the press office.",
        "A Mayday call came from the boat.",
        "Thousands marched through the city.",
        "More captives may be released soon.",
        "Protesters march on the parliament.",
        "Jan Novak, a spokesman, declined to comment.",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_bad_lexicon_is_a_lexicon_error() -> None:
    from ceasefire.errors import LexiconError
    from ceasefire.extract.date_lexicon import DateLexicon

    with pytest.raises(LexiconError, match="months"):
        DateLexicon({"weekdays": []})
    with pytest.raises(LexiconError, match="out of range"):
        DateLexicon({"months": [{"number": 13, "names": ["Smarch"]}]})


def test_offsets_are_absolute_and_window_respected() -> None:
    text = "Prelude. The envoy arrived on Monday and left on Wednesday."
    start = text.index("left")
    found = find_dates(text, start)
    assert [m.text for m in found] == ["Wednesday"]
    s, e = found[0].span
    assert text[s:e] == "Wednesday"
    assert find_dates(text, 0, start)[0].text == "Monday"


_PIECES = [
    "on",
    "Saturday",
    "last",
    "week",
    "Jan.",
    "19",
    "2025-02-30",
    "day",
    "22",
    "May",
    "by",
    "noon",
    "the",
    "16th",
    "ago",
    "two",
    "days",
    "in",
    "mid-",
    "March",
    ",",
    ".",
    " ",
    "\n",
    "’s",
    "-",
    "earlier",
    "this",
]


@settings(deadline=None)  # first calls load lexicons and lemma data; no timed tests
@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.integers(0, 40), st.integers(0, 200))
def test_finder_never_fails_and_spans_are_exact(pieces: list[str], start: int, length: int) -> None:
    text = " ".join(pieces)
    end = min(len(text), start + length)
    for m in find_dates(text, start, end):
        assert start <= m.span[0] < m.span[1] <= end
        assert text[m.span[0] : m.span[1]] == m.text
        resolve_date(m, D(2025, 2, 13), "past", day_one=D(2025, 1, 19))
