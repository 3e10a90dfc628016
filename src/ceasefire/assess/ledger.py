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
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ceasefire.agreements.obligations import Obligation, expand_obligations
from ceasefire.agreements.schema import Agreement
from ceasefire.assess.contest import outweighing
from ceasefire.assess.fuse import fuse_events
from ceasefire.assess.ledger_report import CumulativeTotal, Ledger, LedgerEntry, LedgerRow, RoundTotal
from ceasefire.assess.link import Link, counts_for, infer_party, link_stories, recipients
from ceasefire.assess.rules import AssessRules, default_rules
from ceasefire.assess.scope import scoped
from ceasefire.assess.sides import SideOf, side_resolver
from ceasefire.assess.story import Story, Variant, choose_variant
from ceasefire.store.events import StoredEvent

__all__ = [
    "CumulativeTotal",
    "Ledger",
    "LedgerEntry",
    "LedgerRow",
    "RoundTotal",
    "build_ledger",
    "ledger_from_stories",
]


def _period(release_rounds: Sequence[Obligation], agreement: Agreement, slack: int) -> tuple[date, date]:
    """From the agreement's signing (nothing is handed over under a deal not yet made) or the first
    round less ``slack`` days, whichever is later, to the last round plus ``slack`` days."""
    signed = agreement.signed_or_effective().date()
    dues = [o.due for o in release_rounds if o.due is not None]
    if not dues:
        return signed, date.max
    return max(signed, min(dues) - timedelta(days=slack)), max(dues) + timedelta(days=slack)


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
    held_back = _held_back(stories, links, by_id, rules.ledger.round_slack_days)
    candidates: list[_Candidate] = []
    excluded: list[tuple[str, str]] = []
    for story in stories:
        if story.type != "RELEASE" or story.mode != "occurred" or story.date is None:
            continue
        if story.id in held_back:
            excluded.append((story.id, held_back[story.id]))
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
        counted = found is None or counts_for(found, story, recipients(agreement))
        chosen, rule = choose_variant(story.variants, agreed if counted else None)
        candidates.append(_Candidate(story, party, unit, found, agreed if counted else None, chosen, rule))  # type: ignore[arg-type]
    entries, left_out = _count(
        candidates, release_rounds, rules.ledger.total_factor, rules.ledger.round_slack_days
    )
    excluded += left_out
    table: dict[tuple[date, str, str], LedgerRow] = {}
    for entry in sorted(entries, key=lambda e: (e.date, e.party, e.unit)):
        row = table.setdefault(
            (entry.date, entry.party, entry.unit), LedgerRow(entry.date, entry.party, entry.unit, 0)
        )
        row.count += entry.count
        row.entries.append(entry)
    rounds = _rounds(release_rounds, entries, stories, recipients(agreement))
    return Ledger(
        agreement=agreement.id,
        as_of=as_of,
        entries=entries,
        rounds=rounds,
        cumulative=_cumulative(release_rounds, entries),
        table=list(table.values()),
        excluded=excluded,
    )


def _held_back(
    stories: Sequence[Story], links: Sequence[Link], by_id: dict[str, Obligation], slack: int
) -> dict[str, str]:
    """Release stories outweighed, round by round, by reports that the round was held back
    (``contest.outweighing``, as in the status view): story id → why."""
    story_by_id = {s.id: s for s in stories}
    per_round: dict[str, tuple[list[Story], list[Story]]] = defaultdict(lambda: ([], []))
    for link in links:
        o = by_id.get(link.obligation_id)
        if o is None or o.action != "RELEASE" or link.story_id not in story_by_id:
            continue
        side = 0 if link.relation in ("fulfils", "partly_fulfils") else 1
        if link.relation in ("fulfils", "partly_fulfils", "delays", "suspends"):
            per_round[o.id][side].append(story_by_id[link.story_id])
    out: dict[str, str] = {}
    for round_id, (done, against) in per_round.items():
        beaten = outweighing(done, against, slack)
        if beaten:
            for s in done:
                out[s.id] = (
                    f"{round_id} told as held back by more sources ({', '.join(b.id for b in beaten)})"
                )
    return out


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
    kept = _one_per_round_and_figure(kept, excluded)
    entries = [
        LedgerEntry(
            story_id=c.story.id,
            date=_day_of(c, slack, release_rounds),
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


def _one_per_round_and_figure(
    kept: list[tuple[_Candidate, int, str]], excluded: list[tuple[str, str]]
) -> list[tuple[_Candidate, int, str]]:
    """Two stories of one round with the same figure for the same people on different days are one
    handover told twice (a preview misread as done, a late retelling): the best-sourced one stays
    (ties: the one nearest the round's day). Different figures (four bodies, then one more) stay."""
    best: dict[tuple[str, int, bool], tuple[_Candidate, int, str]] = {}
    for item in kept:
        c, count, _ = item
        if c.round is None:
            continue
        key = (c.round.id, count, c.agreed is not None)
        rank = (c.story.independent_sources, -abs((c.story.date - c.round.due).days))  # type: ignore[operator]
        held = best.get(key)
        if held is None:
            best[key] = item
            continue
        other = held[0]
        other_rank = (other.story.independent_sources, -abs((other.story.date - c.round.due).days))  # type: ignore[operator]
        if rank > other_rank:
            best[key] = item
    winners = {id(item[0]) for item in best.values()}
    out = []
    for item in kept:
        if item[0].round is None or id(item[0]) in winners:
            out.append(item)
        else:
            excluded.append((item[0].story.id, f"{item[0].round.id} told again with the same figure"))
    return out


def _day_of(c: _Candidate, slack: int, release_rounds: Sequence[Obligation]) -> date:
    """The day people went free: the story's day, except

    - a release linked to a round (by its figure) while another round of the same kind falls on the
      story's day is put on its round's day (a report that named the wrong weekday);
    - a release told only by reports published after it and dated no earlier than their own
      publication day (no day of its own: the report's day stood in), placed two or more days
      after its round's day, is put on the round's day."""
    day = c.story.date
    assert day is not None
    due = c.round.due if c.round else None
    if due is None:
        return day
    kind = (c.round.obligor, c.round.quantity.unit if c.round.quantity else None)  # type: ignore[union-attr]
    taken = any(
        o.due == day and o.id != c.round.id and (o.obligor, o.quantity.unit if o.quantity else None) == kind  # type: ignore[union-attr]
        for o in release_rounds
    )
    if taken:
        return due
    if not 2 <= (day - due).days <= slack:
        return day
    told = [e for e in c.story.events if e.mode == "occurred" and e.date is not None]
    if told and all(e.published is not None and e.date >= e.published > due for e in told):  # type: ignore[operator]
        return due
    return day


def _rounds(
    release_rounds: Sequence[Obligation],
    entries: Sequence[LedgerEntry],
    stories: Sequence[Story],
    parties: Collection[str],
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
        if (e.event.type == "RELEASE" or (e.event.type == "SUSPEND" and e.event.object == "RELEASE"))
        and (as_of is None or (e.published is not None and e.published <= as_of))
    ]
    obligations = expand_obligations(agreement)
    stories = fuse_events(events, rules, side_of)
    links = link_stories(agreement, obligations, stories, rules)
    return ledger_from_stories(agreement, stories, obligations, links, rules, as_of)
