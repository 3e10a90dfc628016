"""Linking: which stories fulfil, breach, delay, suspend, dispute or threaten which obligations.

Matching is by action type, obligor (the side the story's actor acts for), object (for speech acts
and suspensions), schedule window and, for withdrawals, location. Windows come from ``rules.yaml``:

- a fulfilling story (RELEASE, WITHDRAW, RETURN, AID told as done) links to the round or deadline
  within ``ledger.round_slack_days`` of its date whose agreed figure it tells, else the nearest;
  failing that, to the latest earlier round still open whose due date it follows by at most
  ``status.late_days`` (a late release: also ``delays``);
- a negated step of the obligor near a due date ``delays`` it (for a duty or quota: any day);
- a SUSPEND by the obligor of a step ``suspends`` the next round due within ``status.lookahead_days``
  (or the standing duty or quota); a SUSPEND of the whole deal (object AGREE) suspends the
  obligor's duty to hold fire;
- ACCUSE against the obligor and DENY by it ``disputes`` the matching obligation (the round nearest
  its day, done or not; a general
  accusation of violating the deal: the accused side's duty to hold fire);
- THREATEN by the obligor ``threatens`` its duty to hold fire (object ATTACK/AGREE) or its next round;
- ATTACK by the obligor after the truce began ``breaches`` its duty to hold fire (the status decides
  from the scale whether the duty is breached or only disputed).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ceasefire.agreements.obligations import Obligation
from ceasefire.agreements.schema import Agreement
from ceasefire.assess.rules import AssessRules, default_rules
from ceasefire.assess.story import Story

RELATIONS = ("fulfils", "partly_fulfils", "breaches", "delays", "suspends", "disputes", "threatens")
DOING = ("RELEASE", "WITHDRAW", "RETURN", "AID")
DATED_KINDS = ("rounds", "date", "day", "window")
# Aid that "entered" and people who "went back" often have no named agent, or are told with the
# beneficiaries as actor ("the displaced returned"): such stories still count for the obligor.
OPEN_ACTOR = ("AID", "RETURN")


@dataclass(frozen=True, slots=True)
class Link:
    obligation_id: str
    story_id: str
    relation: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {
            "obligation": self.obligation_id,
            "story": self.story_id,
            "relation": self.relation,
            "reason": self.reason,
        }


def _norm_place(value: str) -> str:
    text = value.lower().replace("the ", " ").replace("-", " ")
    return " ".join(text.split())


def places_match(a: str | None, b: str | None, rules: AssessRules) -> bool | None:
    """True/False when both places are known; None when one is missing."""
    if not a or not b:
        return None
    x, y = _norm_place(a), _norm_place(b)
    if x in y or y in x:
        return True
    for key, aliases in rules.status.location_aliases.items():
        group = {key, *(_norm_place(v) for v in aliases)}
        if any(g in x for g in group) and any(g in y for g in group):
            return True
    return False


def infer_party(story: Story, obligations: Sequence[Obligation]) -> str | None:
    """The story's side, or for an unnamed actor, the only obligor of that action and unit."""
    if story.party:
        return story.party
    if story.type == "RELEASE" and story.unit:
        obligors = {
            o.obligor
            for o in obligations
            if o.action == "RELEASE" and o.quantity is not None and o.quantity.unit == story.unit
        }
        if len(obligors) == 1:
            return next(iter(obligors))
    return None


def counts_for(o: Obligation, story: Story, known: Collection[str]) -> bool:
    """Whether the story's people are the ones the obligation is owed to: its beneficiary, or told
    with no target, or with another actor the agreement is about as target ("prisoners freed to
    Hamas" is wording, not other people; ``known``: parties and beneficiaries). Foreign nationals
    freed alongside (Thai workers) are not."""
    return (
        o.beneficiary is None
        or story.target is None
        or story.target == o.beneficiary
        or story.target in known
    )


def recipients(agreement: Agreement) -> frozenset[str]:
    """The actors an agreement's steps are done for: its parties and its provisions' beneficiaries."""
    return frozenset(agreement.parties) | {p.beneficiary for p in agreement.provisions if p.beneficiary}


def _in_window(o: Obligation, when: date, late: int) -> bool:
    start = o.window_start or date.min
    end = (o.window_end + timedelta(days=late)) if o.window_end else date.max
    return start <= when <= end


# The relation an analyst's provision link gives a story of each type (others dispute the provision).
REVIEWED_RELATION = {
    "RELEASE": "fulfils",
    "WITHDRAW": "fulfils",
    "AID": "fulfils",
    "RETURN": "fulfils",
    "SUSPEND": "suspends",
    "THREATEN": "threatens",
    "ATTACK": "breaches",
}


