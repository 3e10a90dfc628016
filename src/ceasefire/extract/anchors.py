"""Which date and which number of a sentence belong to an event.

The date and number readers (``dates.py``, ``numbers.py``) find every mention; this module picks,
for one trigger, the nearest date mention (resolved with the event's tense) and the nearest count
whose unit fits the event type (SPEC §3: RELEASE hostage/prisoner/body, AID truck, ATTACK killed,
RETURN person).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from ceasefire.extract.dates import DateMention, resolve_date
from ceasefire.extract.event import Quantity
from ceasefire.extract.numbers import QuantityMention, parse_number, release_unit, unit_of
from ceasefire.extract.triggers import TriggerHit
from ceasefire.extract.unit_lexicon import load_unit_lexicon

if TYPE_CHECKING:
    from ceasefire.extract.roles import SentenceContext

UNITS_FOR: dict[str, frozenset[str]] = {
    "RELEASE": frozenset({"hostage", "prisoner", "body"}),
    "AID": frozenset({"truck"}),
    "ATTACK": frozenset({"killed"}),
    "RETURN": frozenset({"person"}),
}
# "said on Wednesday": a day this close after a speech verb (characters) is the day it was said
SAID_REACH = 16


def _distance(span: tuple[int, int], hit: TriggerHit) -> int:
    if span[1] <= hit.start:
        return hit.start - span[1]
    if span[0] >= hit.end:
        return span[0] - hit.end
    return 0


def choose_date(
    hit: TriggerHit,
    mentions: list[DateMention],
    base: dt.date | None,
    tense: Literal["past", "future"],
    clause: tuple[int, int],
    speech: bool,
) -> tuple[str | None, str]:
    """(ISO date, reason). A speech act is dated on the day it was made: a day named before it or
    right after it ("said Wednesday"), not a day it speaks of. Any other event takes the nearest day
    in its clause. Failing that, the report's day."""
    if base is None:
        return None, "no report date to resolve against"
    candidates = [m for m in mentions if clause[0] <= m.span[0] and m.span[1] <= clause[1]]
    if speech:
        # "said Wednesday": a day right after a speech verb is its day even across a clause limit
        candidates += [m for m in mentions if 0 <= m.span[0] - hit.end <= SAID_REACH and m not in candidates]
    for mention in sorted(candidates, key=lambda m: _distance(m.span, hit)):
        resolved = resolve_date(mention, base, tense)
        if resolved is not None:
            return resolved.date.isoformat(), f"{mention.text!r} read as {tense} ({resolved.rule})"
    return base.isoformat(), "no day for it in the sentence: the report's day"


KILL_WORDS = frozenset(
    {"kill", "killed", "killing", "dead", "death", "deaths", "die", "died", "slay", "slain", "massacred"}
)


def _unit_for(kind: str, mention: QuantityMention, ctx: SentenceContext) -> str | None:
    """The SPEC unit a count takes in an event of ``kind``, or None if it does not fit."""
    if mention.value is None or mention.vague or mention.part:
        return None
    if kind == "RELEASE":
        return release_unit(mention)  # "90 Palestinians" -> prisoner, "four Israeli soldiers" -> hostage
    if kind == "ATTACK" and mention.unit == "person":
        words = {t.lower for t in ctx.tokens[ctx.sentence.first : ctx.sentence.last]}
        return "killed" if words & KILL_WORDS else None
    return mention.unit if mention.unit in UNITS_FOR.get(kind, ()) else None


def choose_quantity(
    kind: str, hit: TriggerHit, mentions: list[QuantityMention], ctx: SentenceContext
) -> tuple[Quantity | None, str]:
    """The nearest count in the sentence whose unit fits the event type."""
    if kind not in UNITS_FOR:
        return None, ""
    fitting = [(m, unit) for m in mentions if (unit := _unit_for(kind, m, ctx))]
    if not fitting:
        return None, ""
    best, unit = min(fitting, key=lambda pair: _distance(pair[0].span, hit))
    assert best.value is not None
    quantity = Quantity(best.value, unit, best.approx, best.low, best.high, best.rate)
    return quantity, f"{ctx.text[best.span[0] : best.span[1]]!r} {best.noun or ''}".strip()


