"""What a proposal asks ("the plan calls for …") is its content, not a party's demand; a party's own call
stays a demand. Sentences written for the project."""

from __future__ import annotations

import ceasefire

DAY = "2025-03-24"  # a Monday


def demands(sentence: str) -> list[tuple[str | None, str | None]]:
    return [(e.actor, e.target) for e in ceasefire.extract(sentence, date=DAY) if e.type == "DEMAND"]


def test_what_a_plan_calls_for_is_no_demand() -> None:
    assert demands("The Qatari plan calls for Hamas to free four captives every week.") == []
    assert demands("The Egyptian initiative, tabled on Monday, demands that Israel open the crossings.") == []


def test_a_party_calling_for_a_step_is_a_demand() -> None:
    assert demands("Qatar called on Hamas on Monday to free four captives.") == [("qatar", "hamas")]
