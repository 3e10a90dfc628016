"""What is due next, and ultimatums with their deadlines.

An ultimatum is a THREATEN story by a party, mediator or guarantor told together with a DEMAND by
the same side (same reports, within a day), or with a planned step dated after it in the same
reports ("fighting resumes if the hostages are not freed by Saturday"). Its deadline is, in order:
the earliest planned step dated after the threat in the same reports ("free them by Saturday" tells
a planned release on Saturday); else the next due date of the threatened side's obligations within
``status.lookahead_days``. The rule used is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ceasefire.agreements.schema import Agreement
from ceasefire.assess.context import Assessment, prepare
from ceasefire.assess.rules import AssessRules
from ceasefire.assess.sides import SideOf
from ceasefire.assess.status import status_from
from ceasefire.assess.story import Story
from ceasefire.store.events import StoredEvent


@dataclass(slots=True)
class Ultimatum:
    threat: Story
    demand: Story | None
    deadline: date | None
    deadline_rule: str
    state: str  # running | expired | met
    to: str | None = None  # the side told to act
    demanded: str | None = None  # the step demanded (a DEMAND's object, or the planned step's type)

    def to_dict(self) -> dict[str, Any]:
        t = self.threat
        return {
            "id": t.id,
            "date": t.date.isoformat() if t.date else None,
            "by": t.actor,
            "to": self.to,
            "threat": t.object,
            "demand": self.demanded,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "deadline_rule": self.deadline_rule,
            "state": self.state,
            "sources": sorted(set(t.sources) | set(self.demand.sources if self.demand else [])),
            "independent_sources": t.independent_sources,
        }


@dataclass(slots=True)
class DueItem:
    kind: str  # obligation | ultimatum
    id: str
    due: date
    days_left: int
    what: str
    obligor: str | None
    status: str
    agreed: dict[str, Any] | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "due": self.due.isoformat(),
            "days_left": self.days_left,
            "what": self.what,
            "obligor": self.obligor,
            "status": self.status,
            "agreed": self.agreed,
        }


def _deadline(
    a: Assessment, threat: Story, demand: Story | None, target: str | None
) -> tuple[date | None, str, str | None]:
    """The deadline, the rule that found it, and the step it is for."""
    assert threat.date is not None
    docs = set(threat.sources) | set(demand.sources if demand else [])
    planned = [
        s
        for s in a.stories
        if s.mode == "planned"
        and s.date
        and s.date > threat.date
        and docs & set(s.sources)
        and (target is None or s.party in (None, target))
    ]
    if planned:
        step = min(planned, key=lambda s: (s.date, s.id))
        return step.date, "the planned step the same reports name", step.type
    ahead = threat.date + timedelta(days=a.rules.status.lookahead_days)
    dues = [o for o in a.obligations if o.obligor == target and o.due and threat.date < o.due <= ahead]
    if dues:
        first = min(dues, key=lambda o: o.due)  # type: ignore[arg-type,return-value]
        return first.due, f"the next due date of {target}'s obligations", first.action
    return None, "no deadline found", None


def _other_party(a: Assessment, party: str | None) -> str | None:
    others = [p for p in a.agreement.parties if p != party]
    return others[0] if len(others) == 1 else None


def ultimatums_from(a: Assessment, as_of: date | None) -> list[Ultimatum]:
    out: list[Ultimatum] = []
    demands = [s for s in a.stories if s.type == "DEMAND" and s.date]
    issuers = set(a.agreement.parties) | set(a.agreement.mediators) | set(a.agreement.guarantors)
    for threat in a.stories:
        if threat.type != "THREATEN" or threat.date is None or threat.mode == "negated":
            continue
        if threat.party not in issuers or (as_of is not None and threat.date > as_of):
            continue
        demand = next(
            (
                d
                for d in demands
                if d.party == threat.party
                and abs((d.date - threat.date).days) <= 1  # type: ignore[operator]
                and set(d.sources) & set(threat.sources)
            ),
            None,
        )
        target = a.side_of(threat.target) if threat.target else _other_party(a, threat.party)
        deadline, rule, step = _deadline(a, threat, demand, target)
        if demand is None and not rule.startswith("the planned step"):
            continue  # a threat with neither a demand nor a named day is not an ultimatum
        state = "running"
        if deadline is not None and as_of is not None and as_of > deadline:
            state = "expired"
        if deadline is not None and any(
            lk.relation in ("fulfils", "partly_fulfils")
            and a.story(lk.story_id).party == target
            and a.story(lk.story_id).date is not None
            and threat.date <= a.story(lk.story_id).date <= deadline  # type: ignore[operator]
            for lk in a.links
        ):
            state = "met"
        demanded = demand.object if demand and demand.object not in (None, "AGREE") else step
        out.append(Ultimatum(threat, demand, deadline, rule, state, target, demanded))
    return out


def ultimatums(
    agreement: Agreement,
    stored_events: Sequence[StoredEvent],
    as_of: date | None = None,
    rules: AssessRules | None = None,
    side_of: SideOf | None = None,
) -> list[Ultimatum]:
    return ultimatums_from(prepare(agreement, stored_events, as_of, rules, side_of), as_of)


def due_next(
    agreement: Agreement,
    stored_events: Sequence[StoredEvent],
    as_of: date,
    days: int = 7,
    rules: AssessRules | None = None,
    side_of: SideOf | None = None,
) -> list[DueItem]:
    """Obligations due from ``as_of`` to ``as_of + days`` not yet fulfilled, those already overdue or
    suspended, and running ultimatums whose deadline falls in the period."""
    a = prepare(agreement, stored_events, as_of, rules, side_of)
    report = status_from(a, as_of)
    end = as_of + timedelta(days=days)
    items: list[DueItem] = []
    for st in report.obligations:
        o = st.obligation
        if o.due is None or (st.status in ("fulfilled", "partly_fulfilled") and o.due < as_of):
            continue
        upcoming = as_of <= o.due <= end and st.status != "fulfilled"
        late = o.due < as_of and st.status in ("overdue", "suspended", "disputed", "due")
        if upcoming or late:
            agreed = {"value": o.quantity.value, "unit": o.quantity.unit} if o.quantity else None
            items.append(
                DueItem(
                    "obligation", o.id, o.due, (o.due - as_of).days, o.title, o.obligor, st.status, agreed
                )
            )
    for u in ultimatums_from(a, as_of):
        if u.deadline is not None and as_of <= u.deadline <= end and u.state == "running":
            step = u.demanded or "comply"
            what = f"ultimatum by {u.threat.actor}: {step} by {u.deadline} or {u.threat.object}"
            items.append(
                DueItem(
                    "ultimatum",
                    u.threat.id,
                    u.deadline,
                    (u.deadline - as_of).days,
                    what,
                    u.to,
                    "running",
                    None,
                )
            )
    items.sort(key=lambda item: (item.due, item.kind, item.id))
    return items
