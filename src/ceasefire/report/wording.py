"""Plain-English phrases for statuses, stories and ultimatums, shared by every brief renderer."""

from __future__ import annotations

from ceasefire.assess.deadlines import Ultimatum
from ceasefire.assess.story import Story

ATTENTION = ("breached", "suspended", "overdue", "disputed")

STATUS_LABELS = {
    "not_due": "not yet due",
    "due": "due",
    "in_progress": "in progress",
    "fulfilled": "fulfilled",
    "partly_fulfilled": "partly fulfilled",
    "overdue": "overdue",
    "suspended": "suspended",
    "disputed": "disputed",
    "breached": "breached",
    "not_in_force": "not yet in force",
    "in_force": "in force",
    "at_risk": "at risk",
    "ended": "ended",
}

VERBS = {
    "AGREE": "agrees",
    "CONSULT": "holds talks",
    "PLEDGE": "pledges",
    "DEMAND": "demands",
    "REJECT": "rejects",
    "ACCUSE": "accuses",
    "DENY": "denies",
    "THREATEN": "threatens",
    "SUSPEND": "suspends",
    "RELEASE": "releases",
    "WITHDRAW": "withdraws",
    "AID": "lets aid in",
    "RETURN": "return of the displaced",
    "ATTACK": "attacks",
    "MOBILIZE": "mobilises",
}

STEPS = {
    "AGREE": "the deal",
    "CONSULT": "talks",
    "PLEDGE": "a commitment",
    "RELEASE": "releases",
    "WITHDRAW": "withdrawal",
    "AID": "aid",
    "RETURN": "the return of the displaced",
    "ATTACK": "attacks",
    "MOBILIZE": "mobilisation",
}


def plural(unit: str) -> str:
    return {"body": "bodies", "person": "people", "killed": "killed"}.get(unit, f"{unit}s")


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status.replace("_", " "))


def step(object_type: str | None) -> str:
    return STEPS.get(object_type or "", (object_type or "").lower())


def describe_story(story: Story) -> str:
    """'hamas suspends releases (→ israel) on 2025-02-10, 2 source(s)'."""
    who = story.actor or "an unnamed party"
    verb = VERBS.get(story.type, story.type.lower())
    what = f" {step(story.object)}" if story.object else ""
    whom = f" (→ {story.target})" if story.target else ""
    qty = f", {story.quantity} {story.unit}" if story.quantity is not None else ""
    mode = {"planned": " (planned)", "negated": " (reported as not happening)"}.get(story.mode, "")
    when = f" on {story.date}" if story.date else ""
    return f"{who} {verb}{what}{whom}{qty}{mode}{when}, {story.independent_sources} source(s)"


def describe_ultimatum(u: Ultimatum) -> str:
    """'Ultimatum by israel to hamas: demands releases, threatening attacks; issued 2025-02-11, it runs to
    2025-02-15 (still running; deadline: …).'"""
    t = u.threat
    to = f" to {t.target}" if t.target else ""
    demand = f"demands {step(u.demand.object)}" if u.demand and u.demand.object else "makes demands"
    threat = step(t.object) if t.object else "consequences"
    until = f"it runs to {u.deadline}" if u.deadline else "the reports give no deadline"
    state = {"running": "still running", "expired": "expired", "met": "met"}.get(u.state, u.state)
    return (
        f"Ultimatum by {t.actor}{to}: {demand}, threatening {threat}; issued {t.date}, {until} "
        f"({state}; deadline: {u.deadline_rule})."
    )
