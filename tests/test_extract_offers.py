"""A step a proposal or an offer holds out is no event of its own; a step taken under a plan, or a planned
step named with its day, still is. Sentences written for the project."""

from __future__ import annotations

import ceasefire

DAY = "2025-02-05"  # a Wednesday


def releases(sentence: str) -> list[tuple[str | None, str]]:
    return [(e.actor, e.mode) for e in ceasefire.extract(sentence, date=DAY) if e.type == "RELEASE"]


def test_an_offer_to_release_is_no_release() -> None:
    assert releases("The group's offer to release two captives was turned down on Monday.") == []
    assert releases("Hamas offered on Tuesday to release four hostages if the strikes stop.") == []


def test_an_offer_to_withdraw_is_no_withdrawal() -> None:
    events = ceasefire.extract("Israel offered on Monday to withdraw its troops from two villages.", date=DAY)
    assert [e for e in events if e.type == "WITHDRAW"] == []


def test_a_release_under_a_plan_by_a_named_party_stays() -> None:
    assert ("hamas", "occurred") in releases("Under the plan, Hamas released three hostages on Saturday.")


def test_a_planned_release_with_a_day_stays() -> None:
    assert releases("Hamas said the planned release of three hostages will go ahead on Saturday.") != []
