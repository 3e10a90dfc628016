"""The agreement file format (YAML), validated by these pydantic models.

Day arithmetic: day 1 is the effective date, so "day N" is ``effective + (N - 1)`` days
(the Gaza deal took effect on 2025-01-19, so its day 22 is 2025-02-09).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

from ceasefire.actors.model import ActorEntry
from ceasefire.extract.event import EVENT_TYPES, UNITS

# the ontology's types and units, taken from the one place that lists them (extract/event.py)
EventType = Literal[EVENT_TYPES]  # type: ignore[valid-type]
Unit = Literal[UNITS]  # type: ignore[valid-type]
SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Amount(Strict):
    value: int = Field(ge=0)
    unit: Unit


class Phase(Strict):
    id: str
    name: str
    start_day: int = Field(ge=1)
    end_day: int = Field(ge=1)
    description: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Phase:
        if self.end_day < self.start_day:
            raise ValueError(
                f"phase {self.id!r} ends (day {self.end_day}) before it starts (day {self.start_day})"
            )
        return self


class Round(Strict):
    """One step of a series: due on ``date`` or on ``day``, with its own amount."""

    id: str | None = None
    date: dt.date | None = None
    day: int | None = Field(default=None, ge=1)
    quantity: Amount | None = None
    note: str | None = None

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str | None) -> str | None:
        if value is not None and not SLUG.match(value):
            raise ValueError(f"round id {value!r} must be a lower-case slug such as 'hostage-round-6'")
        return value

    @model_validator(mode="after")
    def _when(self) -> Round:
        if (self.date is None) == (self.day is None):
            raise ValueError("a round needs exactly one of 'date' or 'day'")
        return self


class OnDate(Strict):
    kind: Literal["date"]
    date: dt.date


class OnDay(Strict):
    kind: Literal["day"]
    day: int = Field(ge=1)


class Window(Strict):
    """Due within a window; each end is a date or a day number."""

    kind: Literal["window"]
    start: dt.date | None = None
    end: dt.date | None = None
    start_day: int | None = Field(default=None, ge=1)
    end_day: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _ends(self) -> Window:
        if self.start is not None and self.start_day is not None:
            raise ValueError("a window starts on 'start' or on 'start_day', not both")
        if self.end is not None and self.end_day is not None:
            raise ValueError("a window ends on 'end' or on 'end_day', not both")
        if self.start is None and self.start_day is None and self.end is None and self.end_day is None:
            raise ValueError("a window needs a start ('start'/'start_day') or an end ('end'/'end_day')")
        if self.start_day is not None and self.end_day is not None and self.end_day < self.start_day:
            raise ValueError(f"window ends (day {self.end_day}) before it starts (day {self.start_day})")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"window ends ({self.end}) before it starts ({self.start})")
        return self


class Rounds(Strict):
    kind: Literal["rounds"]
    rounds: list[Round] = Field(min_length=1)


class Recurring(Strict):
    """A quota: ``quantity`` per ``per`` from ``start_day`` to ``end_day`` (e.g. 600 trucks a day)."""

    kind: Literal["recurring"]
    per: Literal["day", "week"]
    start_day: int = Field(default=1, ge=1)
    end_day: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _span(self) -> Recurring:
        if self.end_day is not None and self.end_day < self.start_day:
            raise ValueError(f"ends (day {self.end_day}) before it starts (day {self.start_day})")
        return self


class Standing(Strict):
    """A standing duty (no attacks, keep a crossing open), from ``start_day`` to ``end_day``."""

    kind: Literal["standing"]
    start_day: int = Field(default=1, ge=1)
    end_day: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _span(self) -> Standing:
        if self.end_day is not None and self.end_day < self.start_day:
            raise ValueError(f"ends (day {self.end_day}) before it starts (day {self.start_day})")
        return self


Schedule = Annotated[OnDate | OnDay | Window | Rounds | Recurring | Standing, Field(discriminator="kind")]


class Ratio(Strict):
    """An exchange ratio: for each ``per`` handed over by ``per_party``, ``give`` in return."""

    kind: Literal["ratio"]
    per: Amount
    give: Amount
    applies_to: str | None = None  # which hostages (e.g. "female soldiers")


class TextCondition(Strict):
    kind: Literal["text"]
    text: str


Condition = Annotated[Ratio | TextCondition, Field(discriminator="kind")]


class Provision(Strict):
    id: str
    title: str
    action: EventType
    obligor: str | None = None
    beneficiary: str | None = None
    phase: str | None = None
    quantity: Amount | None = None
    schedule: Schedule
    conditions: list[Condition] = Field(default_factory=list)
    location: str | None = None
    linked_to: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    notes: str | None = None
    # True for a prohibition: the obligor must NOT do ``action`` (the ceasefire itself: no ATTACK).
    refrain: bool = False

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SLUG.match(value):
            raise ValueError(f"provision id {value!r} must be a lower-case slug such as 'hostage-round-6'")
        return value


class Extension(Strict):
    """A later change of a deadline (the Lebanon withdrawal extended to 2025-02-18)."""

    date: dt.date
    provisions: list[str] = Field(default_factory=list)  # empty: the whole agreement
    new_end: dt.date
    note: str | None = None
    sources: list[str] = Field(default_factory=list)


class Agreement(Strict):
    id: str
    title: str
    conflict: str
    summary: str | None = None
    timezone: str = "UTC"
    signed: AwareDatetime | None = None
    effective: AwareDatetime
    parties: list[str] = Field(min_length=2)
    mediators: list[str] = Field(default_factory=list)
    guarantors: list[str] = Field(default_factory=list)
    actors: list[ActorEntry] = Field(default_factory=list)
    phases: list[Phase] = Field(default_factory=list)
    provisions: list[Provision] = Field(min_length=1)
    extensions: list[Extension] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    notes: str | None = None  # what is uncertain in the public record, and why

    @field_validator("id")
    @classmethod
    def _agreement_slug(cls, value: str) -> str:
        if not SLUG.match(value):
            raise ValueError(f"agreement id {value!r} must be a lower-case slug such as 'gaza-2025'")
        return value

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(
                f"unknown time zone {value!r}; use an IANA name such as 'Asia/Jerusalem'"
            ) from exc
        return value

    @property
    def effective_date(self) -> dt.date:
        return self.effective.date()

    def day_to_date(self, day: int) -> dt.date:
        """Day 1 is the effective date."""
        return self.effective_date + dt.timedelta(days=day - 1)

    def date_to_day(self, when: dt.date) -> int:
        return (when - self.effective_date).days + 1

    def provision(self, provision_id: str) -> Provision:
        for provision in self.provisions:
            if provision.id == provision_id:
                return provision
        raise KeyError(provision_id)

    def signed_or_effective(self) -> dt.datetime:
        return self.signed or self.effective

    @model_validator(mode="after")
    def _references(self) -> Agreement:
        ids = [p.id for p in self.provisions]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"provision ids must be unique; repeated: {', '.join(dupes)}")
        round_ids = [
            r.id for p in self.provisions if isinstance(p.schedule, Rounds) for r in p.schedule.rounds if r.id
        ]
        clashes = sorted({i for i in round_ids if round_ids.count(i) > 1 or i in ids})
        if clashes:
            raise ValueError(
                f"round ids must be unique and differ from provision ids; repeated: {', '.join(clashes)}"
            )
        phases = {p.id for p in self.phases}
        for provision in self.provisions:
            if provision.phase and provision.phase not in phases:
                raise ValueError(f"provision {provision.id!r} names unknown phase {provision.phase!r}")
            for other in provision.linked_to:
                if other not in ids:
                    raise ValueError(f"provision {provision.id!r} is linked to unknown provision {other!r}")
        for extension in self.extensions:
            for other in extension.provisions:
                if other not in ids:
                    raise ValueError(f"extension of {extension.date} names unknown provision {other!r}")
        return self
