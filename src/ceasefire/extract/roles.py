"""Roles, mode and attribution for one trigger in one sentence, by rules over tokens, cue marks and
actor mentions (no parser): the subject is the nearest actor named before the trigger, the agent of a
passive is the one after "by", the target the first actor after it; cue words before the trigger set
the mode; the actor next to "said", "told", "according to" is the source.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

from ceasefire.extract.mentions import MEMBER_OF, ROLE_NOUNS, Mention, PlaceMention
from ceasefire.extract.tokens import Sentence, Token
from ceasefire.extract.triggers import TriggerHit
from ceasefire.extract.unit_lexicon import load_unit_lexicon

IRREGULAR_PARTICIPLES = frozenset(
    {
        "held",
        "freed",
        "hit",
        "shot",
        "met",
        "sent",
        "brought",
        "struck",
        "kept",
        "let",
        "seen",
        "taken",
        "given",
        "made",
        "done",
        "put",
        "set",
        "cut",
        "shut",
    }
)


@dataclass(slots=True)
class SentenceContext:
    text: str
    tokens: list[Token]
    sentence: Sentence
    marks: dict[int, list[tuple[str, int]]]
    mentions: list[Mention]
    places: list[PlaceMention]
    states: frozenset[str] = frozenset()
    peoples: frozenset[str] = frozenset()  # civilian populations: never the doers of a step
    where: dict[str, list[int]] = field(default_factory=dict)  # cue kind -> tokens where one starts

    breaks: list[int] = field(default_factory=list)  # tokens that are clause breaks, in order

    # __init__ written out: compiled, a generated one would run interpreted (see compiled.py)
    def __init__(
        self,
        text: str,
        tokens: list[Token],
        sentence: Sentence,
        marks: dict[int, list[tuple[str, int]]],
        mentions: list[Mention],
        places: list[PlaceMention],
        states: frozenset[str] = frozenset(),
        peoples: frozenset[str] = frozenset(),
        where: dict[str, list[int]] | None = None,
        breaks: list[int] | None = None,
    ) -> None:
        self.text = text
        self.tokens = tokens
        self.sentence = sentence
        self.marks = marks
        self.mentions = mentions
        self.places = places
        self.states = states
        self.peoples = peoples
        self.where = {} if where is None else where
        self.breaks = [] if breaks is None else breaks
        self.__post_init__()

    def __post_init__(self) -> None:
        where = self.where
        for k in sorted(self.marks):
            for kind, _ in self.marks[k]:
                starts = where.get(kind)
                if starts is None:
                    where[kind] = [k]
                else:
                    starts.append(k)
        breaks: set[int] = set()
        for k in where.get("clause", ()):
            for kind, length in self.marks[k]:
                if kind == "clause":
                    for j in range(k, k + length):
                        breaks.add(j)
        self.breaks = sorted(breaks)

    def first_of(self, kind: str, lo: int | None = None, hi: int | None = None) -> int | None:
        """The first token in [lo, hi) (default: the sentence) where a cue of ``kind`` starts."""
        lo = self.sentence.first if lo is None else lo
        hi = self.sentence.last if hi is None else hi
        starts = self.where.get(kind)
        if not starts:
            return None
        # ``where`` lists are in token order (built from the sorted marks): bisect, not a scan
        i = bisect_left(starts, lo)
        return starts[i] if i < len(starts) and starts[i] < hi else None

    def has(self, k: int, kind: str) -> bool:
        """Whether a cue of ``kind`` covers token k: one that starts at or before it (a sentence has few
        of a kind, in token order) and reaches it. Nothing is built per sentence or per token."""
        for start in self.where.get(kind, ()):
            if start > k:
                break
            for found, length in self.marks[start]:
                if found == kind and k < start + length:
                    return True
        return False

    def starts(self, k: int, kind: str) -> int:
        """Length of the longest cue of ``kind`` starting at token k, 0 if none."""
        return max((length for found, length in self.marks.get(k, ()) if found == kind), default=0)

    def clause_bounds(self, k: int) -> tuple[int, int]:
        """[lo, hi): the tokens around k up to the nearest clause breaks (";", "but", "which", …)."""
        breaks = self.breaks
        i = bisect_left(breaks, k)
        lo = breaks[i - 1] + 1 if i > 0 else self.sentence.first
        hi = breaks[i] if i < len(breaks) else self.sentence.last
        return max(lo, self.sentence.first), hi


@dataclass(slots=True)
class Roles:
    actors: list[Mention]
    target: str | None
    target_from: str
    actor_from: str
    passive: bool = False
    target_mention: Mention | None = None  # the mention the target was read from, if any

    # __init__ written out: compiled, a generated one would run interpreted (see compiled.py)
    def __init__(
        self,
        actors: list[Mention],
        target: str | None,
        target_from: str,
        actor_from: str,
        passive: bool = False,
        target_mention: Mention | None = None,
    ) -> None:
        self.actors = actors
        self.target = target
        self.target_from = target_from
        self.actor_from = actor_from
        self.passive = passive
        self.target_mention = target_mention


@cache
def _count_words() -> frozenset[str]:
    lx = load_unit_lexicon()[0]
    return frozenset([*lx.tokens, *lx.phrases])


def _count_word(token: Token) -> bool:
    """A count in front of a noun: "200", "1,500", "two", "dozen"."""
    return token.text[:1].isdigit() or token.lower in _count_words()


def _oblique(ctx: SentenceContext, mention: Mention) -> bool:
    k = mention.first - 1
    # "the release of two Cambodian soldiers": articles and a count between the preposition and the name
    while k >= ctx.sentence.first and (
        ctx.tokens[k].lower in {"the", "a", "an"} or _count_word(ctx.tokens[k])
    ):
        k -= 1
    if k < ctx.sentence.first or not ctx.has(k, "oblique"):
        return False
    after = mention.last
    if (
        ctx.tokens[k].lower in ("with", "to", "after", "amid")
        and after < ctx.sentence.last
        and ctx.tokens[after].lower.endswith("ing")
    ):
        return False  # "with Israel pushing for an extension": the subject of the -ing verb
    return not (
        ctx.tokens[k].lower in MEMBER_OF
        and k - 1 >= ctx.sentence.first
        and ctx.tokens[k - 1].lower in ROLE_NOUNS
    )


def _position(mentions: list[Mention], mention: Mention) -> int:
    """``mentions.index(mention)`` without calling the data class's ``__eq__`` (interpreted even when
    compiled) on every mention before it: a mention equal to it starts where it does."""
    for i, other in enumerate(mentions):
        if other is mention or (other.start == mention.start and other == mention):
            return i
    raise ValueError(f"{mention!r} is not in the list")


def coordinated(ctx: SentenceContext, head: Mention, leftward: bool) -> list[Mention]:
    """The head mention and those joined to it by "and", commas, "as well as" ("Egypt and Qatar").
    Commas alone do not make a list ("According to Israeli officials, Hamas …")."""
    group = [head]
    pool = ctx.mentions
    index = _position(pool, head)
    step = -1 if leftward else 1
    current = head
    conjoined = False
    j = index + step
    while 0 <= j < len(pool):
        other = pool[j]
        gap = range(other.last, current.first) if leftward else range(current.last, other.first)
        same_place = other.start == current.start
        joined = same_place or (
            bool(gap)
            and all(ctx.has(g, "coordination") or ctx.tokens[g].lower in {"the", "both", "a"} for g in gap)
        )
        if not joined or other.locative:
            break
        conjoined = conjoined or same_place or any(ctx.tokens[g].text != "," for g in gap)
        if other.actor not in {m.actor for m in group}:
            group.append(other)
        current = other
        j += step
    return group if conjoined else [head]


def is_passive(ctx: SentenceContext, hit: TriggerHit) -> bool:
    token = ctx.tokens[hit.first]
    participle = (
        token.verb
        and token.lower != token.verb
        and (token.lower.endswith(("ed", "en")) or token.lower in IRREGULAR_PARTICIPLES)
    )
    if not participle:
        return False
    for k in range(hit.first - 1, max(ctx.sentence.first, hit.first - 4) - 1, -1):
        if any(m.first <= k < m.last for m in ctx.mentions):
            return False
        if ctx.has(k, "passive"):
            return True
    return hit.last < ctx.sentence.last and ctx.tokens[hit.last].lower == "by"


def agent_after_by(ctx: SentenceContext, hit: TriggerHit) -> list[Mention]:
    _, hi = ctx.clause_bounds(hit.last)
    for k in range(hit.last, min(hi, hit.last + 8)):
        if ctx.tokens[k].lower == "by":
            for m in ctx.mentions:
                if k < m.first <= k + 4 and not m.locative:
                    return coordinated(ctx, m, leftward=False)
            return []
    return []


def is_nominal(ctx: SentenceContext, hit: TriggerHit) -> bool:
    """A trigger used as a noun ("the strikes", "its withdrawal", "Israeli strikes")."""
    token = ctx.tokens[hit.first]
    if not token.noun:
        return False
    k = hit.first - 1
    if k < ctx.sentence.first:
        return not token.verb
    if ctx.has(k, "determiner") or any(m.last == hit.first and m.how == "adjective" for m in ctx.mentions):
        return True
    return not token.verb


def subject(ctx: SentenceContext, hit: TriggerHit, obliques: bool = False) -> list[Mention]:
    """The nearest actor named before the trigger that is not an oblique (unless ``obliques``) or a
    place, with its coordinates. A relative pronoun in between ("a war which killed") hands the role
    to the word right before it: an actor there is the subject, any other word means none is named."""
    relative = None
    for k in range(hit.first - 1, ctx.sentence.first - 1, -1):
        if ctx.has(k, "relative"):
            relative = k
            break
    for m in reversed(ctx.mentions):
        if m.last > hit.first or m.locative:
            continue
        if any(ctx.tokens[k].text == ";" for k in range(m.last, hit.first)):
            break
        if relative is not None and m.last <= relative:
            before = relative - 1
            if before >= ctx.sentence.first and ctx.tokens[before].text == ",":
                before -= 1
            # "the Egyptian foreign minister, who …": a few plain words (a title) may follow the name
            head = [ctx.tokens[k] for k in range(m.last, before + 1)]
            if len(head) > 3 or any(not t.text.isalpha() or not t.text.islower() for t in head):
                return []
            if any(ctx.has(k, "determiner") for k in range(m.last, before + 1)):
                return []
            return coordinated(ctx, m, leftward=True)
        if not obliques and _oblique(ctx, m):
            continue
        if not obliques and any(m.last <= k < hit.first for k in ctx.where.get("attribution", ())):
            return []  # "the UN said 600 trucks entered": the one who speaks is not the doer
        return _antecedents(ctx, m) or coordinated(ctx, m, leftward=True)
    return []


def _antecedents(ctx: SentenceContext, pronoun: Mention) -> list[Mention]:
    """ "Indian and Pakistani negotiators held their talks": a pronoun whose antecedent is one of
    several coordinated doers earlier in the sentence stands for all of them."""
    if not pronoun.how.startswith("anaphora:") or pronoun.how == "anaphora:both sides":
        return []
    named = pronoun.how.removeprefix("anaphora:")
    for m in reversed(ctx.mentions):
        if m.last <= pronoun.first and m.text == named and m.actor == pronoun.actor:
            group = coordinated(ctx, m, leftward=True)
            return group if len(group) > 1 else []
    return []


def _between(ctx: SentenceContext, hit: TriggerHit) -> list[Mention]:
    """ "a truce was signed between Israel and Lebanon", "talks between Hamas and Israel": both sides."""
    for k in range(max(ctx.sentence.first, hit.first - 6), min(ctx.sentence.last, hit.last + 6)):
        if ctx.tokens[k].lower == "between":
            after = [m for m in ctx.mentions if k < m.first <= k + 2 and not m.locative]
            if after:
                group = coordinated(ctx, after[0], leftward=False)
                return group if len(group) > 1 else []
    return []


# words for a third party's part in talks between two others ("mediated between", "efforts to bridge")
MEDIATING = frozenset(
    {"mediate", "mediation", "mediator", "mediators", "effort", "efforts", "bridge", "broker"}
)


def _mediating(ctx: SentenceContext, hit: TriggerHit) -> bool:
    lo = max(ctx.sentence.first, hit.first - 3)
    return any(
        {t.lower, t.verb, t.noun} & MEDIATING for t in ctx.tokens[lo : min(ctx.sentence.last, hit.last + 3)]
    )


def _with_mediators(ctx: SentenceContext, hit: TriggerHit) -> bool:
    """ "talks with mediators in Cairo": several counterparts, none of them the host (target null)."""
    hi = min(ctx.sentence.last, hit.last + 4)
    return any(ctx.tokens[k].lower in ("mediator", "mediators") for k in range(hit.last, hi))


def holder(ctx: SentenceContext, hit: TriggerHit) -> Mention | None:
    """Who holds the people a release frees: "from Hamas captivity", "in Israeli prisons", "held by X"."""
    for m in ctx.mentions:
        if m.last < ctx.sentence.last and ctx.has(m.last, "custody"):
            return m
        if m.first >= 2 and ctx.tokens[m.first - 1].lower == "by" and ctx.tokens[m.first - 2].lower == "held":
            return m
    return None


def _support_verb(ctx: SentenceContext, hit: TriggerHit) -> TriggerHit | None:
    """A verb that carries the noun trigger ("held talks", "launched a series of strikes")."""
    for k in range(hit.first - 1, max(ctx.sentence.first, hit.first - 5) - 1, -1):
        if ctx.starts(k, "support") and ctx.tokens[k].verb:
            token = ctx.tokens[k]
            return TriggerHit(hit.rule, k, k + 1, token.text, token.start, token.end)
        if any(m.first <= k < m.last for m in ctx.mentions) or ctx.has(k, "clause"):
            return None
    return None


def modifier(ctx: SentenceContext, hit: TriggerHit) -> list[Mention]:
    """An actor right in front of a noun trigger: "Israeli strikes", "Hamas's release", "its withdrawal"."""
    for m in reversed(ctx.mentions):
        if m.last <= hit.first and hit.first - m.last <= 2 and not m.locative:
            gap = range(m.last, hit.first)
            if all(
                ctx.tokens[k].text in {"'s", "’s", "'", "’"} or ctx.tokens[k].text[:1].islower() for k in gap
            ):
                return coordinated(ctx, m, leftward=True)  # "Russian and Ukrainian delegations"
        if m.last <= hit.first - 3:
            break
    return []


# "in Doha", "at the White House": where something happens, never the one acted upon
VENUE_PREPOSITIONS = frozenset({"in", "at"})


def first_after(
    ctx: SentenceContext, hit: TriggerHit, skip: set[str], limit: int = 12, speaker: Mention | None = None
) -> Mention | None:
    _, hi = ctx.clause_bounds(hit.last)
    for m in ctx.mentions:
        if m is speaker:
            continue  # "…, the UN said": the one cited is not the one acted upon
        if m.first >= hit.last and m.first < min(hi, hit.last + limit) and m.actor not in skip:
            if m.locative and m.first > 0 and ctx.tokens[m.first - 1].lower in VENUE_PREPOSITIONS:
                continue  # "agreed …, the leaders said in Washington": where, not whom
            return m
    return None


def assign_roles(ctx: SentenceContext, hit: TriggerHit, speaker: Mention | None) -> Roles:
    roles = _assign_roles(ctx, hit, speaker)
    if roles.actors and all(m.actor in ctx.peoples for m in roles.actors) and hit.rule.frame != "beneficiary":
        # civilians as a group are acted upon: "Palestinians were released" names no releaser
        if roles.target is None:
            roles.target = roles.actors[0].actor
            roles.target_from = f"{roles.actors[0].text!r}, who are acted upon"
        roles.actors, roles.actor_from = [], "none named (civilians are not doers)"
    if (
        hit.rule.type == "CONSULT"
        and roles.actors
        and all(DOMESTIC_BODIES & set(m.text.lower().split()) for m in roles.actors)
        and not _met_directly(ctx, hit, roles.target_mention)
    ):
        # "the cabinet was set to meet": a government's own meeting is domestic, not talks; a party
        # named further on ("to approve the deal with Hamas") is what it meets about, not whom it meets
        roles.actors, roles.actor_from = [], "a government's own body meeting (domestic)"
    if hit.rule.type == "CONSULT" and _visitor_met(ctx, hit, roles):
        # "the premier met the US envoy": the envoy visits (ANNOTATION: the visitor acts, the host is target)
        host, visitor = roles.actors[0], roles.target_mention
        assert visitor is not None
        roles.actors, roles.target = [visitor], host.actor
        roles.actor_from, roles.target_from = f"visitor {visitor.text!r} met", f"host {host.text!r}"
        roles.target_mention = host
    if hit.rule.type == "DEMAND" and roles.actors and _addresses_own_side(ctx, hit, roles.actors):
        # "Israel called on its army to prepare", "the president urged the cabinet": domestic, not an event
        roles.actors, roles.actor_from = [], "the demand is addressed to the speaker's own side"
    return roles


VISITOR_BEFORE, VISITOR_AFTER = 3, 4  # tokens around a mention in which its title (envoy, general) is read


def _titled(ctx: SentenceContext, mention: Mention, after: int) -> bool:
    """A visitor's title ("envoy", "delegation", "General") in front of the mention or just after it."""
    lo = max(ctx.sentence.first, mention.first - VISITOR_BEFORE)
    hi = min(ctx.sentence.last, mention.last + after)
    return ctx.first_of("visitor", lo, hi) is not None


