"""The actor registry: builtin data, resolution of names and people, sides, extras, bad data."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasefire.actors.model import ActorEntry, Member
from ceasefire.actors.registry import ActorRegistry, check_all, check_files
from ceasefire.errors import LexiconError


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    return ActorRegistry.load()


def test_builtin_files_are_valid() -> None:
    assert check_all().endswith(": ok")


@pytest.mark.parametrize(
    ("name", "actor"),
    [
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
    ],
)
def test_resolve_names_and_people(registry: ActorRegistry, name: str, actor: str) -> None:
    assert registry.resolve(name) == actor


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
