"""Civilian populations are registry data (actor kind ``people``), not names in code: aid nobody is
named to give goes to the population the report names, and a population never acts, is never one of
the report's two parties, and is never the antecedent of "it" or "they". Invented sentences."""

from __future__ import annotations

import pytest

from ceasefire.actors.model import ActorEntry
from ceasefire.actors.registry import ActorRegistry
from ceasefire.extract.pipeline import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    # another conflict's civilians and armed parties, added the way an agreement file adds actors
    registry = ActorRegistry.load(
        extra=[
            ActorEntry(id="darfuris", kind="people", name="Darfuris", aliases=["Darfur residents"]),
            ActorEntry(id="north-army", kind="state", name="North Army"),
            ActorEntry(id="valley-front", kind="group", name="Valley Front"),
        ]
    )
    return Extractor(actors=registry)


def _events(extractor: Extractor, text: str) -> list[tuple[str, str | None, str | None]]:
    analysis = extractor.analyse(text, None)
    return [(e.type, e.actor, e.target) for e in analysis.events]


def test_unattributed_aid_goes_to_the_population_the_report_names(extractor: Extractor) -> None:
    text = "Darfur residents queued for hours on Monday. Forty aid trucks entered the region on Tuesday."
    assert ("AID", None, "darfuris") in _events(extractor, text)


def test_no_population_named_no_recipient_invented(extractor: Extractor) -> None:
    text = (
        "The North Army and the Valley Front held their fire. Forty aid trucks entered the region on Tuesday."
    )
    aid = [e for e in _events(extractor, text) if e[0] == "AID"]
    assert aid and all(target is None for _, _, target in aid)


def test_a_population_is_neither_a_party_nor_a_doer(extractor: Extractor) -> None:
    text = (
        "Darfuris fled the fighting on Sunday, and Darfur residents said they had no food. "
        "The North Army launched airstrikes on the town on Monday."
    )
    found = _events(extractor, text)
    assert ("ATTACK", "north-army", None) in found
    assert all(actor != "darfuris" for _, actor, _ in found)
    mentions = [m for s in extractor.analyse(text, None).sentences for m in s.mentions]
    assert extractor._main_parties(mentions) == ["north-army"]