def _visitor_met(ctx: SentenceContext, hit: TriggerHit, roles: Roles) -> bool:
    """ "X met (with) Y" where Y is titled as a visitor (an envoy, a general, a delegation) and X is not."""
    visitor = roles.target_mention
    if hit.rule.id != "consult.meet" or len(roles.actors) != 1 or roles.passive or visitor is None:
        return False
    host = roles.actors[0]
    if visitor.actor == host.actor or not host.last <= hit.first < visitor.first:
        return False
    return _titled(ctx, visitor, VISITOR_AFTER) and not _titled(ctx, host, VISITOR_AFTER)


MET_LINKS = frozenset({"with", "the", "a", "an"})


def _met_directly(ctx: SentenceContext, hit: TriggerHit, met: Mention | None) -> bool:
    """The party met stands right after the trigger ("met the envoy", "met with the US envoy")."""
    if met is None or met.first < hit.last:
        return False
    return all(t.lower in MET_LINKS for t in ctx.tokens[hit.last : met.first])


def _addresses_own_side(ctx: SentenceContext, hit: TriggerHit, actors: list[Mention]) -> bool:
    """The one called on, right after the trigger, is of the caller's own side."""
    own = {m.actor for m in actors}
    for m in ctx.mentions:
        if hit.last <= m.first <= hit.last + 2:
            return m.actor in own
    return False


