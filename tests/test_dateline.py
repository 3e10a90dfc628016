"""Datelines: places, day and agency, the day resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.ingest.dateline import find_dateline, load_patterns, resolve_day


@pytest.mark.parametrize(
    ("text", "published", "places", "day", "agency"),
    [
        (
            "GAZA/CAIRO, Feb. 12 (Xinhua) -- Hamas said on Wednesday",
            "2025-02-13",
            ["Gaza", "Cairo"],
            "2025-02-12",
            "Xinhua",
        ),
        ("DOHA, Jan 13 (Reuters) – Talks resumed", "2025-01-14", ["Doha"], "2025-01-13", "Reuters"),
        ("BEIRUT (AP) - Strikes hit the south", "2024-11-27", ["Beirut"], None, "AP"),
        ("WADI GAZA, Gaza Strip — Crowds walked north", "2025-01-27", ["Wadi Gaza"], None, None),
        (
            "UNITED NATIONS, Sept. 3, 2025 (AFP) — The council met",
            None,
            ["United Nations"],
            "2025-09-03",
            "AFP",
        ),
        ("JERUSALEM, March 3 -- The cabinet met", "2025-03-04", ["Jerusalem"], "2025-03-03", None),
        ("RAFAH — Trucks lined up at dawn", "2025-02-01", ["Rafah"], None, None),
    ],
)
def test_dateline_forms(
    text: str, published: str | None, places: list[str], day: str | None, agency: str | None
) -> None:
    found = find_dateline(text, published)
    assert found is not None
    assert (found.places, found.date, found.agency) == (places, day, agency)
    assert found.span[0] == 0


def test_dateline_after_a_caption_and_its_span() -> None:
    text = (
        "A woman walks past ruins. (Photo by A. Writer/Agency)\n\nPORT SAID, Feb. 2 (Wire) -- Talks opened."
    )
    found = find_dateline(text, "2025-02-03")
    assert found is not None
    assert text[found.span[0] : found.span[1]] == "PORT SAID, Feb. 2 (Wire) --"


def test_year_boundary_december_dateline_in_a_january_report() -> None:
    found = find_dateline("TYRE, Dec. 31 (Wire) -- Quiet night", "2025-01-02")
    assert found is not None and found.date == "2024-12-31"


@pytest.mark.parametrize(
    "text",
    [
        "Hamas said on Feb. 12 (Xinhua) -- nothing at the start of a line",
        "THE SITUATION IS DIRE - and headlines are not datelines",
        "US officials\nAP -- two letters are not a place",
        "No dateline in this report at all.",
    ],
)
def test_no_false_datelines(text: str) -> None:
    assert find_dateline(text, "2025-02-13") is None


def test_no_publication_date_leaves_the_day_unresolved() -> None:
    found = find_dateline("GAZA, Feb. 12 (Xinhua) -- x", None)
    assert found is not None and found.date is None and found.places == ["Gaza"]


def test_patterns_load_and_match_their_examples() -> None:
    assert len(load_patterns()) >= 5


@settings(deadline=None)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)), st.integers(-40, 40))
def test_resolved_day_is_the_nearest_with_that_month_and_day(published: date, shift: int) -> None:
    from datetime import timedelta

    target = published + timedelta(days=shift)
    resolved = resolve_day(target.month, target.day, published)
    assert resolved == target
