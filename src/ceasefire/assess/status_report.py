"""The results of the status view (SPEC §4b): each obligation's status with the stories behind it,
and the report for a day. Computed by :mod:`ceasefire.assess.status`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ceasefire.agreements.obligations import Obligation
from ceasefire.assess.story import Story

STATUSES = (
    "not_due",
    "due",
    "in_progress",
    "fulfilled",
    "partly_fulfilled",
    "overdue",
    "suspended",
    "disputed",
    "breached",
)
CEASEFIRE_STATES = ("not_in_force", "in_force", "at_risk", "suspended", "breached", "ended")


@dataclass(slots=True)
class StoryRef:
    """A story behind a status, with its relation to the obligation and its tellings."""

    story: Story
    relation: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        s = self.story
        return {
            "story": s.id,
            "relation": self.relation,
            "reason": self.reason,
            "label": s.label(),
            "date": s.date.isoformat() if s.date else None,
            "is_claim": s.is_claim,
            "independent_sources": s.independent_sources,
            "sources": list(s.sources),
            "events": [
                {"doc_id": e.doc_id, "span": [e.span[0], e.span[1]], "evidence": e.evidence} for e in s.events
            ],
        }


@dataclass(slots=True)
class ObligationStatus:
    obligation: Obligation
    status: str
    reason: str
    done: int | None = None
    stories: list[StoryRef] = field(default_factory=list)

    @property
    def evidence(self) -> list[str]:
        return sorted({doc for ref in self.stories for doc in ref.story.sources})

    def to_spec(self) -> dict[str, Any]:
        o = self.obligation
        unit = o.quantity.unit if o.quantity else None
        return {
            "provision": o.id,
            "action": o.action,
            "obligor": o.obligor,
            "beneficiary": o.beneficiary,
            "location": o.location,
            "due": o.due.isoformat() if o.due else None,
            "status": self.status,
            "agreed": {"value": o.quantity.value, "unit": o.quantity.unit} if o.quantity else None,
            "done": {"value": self.done, "unit": unit} if self.done is not None and unit else None,
            "evidence": self.evidence,
            "provision_id": o.provision_id,
            "title": o.title,
            "reason": self.reason,
            "stories": [ref.to_dict() for ref in self.stories],
        }


@dataclass(slots=True)
class StatusReport:
    agreement: str
    as_of: date
    ceasefire: str
    ceasefire_reason: str
    obligations: list[ObligationStatus]

    def get(self, obligation_id: str) -> ObligationStatus:
        for item in self.obligations:
            if item.obligation.id == obligation_id:
                return item
        raise KeyError(obligation_id)

    def to_spec(self) -> dict[str, Any]:
        return {
            "agreement": self.agreement,
            "as_of": self.as_of.isoformat(),
            "ceasefire": self.ceasefire,
            "ceasefire_reason": self.ceasefire_reason,
            "obligations": [item.to_spec() for item in self.obligations],
        }