DOMESTIC_BODIES = frozenset({"cabinet", "parliament", "knesset", "coalition"})
# steps whose passive subject is a party's own forces: "Hezbollah fighters were deployed", "Israeli troops
# were pulled back" are that party's deployment or withdrawal, with no by-phrase needed
OWN_FORCES_MOVED = frozenset({"MOBILIZE", "WITHDRAW"})


def _forces_moved(patient: list[Mention]) -> Roles:
    """The roles of a passive deployment or withdrawal with no agent: whose forces are moved moves them."""
    return Roles(patient, None, "", f"whose forces are moved {patient[0].text!r} (passive)", passive=True)


def _assign_roles(ctx: SentenceContext, hit: TriggerHit, speaker: Mention | None) -> Roles:
    rule = hit.rule
    if rule.frame == "agentless":
        return Roles([], None, "", "no agent (rule frame agentless)")
    if rule.frame == "accusation":
        left = subject(ctx, hit)
        by = agent_after_by(ctx, hit)
        doers = by or left
        if speaker is None:
            return Roles([], None, "", "no accuser cited")
        if doers and doers[0].actor == speaker.actor:
            if rule.type == "DENY":  # "we were not involved": a denial of one's own part
                return Roles([speaker], None, "", f"speaker {speaker.text!r} denies its own part")
            return Roles([], None, "", "the speaker names itself as the doer")
        if not doers:
            return Roles([speaker], None, "", f"speaker {speaker.text!r}")
        return Roles([speaker], doers[0].actor, f"doer {doers[0].text!r}", f"speaker {speaker.text!r}")
    if rule.frame == "beneficiary":
        return _beneficiary_roles(ctx, hit)
    if rule.frame == "interception":
        return _interception_roles(ctx, hit, speaker)
    if rule.frame == "implied":
        after = first_after(ctx, hit, set(), limit=6)
        target = after.actor if after else None
        return Roles([], target, f"whose people {after.text!r}" if after else "", "implied, none named")
    if rule.frame == "obligation":
        obliged = subject(ctx, hit)
        if speaker is None or not obliged or obliged[0].actor == speaker.actor:
            if rule.type != "THREATEN":
                return Roles([], None, "", "no one cited demands it of another party")
            # "whoever harms them will pay the price", said by no one else: the usual doer and target
        else:
            return Roles(
                [speaker], obliged[0].actor, f"who must act {obliged[0].text!r}", f"speaker {speaker.text!r}"
            )
    passive = (rule.passive and is_passive(ctx, hit)) or (
        ctx.tokens[hit.first].noun != "" and bool(agent_after_by(ctx, hit))
    )
    if passive:
        agents = agent_after_by(ctx, hit)
        between = _between(ctx, hit) if rule.type == "AGREE" and not agents else []
        if between and not _mediating(ctx, hit):
            # "a deal between Israel and Lebanon was signed / has been extended": both sides agreed
            names = ", ".join(m.text for m in between)
            return Roles(
                between, None, "", f"parties named after 'between' ({names}) of a passive", passive=True
            )
        patient = subject(ctx, hit, obliques=True)
        if patient and not agents and rule.type in OWN_FORCES_MOVED:
            return _forces_moved(patient)
        target = patient[0].actor if patient else None
        if target is None:
            after = first_after(ctx, hit, {m.actor for m in agents})
            target = after.actor if after else None
        return Roles(
            agents, target, "patient of passive" if patient else "", "agent after 'by'", passive=True
        )
    between = _between(ctx, hit) if rule.type in ("AGREE", "CONSULT") else []
    if between and _mediating(ctx, hit):
        # "Egypt mediated between Israel and Hamas": the mediator acts, with no single counterpart
        actors = modifier(ctx, hit) or subject(ctx, hit)
        if actors:
            return Roles(actors, None, "", f"mediator {actors[0].text!r} between the parties")
    elif between:
        return Roles(
            between, None, "", f"parties named after 'between' ({', '.join(m.text for m in between)})"
        )
    if is_nominal(ctx, hit):
        actors = modifier(ctx, hit) or agent_after_by(ctx, hit)
        actor_from = f"modifier of the noun {actors[0].text!r}" if actors else ""
        support = _support_verb(ctx, hit) if not actors else None
        if support is not None:
            actors = subject(ctx, support)
            actor_from = f"subject {actors[0].text!r} of {support.text!r}" if actors else ""
    else:
        actors = subject(ctx, hit)
        actor_from = f"subject {actors[0].text!r}" if actors else ""
    if (
        not actors
        and speaker is not None
        and rule.type in SPEECH_LIKE
        and (rule.type in SPOKEN or not is_nominal(ctx, hit))
    ):
        # "'This is the last warning,' Katz said": a spoken act named as a noun is the speaker's;
        # a step named as a noun ("the postponement") may be anyone's
        actors, actor_from = [speaker], f"speaker {speaker.text!r}"
    skip = {m.actor for m in actors}
    after = first_after(ctx, hit, skip, speaker=speaker)
    if after is not None and after.locative and rule.type == "CONSULT" and _with_mediators(ctx, hit):
        after = None  # "talks with mediators in Cairo": the capital hosts, it is not the counterpart
    target = after.actor if after else None
    target_from = f"first actor after trigger {after.text!r}" if after else ""
    named = after
    if rule.type == "SUSPEND" and hit.object in ("AID", "RETURN"):
        # "halted the entry of goods into Gaza", "blocked the return to the south": the people of the place
        place = nearest_place(ctx, hit, right_only=True)
        if place is not None and place.belongs_to and place.belongs_to not in skip:
            target, target_from = place.belongs_to, f"the people of {place.name!r}, deprived of the step"
    if target is None:
        place = nearest_place(ctx, hit, right_only=True)
        if (
            place is not None
            and place.belongs_to
            and place.belongs_to not in skip
            and (
                rule.type in PLACE_TARGETS
                or (
                    rule.type == "CONSULT"
                    and place.belongs_to in ctx.states
                    and not _with_mediators(ctx, hit)
                    and len({m.actor for m in actors}) < 2  # two parties meet each other, not the venue
                )
            )
        ):
            target, target_from = place.belongs_to, f"place {place.name!r}"
    named = named if named is not None and named.actor == target else None
    return Roles(actors, target, target_from, actor_from, target_mention=named)


