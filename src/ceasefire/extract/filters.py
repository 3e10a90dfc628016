"""Helpers that tell news from what is not: markup left in a report, years of past wars, deadline
days named by a speech act; the two main parties standing in for "both sides"; who holds the people
a release frees."""

from __future__ import annotations

import datetime as dt
import re

from ceasefire.extract.mentions import Mention
from ceasefire.extract.roles import SentenceContext
from ceasefire.extract.tokens import Token
from ceasefire.extract.triggers import TriggerHit

HISTORY_REACH = 10  # tokens around a trigger in which a history cue ("during the war") makes it background


MARKUP = re.compile(r"<[^<>]{0,400}>")
OLD_YEAR = re.compile(r"^(19|20)\d\d$")


def link_line_pattern(leads: list[str]) -> re.Pattern[str] | None:
    """Lines that link to another story ("READ MORE: …"): one of ``leads`` (the lexicon's
    ``link-line`` cue words, any case, white space between words free) and a colon start the line."""
    if not leads:
        return None
    alternatives = "|".join(r"[ \t]+".join(re.escape(w) for w in lead.split()) for lead in leads)
    return re.compile(rf"(?im)^[ \t]*(?:{alternatives})[ \t]*:[^\n]*")


def inside_markup(text: str, tokens: list[Token], link_line: re.Pattern[str] | None = None) -> set[int]:
    """Tokens inside HTML tags left in a report (`target="_blank"` is no attack) or on a line that
    links to another story (``link_line_pattern``)."""
    spans = [(m.start(), m.end()) for m in MARKUP.finditer(text)] if "<" in text else []
    if link_line is not None and ":" in text:
        spans += [(m.start(), m.end()) for m in link_line.finditer(text)]
    if not spans:
        return set()
    return {t.i for t in tokens if any(s <= t.start < e for s, e in spans)}


def names_past_year(ctx: SentenceContext, hit: TriggerHit, base: dt.date) -> str | None:
    """A year before the report's ("in 2023", "a 2024 airstrike") near an undated event: history."""
    lo, hi = (
        max(ctx.sentence.first, hit.first - HISTORY_REACH),
        min(ctx.sentence.last, hit.last + HISTORY_REACH),
    )
    for token in ctx.tokens[lo:hi]:
        # the prefix test first: the pattern is a call per token, and most tokens are words
        if token.text.startswith(("19", "20")) and OLD_YEAR.match(token.text) and int(token.text) < base.year:
            return token.text
    return None


def after_deadline_cue(ctx: SentenceContext, start: int) -> bool:
    for k in range(ctx.sentence.first, ctx.sentence.last):
        if ctx.tokens[k].start >= start:
            # the mention may itself begin with the cue ("by Saturday")
            return any(ctx.has(j, "deadline") for j in range(max(ctx.sentence.first, k - 5), k + 1))
    return False


def expand_both(mentions: list[Mention], sides: list[str]) -> list[Mention]:
    """ "Both sides", "each other": one mention per main party of the report, at the same place."""
    out: list[Mention] = []
    for m in mentions:
        if m.how != "anaphora:both":
            out.append(m)
            continue
        for side in sides:
            out.append(Mention(m.start, m.end, m.text, side, "anaphora:both sides", m.first, m.last))
    return out


# "killed since the truce", "since Israel resumed its strikes, 700 have died": a running toll of deaths
TOLL_WORDS = frozenset({"since"})


def running_toll(ctx: SentenceContext) -> bool:
    """A count of the killed told as a total since some point (ANNOTATION: tolls of deaths since the
    truce are ATTACK with date null unless a day is given for the deaths themselves)."""
    return any(t.lower in TOLL_WORDS for t in ctx.tokens[ctx.sentence.first : ctx.sentence.last])


# "has so far released 18 hostages", "the hostages freed to date": a running total, not a handover
TOTAL_PHRASES = frozenset({("so", "far"), ("to", "date"), ("thus", "far"), ("in", "total")})
TOTAL_REACH = 2  # tokens between the trigger and the phrase


def running_total(ctx: SentenceContext, hit: TriggerHit) -> str | None:
    """The phrase that makes a count of people freed a running total (ANNOTATION: not an event)."""
    lo = max(ctx.sentence.first, hit.first - TOTAL_REACH - 2)
    hi = min(ctx.sentence.last - 1, hit.last + TOTAL_REACH + 1)
    for k in range(lo, hi):
        pair = (ctx.tokens[k].lower, ctx.tokens[k + 1].lower)
        if pair in TOTAL_PHRASES:
            return f"{pair[0]} {pair[1]}"
    return None


