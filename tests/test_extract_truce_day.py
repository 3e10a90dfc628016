"""A truce named with its day ("the Nov. 27 ceasefire", "the truce of January 19") is the background AGREE
of that day; a day that belongs to something else near the truce is not. Sentences written for the project."""

from __future__ import annotations

import ceasefire

DAY = "2025-02-05"  # a Wednesday


def agree_days(sentence: str) -> list[str | None]:
    return [e.date for e in ceasefire.extract(sentence, date=DAY) if e.type == "AGREE"]


def test_a_truce_named_with_its_day_is_that_days_agreement() -> None:
    assert agree_days("Strikes have gone on since the January 19 truce, residents said.") == ["2025-01-19"]
    assert agree_days("Violations of the truce of January 19 were reported in the north.") == ["2025-01-19"]


def test_the_day_a_truce_expired_is_no_agreement() -> None:
    assert agree_days("The first stage of the truce expired on Saturday, officials said.") == []


def test_a_deadline_before_the_truce_is_no_agreement() -> None:
    assert agree_days("If the captives are not freed by Saturday noon, the truce will end, he said.") == []


def test_a_day_of_another_clause_is_no_agreement() -> None:
    assert (
        agree_days("Both sides blamed each other over the agreement, and on Monday the army stayed put.")
        == []
    )
    assert agree_days("The envoy discussed the ceasefire on Monday with the premier.") == []