OWNER_REACH = 4  # tokens after an intercepting verb that may name the weapons' owner ("48 Ukrainian drones")


def _interception_roles(ctx: SentenceContext, hit: TriggerHit, speaker: Mention | None) -> Roles:
    """Weapons intercepted are their sender's attack on the interceptor: "air defences shot down 48
    Ukrainian drones" (active: the owner after the verb), "Hezbollah rockets were intercepted by the
    IDF" (passive: the owner before it, the interceptor after "by"); with no interceptor named, the
    one who reports it."""
    if is_passive(ctx, hit):
        owners = subject(ctx, hit, obliques=True)
        interceptors = agent_after_by(ctx, hit)
    else:
        interceptors = subject(ctx, hit)
        after = [
            m
            for m in ctx.mentions
            if hit.last <= m.first <= hit.last + OWNER_REACH and not m.locative and not _oblique(ctx, m)
        ]
        owners = after
    if not interceptors and speaker is not None:
        interceptors = [speaker]  # "the ministry said air defences shot down …": its own defences
    owners = [m for m in owners if m.actor not in {i.actor for i in interceptors}]
    target = interceptors[0].actor if interceptors else None
    target_from = f"who intercepts them {interceptors[0].text!r}" if interceptors else ""
    actor_from = f"whose weapons are intercepted {owners[0].text!r}" if owners else "sender not named"
    return Roles(owners[:1], target, target_from, actor_from, target_mention=None)


