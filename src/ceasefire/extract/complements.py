"""Which trigger is the step a speech act is about ("threatened to resume strikes" is one THREATEN,
object ATTACK, and no ATTACK of its own), hypotheticals inside conditions, and the several counts of
one accusation."""

from __future__ import annotations

from ceasefire.extract.event import SPEECH_TYPES
from ceasefire.extract.roles import SentenceContext, is_nominal
from ceasefire.extract.triggers import TriggerHit

TAKES_COMPLEMENT = SPEECH_TYPES | {"CONSULT", "AGREE"}
# the kinds of step an accusation can list as separate counts ("shelling, blocked aid and …")
ACCUSATION_COUNTS = frozenset({"ATTACK", "SUSPEND", "AID", "RETURN", "RELEASE", "WITHDRAW"})
COMPLEMENT_REACH = 14  # tokens after a speech act in which the step it is about is sought
# a participle right after one of these qualifies a noun ("the signed agreement", "the renewed fighting"):
# it names no act of the day
ATTRIBUTIVE_BEFORE = frozenset(
    {"the", "a", "an", "its", "their", "this", "that", "these", "those", "his", "her"}
)


# steps whose past participle before a noun only describes it: "the freed prisoners were taken by bus", "the
# returned hostages", "the released detainees" (the handover is told where it happens)
PARTICIPLE_STEPS = frozenset({"RELEASE", "RETURN", "WITHDRAW", "AID"})


# a commitment named as a noun is a pledge only when someone states it ("reaffirmed its commitment")
PLEDGE_NOUNS = frozenset({"commitment", "commitments", "willingness", "readiness", "pledge", "pledges"})
STATING = frozenset(
    {
        "affirm", "reaffirm", "reiterate", "emphasize", "emphasise", "express", "confirm", "stress",
        "announce", "declare", "voice", "renew", "underline", "underscore", "insist", "state", "say",
        "signal",
    }
)  # fmt: skip


def _unstated_pledge(ctx: SentenceContext, hit: TriggerHit) -> bool:
    if hit.last - hit.first != 1 or ctx.tokens[hit.first].lower not in PLEDGE_NOUNS:
        return False
    lo = max(ctx.sentence.first, hit.first - 4)
    return not any(
        ctx.tokens[k].verb in STATING or ctx.tokens[k].lower in STATING for k in range(lo, hit.first)
    )


def _verb_use(ctx: SentenceContext, hit: TriggerHit) -> bool:
    """A noun-only trigger right after a name that is no modifier ("Israel claims", not "Israeli claims")."""
    return any(
        m.last == hit.first and m.how != "adjective" and not m.text.endswith(("'s", "’s"))
        for m in ctx.mentions
    )


def _attributive(ctx: SentenceContext, hit: TriggerHit) -> bool:
    token = ctx.tokens[hit.first]
    if hit.last - hit.first != 1 or not token.lower.endswith(("ed", "en")):
        return False
    if hit.rule.pos != "verb" and not token.lower.endswith("ed"):
        return False
    k = hit.first - 1
    return k >= ctx.sentence.first and ctx.tokens[k].lower in ATTRIBUTIVE_BEFORE


DEAL_NOUNS = frozenset(
    {"ceasefire", "cease-fire", "truce", "deal", "agreement", "accord", "pact", "armistice"}
)


def _deal_brokered_by(ctx: SentenceContext, hit: TriggerHit) -> bool:
    """ "The truce, negotiated by the US and France, …", "a deal mediated by Qatar": a participle after the
    deal's noun names who brokered it once, not talks of the day."""
    k, after = hit.first - 1, hit.last
    if not ctx.tokens[hit.first].lower.endswith("ed") or after >= ctx.sentence.last:
        return False
    if k > ctx.sentence.first and ctx.tokens[k].text == ",":
        k -= 1
    return k >= ctx.sentence.first and ctx.tokens[k].lower in DEAL_NOUNS and ctx.tokens[after].lower == "by"


# speech acts that, with a subject of their own, are no complement of the act before them
OWN_ACTS = frozenset({"DEMAND", "PLEDGE", "REJECT", "THREATEN", "DENY"})


def _own_subject(ctx: SentenceContext, hit: TriggerHit, other: TriggerHit) -> bool:
    """An actor named between two speech acts, right before the second, is that act's own subject."""
    return any(hit.last <= m.first and m.last <= other.first <= m.last + 2 for m in ctx.mentions)


