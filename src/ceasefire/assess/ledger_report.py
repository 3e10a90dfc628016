"""The results of the exchange ledger (SPEC §4): entries (one per release story counted), rows by
day, rounds against what was agreed, cumulative totals. Computed by :mod:`ceasefire.assess.ledger`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(slots=True)
class LedgerEntry:
    """One release story as counted in the ledger."""

    story_id: str
    date: date
    party: str
    unit: str
    count: int
    target: str | None
    round_id: str | None
    rule: str
    sources: list[str]
    independent_sources: int
    variants: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "story": self.story_id,
            "date": self.date.isoformat(),
            "party": self.party,
            "unit": self.unit,
            "count": self.count,
            "target": self.target,
            "round": self.round_id,
            "rule": self.rule,
            "sources": self.sources,
            "independent_sources": self.independent_sources,
            "variants": self.variants,
        }


@dataclass(slots=True)
class LedgerRow:
    date: date
    party: str
    unit: str
    count: int
    entries: list[LedgerEntry] = field(default_factory=list)

    def to_spec(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "party": self.party, "unit": self.unit, "count": self.count}


@dataclass(slots=True)
class RoundTotal:
    """One scheduled round against what was handed over for it."""

    obligation_id: str
    party: str | None
    unit: str | None
    due: date
    agreed: int | None
    done: int
    released_on: list[date]
    delay_days: int  # days after the due date of the last handover (0 when on time or not done)
    stories: list[str]
    evidence: list[str]

    @property
    def state(self) -> str:
        if not self.stories:
            return "not done"
        if self.agreed is not None and self.done < self.agreed:
            return "partly done"
        return f"done {self.delay_days} day(s) late" if self.delay_days > 0 else "done"

    def to_dict(self) -> dict[str, Any]:
        return {
            "round": self.obligation_id,
            "party": self.party,
            "unit": self.unit,
            "due": self.due.isoformat(),
            "agreed": self.agreed,
            "done": self.done,
            "released_on": [d.isoformat() for d in self.released_on],
            "delay_days": self.delay_days,
            "state": self.state,
            "stories": self.stories,
            "evidence": self.evidence,
        }


@dataclass(slots=True)
class CumulativeTotal:
    party: str
    unit: str
    done: int
    agreed: int | None  # sum of the rounds' agreed quantities (None when no round gives one)

    def to_dict(self) -> dict[str, Any]:
        return {"party": self.party, "unit": self.unit, "done": self.done, "agreed": self.agreed}


@dataclass(slots=True)
class Ledger:
    agreement: str
    as_of: date | None
    entries: list[LedgerEntry]
    rounds: list[RoundTotal]
    cumulative: list[CumulativeTotal]
    table: list[LedgerRow] = field(default_factory=list)
    excluded: list[tuple[str, str]] = field(default_factory=list)  # (story id, why it is not counted)

    def rows(self) -> list[dict[str, Any]]:
        """Exactly the SPEC §4 rows."""
        return [row.to_spec() for row in self.table]

    def to_dict(self) -> dict[str, Any]:
        return {
            "agreement": self.agreement,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "rows": [{**row.to_spec(), "stories": [e.story_id for e in row.entries]} for row in self.table],
            "entries": [e.to_dict() for e in self.entries],
            "rounds": [r.to_dict() for r in self.rounds],
            "cumulative": [c.to_dict() for c in self.cumulative],
            "excluded": [{"story": sid, "reason": why} for sid, why in self.excluded],
        }