def subject_count(ctx: SentenceContext, hit: TriggerHit) -> tuple[Quantity, bool] | None:
    """A bare count standing as the subject of a release verb of the sentence, its unit the captives
    the sentence names ("… how many hostages would go free on Saturday, when three are scheduled to be
    released"), and whether it adds to people told before ("four more were freed"). None without such a
    count or noun."""
    lx = load_unit_lexicon()[0]
    first, last = ctx.sentence.first, ctx.sentence.last
    verbs = {w for w in hit.rule.words if " " not in w}
    heads = [hit.first] + [t.i for t in ctx.tokens[first:last] if t.i != hit.first and t.verb in verbs]
    for head in sorted(heads, key=lambda i: abs(i - hit.first)):
        found = _bare_count_before(ctx, head, lx.subject_bridge, lx.added_modifiers)
        if found is None:
            continue
        value, added = found
        nearest = sorted(ctx.tokens[first:last], key=lambda t: abs(t.i - head))
        units = (unit_of(t.text) for t in nearest if t.text[:1].isalpha())
        unit = next((u for u in units if u in UNITS_FOR["RELEASE"]), None)
        return (Quantity(value, unit), added) if unit is not None else None
    return None


def _bare_count_before(
    ctx: SentenceContext, head: int, bridge: set[str], adding: set[str]
) -> tuple[int, bool] | None:
    """(value, adds to people told before) of a bare number right before token ``head`` across
    ``bridge`` words ("three are scheduled to be …", "four more were …"), or None."""
    first = ctx.sentence.first
    k, added = head - 1, False
    while k >= first and ctx.tokens[k].lower in bridge:
        added = added or ctx.tokens[k].lower in adding
        k -= 1
    if k < first or k == head - 1:
        return None
    word = ctx.tokens[k]
    value = parse_number(word.lower)
    if value is None or value == 0 or (word.text.isdigit() and len(word.text) == 4):
        return None  # not a count, or a year
    if k > first and ctx.tokens[k - 1].lower == "of":
        return None  # "two of three were freed": a share
    if (
        k - 1 > first
        and ctx.tokens[k - 1].lower in ("the", "those", "these")
        and ctx.tokens[k - 2].lower == "of"
    ):
        return None  # "two of the three were freed"
    return value, added


# how far after a number the people's nationality may stand ("five Thai nationals", "three Israelis")
GROUP_REACH = 24


def people_of(q: QuantityMention, ctx: SentenceContext) -> str | None:
    """Whose people a count counts, when its noun phrase names them ("90 Palestinian prisoners",
    "five Thai nationals", "three Israelis")."""
    words = {w.lower() for w in [*q.modifiers, q.noun or ""]}
    near = (m for m in ctx.mentions if 0 <= m.start - q.span[1] <= GROUP_REACH)
    return next((m.actor for m in near if m.text.lower() in words), None)


def counts_by_people(
    kind: str, mentions: list[QuantityMention], ctx: SentenceContext
) -> list[tuple[str, Quantity]]:
    """A release counted by whose people they are ("three Israeli and five Thai hostages", "eight
    hostages: five Thai nationals and three Israelis"): (the state or people, its count) for each
    group when two or more groups are named, else nothing (ANNOTATION: one event per target)."""
    if kind != "RELEASE":
        return []
    parts: dict[str, Quantity] = {}
    for q in mentions:
        unit = _unit_for(kind, q, ctx)
        if unit is None or q.value is None:
            continue
        owner = people_of(q, ctx)
        if owner is not None and owner not in parts:
            parts[owner] = Quantity(q.value, unit, q.approx)
    units = {q.unit for q in parts.values()}
    # hostages of two states, not an exchange of hostages for prisoners
    return list(parts.items()) if len(parts) > 1 and len(units) == 1 else []


# "more than 60 killed" in the lede, "the bodies of 61 people" below it: the exact figure refines the
# rounded one when it is at least the rounded number and this close above it
REFINE_MARGIN = 0.1


def count_nearby(
    kind: str,
    units: frozenset[str],
    mentions: list[QuantityMention],
    ctx: SentenceContext,
    have: Quantity | None,
) -> Quantity | None:
    """A count for an event from a neighbouring sentence that tells no event of its kind ("Israel struck
    Gaza overnight. Health officials said 200 people died."): the first count of a unit in ``units``
    when the event has none, or an exact figure that refines its rounded one ("more than 60")."""
    for m in mentions:
        unit = _unit_for(kind, m, ctx)
        if unit is None or unit not in units or m.value is None:
            continue
        if ctx.text[m.span[0] : m.span[1]].lower() in ("a", "an"):
            continue  # "the body of a woman" next door counts nothing of this step
        if have is None:
            # "the three other bodies" next door: the one this event's sentence tells of, and three more
            return Quantity(m.value + (1 if m.besides else 0), unit, m.approx, m.low, m.high, m.rate)
        if refines(have, Quantity(m.value, unit, m.approx)):
            return Quantity(m.value, unit)
    return None


def refines(have: Quantity, new: Quantity) -> bool:
    """An exact figure of the same unit at or just above a rounded one ("more than 60" -> 61)."""
    return (
        have.approx
        and not new.approx
        and have.unit == new.unit
        and have.value <= new.value <= have.value * (1 + REFINE_MARGIN)
    )