def link_complements(ctx: SentenceContext, hits: list[TriggerHit]) -> None:
    """A speech act's complement names its object and gives no event of its own ("threatened to
    resume strikes" is one THREATEN, object ATTACK); hypotheticals after "if"/"unless" are dropped."""
    conditional = ctx.first_of("conditional")
    condition_end = ctx.sentence.last
    if conditional is not None and conditional - ctx.sentence.first <= 2:
        # "If Hamas breaks the deal, we will strike": the condition ends at its comma
        comma = next((k for k in range(conditional, ctx.sentence.last) if ctx.tokens[k].text == ","), None)
        condition_end = comma if comma is not None else ctx.sentence.last
    for n, hit in enumerate(hits):
        if hit.rule.frame == "complement":
            hit.suppressed = hit.suppressed or "names the step of a speech act only"
        elif hit.rule.pos == "noun" and hit.rule.type in SPEECH_TYPES and _verb_use(ctx, hit):
            hit.suppressed = hit.suppressed or f"a verb after a name ('X {hit.text} …'), not the noun"
            continue
        elif hit.rule.type == "PLEDGE" and _unstated_pledge(ctx, hit):
            hit.suppressed = (
                hit.suppressed or f"'{hit.text}' named, not stated ('concerns over his {hit.text}')"
            )
            continue
        elif hit.rule.type == "CONSULT" and _deal_brokered_by(ctx, hit):
            hit.suppressed = hit.suppressed or f"how the deal came about ('the truce, {hit.text} by …')"
            continue
        elif (hit.rule.type in TAKES_COMPLEMENT or hit.rule.type in PARTICIPLE_STEPS) and _attributive(
            ctx, hit
        ):
            hit.suppressed = hit.suppressed or f"a participle qualifying a noun ('the {hit.text} …')"
            continue
        if (
            conditional is not None
            and conditional < hit.first < condition_end
            and hit.rule.type not in SPEECH_TYPES
        ):
            hit.suppressed = hit.suppressed or "inside a condition ('if'/'unless')"
        if hit.rule.type not in TAKES_COMPLEMENT or hit.rule.frame in ("complement", "agentless"):
            continue
        accusing = hit.rule.type == "ACCUSE" or hit.rule.frame == "accusation"
        _, clause_end = ctx.clause_bounds(hit.last)
        reach = min(clause_end, hit.last + COMPLEMENT_REACH)
        if accusing:
            # an accusation lists its counts up to the next cited voice ("…, stressing that …")
            said = [k for k in ctx.where.get("attribution", ()) if k > hit.last]
            reach = min(said) if said else ctx.sentence.last
        for other in hits[n + 1 :]:
            if other.first >= reach or any(ctx.tokens[k].text == ";" for k in range(hit.last, other.first)):
                break
            if other.object_from.startswith("named in"):
                continue  # already one of an accusation's counts
            kind = other.rule.type
            if kind in OWN_ACTS and _own_subject(ctx, hit, other):
                break  # "Israel pushing for an extension and Hamas demanding talks": a second act
            if kind in OWN_ACTS and ctx.tokens[other.first - 1].text == "," and is_nominal(ctx, hit):
                break  # "the minister, who opened the talks, urged both sides …": the subject's own act
            if kind == "CONSULT" == hit.rule.type and _own_subject(ctx, hit, other):
                break  # "after the meeting, Israel sent a team to Doha": a second round of talks
            if kind == "DENY" and hit.rule.type == "ACCUSE":
                break  # "Israel's claims were unfounded, Hamas said": the denial is Hamas's own act
            if kind == "ACCUSE" or other.rule.frame == "accusation":
                if hit.rule.type not in ("ACCUSE", "DENY"):
                    break  # "a warning … against violations": not the step the warning is about
                kind = other.rule.object or "AGREE"
            if kind == "CONSULT" and ctx.starts(other.first, "proposal"):
                kind = "AGREE"  # a proposal is about the deal
            if accusing and kind == "SUSPEND" and other.object not in (None, "AGREE"):
                kind = other.object  # "blocking the return" is an accusation about the return
            if hit.objects and kind not in ACCUSATION_COUNTS:
                break  # not a violation: an event of its own
            if hit.object is None:
                hit.complement_at = other.start
            hit.object = hit.object or kind
            hit.object_from = hit.object_from or f"complement {other.text!r} ({other.rule.id})"
            other.suppressed = other.suppressed or f"the step '{hit.text}' is about"
            if not accusing:
                break
            # one accusation per violation it names (ANNOTATION: "one ACCUSE per named violation")
            other.object_from = f"named in {hit.text!r}"
            if kind not in hit.objects:
                hit.objects.append(kind)


# a step a party says it could take if another does not comply is a threat to take it
THREAT_MODALS = frozenset({"could", "would", "will", "might", "may", "'ll"})
CONDITIONS = frozenset({"if", "unless"})


