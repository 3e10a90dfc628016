"""A deal to be reached, extended or finalised by nobody named is a hope, not a planned AGREE, and one reached
by nobody named has no target; a deal the parties are due to sign, or a truce due to take effect, is one.
Sentences written for the project."""

from __future__ import annotations

import ceasefire

DAY = "2025-02-05"  # a Wednesday


def agrees(sentence: str) -> list[tuple[str | None, str]]:
    return [(e.actor, e.mode) for e in ceasefire.extract(sentence, date=DAY) if e.type == "AGREE"]


def test_an_expected_extension_with_no_party_named_is_no_event() -> None:
    assert agrees("Diplomats said they expected the truce to be extended on Friday.") == []
    assert agrees("The delegation stayed on, waiting for the accord to be finalised.") == []


def test_a_signing_by_named_parties_stays_planned() -> None:
    found = agrees("Israel and Lebanon are expected to sign the deal on Friday.")
    assert ("israel", "planned") in found and ("lebanon", "planned") in found


def test_a_truce_due_to_take_effect_stays_planned_with_no_agent() -> None:
    assert agrees("The ceasefire is set to take effect on Sunday.") == [(None, "planned")]


def test_a_deal_reached_by_nobody_named_stays_an_event() -> None:
    assert agrees("A ceasefire deal was reached on Tuesday.") == [(None, "occurred")]


def test_a_truce_reached_by_nobody_named_has_no_target() -> None:
    events = ceasefire.extract("A ceasefire deal was reached in Doha on Tuesday, Qatar said.", date=DAY)
    assert [(e.actor, e.target) for e in events if e.type == "AGREE"] == [(None, None)]
    events = ceasefire.extract("Since the truce was agreed in November, Israel has struck Lebanon.", date=DAY)
    assert [(e.actor, e.target) for e in events if e.type == "AGREE"] == [(None, None)]
