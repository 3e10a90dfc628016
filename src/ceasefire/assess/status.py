"""Status as of a day (SPEC §4b): every obligation judged from the stories known on that day.

Rounds and deadlines: a fulfilling story → ``fulfilled`` (``partly_fulfilled`` when fewer than
agreed; ``disputed`` when the beneficiary accuses the obligor over it afterwards and nothing more is
handed over); else a suspension by the obligor not lifted by a later pledge → ``suspended``; else an
accusation or denial about it → ``disputed``; else past due (plus ``status.grace_days``) →
``overdue``; within ``status.due_soon_days`` of due → ``due``; else ``not_due``.
Quotas and standing duties: ``suspended`` while a suspension is not followed by the step being
done again; ``in_progress`` while being done; duties to hold fire: ``breached`` by an attack with at
least ``ceasefire.breach_killed`` dead (within ``ceasefire.memory_days``) or, after a declared end,
with ``ceasefire.breach_killed_after_end``; ``suspended`` by a declared end told by at least
``ceasefire.end_min_sources`` independent sources; ``disputed`` by lesser attacks, weakly sourced
declared ends, accusations or threats; else ``in_progress``.
The ``ceasefire`` field: ``not_in_force`` before the effective date, ``breached``/``suspended``
when a duty to hold fire is, ``at_risk`` after threats, suspensions or mobilisations by a party in
the last ``ceasefire.at_risk_days`` days (told by at least ``ceasefire.at_risk_min_sources``
independent sources) or while a step is suspended, else ``in_force``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from ceasefire.agreements.obligations import Obligation
from ceasefire.agreements.schema import Agreement
from ceasefire.assess.contest import outweighing
from ceasefire.assess.context import Assessment, prepare
from ceasefire.assess.link import Link, counts_for, recipients
from ceasefire.assess.rules import AssessRules
from ceasefire.assess.sides import SideOf
from ceasefire.assess.status_report import (
    CEASEFIRE_STATES,
    STATUSES,
    ObligationStatus,
    StatusReport,
    StoryRef,
)
from ceasefire.assess.story import Story, choose_variant
from ceasefire.store.events import StoredEvent

__all__ = [
    "CEASEFIRE_STATES",
    "STATUSES",
    "ObligationStatus",
    "StatusReport",
    "StoryRef",
    "assess_status",
    "ceasefire_state",
    "status_from",
]


class _Judge:
    def __init__(self, a: Assessment, as_of: date) -> None:
        self.a, self.day, self.r = a, as_of, a.rules

    def _refs(self, links: Sequence[Link], *relations: str) -> list[StoryRef]:
        out = []
        for link in links:
            story = self.a.story(link.story_id)
            if link.relation in relations and story.date is not None and story.date <= self.day:
                out.append(StoryRef(story, link.relation, link.reason))
        return sorted(out, key=lambda ref: (ref.story.date, ref.story.id))

    def _lifted(self, o: Obligation, since: date) -> Story | None:
        """A later pledge or agreement by the obligor that the suspended step itself goes ahead."""
        found = self._lifted_by(o.obligor, o.action, since)
        return found if found is not None and found.object == o.action else None

    def _carried_on(self, party: str | None, since: date) -> bool:
        """Whether the party went on carrying out the deal (a step done, a pledge, an agreement) after
        ``since``: a declared end followed by that was not an end."""
        for link in self.a.links:
            story = self.a.story(link.story_id)
            done = link.relation in ("fulfils", "partly_fulfils") and story.party == party
            if done and story.date is not None and since < story.date <= self.day:
                return True
        return self._lifted_by(party, None, since) is not None

    def _lifted_by(self, party: str | None, action: str | None, since: date) -> Story | None:
        for s in self.a.stories:
            if s.type not in ("PLEDGE", "AGREE") or s.date is None or s.mode == "negated":
                continue
            if s.party == party and since < s.date <= self.day and s.object in (None, action, "AGREE"):
                return s
        return None

    def judge(self, o: Obligation) -> ObligationStatus:
        links = self.a.links_for(o.id)
        start = o.window_start or o.due
        if start is not None and self.day < start - timedelta(days=self.r.status.due_soon_days):
            disputes = self._refs(links, "disputes", "suspends", "threatens")
            if not disputes:
                return ObligationStatus(o, "not_due", f"starts {start}")
        if o.refrain:
            return self._refrain(o, links)
        if o.due is None and o.kind in ("recurring", "standing"):
            return self._duty(o, links)
        return self._deadline(o, links)

    def _done(self, o: Obligation, refs: list[StoryRef]) -> int | None:
        agreed = o.quantity.value if o.quantity else None
        total, known = 0, False
        for ref in refs:
            s = ref.story
            if not counts_for(o, s, recipients(self.a.agreement)):
                continue
            if o.quantity is not None and s.unit not in (None, o.quantity.unit):
                continue
            chosen, _ = choose_variant(s.variants, agreed)
            if (
                chosen is not None
                and agreed is not None
                and chosen.value > self.r.ledger.total_factor * agreed
            ):
                continue  # a running or phase total, not this round's handover (as in the ledger)
            if chosen is not None:
                total, known = total + chosen.value, True
        return total if known else None

    def _suspension(self, o: Obligation, links: Sequence[Link]) -> tuple[list[StoryRef], Story | None]:
        refs = [ref for ref in self._refs(links, "suspends") if ref.story.mode != "negated"]
        if not refs:
            return [], None
        return refs, self._lifted(o, refs[-1].story.date)  # type: ignore[arg-type]

    def _contested(
        self,
        done: list[StoryRef],
        negated: list[StoryRef],
        suspended: list[StoryRef],
        ties_against: bool = False,
    ) -> list[StoryRef]:
        """The refs of a fulfilment and of the tellings that outweigh it (see ``contest.py``), or []."""
        against = negated + suspended
        beaten = outweighing(
            [r.story for r in done], [r.story for r in against], self.r.ledger.round_slack_days, ties_against
        )
        ids = {s.id for s in beaten}
        return done + [r for r in against if r.story.id in ids] if beaten else []

    def _challenged(self, o: Obligation, links: Sequence[Link], done_days: list[date]) -> StoryRef | None:
        """An accusation by the side the step is owed to, made within ``status.challenge_days`` after
        the step was done (and no older than ``status.dispute_memory_days``), not followed by a
        further handover: the beneficiary contests what it received (a body that was not the
        hostage named)."""
        if not done_days or o.beneficiary is None:
            return None
        memory = self.day - timedelta(days=self.r.status.dispute_memory_days)
        for ref in reversed(self._refs(links, "disputes")):
            s = ref.story
            by_beneficiary = s.type == "ACCUSE" and s.party is not None and s.party == o.beneficiary
            after = (s.date - done_days[-1]).days  # type: ignore[operator]
            if by_beneficiary and 0 < after <= self.r.status.challenge_days and s.date >= memory:  # type: ignore[operator]
                return ref
        return None

    def _deadline(self, o: Obligation, links: Sequence[Link]) -> ObligationStatus:
        done_refs = self._refs(links, "fulfils", "partly_fulfils")
        late = self._refs(links, "delays")
        contested = self._contested(done_refs, late, self._refs(links, "suspends"))
        if contested:
            done_refs, late = [], late + contested
        if done_refs:
            done = self._done(o, done_refs)
            agreed = o.quantity.value if o.quantity else None
            days = sorted({ref.story.date for ref in done_refs if ref.story.date})
            reason = f"done on {', '.join(d.isoformat() for d in days)}"
            if o.due and days and days[-1] > o.due + timedelta(days=self.r.status.grace_days):
                reason += f", {(days[-1] - o.due).days} day(s) after due {o.due}"
            if done is None and agreed is not None:
                done, reason = agreed, reason + f" (no figure reported: the agreed {agreed} assumed)"
            elif done is None:
                reason += " (no figure reported)"
            partly = agreed is not None and done is not None and done < agreed
            status = "partly_fulfilled" if partly else "fulfilled"
            if partly:
                reason += f"; {done} of {agreed}"
            challenge = self._challenged(o, links, days)
            if challenge is not None:
                s = challenge.story
                why = f"{reason}; contested by {s.actor} on {s.date}"
                return ObligationStatus(o, "disputed", why, done, [*done_refs, *late, challenge])
            return ObligationStatus(o, status, reason, done, done_refs + late)
        suspended, lifted = self._suspension(o, links)
        if suspended and lifted is None:
            s = suspended[-1].story
            return ObligationStatus(
                o, "suspended", f"suspended by {s.actor} on {s.date}", 0, suspended + late
            )
        disputes = self._refs(links, "disputes", "threatens")
        window_from = (o.due or o.window_start or self.day) - timedelta(days=self.r.status.lookahead_days)
        disputes = [ref for ref in disputes if ref.story.date >= window_from]  # type: ignore[operator]
        extra = suspended + ([StoryRef(lifted, "lifts", "suspension lifted")] if lifted else [])
        note = f"; suspension lifted on {lifted.date}" if lifted else ""
        if disputes and any(ref.relation == "disputes" for ref in disputes):
            first = disputes[-1].story
            return ObligationStatus(
                o,
                "disputed",
                f"{first.type} by {first.actor} on {first.date}{note}",
                0,
                disputes + extra + late,
            )
        deadline = o.due or o.window_start
        # rounds run past midnight; a duty that opens on a day (the return north) is late the next day
        grace = timedelta(days=self.r.status.grace_days if o.due else self.r.status.window_grace_days)
        if deadline is not None and self.day > deadline + grace:
            why = f"due {deadline}, nothing reported done" + ("; told as not done" if late else "") + note
            return ObligationStatus(o, "overdue", why, 0, late + extra + disputes)
        return ObligationStatus(o, "due", f"due {deadline}{note}", 0, late + extra + disputes)

    def _duty(self, o: Obligation, links: Sequence[Link]) -> ObligationStatus:
        done_refs = self._refs(links, "fulfils", "partly_fulfils")
        suspended = [ref for ref in self._refs(links, "suspends") if ref.story.mode != "negated"]
        if suspended:
            since = suspended[-1].story.date
            resumed = [ref for ref in done_refs if ref.story.date > since]  # type: ignore[operator]
            not_done = [ref for ref in self._refs(links, "delays") if ref.story.date > since]  # type: ignore[operator]
            if self._contested(resumed, not_done, [], ties_against=True):
                resumed = []
            if not resumed and self._lifted(o, since) is None:  # type: ignore[arg-type]
                s = suspended[-1].story
                return ObligationStatus(o, "suspended", f"halted by {s.actor} on {s.date}", None, suspended)
        memory = self.day - timedelta(days=self.r.status.dispute_memory_days)
        disputes = [ref for ref in self._refs(links, "disputes") if ref.story.date >= memory]  # type: ignore[operator]
        latest = done_refs[-1] if done_refs else None
        done = (
            latest.story.quantity
            if latest and latest.story.unit == (o.quantity.unit if o.quantity else None)
            else None
        )
        if disputes:
            s = disputes[-1].story
            return ObligationStatus(
                o, "disputed", f"{s.type} by {s.actor} on {s.date}", done, disputes + done_refs[-3:]
            )
        if o.window_end and self.day > o.window_end + timedelta(days=self.r.status.grace_days):
            status = "fulfilled" if done_refs else "overdue"
            return ObligationStatus(o, status, f"period ended {o.window_end}", done, done_refs[-3:])
        if latest:
            return ObligationStatus(
                o, "in_progress", f"last reported on {latest.story.date}", done, done_refs[-3:]
            )
        return ObligationStatus(o, "due", f"running since {o.window_start}", None, [])

    def _refrain(self, o: Obligation, links: Sequence[Link]) -> ObligationStatus:
        memory = self.day - timedelta(days=self.r.ceasefire.memory_days)
        attacks = [ref for ref in self._refs(links, "breaches") if ref.story.date >= memory]  # type: ignore[operator]
        major = [ref for ref in attacks if _killed(ref.story) >= self.r.ceasefire.breach_killed]
        ended = [
            ref
            for ref in self._refs(links, "suspends")
            if ref.story.date >= memory  # type: ignore[operator]
            and ref.story.object in self.r.ceasefire.end_objects
            and not self._carried_on(o.obligor, ref.story.date)  # type: ignore[arg-type]
        ]
        after_end = [
            ref
            for ref in attacks
            if ended
            and ref.story.date >= ended[0].story.date  # type: ignore[operator]
            and _killed(ref.story) >= self.r.ceasefire.breach_killed_after_end
        ]
        if major or after_end:
            s = (major or after_end)[-1].story
            why = f"attack by {s.actor} on {s.date}" + (f", {_killed(s)} killed" if _killed(s) else "")
            return ObligationStatus(o, "breached", why, None, major + ended + after_end)
        sourced = [ref for ref in ended if ref.story.independent_sources >= self.r.ceasefire.end_min_sources]
        if sourced:
            s = sourced[-1].story
            return ObligationStatus(o, "suspended", f"declared over by {s.actor} on {s.date}", None, sourced)
        recent = self.day - timedelta(days=self.r.status.dispute_memory_days)
        contested = [ref for ref in attacks + ended if ref.story.date >= recent]  # type: ignore[operator]
        contested += [
            ref
            for ref in self._refs(links, "disputes", "threatens")
            if ref.story.date >= recent  # type: ignore[operator]
        ]
        if contested:
            s = contested[-1].story
            return ObligationStatus(o, "disputed", f"{s.type} by {s.actor} on {s.date}", None, contested)
        if o.window_end and self.day > o.window_end:
            return ObligationStatus(o, "fulfilled", f"held until {o.window_end}", None, [])
        return ObligationStatus(o, "in_progress", "no breach reported", None, [])


def _killed(story: Story) -> int:
    return story.quantity or 0 if story.unit == "killed" else 0


def ceasefire_state(a: Assessment, as_of: date, statuses: Sequence[ObligationStatus]) -> tuple[str, str]:
    """The overall state of the truce on ``as_of`` and why."""
    if as_of < a.agreement.effective_date:
        return "not_in_force", f"takes effect {a.agreement.effective_date}"
    refrain = [s for s in statuses if s.obligation.refrain]
    for state in ("breached", "suspended"):
        hit = [s for s in refrain if s.status == state]
        if hit:
            return state, f"{hit[0].obligation.id}: {hit[0].reason}"
    since = as_of - timedelta(days=a.rules.ceasefire.at_risk_days)
    warnings = [
        s
        for s in a.stories
        if s.type in a.rules.ceasefire.at_risk_types
        and s.mode != "negated"
        and s.date is not None
        and since <= s.date <= as_of
        and s.date > a.agreement.effective_date
        and a.is_party(s.actor)
    ]
    told_by = {e.cluster for s in warnings for e in s.events}
    if warnings and len(told_by) >= a.rules.ceasefire.at_risk_min_sources:
        w = warnings[-1]
        return (
            "at_risk",
            f"{w.type} by {w.actor} on {w.date} ({len(warnings)} warning(s) in the last "
            f"{a.rules.ceasefire.at_risk_days} days)",
        )
    held = [s for s in statuses if s.status == "suspended"]
    if held:
        return "at_risk", f"{held[0].obligation.id} suspended"
    return "in_force", "no breach, suspension or threat reported recently"


def status_from(a: Assessment, as_of: date) -> StatusReport:
    judge = _Judge(a, as_of)
    statuses = [judge.judge(o) for o in a.obligations]
    state, why = ceasefire_state(a, as_of, statuses)
    return StatusReport(a.agreement.id, as_of, state, why, statuses)


def assess_status(
    agreement: Agreement,
    stored_events: Sequence[StoredEvent],
    as_of: date,
    rules: AssessRules | None = None,
    side_of: SideOf | None = None,
) -> StatusReport:
    """Every obligation's status as of ``as_of``, from reports published on or before it."""
    return status_from(prepare(agreement, stored_events, as_of, rules, side_of), as_of)
