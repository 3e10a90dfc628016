"""The actor registry: builtin data, resolution of names and people, sides, extras, bad data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import ceasefire
from ceasefire.actors.model import ActorEntry, Member
from ceasefire.actors.registry import (
    ActorRegistry,
    builtin_files,
    check_all,
    check_files,
    read_actor_file,
    surface_forms,
)
from ceasefire.errors import LexiconError
from ceasefire.extract.lexicon import LEXICON_DIR, load_lexicon, read_lexicon_file


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    return ActorRegistry.load()


def test_builtin_files_are_valid() -> None:
    assert check_all().endswith(": ok")


NAMES = [
    ("Netanyahu", "israel"),
    ("idf", "israel"),
    ("Israeli", "israel"),
    ("al-Qassam Brigades", "hamas"),
    ("Abu Obeida", "hamas"),
    ("Gaza health ministry", "hamas"),
    ("UNRWA", "un"),
    ("WFP", "un"),
    ("Red Cross", "icrc"),
    ("Islamic Jihad", "pij"),
    ("Steve Witkoff", "usa"),
    ("White House", "usa"),
    ("Zelensky", "ukraine"),
    ("Kremlin", "russia"),
    ("Shehbaz Sharif", "pakistan"),
    ("Narendra Modi", "india"),
    ("Naim Qassem", "hezbollah"),
    ("Hazem Qassem", "hamas"),
    ("Palestinian prisoners", "palestinians"),
    ("  White   House ", "usa"),
]


def test_ambiguous_surname_is_not_an_alias(registry: ActorRegistry) -> None:
    # "Qassem" names both a Hamas spokesman and Hezbollah's leader: only full names resolve.
    assert registry.resolve("Qassem") is None
    assert registry.resolve("nobody in particular") is None


def test_sides_and_lookup(registry: ActorRegistry) -> None:
    assert registry.side_of("pij") == "hamas"
    assert registry.side_of("israel") == "israel"
    assert registry.side_of("not-an-actor") == "not-an-actor"
    assert registry.known("unifil") and not registry.known("atlantis")
    assert registry.get("egypt").kind == "state"
    with pytest.raises(KeyError):
        registry.get("atlantis")
    ids = registry.ids()
    assert ids == sorted(ids)
    for needed in ("israel", "hamas", "usa", "lebanon", "ukraine", "russia", "india", "pakistan", "un", "pa"):
        assert needed in ids


def test_extra_entries_merge_with_builtin() -> None:
    extra = ActorEntry(
        id="hamas",
        kind="group",
        name="Hamas",
        aliases=["the Movement of the Test"],
        members=[Member(name="Imaginary Spokesperson", role="spokesman")],
    )
    new = ActorEntry(id="north-militia", kind="group", name="North Militia", side="hamas")
    registry = ActorRegistry.load(extra=[extra, new])
    assert registry.resolve("the movement of the test") == "hamas"
    assert registry.resolve("Imaginary Spokesperson") == "hamas"
    assert registry.resolve("Abu Obeida") == "hamas"  # builtin aliases kept
    assert registry.side_of("north-militia") == "hamas"


def test_extra_file(tmp_path: Path) -> None:
    path = tmp_path / "more.yaml"
    path.write_text(
        "# 2026-11-27 test file\nactors:\n  - id: freedonia\n    kind: state\n    name: Freedonia\n"
        "    adjectives: [Freedonian]\n"
    )
    registry = ActorRegistry.load(extra_files=[path])
    assert registry.resolve("Freedonian") == "freedonia"
    assert "of which" not in check_files([path])


def test_bad_file_names_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("actors:\n  - id: ok-one\n    name: Fine\n  - id: Not A Slug\n    name: Bad\n")
    with pytest.raises(LexiconError) as info:
        ActorRegistry.load(extra_files=[path])
    assert f"{path}:4" in str(info.value) and "id" in str(info.value)


def test_name_claimed_twice_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "clash.yaml"
    path.write_text("actors:\n  - id: a-one\n    name: Same Name\n  - id: b-two\n    name: same name\n")
    with pytest.raises(LexiconError, match="claimed by both"):
        check_files([path])


def test_unknown_side_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "side.yaml"
    path.write_text("actors:\n  - id: a-one\n    name: Somebody\n    side: nowhere\n")
    with pytest.raises(LexiconError, match="side"):
        check_files([path])


# --- the world files (world.yaml, groups_world.yaml, bodies_world.yaml, lexicon/locations_world.yaml) ---


WORLD_NAMES = [
    ("Azerbaijan", "azerbaijan"),
    ("Azerbaijani", "azerbaijan"),
    ("azeri", "azerbaijan"),
    ("Baku", "azerbaijan"),
    ("Ilham Aliyev", "azerbaijan"),
    ("Yerevan", "armenia"),
    ("Hemedti", "rsf"),
    ("Mohamed Hamdan Dagalo", "rsf"),
    ("Sudanese Armed Forces", "sudan"),
    ("South Sudanese", "south-sudan"),
    ("M23", "m23"),
    ("AFC/M23", "m23"),
    ("Lawrence Kanyuka", "m23"),
    ("DR Congo", "drc"),
    ("Congo", "drc"),
    ("Congolese", "drc"),
    ("Republic of the Congo", "republic-of-congo"),
    ("Burma", "myanmar"),
    ("Kabul", "afghanistan"),
    ("Afghan Taliban", "taliban"),
    ("Amir Khan Muttaqi", "taliban"),
    ("Pakistani Taliban", "ttp"),
    ("Kataib Hezbollah", "kataib-hezbollah"),
    ("ELN", "eln"),
    ("FARC dissidents", "emc"),
    ("MONUSCO", "un"),
    ("African Union", "au"),
    ("Moussa Faki", "au"),
    ("Turkish Cypriot", "northern-cyprus"),
    ("Greek Cypriot", "cyprus"),
    ("Northern Ireland", "uk"),
]


@pytest.mark.parametrize(("name", "actor"), NAMES + WORLD_NAMES)
def test_resolve_names_and_people(registry: ActorRegistry, name: str, actor: str) -> None:
    assert registry.resolve(name) == actor


ORDINARY = ["polish", "danish", "male", "tripoli", "store", "talon", "chapo", "IS", "Korean", "Serb", "pope"]
CAPITALS = (
    "Baku",
    "Yerevan",
    "Khartoum",
    "Kigali",
    "Kinshasa",
    "Addis Ababa",
    "Mogadishu",
    "Bogota",
    "Kabul",
)


# ordinary lower-case words, first names, a capital of two states, a headline's "IS", a demonym of two states
@pytest.mark.parametrize("word", ORDINARY)
def test_world_files_claim_no_ordinary_word(registry: ActorRegistry, word: str) -> None:
    assert registry.resolve(word) is None


def test_no_name_in_the_builtin_files_is_claimed_by_two_actors() -> None:
    owners: dict[str, set[str]] = {}
    for path in builtin_files():
        for entry in read_actor_file(path):
            for form, _ in surface_forms(entry):
                owners.setdefault(" ".join(form.split()).lower(), set()).add(entry.id)
    assert {form: ids for form, ids in owners.items() if len(ids) > 1} == {}
    assert {path.name for path in builtin_files()} >= {"world.yaml", "groups_world.yaml", "bodies_world.yaml"}


def test_world_capitals_are_places_and_leave_the_old_places_alone(registry: ActorRegistry) -> None:
    lexicon = load_lexicon()
    place_of = {form.lower(): place for place in lexicon.locations for form in [place.name, *place.aliases]}
    assert place_of["el fasher"].belongs_to == "sudan"
    # a capital that names a government is also a place, so that "talks in Kigali" reads as a place
    for capital in CAPITALS:
        state = registry.resolve(capital)
        assert state is not None and place_of[capital.lower()].belongs_to == state
    # a world place named like a state belongs to that state
    states = {entry.id for entry in registry.entries() if entry.kind == "state"}
    for place in read_lexicon_file(LEXICON_DIR / "locations_world.yaml")["locations"]:
        actor = registry.resolve(place.name)
        if actor in states:
            assert place.belongs_to == actor, place
    # locations_world.yaml replaces no record of locations.yaml (a record with the same name would)
    names = {
        file: {place.name for place in read_lexicon_file(LEXICON_DIR / file)["locations"]}
        for file in ("locations.yaml", "locations_world.yaml")
    }
    assert names["locations.yaml"] & names["locations_world.yaml"] == set()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # sentences written for this test
        ("Baku accused Yerevan on Monday of violating the truce.", ("ACCUSE", "azerbaijan", "armenia")),
        (
            "The RSF shelled El Fasher on Sunday, killing 40 civilians, the army said.",
            ("ATTACK", "rsf", "sudan"),
        ),
        ("Kinshasa accused Kigali on Tuesday of sending troops to Goma.", ("ACCUSE", "drc", "rwanda")),
        (
            "Pashinyan went to Baku on Tuesday for talks with Azerbaijan.",
            ("CONSULT", "armenia", "azerbaijan"),
        ),
    ],
)
def test_world_actors_in_sentences(sentence: str, expected: tuple[str, str, str]) -> None:
    events = ceasefire.extract(sentence, date=dt.date(2025, 3, 10))
    assert expected in {(e.type, e.actor, e.target) for e in events}, [e.to_spec() for e in events]


def test_a_demonym_naming_a_time_zone_is_no_actor() -> None:
    events = ceasefire.extract(
        "The government met at 1 a.m. (Latvian time) on Saturday to discuss the deal.", date="2025-01-18"
    )
    assert all(e.actor != "latvia" for e in events)