class _Linker:
    def __init__(self, agreement: Agreement, obligations: Sequence[Obligation], rules: AssessRules) -> None:
        self.agreement = agreement
        self.obligations = list(obligations)
        self.rules = rules
        self.links: list[Link] = []
        self.fulfilled: set[str] = set()
        self.seen: set[tuple[str, str, str]] = set()

    def add(self, o: Obligation, s: Story, relation: str, reason: str) -> None:
        key = (o.id, s.id, relation)
        if key not in self.seen:
            self.seen.add(key)
            self.links.append(Link(o.id, s.id, relation, reason))

    def _unit_fits(self, o: Obligation, s: Story) -> bool:
        return o.quantity is None or s.unit is None or o.quantity.unit == s.unit

    def doing(self, s: Story) -> None:
        assert s.date is not None
        party = infer_party(s, self.obligations)
        slack, late = self.rules.ledger.round_slack_days, self.rules.status.late_days
        candidates = [
            o
            for o in self.obligations
            if o.action == s.type
            and not o.refrain
            and (
                o.obligor is None
                or o.obligor == party
                or (s.type in OPEN_ACTOR and party in (None, o.beneficiary))
            )
            and self._unit_fits(o, s)
        ]
        place_ok = {o.id: places_match(o.location, s.location, self.rules) for o in candidates}
        if s.type == "WITHDRAW":
            # a place that names one of the provisions picks it; a place none names ("central Gaza")
            # says nothing, and the day decides
            named = [o for o in candidates if place_ok[o.id]]
            candidates = named or candidates
        dated = [o for o in candidates if o.kind in DATED_KINDS and o.due is not None]
        near = [o for o in dated if abs((s.date - o.due).days) <= slack]  # type: ignore[operator]
        if near:
            # the round whose agreed figure the story tells, else the nearest (a release told on the
            # wrong weekday still carries its round's figure)
            best = min(
                near,
                key=lambda o: (
                    not (o.quantity is not None and s.quantity == o.quantity.value),
                    abs((s.date - o.due).days),  # type: ignore[operator]
                    o.due,
                ),
            )
            self._fulfil(best, s, f"{s.type} by {party} on {s.date}, round due {best.due}")
            return
        # a late step: the nearest earlier round or deadline still open (with a place that fits)
        late_ok = [
            o
            for o in dated
            if o.due < s.date <= o.due + timedelta(days=late)  # type: ignore[operator]
            and o.id not in self.fulfilled
            and (s.type != "WITHDRAW" or place_ok[o.id])
        ]
        if late_ok:
            best = max(late_ok, key=lambda o: o.due)  # type: ignore[arg-type,return-value]
            days = (s.date - best.due).days  # type: ignore[operator]
            self._fulfil(best, s, f"{s.type} by {party} on {s.date}, {days} day(s) after due {best.due}")
            self.add(best, s, "delays", f"done {days} day(s) late")
            return
        for o in candidates:
            if o.due is None and o.window_start is not None and _in_window(o, s.date, 0):
                self._fulfil(o, s, f"{s.type} on {s.date} within the duty's window")
            elif (
                o.kind == "window"
                and o.window_start
                and s.date >= o.window_start - timedelta(days=slack)
                and (o.due is None or s.date <= o.due + timedelta(days=late))
            ):
                self._fulfil(o, s, f"{s.type} on {s.date}, window opens {o.window_start}")

    def _fulfil(self, o: Obligation, s: Story, reason: str) -> None:
        relation = "fulfils"
        counted = counts_for(o, s, recipients(self.agreement))
        if o.quantity is not None and s.quantity is not None and counted and s.quantity < o.quantity.value:
            relation = "partly_fulfils"
            reason += f"; {s.quantity} of {o.quantity.value} {o.quantity.unit}"
        self.fulfilled.add(o.id)
        self.add(o, s, relation, reason)

    def negated(self, s: Story) -> None:
        assert s.date is not None
        party = infer_party(s, self.obligations)
        for o in self._duties({s.type}, party, s.date, refrain=False):
            self.add(o, s, "delays", f"told as not done on {s.date}")
        if party is None and s.type in OPEN_ACTOR:  # "no aid entered": the obligor's duty
            for o in self.obligations:
                if o.action == s.type and o.due is None and not o.refrain and _in_window(o, s.date, 0):
                    self.add(o, s, "delays", f"told as not done on {s.date}")
        for o in self.obligations:
            near = o.due is not None and abs((s.date - o.due).days) <= self.rules.ledger.round_slack_days
            if o.action == s.type and o.obligor == party and near and self._unit_fits(o, s):
                self.add(o, s, "delays", f"told as not done on {s.date}")

    def _next_due(
        self, actions: set[str], obligor: str | None, when: date, nearest: bool = False
    ) -> Obligation | None:
        slack, ahead = self.rules.ledger.round_slack_days, self.rules.status.lookahead_days
        rounds = [
            o
            for o in self.obligations
            if o.action in actions
            and o.obligor == obligor
            and o.due is not None
            and -slack <= (o.due - when).days <= ahead
        ]
        if nearest and rounds:  # a complaint is about the round nearest its day, done or not
            return min(rounds, key=lambda o: (abs((o.due - when).days), o.due))  # type: ignore[operator]
        # the step concerned is the next one still open (a round already done is not suspended)
        still_open = [o for o in rounds if o.id not in self.fulfilled]
        upcoming = [o for o in still_open if o.due >= when]  # type: ignore[operator]
        pool = upcoming or still_open or rounds
        return min(pool, key=lambda o: o.due) if pool else None  # type: ignore[arg-type,return-value]

    def _duties(self, actions: set[str], obligor: str | None, when: date, refrain: bool) -> list[Obligation]:
        late = self.rules.status.lookahead_days
        return [
            o
            for o in self.obligations
            if o.action in actions
            and o.obligor == obligor
            and o.refrain == refrain
            and o.due is None
            and _in_window(o, when, late)
        ]

    def speech(self, s: Story, relation: str, obligor: str | None, why: str) -> None:
        assert s.date is not None
        obj = s.object or "AGREE"
        if obj in ("AGREE", "ATTACK"):
            for o in self._duties({"ATTACK"}, obligor, s.date, refrain=True):
                self.add(o, s, relation, why)
            return
        actions = {"RELEASE"} if obj == "SUSPEND" else {obj}
        found = self._next_due(actions, obligor, s.date, nearest=relation == "disputes")
        if found is not None:
            self.add(found, s, relation, why + f" (round due {found.due})")
        for o in self._duties(actions, obligor, s.date, refrain=False):
            self.add(o, s, relation, why)
        ahead = self.rules.status.lookahead_days
        for o in self.obligations:
            opens = o.window_start - timedelta(days=ahead) if o.window_start else None
            open_window = o.kind == "window" and o.due is None and opens is not None and s.date >= opens
            if open_window and o.action in actions and o.obligor == obligor:
                self.add(o, s, relation, why)

    def reviewed(self, s: Story) -> bool:
        """An analyst linked a telling of ``s`` to a provision (or one of its rounds): that link stands
        instead of the automatic ones. Returns whether it applied."""
        wanted = {e.provision for e in s.events if e.provision}
        chosen = [o for o in self.obligations if o.id in wanted or o.provision_id in wanted]
        if not chosen:
            return False
        relation = REVIEWED_RELATION.get(s.type, "disputes")
        if s.type in DOING and s.mode != "occurred":
            relation = "delays"
        for o in chosen:
            if relation == "fulfils":
                self._fulfil(o, s, f"{s.type} on {s.date}, linked by an analyst's review")
            else:
                self.add(o, s, relation, f"{s.type} linked to {o.id} by an analyst's review")
        return True

    def story(self, s: Story) -> None:
        if s.date is None or self.reviewed(s):
            return
        party = s.party
        if s.type in DOING and s.mode == "occurred":
            self.doing(s)
        elif s.type in DOING and s.mode == "negated":
            self.negated(s)
        elif s.type == "SUSPEND" and s.mode != "negated" and party:
            self.speech(s, "suspends", party, f"{party} suspends {s.object or 'the deal'} on {s.date}")
        elif s.type == "ACCUSE" and s.target:
            self.speech(s, "disputes", s.target, f"{s.actor} accuses {s.target} ({s.object}) on {s.date}")
        elif s.type == "DENY" and party:
            self.speech(s, "disputes", party, f"{party} denies ({s.object}) on {s.date}")
        elif s.type == "THREATEN" and party and s.mode != "negated":
            self.speech(s, "threatens", party, f"{party} threatens ({s.object}) on {s.date}")
        elif s.type == "ATTACK" and s.mode == "occurred" and party:
            for o in self._duties({"ATTACK"}, party, s.date, refrain=True):
                killed = f", {s.quantity} killed" if s.unit == "killed" and s.quantity else ""
                self.add(o, s, "breaches", f"attack by {party} on {s.date}{killed}")


def link_stories(
    agreement: Agreement,
    obligations: Sequence[Obligation],
    stories: Sequence[Story],
    rules: AssessRules | None = None,
) -> list[Link]:
    """Every link between a story and an obligation, stories taken in date order."""
    linker = _Linker(agreement, obligations, rules or default_rules())
    for story in sorted(stories, key=lambda s: (s.date or date.max, s.id)):
        linker.story(story)
    return linker.links