def threatened_step(ctx: SentenceContext, hit: TriggerHit) -> bool:
    """ "X could cut off aid unless Y agrees", "if Y refuses, X will suspend the deal": a step held over
    another party under a condition is a THREATEN about that step (ANNOTATION: "threatened to delay" is
    THREATEN, object SUSPEND), not the step itself."""
    lo = max(ctx.clause_bounds(hit.first)[0], hit.first - 4)
    if not any(ctx.tokens[k].lower in THREAT_MODALS for k in range(lo, hit.first)):
        return False
    for k in ctx.where.get("conditional", ()):
        if ctx.tokens[k].lower not in CONDITIONS:
            continue
        if k >= hit.last or (k - ctx.sentence.first <= 2 and k < hit.first):
            return True
    return False


# steps a proposal or an offer may hold out to the other side
OFFERED_STEPS = frozenset({"RELEASE", "WITHDRAW", "AID", "RETURN"})
OFFER_REACH = 6  # tokens from the proposal word to the step


def offered_step(ctx: SentenceContext, hit: TriggerHit) -> int | None:
    """ "an offer to release five hostages", "the plan would see 10 hostages freed": a step a proposal
    holds out is no event of its own (the proposal is the news). The token of the proposal word, or None
    when a party is named between it and the step ("under the plan, Hamas freed …")."""
    if hit.rule.type not in OFFERED_STEPS:
        return None
    lo = max(ctx.clause_bounds(hit.first)[0], hit.first - OFFER_REACH)
    k = ctx.first_of("proposal", lo, hit.first)
    if k is None:
        return None
    word = ctx.tokens[k].lower
    if word.endswith("ed") and all(t.lower != "to" for t in ctx.tokens[k + 1 : hit.first]):
        return None  # "a planned release", "the proposed withdrawal": the step itself, only qualified
    if any(k < m.first < hit.first for m in ctx.mentions):
        return None
    return k


# steps an ultimatum demands by a deadline
ULTIMATUM_STEPS = frozenset({"RELEASE", "WITHDRAW", "AID", "RETURN"})
ULTIMATUM_WORDS = frozenset({"ultimatum", "deadline"})


def ultimatum_step(ctx: SentenceContext, hits: list[TriggerHit], deadlines: list[int]) -> str | None:
    """ "they must free them all by Saturday noon, or …", "an ultimatum: if they are not returned by
    Saturday, …": a step owed ("must") or held under the condition of a named ultimatum, with a deadline
    after it; the threat in the same sentence then also demands that step (ANNOTATION).
    ``deadlines``: where deadline-cued days begin."""
    named = any(t.lower in ULTIMATUM_WORDS for t in ctx.tokens[ctx.sentence.first : ctx.sentence.last])
    for hit in hits:
        if hit.rule.type not in ULTIMATUM_STEPS or hit.rule.frame == "complement":
            continue
        # a plain "threatened to strike if they are not freed by Saturday" stays one THREATEN (SPEC §5)
        held = hit.suppressed == "the step 'must' is about" or (
            named and hit.suppressed.startswith("inside a condition")
        )
        if held and any(start >= hit.end for start in deadlines):
            return hit.rule.type
    return None


PROPOSAL_REACH = 6  # tokens from a proposal's name to the verb of what it asks


def proposal_terms(ctx: SentenceContext, hit: TriggerHit) -> int | None:
    """ "the Egyptian plan calls for Hamas to free five hostages a week", "the initiative demands …": what a
    proposal asks is its content (the proposal itself is the news), not a party's demand. The token of the
    proposal word, or None."""
    if hit.rule.type != "DEMAND":
        return None
    lo = max(ctx.clause_bounds(hit.first)[0], hit.first - PROPOSAL_REACH)
    k = ctx.first_of("proposal", lo, hit.first)
    if k is None or ctx.tokens[k].lower.endswith(("ed", "ing")):
        return None  # "proposed", "planning": verbs, not the proposal named as the subject
    if any(k < m.first < hit.first for m in ctx.mentions):
        return None
    return k


CONTENT_REACH = 4  # tokens after a proposal's noun in which the verb telling its content stands


def proposal_content(ctx: SentenceContext, hit: TriggerHit) -> int | None:
    """ "The plan also includes a timeline for the withdrawal, in exchange for the hostages' release": the
    steps named after "the plan includes / the proposal outlines" are its content, not events. The proposal's
    token, or None."""
    k = ctx.first_of("proposal", ctx.sentence.first, hit.first)
    if k is None or ctx.tokens[k].lower.endswith(("ed", "ing")):
        return None
    told = ctx.first_of("description", k + 1, min(hit.first, k + 1 + CONTENT_REACH))
    return k if told is not None else None
