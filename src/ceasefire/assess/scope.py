"""Which events concern an agreement: one database may hold reports on several conflicts.

An event is out of scope when its actor or target acts for a party of another builtin agreement
that has no role in this one (Hezbollah or Lebanon for the Gaza deal; Hamas for the Lebanon deal),
or when its place is named after such a party ("southern Lebanon"); a report about the other
conflict only is left out whole (see :func:`scoped`). Everything else is kept: states whose
nationals are hostages, mediators, the UN.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from ceasefire.agreements.schema import Agreement
from ceasefire.assess.sides import SideOf, identity_side
from ceasefire.store.events import StoredEvent


def own_actors(agreement: Agreement) -> set[str]:
    ids = set(agreement.parties) | set(agreement.mediators) | set(agreement.guarantors)
    ids |= {entry.id for entry in agreement.actors}
    for provision in agreement.provisions:
        ids |= {a for a in (provision.obligor, provision.beneficiary) if a}
    return ids


def foreign_actors(agreement: Agreement) -> set[str]:
    """Parties, obligors, beneficiaries and own actors of the other builtin agreements that play no part
    in this one."""
    return set(_foreign(agreement.id, frozenset(own_actors(agreement))))


@lru_cache(maxsize=32)
def _foreign(agreement_id: str, own: frozenset[str]) -> frozenset[str]:
    from ceasefire.agreements.load import builtin_ids, get_agreement

    foreign: set[str] = set()
    for other_id in builtin_ids():
        if other_id == agreement_id:
            continue
        other = get_agreement(other_id)
        foreign |= set(other.parties) | {entry.id for entry in other.actors}
        foreign |= {a for p in other.provisions for a in (p.obligor, p.beneficiary) if a}
    return frozenset(foreign - own)


def in_scope(agreement: Agreement, side_of: SideOf | None = None) -> Callable[[StoredEvent], bool]:
    side = side_of or identity_side
    foreign = foreign_actors(agreement)

    def keep(stored: StoredEvent) -> bool:
        event = stored.event
        if any(a and (a in foreign or side(a) in foreign) for a in (event.actor, event.target)):
            return False
        # a place named after another conflict's party ("southern Lebanon") is that conflict's
        place = set((event.location or "").lower().replace("-", " ").split())
        return not place & foreign

    return keep


def specific_actors(agreement: Agreement) -> set[str]:
    """The agreement's own actors that play no part in any other builtin agreement (Hamas and Qatar
    for the Gaza deal; Hezbollah and France for the Lebanon deal)."""
    return set(_specific(agreement.id, frozenset(own_actors(agreement))))


@lru_cache(maxsize=32)
def _specific(agreement_id: str, own: frozenset[str]) -> frozenset[str]:
    from ceasefire.agreements.load import builtin_ids, get_agreement

    shared: set[str] = set()
    for other_id in builtin_ids():
        if other_id != agreement_id:
            shared |= own_actors(get_agreement(other_id))
    return frozenset(own - shared)


def scoped(
    agreement: Agreement, events: Sequence[StoredEvent], side_of: SideOf | None = None
) -> list[StoredEvent]:
    """The events that concern the agreement. A report whose events name another conflict's actors
    and none of this agreement's own (a report on Lebanon, for the Gaza deal) is left out whole, so
    that its unnamed or shared actors ("Israeli strikes") are not taken for this conflict's; in other
    reports, events naming another conflict's actors are left out one by one."""
    side = side_of or identity_side
    keep = in_scope(agreement, side)
    foreign, specific = foreign_actors(agreement), specific_actors(agreement)
    names_foreign: set[str] = set()
    names_own: set[str] = set()
    for stored in events:
        event = stored.event
        ids = named_ids(event.actor, event.target, event.location, side)
        if ids & foreign:
            names_foreign.add(event.doc_id)
        if ids & specific:
            names_own.add(event.doc_id)
    elsewhere = names_foreign - names_own
    return [e for e in events if e.event.doc_id not in elsewhere and keep(e)]


def named_ids(actor: str | None, target: str | None, location: str | None, side: SideOf) -> set[str]:
    """The actor and target, the sides they act for and the words of the place: what an event names."""
    ids = {a for a in (actor, target) if a} | {side(a) for a in (actor, target) if a}
    return ids | set((location or "").lower().replace("-", " ").split())


class ReportScope:
    """:func:`scoped` for one report at a time (a stream of events grouped by report): ``report(events)``
    keeps the events of one report that concern the agreement, as ``scoped`` over all would."""

    def __init__(self, agreement: Agreement, side_of: SideOf | None = None) -> None:
        self.side = side_of or identity_side
        self.foreign, self.specific = foreign_actors(agreement), specific_actors(agreement)

    def report(self, events: Sequence[StoredEvent]) -> list[StoredEvent]:
        side, foreign = self.side, self.foreign
        names_foreign = names_own = False
        for stored in events:
            e = stored.event
            ids = named_ids(e.actor, e.target, e.location, side)
            names_foreign = names_foreign or bool(ids & foreign)
            names_own = names_own or bool(ids & self.specific)
        if names_foreign and not names_own:
            return []  # a report about another conflict only
        kept = []
        for stored in events:
            e = stored.event
            if any(a and (a in foreign or side(a) in foreign) for a in (e.actor, e.target)):
                continue
            if set((e.location or "").lower().replace("-", " ").split()) & foreign:
                continue
            kept.append(stored)
        return kept
