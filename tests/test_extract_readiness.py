"""'Ready/prepared/willing to' is a pledge only when what follows is a step of a deal. Sentences written
for the project."""

from __future__ import annotations

import ceasefire

DAY = "2025-02-05"  # a Wednesday


def pledges(sentence: str) -> list[tuple[str | None, str | None]]:
    return [(e.actor, e.object) for e in ceasefire.extract(sentence, date=DAY) if e.type == "PLEDGE"]


def test_ready_for_something_that_is_no_step_is_no_pledge() -> None:
    assert pledges("The Israeli army was prepared to receive the families at the base on Tuesday.") == []
    assert pledges("Hamas said on Tuesday it was ready to answer questions from reporters.") == []


def test_ready_to_take_a_step_of_the_deal_is_a_pledge() -> None:
    assert ("hamas", "RELEASE") in pledges("Hamas said on Tuesday it was ready to release more hostages.")


def test_a_commitment_to_carry_out_the_deal_stays_a_pledge() -> None:
    assert pledges("Lebanon said on Tuesday it remains committed to implementing the truce.") != []
