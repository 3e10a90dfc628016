"""An ultimatum, a threat with a step due by a deadline, is a THREATEN and also a DEMAND of that step
(ANNOTATION: most annotators record both). Sentences written for the project."""

from __future__ import annotations

import ceasefire

DAY = "2025-02-11"  # a Tuesday


def kinds(sentence: str) -> set[tuple[str, str | None, str | None, str | None]]:
    return {(e.type, e.actor, e.target, e.object) for e in ceasefire.extract(sentence, date=DAY)}


def test_a_threat_with_a_deadline_for_a_release_also_demands_it() -> None:
    found = kinds(
        "The US president issued an ultimatum to Hamas on Monday: it must free all the remaining "
        "hostages by noon on Saturday, or the truce is over."
    )
    assert ("THREATEN", "usa", "hamas", "ATTACK") in found
    assert ("DEMAND", "usa", "hamas", "RELEASE") in found


def test_a_named_ultimatum_with_a_condition_also_demands_the_step() -> None:
    found = kinds(
        "Israel issued an ultimatum to Hamas on Monday: if captives are not freed by Saturday, war resumes."
    )
    assert ("DEMAND", "israel", "hamas", "RELEASE") in found


def test_a_plain_conditional_threat_stays_one_threat() -> None:
    found = kinds(
        "Israel warned Hamas on Monday it would resume fighting if the captives were not freed by Saturday."
    )
    assert not [k for k in found if k[0] == "DEMAND"]


def test_a_threat_without_a_deadline_is_no_demand() -> None:
    found = kinds(
        "Israel warned Hamas on Monday that it would resume fighting if the captives were not freed."
    )
    assert not [k for k in found if k[0] == "DEMAND"]
