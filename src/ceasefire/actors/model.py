"""The actor entry: one canonical actor (SPEC §3 id), the names it goes by, and the people and
units that act or speak for it. The same shape is used in ``actors/data/*.yaml`` and in the
``actors:`` section of an agreement file."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

ACTOR_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ActorKind = Literal["state", "group", "body", "people", "other"]


class Member(BaseModel):
    """A person or unit that acts or speaks for the actor (a prime minister, a spokesman, an army)."""

    model_config = ConfigDict(extra="forbid")

    name: str
    aliases: list[str] = Field(default_factory=list)
    role: str | None = None


class ActorEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    kind: ActorKind = "other"
    name: str
    aliases: list[str] = Field(default_factory=list)
    adjectives: list[str] = Field(default_factory=list)  # demonyms: "Israeli", "Egyptian"
    members: list[Member] = Field(default_factory=list)
    side: str | None = None  # the party whose side it acts on (PIJ → hamas), for the ledger

    @field_validator("id", "side")
    @classmethod
    def _slug(cls, value: str | None) -> str | None:
        if value is not None and not ACTOR_ID.match(value):
            raise ValueError(
                f"actor id {value!r} must be a lower-case ASCII slug such as 'hamas' or 'arab-league'"
            )
        return value
