"""Two strikes of one day told with different death tolls are two attacks; the same toll told twice, or
a rounded toll and its exact figure, is one. Sentences written for the project."""

from __future__ import annotations

import ceasefire

DAY = "2025-03-24"  # a Monday


def attacks(text: str) -> list[int | None]:
    events = [e for e in ceasefire.extract(text, date=DAY) if e.type == "ATTACK" and e.actor == "israel"]
    return sorted(e.quantity.value if e.quantity else 0 for e in events)


def test_two_tolls_of_one_day_are_two_attacks() -> None:
    text = (
        "Israeli strikes killed 40 Palestinians in Rafah on Monday, medics said. "
        "Separately, an Israeli air strike killed 12 Palestinians in Khan Younis on Monday."
    )
    assert attacks(text) == [12, 40]


def test_one_toll_told_twice_is_one_attack() -> None:
    text = (
        "Israeli strikes killed 40 Palestinians in Rafah on Monday, medics said. "
        "The Israeli strikes on Monday killed 40 Palestinians, the health ministry said."
    )
    assert attacks(text) == [40]
