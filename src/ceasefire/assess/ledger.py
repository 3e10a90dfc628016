"""The exchange ledger (SPEC §4): what each side handed over, by day, each release counted once.

Rows come from RELEASE stories told as done (planned and negated tellings are not releases), by the
releasing side of the agreement (``side_of``: PIJ hands over on Hamas's side). A release story
belongs to the scheduled round nearest its date (``ledger.round_slack_days``), or to the nearest earlier
open round it follows late; the count is chosen by :func:`~ceasefire.assess.story.choose_variant`
with the round's agreed quantity as tie-breaker, and when no report gives a figure the agreed
quantity of the round stands in (the rule says so). Releases far outside the agreement's exchange
period (``ledger.period_slack_days``) are left out, and so are handovers of a kind no provision
provides for (a party and unit with no RELEASE obligation, such as Hamas "freeing prisoners"), and
totals told as if they were a handover (``ledger.total_factor``); the left-out stories are listed
with the reason (``Ledger.excluded``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ceasefire.agreements.obligations import Obligation, expand_obligations
from ceasefire.agreements.schema import Agreement
from ceasefire.assess.fuse import fuse_events
from ceasefire.assess.link import Link, counts_for, infer_party, link_stories
from ceasefire.assess.rules import AssessRules, default_rules
from ceasefire.assess.scope import scoped
from ceasefire.assess.sides import SideOf, side_resolver
from ceasefire.assess.story import Story, Variant, choose_variant
from ceasefire.store.events import StoredEvent


@dataclass(slots=True)
class LedgerEntry:
    """One release story as counted in the ledger."""

    story_id: str
    date: date
    party: str
    unit: str
    count: int
    target: str | None
    round_id: str | None
    rule: str
    sources: list[str]
    independent_sources: int
    variants: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "story": self.story_id,
            "date": self.date.isoformat(),
            "party": self.party,
            "unit": self.unit,
            "count": self.count,
            "target": self.target,
            "round": self.round_id,
            "rule": self.rule,
            "sources": self.sources,
            "independent_sources": self.independent_sources,
            "variants": self.variants,
        }


@dataclass(slots=True)
class LedgerRow:
    date: date
    party: str
    unit: str
    count: int
    entries: list[LedgerEntry] = field(default_factory=list)

    def to_spec(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "party": self.party, "unit": self.unit, "count": self.count}


@dataclass(slots=True)
class RoundTotal:
    """One scheduled round against what was handed over for it."""

    obligation_id: str
    party: str | None
    unit: str | None
    due: date
    agreed: int | None
    done: int
    released_on: list[date]
    delay_days: int  # days after the due date of the last handover (0 when on time or not done)
    stories: list[str]
    evidence: list[str]

    @property
    def state(self) -> str:
        if not self.stories:
            return "not done"
        if self.agreed is not None and self.done < self.agreed:
            return "partly done"
        return f"done {self.delay_days} day(s) late" if self.delay_days > 0 else "done"

    def to_dict(self) -> dict[str, Any]:
        return {
            "round": self.obligation_id,
            "party": self.party,
            "unit": self.unit,
            "due": self.due.isoformat(),
            "agreed": self.agreed,
            "done": self.done,
            "released_on": [d.isoformat() for d in self.released_on],
            "delay_days": self.delay_days,
            "state": self.state,
            "stories": self.stories,
            "evidence": self.evidence,
        }


@dataclass(slots=True)
class CumulativeTotal:
    party: str
    unit: str
    done: int
    agreed: int | None  # sum of the rounds' agreed quantities (None when no round gives one)

    def to_dict(self) -> dict[str, Any]:
        return {"party": self.party, "unit": self.unit, "done": self.done, "agreed": self.agreed}


@dataclass(slots=True)
class Ledger:
    agreement: str
    as_of: date | None
    entries: list[LedgerEntry]
    rounds: list[RoundTotal]
    cumulative: list[CumulativeTotal]
    table: list[LedgerRow] = field(default_factory=list)
    excluded: list[tuple[str, str]] = field(default_factory=list)  # (story id, why it is not counted)

    def rows(self) -> list[dict[str, Any]]:
        """Exactly the SPEC §4 rows."""
        return [row.to_spec() for row in self.table]

    def to_dict(self) -> dict[str, Any]:
        return {
            "agreement": self.agreement,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "rows": [{**row.to_spec(), "stories": [e.story_id for e in row.entries]} for row in self.table],
            "entries": [e.to_dict() for e in self.entries],
            "rounds": [r.to_dict() for r in self.rounds],
            "cumulative": [c.to_dict() for c in self.cumulative],
            "excluded": [{"story": sid, "reason": why} for sid, why in self.excluded],
        }


def _period(release_rounds: Sequence[Obligation], agreement: Agreement, slack: int) -> tuple[date, date]:
    dues = [o.due for o in release_rounds if o.due is not None]
    if not dues:
        return agreement.effective_date - timedelta(days=slack), date.max
    return min(dues) - timedelta(days=slack), max(dues) + timedelta(days=slack)


def ledger_from_stories(
    agreement: Agreement,
    stories: Sequence[Story],
    obligations: Sequence[Obligation],
    links: Sequence[Link],
    rules: AssessRules | None = None,
    as_of: date | None = None,
) -> Ledger:
    """The ledger from already fused and linked stories (shared with the status view)."""
    rules = rules or default_rules()
    units = set(rules.ledger.units)
    release_rounds = [o for o in obligations if o.action == "RELEASE" and o.due is not None]
    first, last = _period(release_rounds, agreement, rules.ledger.period_slack_days)
    by_id = {o.id: o for o in obligations}
    handovers = {(o.obligor, o.quantity.unit) for o in obligations if o.action == "RELEASE" and o.quantity}
    round_of: dict[str, Obligation] = {}
    for link in links:
        fulfils = link.relation in ("fulfils", "partly_fulfils") and link.obligation_id in by_id
        if fulfils and by_id[link.obligation_id].action == "RELEASE":
            round_of.setdefault(link.story_id, by_id[link.obligation_id])
    candidates: list[_Candidate] = []
    for story in stories:
        if story.type != "RELEASE" or story.mode != "occurred" or story.date is None:
            continue
        if not first <= story.date <= last:
            continue
        party = infer_party(story, obligations)
        found = round_of.get(story.id)
        unit = story.unit or (found.quantity.unit if found and found.quantity else None)
        if party not in agreement.parties or unit not in units:
            continue
        if handovers and (party, unit) not in handovers:
            continue  # e.g. a report misread as Hamas freeing prisoners: no such duty exists
        agreed = found.quantity.value if found and found.quantity and found.quantity.unit == unit else None
        counted = found is None or counts_for(found, story, agreement.parties)
        chosen, rule = choose_variant(story.variants, agreed if counted else None)
        candidates.append(_Candidate(story, party, unit, found, agreed if counted else None, chosen, rule))  # type: ignore[arg-type]
    entries, excluded = _count(
        candidates, release_rounds, rules.ledger.total_factor, rules.ledger.round_slack_days
    )
    table: dict[tuple[date, str, str], LedgerRow] = {}
    for entry in sorted(entries, key=lambda e: (e.date, e.party, e.unit)):
        row = table.setdefault(
            (entry.date, entry.party, entry.unit), LedgerRow(entry.date, entry.party, entry.unit, 0)
        )
        row.count += entry.count
        row.entries.append(entry)
    rounds = _rounds(release_rounds, entries, stories, agreement.parties)
    return Ledger(
        agreement=agreement.id,
        as_of=as_of,
        entries=entries,
        rounds=rounds,
        cumulative=_cumulative(release_rounds, entries),
        table=list(table.values()),
        excluded=excluded,
    )


@dataclass(slots=True)
class _Candidate:
    story: Story
    party: str
    unit: str
    round: Obligation | None
    agreed: int | None  # the round's quantity when the story's people are the round's beneficiaries
    chosen: Variant | None
    rule: str


def _count(
    candidates: Sequence[_Candidate], release_rounds: Sequence[Obligation], total_factor: float, slack: int
) -> tuple[list[LedgerEntry], list[tuple[str, str]]]:
    """Entries from candidate stories.

    A figure far above what a round hands over (more than ``total_factor`` times the round's
    quantity, or the largest round of that kind) is a total: it stands for its day when it covers
    the other releases told of that day in the same reports ("eight hostages: three Israelis and
    five Thais"); else the story counts as one without a figure. A story without a figure is another
    telling of its round when a story of that round has one; else, when told of the round's day
    (within ``slack`` days), it stands for the round's agreed quantity, once.
    """
    largest: dict[tuple[str, str], int] = {}
    for o in release_rounds:
        if o.obligor and o.quantity:
            key = (o.obligor, o.quantity.unit)
            largest[key] = max(largest.get(key, 0), o.quantity.value)
    excluded: list[tuple[str, str]] = []
    kept: list[tuple[_Candidate, int, str]] = []
    over: list[_Candidate] = []
    figureless: list[tuple[_Candidate, str]] = []
    for c in candidates:
        if c.chosen is None:
            figureless.append((c, "no figure reported"))
            continue
        cap = c.agreed if c.agreed is not None else largest.get((c.party, c.unit))
        if cap is not None and c.chosen.value > total_factor * cap:
            over.append(c)
        else:
            kept.append((c, c.chosen.value, c.rule))
    for c in over:
        value = c.chosen.value  # type: ignore[union-attr]
        parts = [
            k for k in kept if (k[0].story.date, k[0].party, k[0].unit) == (c.story.date, c.party, c.unit)
        ]
        shared = any(set(k[0].story.sources) & set(c.story.sources) for k in parts)
        if parts and shared and value >= sum(k[1] for k in parts):
            for k in parts:
                kept.remove(k)
                excluded.append((k[0].story.id, f"part of the {value} told by {c.story.id}"))
            kept.append((c, value, f"{c.rule}; the whole of the day's releases"))
        else:
            figureless.append((c, f"{value} is a total, not a handover"))
    figured = {c.round.id for c, _, _ in kept if c.round is not None and c.agreed is not None}
    for c, why in figureless:
        if c.round is None or c.agreed is None:
            excluded.append((c.story.id, f"{why}; no round to take a figure from"))
        elif c.round.id in figured or not any(e.mode == "occurred" for e in c.story.events):
            excluded.append((c.story.id, f"{why}; another telling of {c.round.id}"))
        elif c.round.due is None or abs((c.story.date - c.round.due).days) > slack:  # type: ignore[operator]
            excluded.append((c.story.id, f"{why}; told {c.story.date}, not on {c.round.id}'s day"))
        else:
            figured.add(c.round.id)
            kept.append((c, c.agreed, f"{why}; agreed quantity of {c.round.id}"))
    entries = [
        LedgerEntry(
            story_id=c.story.id,
            date=_day_of(c, slack),
            party=c.party,
            unit=c.unit,
            count=count,
            target=c.story.target,
            round_id=c.round.id if c.round else None,
            rule=rule,
            sources=list(c.story.sources),
            independent_sources=c.story.independent_sources,
            variants=[v.to_dict() for v in c.story.variants],
        )
        for c, count, rule in kept
    ]
    return entries, excluded


def _day_of(c: _Candidate, slack: int) -> date:
    """The day people went free. A release told only by reports published after it and dated no
    earlier than their own publication day (no day of its own: the report's day stood in), placed
    two or more days after its round's day, is put on the round's day."""
    day = c.story.date
    assert day is not None
    due = c.round.due if c.round else None
    if due is None or not 2 <= (day - due).days <= slack:
        return day
    told = [e for e in c.story.events if e.mode == "occurred" and e.date is not None]
    if told and all(e.published is not None and e.date >= e.published > due for e in told):  # type: ignore[operator]
        return due
    return day


def _rounds(
    release_rounds: Sequence[Obligation],
    entries: Sequence[LedgerEntry],
    stories: Sequence[Story],
    parties: Sequence[str],
) -> list[RoundTotal]:
    story_by_id = {s.id: s for s in stories}
    out: list[RoundTotal] = []
    for o in release_rounds:
        assert o.due is not None
        mine = [e for e in entries if e.round_id == o.id and counts_for(o, story_by_id[e.story_id], parties)]
        days = sorted({e.date for e in mine})
        evidence = sorted({doc for e in mine for doc in story_by_id[e.story_id].sources})
        out.append(
            RoundTotal(
                obligation_id=o.id,
                party=o.obligor,
                unit=o.quantity.unit if o.quantity else None,
                due=o.due,
                agreed=o.quantity.value if o.quantity else None,
                done=sum(e.count for e in mine),
                released_on=days,
                delay_days=max(0, (days[-1] - o.due).days) if days else 0,
                stories=[e.story_id for e in mine],
                evidence=evidence,
            )
        )
    return out


def _cumulative(
    release_rounds: Sequence[Obligation], entries: Sequence[LedgerEntry]
) -> list[CumulativeTotal]:
    done: dict[tuple[str, str], int] = defaultdict(int)
    agreed: dict[tuple[str, str], int] = defaultdict(int)
    for entry in entries:
        done[(entry.party, entry.unit)] += entry.count
    for o in release_rounds:
        if o.obligor and o.quantity:
            agreed[(o.obligor, o.quantity.unit)] += o.quantity.value
    keys = sorted(set(done) | set(agreed))
    return [CumulativeTotal(p, u, done.get((p, u), 0), agreed.get((p, u))) for p, u in keys]


def build_ledger(
    agreement: Agreement,
    stored_events: Sequence[StoredEvent],
    as_of: date | None = None,
    rules: AssessRules | None = None,
    side_of: SideOf | None = None,
) -> Ledger:
    """The ledger from stored events; with ``as_of``, only reports published on or before that day."""
    rules = rules or default_rules()
    side_of = side_of or side_resolver(agreement)
    events = [
        e
        for e in scoped(agreement, stored_events, side_of)
        if e.event.type == "RELEASE" and (as_of is None or (e.published is not None and e.published <= as_of))
    ]
    obligations = expand_obligations(agreement)
    stories = fuse_events(events, rules, side_of)
    links = link_stories(agreement, obligations, stories, rules)
    return ledger_from_stories(agreement, stories, obligations, links, rules, as_of)
