"""One event per distinct happening in a report (ANNOTATION: "however often it is retold")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from typing import TypeVar

from ceasefire.actors.registry import ActorRegistry
from ceasefire.extract.anchors import refines
from ceasefire.extract.event import Event, Quantity

HELD_BY_GROUPS = frozenset({"hostage", "body"})  # hostages and their remains are held by armed groups

# a handover or a strike told twice in one report ("on Wednesday night" / "overnight") may land on
# neighbouring days: the same happening when type, actor, object and target agree
RETOLD_TYPES = frozenset({"RELEASE"})
RETOLD_REACH = 1  # days

_T = TypeVar("_T")


def ranked(items: Iterable[_T]) -> list[_T]:
    """The distinct items, most frequent first, ties in order of first appearance: the order of
    ``Counter(items).most_common()``, without ``Counter`` (pure Python even in the compiled build)."""
    counts: dict[_T, int] = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return sorted(counts, key=lambda item: counts[item], reverse=True)  # stable: ties keep their order


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


@cache
def _kinds() -> dict[str, str]:
    return {entry.id: entry.kind for entry in ActorRegistry.load().entries()}


def normalise_releases(events: list[Event], kinds: dict[str, str] | None = None) -> None:
    """Whose people a release frees (ANNOTATION: hostages freed by a group -> the state they belong
    to; prisoners freed by a state -> the people they belong to), fixed across one report:

    - hostages or remains "returned to" a state from a group: the group frees them, the state's
      people are freed (actor and target swapped);
    - a go-between (the Red Cross, the UN) or a people is never the side whose hostages a group
      frees: the state the group's other releases go to, or the state that frees prisoners in return;
    - prisoners freed by a state belong to the people the report names, not to the armed group.
    """
    kinds = kinds if kinds is not None else _kinds()
    releases = [e for e in events if e.type == "RELEASE" and e.actor is not None]
    for e in releases:
        unit = e.quantity.unit if e.quantity else None
        if (
            unit in HELD_BY_GROUPS
            and kinds.get(e.actor or "") == "state"
            and kinds.get(e.target or "") == "group"
        ):
            e.actor, e.target = e.target, e.actor
    states_back = ranked(e.actor for e in releases if kinds.get(e.actor or "") == "state")
    peoples = ranked(e.target for e in events if e.target and kinds.get(e.target) == "people")
    for e in releases:
        if kinds.get(e.actor or "") == "group" and kinds.get(e.target or "") in ("body", "people"):
            to_states = ranked(
                x.target for x in releases if x.actor == e.actor and kinds.get(x.target or "") == "state"
            )
            best = to_states or states_back
            e.target = best[0] if best else None
        elif kinds.get(e.actor or "") == "state" and kinds.get(e.target or "") == "group" and peoples:
            unit = e.quantity.unit if e.quantity else None
            if unit not in HELD_BY_GROUPS:
                e.target = peoples[0]


# speech acts, suspensions, approvals and accusations between the two main parties are addressed to the
# other one ("the cabinet approved the deal", "Hamas condemned the strikes")
ADDRESSED_TYPES = frozenset({"THREATEN", "DEMAND", "REJECT", "PLEDGE", "DENY", "SUSPEND", "AGREE", "ACCUSE"})
# a halted or blocked step of these kinds hurts the people who were to get it
PEOPLES_STEPS = frozenset({"AID", "RETURN"})


def main_parties(events: list[Event], kinds: dict[str, str]) -> list[str]:
    """The two states or armed groups a report names most often as doer or target."""
    return ranked(
        who for e in events for who in (e.actor, e.target) if who and kinds.get(who) in ("state", "group")
    )[:2]


def address_speech_acts(events: list[Event], kinds: dict[str, str] | None = None) -> None:
    """A threat, demand, refusal, pledge, denial, suspension, approval or accusation by one main party
    of a report that names no addressee is addressed to the other; a halted aid or return step, to the
    people who were to get it when the report names them."""
    kinds = kinds if kinds is not None else _kinds()
    sides = main_parties(events, kinds)
    if len(sides) < 2:
        return
    peoples = ranked(e.target for e in events if e.target and kinds.get(e.target) == "people")
    for e in events:
        if e.type not in ADDRESSED_TYPES or e.target is not None or e.actor not in sides:
            continue
        if e.type == "SUSPEND" and e.object in PEOPLES_STEPS and peoples:
            e.target = peoples[0]
        else:
            e.target = sides[1] if e.actor == sides[0] else sides[0]


# forces withdraw from or deploy to an area, not against a people or a group: no target
UNTARGETED_TYPES = frozenset({"WITHDRAW", "MOBILIZE"})


def settle_targets(events: list[Event], kinds: dict[str, str] | None = None) -> None:
    """Withdrawals and deployments target no people or group; the displaced who return are their people, never
    an armed group (ANNOTATION: RETURN's target is the displaced), let home by a main party or nobody
    named."""
    kinds = kinds if kinds is not None else _kinds()
    peoples = ranked(e.target for e in events if e.target and kinds.get(e.target) == "people")
    sides = main_parties(events, kinds)
    for e in events:
        if e.type == "RETURN" and e.actor is not None and e.actor not in sides:
            e.actor = None  # who lets the displaced home holds the land: a main party, not a broker
        if e.type in UNTARGETED_TYPES:
            e.target = None  # forces leave or enter an area: nobody is acted upon, not even its state
        elif e.type == "RETURN" and e.target is not None and kinds.get(e.target) != "people":
            if peoples:
                e.target = peoples[0]
            elif kinds.get(e.target) == "group":
                e.target = None


def vows_of_force_are_threats(events: list[Event]) -> None:
    """A pledge whose step is a threat or an attack ("vowed revenge", "vowed to strike") is the
    threat itself (SPEC §5: THREATEN, object ATTACK)."""
    for e in events:
        if e.type == "PLEDGE" and e.object in ("THREATEN", "ATTACK"):
            e.type, e.object = "THREATEN", "ATTACK"


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


def _lend_count(kept: Event, event: Event) -> None:
    """The count a later retelling adds to the kept event: its own when the kept one has none (one more
    when told as others besides it); the sum when it is told as more of the same ("another two were
    freed"); an exact figure for a rounded one."""
    q, r = kept.quantity, event.quantity
    if r is None:
        return
    before = kept.sentence < event.sentence  # a count told again in one sentence is still one count
    if q is None and event.extra.get("besides") and before:
        # "the body returned …", then "the three other bodies handed over": that one and three more
        kept.quantity = Quantity(r.value + 1, r.unit, r.approx, r.low, r.high, r.rate)
    elif q is None:
        kept.quantity = r
    elif event.extra.get("added") and q.unit == r.unit and before:
        kept.quantity = Quantity(q.value + r.value, q.unit)
    elif refines(q, r):
        kept.quantity = r


def _other_toll(kept: Event, event: Event) -> bool:
    """Two strikes of one day told with different death tolls ("strikes killed 65 in Rafah" and "an air
    strike killed 12 in Khan Younis") are two attacks, not one told twice."""
    q, r = kept.quantity, event.quantity
    return (
        event.type == "ATTACK"
        and q is not None
        and r is not None
        and q.unit == r.unit
        and q.value != r.value
        and not refines(q, r)
        and not refines(r, q)
    )


def _one_toll(kept: Event, event: Event) -> bool:
    """A strike and the killing it caused, told in one sentence with one toll ("a strike on the city
    killed four, including a militia official"), are one attack, whichever target each names."""
    q, r = kept.quantity, event.quantity
    return event.type == "ATTACK" and kept.sentence == event.sentence and q is not None and q == r


def dedupe_events(events: list[Event], kinds: dict[str, str] | None = None) -> list[Event]:
    """One event per distinct happening in a report (type, actor, target, object, date).

    A retelling without a day of its own ("the release") is the same happening as one told with a
    day; a retelling with no target is the same as one with a target; an unnamed agent in a sentence
    that names one for the same type is the same event.
    """
    kinds = kinds if kinds is not None else _kinds()
    normalise_releases(events, kinds)
    vows_of_force_are_threats(events)
    address_speech_acts(events, kinds)
    settle_targets(events, kinds)
    named = {(e.sentence, e.type) for e in events if e.actor is not None}
    events = [e for e in events if e.actor is not None or (e.sentence, e.type) not in named]
    dated = {(e.type, e.actor, e.object) for e in events if e.extra.get("dated")}
    out: dict[tuple[object, ...], Event] = {}
    undated: list[Event] = []
    for event in events:
        if not event.extra.get("dated") and (event.type, event.actor, event.object) in dated:
            undated.append(event)
            continue
        key: tuple[object, ...] = (event.type, event.actor, event.object, event.date)
        kept = out.get(key)
        if (
            kept is not None
            and kept.target is not None
            and event.target is not None
            and kept.target != event.target
            and not _one_toll(kept, event)
        ):
            key = (*key, event.target)
            kept = out.get(key)
        elif kept is not None and _other_toll(kept, event):
            key = (*key, event.quantity.value if event.quantity else None)
            kept = out.get(key)
        if kept is None:
            out[key] = event
            continue
        if kept.target is None:
            kept.target = event.target
        _lend_count(kept, event)
    # a retelling without a day may still carry the count ("the release of 90 prisoners"), or add to
    # the count told before it ("another two were freed")
    for event in undated:
        if event.quantity is None:
            continue
        added = event.extra.get("added")
        for kept in out.values():
            same = (kept.type, kept.actor, kept.object) == (event.type, event.actor, event.object)
            more = added and kept.sentence < event.sentence
            if same and (kept.quantity is None or more or refines(kept.quantity, event.quantity)):
                _lend_count(kept, event)
                break
    kept_events = merge_retellings(list(out.values()))
    _captives_of_groups(kept_events, kinds)
    return kept_events


def _captives_of_groups(events: list[Event], kinds: dict[str, str]) -> None:
    """People an armed group frees to a state are hostages, whatever the copy calls them ("in exchange
    for the three prisoners"): ANNOTATION counts them in the unit ``hostage``."""
    for e in events:
        q = e.quantity
        if (
            e.type == "RELEASE"
            and q is not None
            and q.unit == "prisoner"
            and kinds.get(e.actor or "") == "group"
            and kinds.get(e.target or "") == "state"
        ):
            e.quantity = Quantity(q.value, "hostage", q.approx, q.low, q.high, q.rate)
