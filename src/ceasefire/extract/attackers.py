"""Who attacks a state when a report names nobody: the report's other main party only when the report
bears that reading out.

pipeline.py takes the unnamed doer of an attack on a state for the report's other main party. That
reading is dropped (the attack keeps no doer, and an attack needs one) when the report's named attacks
contradict it:

- the named attackers of that state are all armed groups: fire at it is the group's or nobody's
  (ANNOTATION: attacks on a state by militants are theirs only when named), not the host state's;
- the report names the target state attacking and never the inferred one: a one-sided report of strikes
  ("Israeli strikes killed 22 people, Lebanon's health ministry said") has its target misread, not a
  second attacker.
"""

from __future__ import annotations

from ceasefire.extract.event import Event

INFERRED = "actor: other party of the report"  # how pipeline.py tells an agent it inferred


def _named(event: Event) -> bool:
    return event.type == "ATTACK" and event.actor is not None and not event.reason.startswith(INFERRED)


def drop_unnamed_state_attackers(events: list[Event], kinds: dict[str, str]) -> list[Event]:
    """Events less the inferred state attacks on a state that the report's named attacks contradict."""
    named = [e for e in events if _named(e)]
    attackers = {e.actor for e in named}
    out: list[Event] = []
    for event in events:
        if (
            event.type == "ATTACK"
            and event.reason.startswith(INFERRED)
            and event.target is not None
            and kinds.get(event.actor or "") == "state"
            and kinds.get(event.target) == "state"
        ):
            # (named attacks all have an actor: the test only tells the type checker so)
            on_target = {e.actor for e in named if e.target == event.target and e.actor is not None}
            if on_target and all(kinds.get(a) == "group" for a in on_target):
                continue
            if event.target in attackers and event.actor not in attackers:
                continue
        out.append(event)
    return out