# "killed in Israeli strikes", "destroyed during the Israeli offensive": a party named as the
# modifier of the means of an attack is its doer, not its target
FORCE_NOUNS = frozenset(
    {"strike", "airstrike", "air", "bombing", "bombardment", "shelling", "fire", "gunfire", "offensive",
     "raid", "drone", "jet", "warplane", "tank", "artillery", "army", "military", "force", "troop",
     "missile", "operation", "attack", "assault", "incursion"}
)  # fmt: skip
FORCE_REACH = 12  # tokens after the trigger
FORCE_LEADS = frozenset({"in", "by", "during", "from", "amid", "under", "after", "the", "a", "an"})


def force_of(ctx: SentenceContext, hit: TriggerHit) -> Mention | None:
    """The party whose forces or weapons the words after an attack trigger name ("in Israeli strikes")."""
    _, hi = ctx.clause_bounds(hit.last)
    for m in ctx.mentions:
        if hit.last < m.first < min(hi, hit.last + FORCE_REACH) and m.last < ctx.sentence.last:
            following, before = ctx.tokens[m.last], ctx.tokens[m.first - 1].lower
            # "in Israeli strikes", "during the Israeli offensive"; not "hit Hezbollah military sites"
            if (following.noun or following.lower) in FORCE_NOUNS and before in FORCE_LEADS:
                return m
    return None


# "the deal that took effect on Nov. 27", "the Jan. 19 ceasefire": the day a deal began is its day,
# not the day of a step it provides for
DEAL_BEGAN = re.compile(
    r"\b(?:took effect|went into effect|came into (?:effect|force)|entered into force|began|started)"
    r"\s+(?:on\s+|in\s+)?$"
)
DEAL_AFTER = re.compile(r"\s*(?:[’']s\s+)?(?:ceasefire|cease-fire|truce|deal|agreement)\b", re.I)


def deal_day(text: str, span: tuple[int, int]) -> bool:
    """Whether the date mention at ``span`` names the day a deal began rather than a step's day."""
    before = text[max(0, span[0] - 40) : span[0]].lower()
    return bool(DEAL_BEGAN.search(before) or DEAL_AFTER.match(text, span[1], span[1] + 20))


HOSTAGE_WORDS = frozenset({"hostage", "captive", "abductee", "body", "remains", "coffin", "casket"})
PRISONER_WORDS = frozenset({"prisoner", "detainee", "inmate"})


def people_noun(ctx: SentenceContext, hit: TriggerHit) -> str | None:
    """Whether the people released near the trigger are hostages (held by groups) or prisoners (by states)."""
    lo, hi = max(ctx.sentence.first, hit.first - 8), min(ctx.sentence.last, hit.last + 8)
    for token in sorted(ctx.tokens[lo:hi], key=lambda t: abs(t.i - hit.first)):
        if token.noun in HOSTAGE_WORDS or token.lower in HOSTAGE_WORDS:
            return "hostage"
        if token.noun in PRISONER_WORDS or token.lower in PRISONER_WORDS:
            return "prisoner"
    return None


# words after which a bare verb opening a sentence is an order: "Release the hostages now", "Free them all"
ORDER_OBJECTS = frozenset(
    {"the", "all", "them", "him", "her", "us", "our", "your", "their", "every", "those", "these"}
)


def imperative(ctx: SentenceContext, hit: TriggerHit) -> bool:
    """A step ordered, not done: its verb opens the sentence in its bare form, an object right after it
    ("Release the hostages now, or …", "Return the hostages and …")."""
    first = ctx.sentence.first
    while first < ctx.sentence.last and not ctx.tokens[first].text[:1].isalnum():
        first += 1  # an opening quote or dash
    if hit.first != first or hit.last >= ctx.sentence.last:
        return False
    word = ctx.tokens[first]
    return word.lower == word.verb and ctx.tokens[hit.last].lower in ORDER_OBJECTS


DURING_REACH = 4  # tokens between "during" and the attack it names


def during_attack(ctx: SentenceContext, hit: TriggerHit) -> bool:
    """ "kidnapped during the Hamas incursion", "killed during Israeli airstrikes": an attack named as the
    time of something else is background, not a strike of the report's news."""
    lo = max(ctx.sentence.first, hit.first - DURING_REACH)
    return any(ctx.tokens[k].lower == "during" for k in range(lo, hit.first))


def capitalised_name(ctx: SentenceContext, hit: TriggerHit) -> bool:
    """A one-word trigger capitalised inside a sentence of lower-case prose is part of a name ("director Ron
    Bar", "Operation Strike"), not the word; headlines in title case keep their triggers."""
    word = ctx.tokens[hit.first]
    if hit.last - hit.first != 1 or not word.text[:1].isupper() or word.text.isupper():
        return False
    k = hit.first - 1
    if k < ctx.sentence.first or not ctx.tokens[k].text[:1].isalnum():
        return False  # the sentence's or a quote's first word
    words = [t.text for t in ctx.tokens[ctx.sentence.first : ctx.sentence.last] if t.text[:1].isalpha()]
    return sum(w[:1].isupper() for w in words) * 2 < len(words)
