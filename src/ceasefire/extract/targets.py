"""Several named addressees of one speech act or meeting: one event per target.

"X called on A and B to …", "X urged A, B and C …", "X met A and B" tell one demand or meeting with each
of them (ANNOTATION: distinct targets are distinct events). The first actor after the trigger is the
target the roles give; the actors coordinated with it ("and", commas, "as well as") are the others.
"""

from __future__ import annotations

from ceasefire.extract.roles import Roles, SentenceContext, coordinated

# speech acts and meetings addressed to each of several named parties
SPLIT_TARGET_TYPES = frozenset({"DEMAND", "CONSULT", "THREATEN", "REJECT"})


def named_targets(ctx: SentenceContext, kind: str, roles: Roles) -> list[str | None]:
    """The target of the roles and the actors coordinated with it, in the order named."""
    mention = roles.target_mention
    if kind not in SPLIT_TARGET_TYPES or mention is None or mention.actor != roles.target:
        return [roles.target]
    doers = {m.actor for m in roles.actors}
    out: list[str | None] = []
    for m in coordinated(ctx, mention, leftward=False):
        if m.actor not in doers and m.actor not in out:
            out.append(m.actor)
    return out or [roles.target]
