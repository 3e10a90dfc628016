"""The daily risk index (SPEC §4c), built from threats, suspensions, accusations and attacks.

For a day D, using only reports published on or before D, take every story by a party to the
agreement dated in ``(D - horizon_days, D]`` and told as done (not planned, not negated). Each
driver i has a base weight w_i from ``rules.yaml`` (``risk.object_weights`` for a type and object,
else ``risk.weights`` for the type; an ATTACK adds ``killed / killed_scale``, capped at
``killed_cap``) and an age a_i = D - date_i in days, decayed with half-life h:

    c_i = w_i * 0.5 ** (a_i / h)
    risk(D) = (1 - prod_i (1 - c_i)) * prod_j (1 - r_j * 0.5 ** (a_j / h))

The first product is a noisy-OR (each driver alone could bring the deal down with probability
c_i), so risk stays in [0, 1] and grows with every further driver; the second lowers it for steps
that keep the deal going (``risk.relief``: an AGREE, a RELEASE), each with weight r_j. Each day
lists its drivers with their decayed weight and the reports behind them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ceasefire.agreements.schema import Agreement
from ceasefire.assess.context import published_by
from ceasefire.assess.fuse import fuse_events
from ceasefire.assess.rules import AssessRules, RiskRules, default_rules
from ceasefire.assess.scope import scoped
from ceasefire.assess.sides import SideOf, side_resolver
from ceasefire.assess.story import Story
from ceasefire.store.events import StoredEvent


@dataclass(slots=True)
class RiskDriver:
    type: str
    actor: str | None
    object: str | None
    weight: float  # decayed contribution (negative for relief)
    base_weight: float
    age_days: int
    story_id: str
    evidence: list[str]

    def to_spec(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "actor": self.actor,
            "weight": round(self.weight, 3),
            "evidence": self.evidence,
            "object": self.object,
            "base_weight": round(self.base_weight, 3),
            "age_days": self.age_days,
            "story": self.story_id,
        }


@dataclass(slots=True)
class RiskDay:
    date: date
    risk: float
    drivers: list[RiskDriver] = field(default_factory=list)

    def to_spec(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "risk": round(self.risk, 3),
            "drivers": [d.to_spec() for d in self.drivers],
        }


def base_weight(story: Story, rules: RiskRules) -> float:
    weight = rules.object_weights.get(f"{story.type}:{story.object}", rules.weights.get(story.type, 0.0))
    if story.type == "ATTACK" and story.unit == "killed" and story.quantity:
        weight = min(rules.killed_cap, weight + story.quantity / rules.killed_scale)
    return weight


def risk_of_day(
    day: date, stories: Sequence[Story], parties: Sequence[str], side_of: SideOf, rules: RiskRules
) -> RiskDay:
    """The index for ``day`` from stories already cut to the reports known on it."""
    since = day - timedelta(days=rules.horizon_days)
    keep_on = 1.0
    relief = 1.0
    drivers: list[RiskDriver] = []
    for s in stories:
        if s.date is None or not since < s.date <= day or s.mode != "occurred":
            continue
        if s.actor is None or side_of(s.actor) not in parties:
            continue
        age = (day - s.date).days
        decay = 0.5 ** (age / rules.half_life_days)
        if s.type in rules.relief:
            r = rules.relief[s.type] * decay
            relief *= 1 - r
            drivers.append(
                RiskDriver(s.type, s.actor, s.object, -r, -rules.relief[s.type], age, s.id, s.sources)
            )
            continue
        w = base_weight(s, rules)
        if w <= 0:
            continue
        c = min(1.0, w * decay)
        keep_on *= 1 - c
        drivers.append(RiskDriver(s.type, s.actor, s.object, c, w, age, s.id, list(s.sources)))
    drivers.sort(key=lambda d: (-d.weight, d.type, d.story_id))
    risk = max(0.0, min(1.0, (1 - keep_on) * relief))
    return RiskDay(day, risk, drivers)


def risk_series(
    agreement: Agreement,
    stored_events: Sequence[StoredEvent],
    start: date,
    end: date,
    rules: AssessRules | None = None,
    side_of: SideOf | None = None,
) -> list[RiskDay]:
    """One row per day from ``start`` to ``end``; each day sees only reports published by then."""
    rules = rules or default_rules()
    side_of = side_of or side_resolver(agreement)
    wanted = (
        set(rules.risk.weights)
        | {k.split(":")[0] for k in rules.risk.object_weights}
        | set(rules.risk.relief)
    )
    # undated tellings never drive the index (a driver needs a day), so only dated events are fused,
    # and each day only those dated near its horizon
    relevant = [
        e for e in scoped(agreement, stored_events, side_of) if e.event.type in wanted and e.event.date
    ]
    reach = timedelta(days=rules.risk.horizon_days + max(rules.fusion.window_days.values(), default=1) + 1)
    out: list[RiskDay] = []
    day = start
    while day <= end:
        near = [e for e in relevant if day - reach <= date.fromisoformat(e.event.date) <= day + reach]  # type: ignore[arg-type]
        stories = fuse_events(published_by(near, day), rules, side_of)
        out.append(risk_of_day(day, stories, agreement.parties, side_of, rules.risk))
        day += timedelta(days=1)
    return out
