"""The timeline: stories and due dates in date order, each with the obligations it touches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ceasefire.agreements.schema import Agreement
from ceasefire.assess.context import prepare
from ceasefire.assess.rules import AssessRules
from ceasefire.assess.sides import SideOf
from ceasefire.store.events import StoredEvent


@dataclass(slots=True)
class TimelineEntry:
    date: date
    kind: str  # story | claim | due
    type: str
    label: str
    actor: str | None
    target: str | None
    mode: str | None
    quantity: int | None
    unit: str | None
    links: list[dict[str, str]] = field(default_factory=list)  # obligation, relation
    sources: list[str] = field(default_factory=list)
    independent_sources: int = 0
    id: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "kind": self.kind,
            "type": self.type,
            "label": self.label,
            "actor": self.actor,
            "target": self.target,
            "mode": self.mode,
            "quantity": self.quantity,
            "unit": self.unit,
            "links": self.links,
            "sources": self.sources,
            "independent_sources": self.independent_sources,
            "id": self.id,
        }


def timeline(
    agreement: Agreement,
    stored_events: Sequence[StoredEvent],
    start: date | None = None,
    end: date | None = None,
    rules: AssessRules | None = None,
    side_of: SideOf | None = None,
) -> list[TimelineEntry]:
    """Stories dated from ``start`` to ``end`` (reports published by ``end``), claims marked as such,
    and the obligations falling due in the period."""
    a = prepare(agreement, stored_events, end, rules, side_of)
    lo, hi = start or date.min, end or date.max
    out: list[TimelineEntry] = []
    for s in a.stories:
        if s.date is None or not lo <= s.date <= hi:
            continue
        links = [{"obligation": lk.obligation_id, "relation": lk.relation} for lk in a.links_of(s.id)]
        out.append(
            TimelineEntry(
                s.date,
                "claim" if s.is_claim else "story",
                s.type,
                s.label(),
                s.actor,
                s.target,
                s.mode,
                s.quantity,
                s.unit,
                links,
                list(s.sources),
                s.independent_sources,
                s.id,
            )
        )
    for o in a.obligations:
        if o.due is not None and lo <= o.due <= hi:
            qty = o.quantity
            out.append(
                TimelineEntry(
                    o.due,
                    "due",
                    o.action,
                    f"due: {o.title}",
                    o.obligor,
                    o.beneficiary,
                    None,
                    qty.value if qty else None,
                    qty.unit if qty else None,
                    id=o.id,
                )
            )
    order = {"due": 0, "story": 1, "claim": 2}
    out.sort(key=lambda e: (e.date, order[e.kind], e.type, e.id))
    return out
