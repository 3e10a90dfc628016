"""A story: one real-world happening told by one or more reports, with every telling kept.

Stories are what the assessment links, counts and shows; each keeps its member events (report,
sentence span, evidence), the quantity variants the reports give with who gives them, and the
rule by which one value was chosen.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class StoryEvent:
    """One telling of the story: an extracted event and the facts of its report."""

    event_id: int
    doc_id: str
    published: date | None
    cluster: str  # independent-source key: the report's near-duplicate cluster, else the report
    type: str
    actor: str | None
    target: str | None
    object: str | None
    mode: str
    date: date | None
    quantity: int | None
    unit: str | None
    location: str | None
    source: str | None
    evidence: str
    span: tuple[int, int]
    url: str | None = None
    outlet: str | None = None
    attached: str = "dated"  # "dated": joined by date; "undated": joined the latest story before its report
    provision: str | None = None  # an analyst's review linked this telling to a provision or obligation

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["published"] = self.published.isoformat() if self.published else None
        out["date"] = self.date.isoformat() if self.date else None
        out["span"] = [self.span[0], self.span[1]]
        return out


@dataclass(frozen=True, slots=True)
class Variant:
    """One figure the reports give, with the reports that give it (each report counted once)."""

    value: int
    unit: str
    sources: tuple[str, ...]  # doc ids
    independent: int  # distinct clusters among them
    mode: str  # mode of the tellings it comes from (occurred, or planned when nothing occurred says)

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "unit": self.unit,
            "sources": list(self.sources),
            "independent_sources": self.independent,
            "mode": self.mode,
        }


@dataclass(slots=True)
class Story:
    id: str
    type: str
    actor: str | None
    party: str | None  # the side the actor acts for (pij → hamas)
    target: str | None
    object: str | None
    mode: str  # occurred beats planned when both are told; negated stories are kept apart
    date: date | None
    quantity: int | None
    unit: str | None
    variants: list[Variant]
    choice_rule: str
    location: str | None
    events: list[StoryEvent]
    sources: list[str]  # distinct doc ids
    independent_sources: int  # distinct clusters (wire copies count once)
    first_reported: date | None
    is_claim: bool
    dates: dict[str, int] = field(default_factory=dict)  # date told → reports telling it

    def docs_for(self, value: int | None = None) -> list[str]:
        """The reports behind the story (or behind one of its figures)."""
        if value is None:
            return list(self.sources)
        for variant in self.variants:
            if variant.value == value:
                return list(variant.sources)
        return []

    def label(self) -> str:
        who = self.actor or "?"
        whom = f" → {self.target}" if self.target else ""
        what = f" {self.object}" if self.object else ""
        qty = f" {self.quantity} {self.unit}" if self.quantity is not None else ""
        mode = "" if self.mode == "occurred" else f" ({self.mode})"
        return f"{self.type}{what} {who}{whom}{qty}{mode}"

    def to_dict(self, with_events: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "actor": self.actor,
            "party": self.party,
            "target": self.target,
            "object": self.object,
            "mode": self.mode,
            "date": self.date.isoformat() if self.date else None,
            "quantity": {"value": self.quantity, "unit": self.unit} if self.quantity is not None else None,
            "variants": [v.to_dict() for v in self.variants],
            "choice_rule": self.choice_rule,
            "location": self.location,
            "sources": list(self.sources),
            "independent_sources": self.independent_sources,
            "first_reported": self.first_reported.isoformat() if self.first_reported else None,
            "is_claim": self.is_claim,
        }
        if with_events:
            out["events"] = [e.to_dict() for e in self.events]
        return out


def choose_variant(variants: list[Variant], agreed: int | None = None) -> tuple[Variant | None, str]:
    """The figure to show, and the rule that chose it.

    Most independent sources first; then most reports; then the figure that matches the agreed
    quantity (when one is known); then the larger figure (reports that give a part of a release,
    such as one named hostage, give less than the whole).
    """
    if not variants:
        return None, "no figure reported"
    if len(variants) == 1:
        only = variants[0]
        return only, f"only figure reported ({len(only.sources)} report(s))"
    ranked = sorted(
        variants,
        key=lambda v: (v.independent, len(v.sources), agreed is not None and v.value == agreed, v.value),
        reverse=True,
    )
    best, runner = ranked[0], ranked[1]
    if best.independent > runner.independent:
        rule = f"most independent sources ({best.independent} vs {runner.independent})"
    elif len(best.sources) > len(runner.sources):
        rule = f"most reports ({len(best.sources)} vs {len(runner.sources)})"
    elif agreed is not None and best.value == agreed and runner.value != agreed:
        rule = f"tie on sources; matches the agreed quantity {agreed}"
    else:
        rule = "tie on sources; the larger figure (partial tellings give less)"
    return best, rule
