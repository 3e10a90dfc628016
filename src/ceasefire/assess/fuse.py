"""Fusion: the events that tell one real-world happening become one :class:`Story`.

Two events tell the same happening when they have the same type and object, their actors act for
the same side (or one is unnamed), their targets agree (or one is unnamed, or both tell the same
figure), their dates lie within
the type's window (``rules.yaml`` ``fusion.window_days``) and their figures are compatible: the
same figure, or different figures told of the same day (kept as variants). Negated tellings ("the
release did not happen") are kept apart from occurred and planned ones; a story told both as
planned and as done is done. An undated telling joins the latest compatible story dated on or
before its report (within ``undated_lookback_days``), else it forms an undated story.

Events are taken in passes so that the most specific tellings set the stories up: dated events
with a named actor and a figure, with a named actor, with a figure, the other dated events, then
undated events.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from ceasefire.assess.rules import AssessRules, default_rules
from ceasefire.assess.sides import SideOf, identity_side
from ceasefire.assess.story import Story, StoryEvent, Variant, choose_variant
from ceasefire.store.events import StoredEvent


@dataclass(slots=True)
class _Mention:
    item: StoryEvent
    party: str | None
    target: str | None
    negated: bool

    @property
    def date(self) -> date | None:
        return self.item.date


@dataclass(slots=True)
class _Draft:
    key: tuple[str, str | None, bool]
    anchor: date | None
    members: list[_Mention] = field(default_factory=list)
    parties: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)
    unit: str | None = None
    values_by_date: dict[date | None, set[int]] = field(default_factory=lambda: defaultdict(set))

    def add(self, mention: _Mention) -> None:
        self.members.append(mention)
        if mention.party:
            self.parties.add(mention.party)
        if mention.target:
            self.targets.add(mention.target)
        if mention.item.unit:
            self.unit = self.unit or mention.item.unit
        if mention.item.quantity is not None:
            self.values_by_date[mention.date].add(mention.item.quantity)

    def dominant(self) -> int | None:
        docs: dict[int, set[str]] = defaultdict(set)
        for m in self.members:
            if m.item.quantity is not None:
                docs[m.item.quantity].add(m.item.doc_id)
        return max(docs, key=lambda v: (len(docs[v]), v)) if docs else None

    def values(self) -> set[int]:
        return {v for values in self.values_by_date.values() for v in values}


def story_event(stored: StoredEvent) -> StoryEvent:
    event = stored.event
    cluster = f"c{stored.cluster_id}" if stored.cluster_id is not None else f"d{event.doc_id}"
    return StoryEvent(
        event_id=stored.id,
        doc_id=event.doc_id,
        published=stored.published,
        cluster=cluster,
        type=event.type,
        actor=event.actor,
        target=event.target,
        object=event.object,
        mode=event.mode,
        date=date.fromisoformat(event.date) if event.date else None,
        quantity=event.quantity.value if event.quantity else None,
        unit=event.quantity.unit if event.quantity else None,
        location=event.location,
        source=event.source,
        evidence=event.evidence,
        span=(event.span[0], event.span[1]),
        url=stored.url,
        outlet=stored.outlet,
        provision=event.extra.get("provision") or None,
    )


class _Fuser:
    def __init__(self, rules: AssessRules, side_of: SideOf) -> None:
        self.rules = rules
        self.side_of = side_of
        self.drafts: dict[tuple[str, str | None, bool], list[_Draft]] = defaultdict(list)
        self.loose_target = {"ATTACK"}

    def mention(self, item: StoryEvent) -> _Mention:
        party = self.side_of(item.actor) if item.actor else None
        target = self.side_of(item.target) if item.target else None
        return _Mention(item, party, target, item.mode == "negated")

    def _compatible(self, m: _Mention, d: _Draft) -> bool:
        if m.party and d.parties and m.party not in d.parties:
            return False
        if m.item.unit and d.unit and m.item.unit != d.unit:
            return False
        if m.item.type not in self.loose_target and m.target and d.targets and m.target not in d.targets:
            # told of other people: a different happening, unless the very same figure is told
            # (200 prisoners freed "to the Palestinians" in one report, "to Hamas" in another)
            return m.item.quantity is not None and m.item.quantity in d.values()
        return True

    def _figure_fits(self, m: _Mention, d: _Draft, same_day_conflict: bool) -> bool:
        if m.item.quantity is None or not d.values():
            return True
        if m.item.quantity in d.values():
            # told of another day, a figure must be the story's main one: a minor variant (one body
            # of four) told again the next day is more likely a second handover
            return m.date in d.values_by_date or m.item.quantity == d.dominant()
        # different figures of the same day are variants of one happening; of other days, two happenings
        return same_day_conflict and bool(d.values_by_date.get(m.date))

    def add_dated(self, m: _Mention) -> None:
        assert m.date is not None
        window = self.rules.fusion.window(m.item.type)
        best: tuple[tuple[int, int, int], _Draft] | None = None
        for draft in self.drafts[(m.item.type, m.item.object, m.negated)]:
            if draft.anchor is None or abs((m.date - draft.anchor).days) > window:
                continue
            if not self._compatible(m, draft) or not self._figure_fits(m, draft, True):
                continue
            score = (
                int(m.item.quantity is not None and m.item.quantity in draft.values()),
                -abs((m.date - draft.anchor).days),
                len(draft.members),
            )
            if best is None or score > best[0]:
                best = (score, draft)
        if best is None:
            draft = _Draft((m.item.type, m.item.object, m.negated), m.date)
            self.drafts[draft.key].append(draft)
        else:
            draft = best[1]
        draft.add(m)

    def add_undated(self, m: _Mention) -> None:
        lookback = self.rules.fusion.undated_lookback_days
        published = m.item.published
        chosen: _Draft | None = None
        for draft in self.drafts[(m.item.type, m.item.object, m.negated)]:
            if not self._compatible(m, draft) or not self._figure_fits(m, draft, False):
                continue
            if draft.anchor is None:
                if chosen is None:
                    chosen = draft
                continue
            if published is None or not (0 <= (published - draft.anchor).days <= lookback):
                continue
            if chosen is None or chosen.anchor is None or draft.anchor > chosen.anchor:
                chosen = draft
        if chosen is None:
            chosen = _Draft((m.item.type, m.item.object, m.negated), None)
            self.drafts[chosen.key].append(chosen)
        if chosen.anchor is not None:
            m.item = _with_attached(m.item)
        chosen.add(m)

    def stories(self) -> list[Story]:
        out = [self._story(d) for drafts in self.drafts.values() for d in drafts]
        out.sort(key=lambda s: (s.date or date.max, s.type, s.party or "", s.target or "", s.id))
        return out

    def _story(self, d: _Draft) -> Story:
        members = [m.item for m in d.members]
        occurred = [e for e in members if e.mode == "occurred"]
        mode = "negated" if d.key[2] else ("occurred" if occurred else "planned")
        dated = [(e.date, e) for e in (occurred or members) if e.date and e.attached == "dated"]
        told_dates = _docs_per_value(dated)
        when = max(told_dates, key=lambda day: (len(told_dates[day]), day)) if told_dates else None
        variants = _variants(occurred) or _variants(members)
        chosen, rule = choose_variant(variants)
        actor = _most_common([e.actor for e in members])
        # stable across re-runs: what the story is, when, and its earliest telling
        first = min(members, key=lambda e: (e.published or date.max, e.doc_id, e.span))
        key_text = f"{d.key[0]}|{d.key[1]}|{d.key[2]}|{sorted(d.parties)}|{sorted(d.targets)}|{d.unit}"
        key_text += f"|{d.anchor}|{first.doc_id}|{first.span}"
        published = [e.published for e in members if e.published]
        return Story(
            id=hashlib.sha1(key_text.encode()).hexdigest()[:12],
            type=d.key[0],
            actor=actor,
            party=self.side_of(actor) if actor else None,
            target=_most_common([e.target for e in members]),
            object=d.key[1],
            mode=mode,
            date=when,
            quantity=chosen.value if chosen else None,
            unit=chosen.unit if chosen else d.unit,
            variants=variants,
            choice_rule=rule,
            location=_most_common([e.location for e in members]),
            events=sorted(members, key=lambda e: (e.published or date.max, e.doc_id, e.span)),
            sources=sorted({e.doc_id for e in members}),
            independent_sources=len({e.cluster for e in members}),
            first_reported=min(published) if published else None,
            is_claim=d.key[0] in self.rules.fusion.claim_types,
            dates={day.isoformat(): len(docs) for day, docs in sorted(told_dates.items())},
        )


def _with_attached(item: StoryEvent) -> StoryEvent:
    from dataclasses import replace

    return replace(item, attached="undated")


def _docs_per_value(pairs: list[tuple[date, StoryEvent]]) -> dict[date, set[str]]:
    out: dict[date, set[str]] = defaultdict(set)
    for value, event in pairs:
        out[value].add(event.doc_id)
    return out


def _most_common(values: list[str | None]) -> str | None:
    named = [v for v in values if v]
    if not named:
        return None
    counts = Counter(named)
    return max(counts, key=lambda v: (counts[v], -named.index(v)))


def _variants(members: list[StoryEvent]) -> list[Variant]:
    """Figures told by the members; a report that tells several (the whole and a part) counts for
    its largest."""
    per_doc: dict[str, StoryEvent] = {}
    for e in members:
        if e.quantity is None or e.unit is None:
            continue
        if e.doc_id not in per_doc or e.quantity > (per_doc[e.doc_id].quantity or 0):
            per_doc[e.doc_id] = e
    by_value: dict[tuple[int, str], list[StoryEvent]] = defaultdict(list)
    for e in per_doc.values():
        by_value[(e.quantity or 0, e.unit or "")].append(e)
    return [
        Variant(
            value=value,
            unit=unit,
            sources=tuple(sorted(e.doc_id for e in tellers)),
            independent=len({e.cluster for e in tellers}),
            mode=tellers[0].mode,
        )
        for (value, unit), tellers in sorted(by_value.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]


def fuse_events(
    events: Sequence[StoredEvent], rules: AssessRules | None = None, side_of: SideOf | None = None
) -> list[Story]:
    """One story per happening, in date order (undated stories last).

    ``side_of`` maps an actor to the party it acts for (see :func:`ceasefire.assess.sides.side_resolver`);
    without it actors are compared as they are.
    """
    return fuse_story_events([story_event(e) for e in events], rules, side_of)


def fuse_story_events(
    items: Sequence[StoryEvent], rules: AssessRules | None = None, side_of: SideOf | None = None
) -> list[Story]:
    """:func:`fuse_events` over tellings already made :class:`StoryEvent` (in the order
    ``load_events`` gives), e.g. streamed from the store by :mod:`ceasefire.assess.streamed`."""
    fuser = _Fuser(rules or default_rules(), side_of or identity_side)
    mentions = [fuser.mention(e) for e in items]

    def order(m: _Mention) -> tuple[object, ...]:
        item = m.item
        return (item.date, item.quantity is None, item.published or date.max, item.doc_id, item.span)

    dated = sorted((m for m in mentions if m.date is not None), key=order)
    # the most specific tellings first, so that a story is anchored on a day a figure is told of
    for named, figured in ((True, True), (True, False), (False, True), (False, False)):
        for m in dated:
            if (m.party is not None) == named and (m.item.quantity is not None) == figured:
                fuser.add_dated(m)
    undated = sorted(
        (m for m in mentions if m.date is None),
        key=lambda m: (m.item.published or date.max, m.item.doc_id, m.item.span),
    )
    for m in undated:
        fuser.add_undated(m)
    return fuser.stories()
