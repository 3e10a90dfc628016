"""The extractor's rules as data: trigger records, cue words, places and abbreviations, read from the
YAML files in ``extract/lexicon/`` plus any file a user adds (``--lexicon FILE``), validated at load.

A lexicon file is a mapping whose keys are sections (``triggers``, ``cues``, ``locations``,
``abbreviations``), each a list of records. A user file may hold any of them; a record whose ``id``
is already known replaces the builtin one, so an analyst can retune a rule without touching code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ceasefire.actors.registry import read_yaml_file, validation_message, yaml_records
from ceasefire.errors import LexiconError
from ceasefire.extract.event import EVENT_TYPES

LEXICON_DIR = Path(__file__).parent / "lexicon"
# dates.yaml and units.yaml belong to the date and number readers, which validate them themselves
BUILTIN = ("abbreviations.yaml", "cues.yaml", "triggers.yaml", "locations.yaml", "locations_world.yaml")
SECTIONS = ("triggers", "cues", "locations", "abbreviations")
CueKind = Literal[
    "planned",
    "negated",
    "conditional",
    "attribution",
    "anaphora-group",
    "anaphora-state",
    "anaphora-person",
    "anaphora-any",
    "anaphora-both",
    "locative",
    "oblique",
    "passive",
    "agent",
    "coordination",
    "clause",
    "mediator",
    "mutual",
    "mutual-if-reciprocal",
    "reciprocal",
    "needs-actor",
    "determiner",
    "relative",
    "history",
    "recent",
    "permission",
    "support",
    "provision",
    "proposal",
    "deadline",
    "custody",
    "aspiration",
    "description",
    "visitor",
    "link-line",
]
# cue kinds read on whole lines of a report, not marked in its sentences
LINE_CUE_KINDS = frozenset({"link-line"})


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _words(value: list[str]) -> list[str]:
    cleaned = [" ".join(str(w).split()) for w in value]
    if any(not w for w in cleaned):
        raise ValueError("empty word or phrase")
    return cleaned


class TriggerRule(_Record):
    id: str
    type: str
    words: list[str] = Field(min_length=1)
    pos: Literal["verb", "noun", "any"] = "any"
    frame: Literal[
        "agent",
        "agentless",
        "accusation",
        "complement",
        "beneficiary",
        "obligation",
        "implied",
        "interception",
    ] = "agent"
    near: list[str] = Field(default_factory=list)
    not_near: list[str] = Field(default_factory=list)
    window: int = Field(default=6, ge=1, le=40)
    object: str | None = None
    invert: str | None = None
    passive: bool = True  # false for participles that read as adjectives ("committed to", "prepared to")
    mutual: bool = False  # coordinated doers act on each other ("A and B exchanged prisoners")

    @field_validator("type", "object", "invert")
    @classmethod
    def _event_type(cls, value: str | None) -> str | None:
        if value is not None and value not in EVENT_TYPES:
            raise ValueError(f"{value!r} is not one of the 15 event types ({', '.join(EVENT_TYPES)})")
        return value

    _clean = field_validator("words", "near", "not_near")(_words)


class CueRule(_Record):
    id: str
    kind: CueKind
    words: list[str] = Field(min_length=1)

    _clean = field_validator("words")(_words)


class Place(_Record):
    name: str
    aliases: list[str] = Field(default_factory=list)
    belongs_to: str | None = None


class AbbreviationRule(_Record):
    id: str
    words: list[str] = Field(min_length=1)

    @field_validator("words")
    @classmethod
    def _dotted(cls, value: list[str]) -> list[str]:
        for word in value:
            if not word.endswith(".") or " " in word:
                raise ValueError(f"abbreviation {word!r} must be one word ending with a period")
        return value


MODELS: dict[str, type[_Record]] = {
    "triggers": TriggerRule,
    "cues": CueRule,
    "locations": Place,
    "abbreviations": AbbreviationRule,
}


@dataclass(slots=True)
class Lexicon:
    """All rule records, with the file each came from (for ``explain`` and ``rules check``)."""

    triggers: list[TriggerRule] = field(default_factory=list)
    cues: list[CueRule] = field(default_factory=list)
    locations: list[Place] = field(default_factory=list)
    abbreviations: list[AbbreviationRule] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def cue_words(self, kind: str) -> list[str]:
        return [word for cue in self.cues if cue.kind == kind for word in cue.words]


def read_lexicon_file(path: Path) -> dict[str, list[_Record]]:
    """The validated sections of one lexicon file; LexiconError naming file, line and field."""
    found: dict[str, list[_Record]] = {}
    node, top = read_yaml_file(path)  # parsed once: the sections' records come from the same tree
    if not isinstance(top, dict):
        raise LexiconError(
            f"expected a mapping with one of the sections {', '.join(SECTIONS)}", where=str(path)
        )
    unknown = set(top) - set(SECTIONS)
    if unknown or not top:
        name = sorted(map(str, unknown))[0] if unknown else "(none)"
        raise LexiconError(f"unknown section {name!r}", where=str(path), hint=f"use {', '.join(SECTIONS)}")
    for section in SECTIONS:
        if section not in top:
            continue
        model = MODELS[section]
        records: list[_Record] = []
        for record in yaml_records(path, node, top, section):
            if not isinstance(record.data, dict):
                raise LexiconError(f"each {section} record must be a mapping", where=f"{path}:{record.line}")
            try:
                records.append(model.model_validate(record.data))
            except ValidationError as exc:
                raise LexiconError(
                    f"{section}: {validation_message(exc)}", where=f"{path}:{record.line}"
                ) from exc
        found[section] = records
    return found


def _key(record: _Record) -> str:
    return str(getattr(record, "id", None) or getattr(record, "name", ""))


def load_lexicon(extra: Sequence[Path] = ()) -> Lexicon:
    """The builtin rules, then each extra file in order (same id or place name replaces)."""
    lexicon = Lexicon()
    paths = [LEXICON_DIR / name for name in BUILTIN] + [Path(p) for p in extra]
    merged: dict[str, dict[str, _Record]] = {section: {} for section in SECTIONS}
    for path in paths:
        for section, records in read_lexicon_file(path).items():
            for record in records:
                merged[section][_key(record)] = record
        lexicon.files.append(path)
    lexicon.triggers = list(merged["triggers"].values())  # type: ignore[arg-type]
    lexicon.cues = list(merged["cues"].values())  # type: ignore[arg-type]
    lexicon.locations = list(merged["locations"].values())  # type: ignore[arg-type]
    lexicon.abbreviations = list(merged["abbreviations"].values())  # type: ignore[arg-type]
    return lexicon


def check_lexicons(extra: Sequence[Path] = ()) -> list[str]:
    """One summary line per file checked (builtin, then extras); LexiconError on the first bad one."""
    lines: list[str] = []
    paths = [LEXICON_DIR / name for name in BUILTIN] + [Path(p) for p in extra]
    for path in paths:
        sections = read_lexicon_file(path)
        counts = ", ".join(f"{len(records)} {section}" for section, records in sections.items())
        lines.append(f"{path}: {counts}: ok")
    load_lexicon(extra)
    return lines


def read_packaged_yaml(name: str) -> Any:
    """A YAML data file shipped in ``extract/lexicon/``; LexiconError naming it when unreadable."""
    path = resources.files("ceasefire.extract").joinpath("lexicon", name)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"cannot read: {exc}", where=f"lexicon/{name}") from exc
