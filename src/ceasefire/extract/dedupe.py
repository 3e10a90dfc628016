"""One event per distinct happening in a report (ANNOTATION: "however often it is retold")."""

from __future__ import annotations

import datetime as dt

from ceasefire.extract.event import Event

# a handover or a strike told twice in one report ("on Wednesday night" / "overnight") may land on
# neighbouring days: the same happening when type, actor, object and target agree
RETOLD_TYPES = frozenset({"RELEASE"})
RETOLD_REACH = 1  # days


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _same_happening(kept: Event, event: Event) -> bool:
    if (kept.type, kept.actor, kept.object) != (event.type, event.actor, event.object):
        return False
    if kept.target is not None and event.target is not None and kept.target != event.target:
        return False
    a, b = _day(kept.date), _day(event.date)
    if a is None or b is None or abs((a - b).days) > RETOLD_REACH:
        return False
    q, r = kept.quantity, event.quantity
    return q is None or r is None or q.unit == r.unit


def merge_retellings(events: list[Event]) -> list[Event]:
    """A step told again a day apart is one event: the first telling stays, the others lend it the
    target and count it lacks."""
    out: list[Event] = []
    for event in events:
        kept = next((k for k in out if k.type in RETOLD_TYPES and _same_happening(k, event)), None)
        if kept is None:
            out.append(event)
            continue
        if kept.target is None:
            kept.target = event.target
        if kept.quantity is None and event.quantity is not None:
            kept.quantity = event.quantity
    return out


def dedupe_events(events: list[Event]) -> list[Event]:
    """One event per distinct happening in a report (type, actor, target, object, date).

    A retelling without a day of its own ("the release") is the same happening as one told with a
    day; a retelling with no target is the same as one with a target; an unnamed agent in a sentence
    that names one for the same type is the same event.
    """
    named = {(e.sentence, e.type) for e in events if e.actor is not None}
    events = [e for e in events if e.actor is not None or (e.sentence, e.type) not in named]
    dated = {(e.type, e.actor, e.object) for e in events if e.extra.get("dated")}
    out: dict[tuple[object, ...], Event] = {}
    undated: list[Event] = []
    for event in events:
        if not event.extra.get("dated") and (event.type, event.actor, event.object) in dated:
            undated.append(event)
            continue
        key = (event.type, event.actor, event.object, event.date)
        kept = out.get(key)
        if (
            kept is not None
            and kept.target is not None
            and event.target is not None
            and kept.target != event.target
        ):
            key = (*key, event.target)
            kept = out.get(key)
        if kept is None:
            out[key] = event
            continue
        if kept.target is None:
            kept.target = event.target
        if kept.quantity is None and event.quantity is not None:
            kept.quantity = event.quantity
    # a retelling without a day may still carry the count ("the release of 90 prisoners")
    for event in undated:
        if event.quantity is None:
            continue
        for kept in out.values():
            same = (kept.type, kept.actor, kept.object) == (event.type, event.actor, event.object)
            if same and kept.quantity is None:
                kept.quantity = event.quantity
                break
    return merge_retellings(list(out.values()))