def _beneficiary_roles(ctx: SentenceContext, hit: TriggerHit) -> Roles:
    """The displaced who return are the target; the doer is whoever allows it ("Israel let them return")."""
    actors: list[Mention] = []
    for k in range(hit.first - 1, max(ctx.sentence.first, hit.first - 10) - 1, -1):
        if ctx.starts(k, "permission"):
            allow = TriggerHit(hit.rule, k, k + 1, ctx.tokens[k].text, ctx.tokens[k].start, ctx.tokens[k].end)
            actors = subject(ctx, allow)
            break
    left = subject(ctx, hit, obliques=True)
    target = left[0].actor if left and left[0].actor not in {m.actor for m in actors} else None
    target_from = f"those who return {left[0].text!r}" if target else ""
    if target is None:
        place = nearest_place(ctx, hit, right_only=True)
        if place is not None and place.belongs_to:
            target, target_from = place.belongs_to, f"place {place.name!r}"
    actor_from = f"allowed by {actors[0].text!r}" if actors else "nobody named as letting them return"
    return Roles(actors, target, target_from, actor_from)


SPOKEN = frozenset({"PLEDGE", "DEMAND", "REJECT", "ACCUSE", "DENY", "THREATEN"})
PLACE_TARGETS = frozenset({"ATTACK", "WITHDRAW", "RETURN", "MOBILIZE", "AID"})
SPEECH_LIKE = frozenset(
    {"PLEDGE", "DEMAND", "REJECT", "ACCUSE", "DENY", "THREATEN", "SUSPEND", "CONSULT", "AGREE"}
)


