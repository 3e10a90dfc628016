"""Quoted first persons are the one quoted, and the subject of an opening condition is not the doer of
its consequence. Sentences written for the project."""

from __future__ import annotations

import ceasefire

DAY = "2025-02-05"  # a Wednesday


def threats(text: str) -> set[tuple[str | None, str | None]]:
    return {(e.actor, e.target) for e in ceasefire.extract(text, date=DAY) if e.type == "THREATEN"}


def test_we_in_a_quote_is_the_speaker_not_the_party_named_before() -> None:
    text = "“If Hezbollah breaks the truce and tries to rearm, we will strike,” the Israeli minister said."
    assert {actor for actor, _ in threats(text)} == {"israel"}


def test_we_demand_is_the_speakers_demand() -> None:
    text = "“We demand that Hamas free all the captives,” the Israeli prime minister said on Tuesday."
    found = {(e.actor, e.target) for e in ceasefire.extract(text, date=DAY) if e.type == "DEMAND"}
    assert found == {("israel", "hamas")}


def test_the_subject_of_an_opening_condition_is_not_the_doer() -> None:
    text = "If Hamas does not free the captives by Saturday, the truce will end."
    events = ceasefire.extract(text, date=DAY)
    assert not [e for e in events if e.type in ("THREATEN", "SUSPEND") and e.actor == "hamas"]
