"""Claims: accusations and denials, kept apart from verified facts.

Each claim says who accuses whom of what, when, about which obligation, how many independent
sources carry it, and whether the accused denied it (a DENY story by the accused side, on the same
step, from the day before the accusation to ``status.dispute_memory_days`` after it). A claim never
counts as the happening it alleges.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ceasefire.agreements.schema import Agreement
from ceasefire.assess.context import Assessment, prepare
from ceasefire.assess.rules import AssessRules
from ceasefire.assess.sides import SideOf
from ceasefire.assess.story import Story
from ceasefire.store.events import StoredEvent


@dataclass(slots=True)
class Claim:
    story: Story
    kind: str  # accusation | denial
    obligations: list[str]
    denied_by: list[Story] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)  # for a denial: the accusations it answers

    @property
    def denied(self) -> bool:
        return bool(self.denied_by)

    def to_dict(self) -> dict[str, Any]:
        s = self.story
        return {
            "id": s.id,
            "kind": self.kind,
            "date": s.date.isoformat() if s.date else None,
            "claimant": s.actor,
            "accused": s.target if self.kind == "accusation" else None,
            "about": s.object,
            "obligations": self.obligations,
            "independent_sources": s.independent_sources,
            "sources": list(s.sources),
            "denied": self.denied,
            "denials": [d.id for d in self.denied_by],
            "answers": self.answers,
            "verified": False,
            "events": [
                {
                    "doc_id": e.doc_id,
                    "span": [e.span[0], e.span[1]],
                    "evidence": e.evidence,
                    "source": e.source,
                }
                for e in s.events
            ],
        }


def claims_from(a: Assessment, as_of: date | None) -> list[Claim]:
    memory = timedelta(days=a.rules.status.dispute_memory_days)
    stories = [s for s in a.stories if s.is_claim and (as_of is None or s.date is None or s.date <= as_of)]
    accusations = [s for s in stories if s.type == "ACCUSE"]
    denials = [s for s in stories if s.type == "DENY"]
    out: list[Claim] = []
    answered: dict[str, list[str]] = {}
    for acc in accusations:
        accused = a.side_of(acc.target) if acc.target else None
        replies = [
            d
            for d in denials
            if accused is not None
            and d.party == accused
            and d.object in (None, acc.object)
            and (
                acc.date is None
                or d.date is None
                or acc.date - timedelta(days=1) <= d.date <= acc.date + memory
            )
        ]
        for d in replies:
            answered.setdefault(d.id, []).append(acc.id)
        out.append(Claim(acc, "accusation", sorted({lk.obligation_id for lk in a.links_of(acc.id)}), replies))
    for den in denials:
        links = sorted({lk.obligation_id for lk in a.links_of(den.id)})
        out.append(Claim(den, "denial", links, [], answered.get(den.id, [])))
    out.sort(key=lambda c: (c.story.date or date.max, c.story.id))
    return out


def list_claims(
    agreement: Agreement,
    stored_events: Sequence[StoredEvent],
    as_of: date | None = None,
    rules: AssessRules | None = None,
    side_of: SideOf | None = None,
) -> list[Claim]:
    """Accusations and denials known on ``as_of`` (reports published on or before it)."""
    return claims_from(prepare(agreement, stored_events, as_of, rules, side_of), as_of)