def nearest_place(ctx: SentenceContext, hit: TriggerHit, right_only: bool = False) -> PlaceMention | None:
    """The place nearest the trigger, preferring one after "in", "at", "to" ("talks with Qatar in Doha")."""
    best: tuple[tuple[int, int], PlaceMention] | None = None
    for place in ctx.places:
        if right_only and place.first < hit.last:
            continue
        prepositioned = place.first > ctx.sentence.first and ctx.has(place.first - 1, "locative")
        rank = (0 if prepositioned else 1, abs(place.start - hit.start))
        if best is None or rank < best[0]:
            best = (rank, place)
    return best[1] if best else None


def mode_of(ctx: SentenceContext, hit: TriggerHit) -> tuple[str, str]:
    """(mode, reason) from cue words in the few tokens before the trigger, in its clause."""
    lo, _ = ctx.clause_bounds(hit.first)
    lo = max(lo, hit.first - 5)
    negated = planned = ""
    for k in range(lo, hit.first):
        if ctx.has(k, "negated") and not negated:
            negated = ctx.tokens[k].text
        if ctx.has(k, "planned") and not planned:
            planned = ctx.tokens[k].text
    if not planned and ctx.tokens[hit.first].noun:
        for k in range(hit.last, min(ctx.sentence.last, hit.last + 3)):
            if ctx.has(k, "planned"):
                planned = ctx.tokens[k].text
                break
    if negated:
        return "negated", f"negation cue {negated!r} before the trigger"
    if planned:
        return "planned", f"future cue {planned!r} near the trigger"
    return "occurred", "no mode cue"


QUOTES = frozenset({'"', "”", "“", "'", "’"})


def _possessed(ctx: SentenceContext, k: int) -> bool:
    """Token k is a noun owned by an actor right before it ("Netanyahu's claims", "the Israeli statement")."""
    if k > ctx.sentence.first and ctx.tokens[k - 1].text in ("'s", "’s"):
        return True
    return any(m.last == k and (m.how == "adjective" or m.text.endswith(("'s", "’s"))) for m in ctx.mentions)


def _reduced_relative(ctx: SentenceContext, k: int, length: int) -> bool:
    """The cue at k is a participle after a noun with its agent ("the truce announced by Trump"): it
    tells who made that thing, not who is cited for the sentence (as "was/as announced by" do)."""
    after = k + length
    if after >= ctx.sentence.last or not ctx.has(after, "agent") or k <= ctx.sentence.first:
        return False
    before = ctx.tokens[k - 1]
    # right after a word ("the truce announced by"), not after a comma ("The assault, described by …")
    return before.text[:1].isalnum() and not ctx.has(k - 1, "passive") and before.lower != "as"


def speaker_of(ctx: SentenceContext, hit: TriggerHit) -> Mention | None:
    """The actor cited for the sentence: next to the attribution cue nearest to the trigger."""
    cues = sorted(ctx.where.get("attribution", ()), key=lambda k: abs(k - hit.first))
    for k in cues:
        if _possessed(ctx, k):
            continue  # "Netanyahu's claims", "Israeli statement": a noun, not a verb of saying
        length = ctx.starts(k, "attribution")
        if _reduced_relative(ctx, k, length):
            continue
        # "… between Israel and Lebanon, the statement said": a party named inside a phrase is not cited
        # and one named inside a quote is not who is quoted ('"… Lebanon," the statement added')
        before = [
            m
            for m in ctx.mentions
            if k - 6 <= m.last <= k
            and not m.locative
            and not _oblique(ctx, m)
            and not any(ctx.tokens[j].text in QUOTES for j in range(m.last, k))
        ]
        if before:
            return before[-1]
        after = [m for m in ctx.mentions if k + length <= m.first <= k + length + 4 and not m.locative]
        if after:
            return after[0]
    return None
