"""Find counted quantities in news text ("369 Palestinian prisoners", "killing at least 29") and parse
number expressions ("1,900", "thirty-three", "a dozen", "2.5 million").

Vocabulary lives in ``lexicon/units.yaml`` (see ``unit_lexicon``). Candidate positions come from
one digit scan and one Aho-Corasick pass (cached per text, so per-sentence calls are cheap); at
each one an anchored expression reads the number, then small checks look at the words around it:
approximation cues before it, the modifiers and counted noun after it, killed cues on either side,
a rate ("a day") and the exclusions (dates, times, ages, years, labels like "Resolution 1701",
money, percentages, compound adjectives like "42-day").

Units follow SPEC §3: hostage, prisoner, body, truck, person, killed. ``person`` is the generic
unit for people nouns ("Palestinians", "civilians", "Thai nationals"); the extractor re-reads it
by event type. Some wire copy calls hostages "Israeli detainees": the words between the number and
the noun are kept in ``modifiers`` so the extractor can decide; ``release_unit`` does it for RELEASE.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from lemminflect import getLemma
from text_to_num import text2num

from ceasefire.extract.date_lexicon import is_month_name
from ceasefire.extract.lookback import match_back, words_before
from ceasefire.extract.unit_lexicon import UNITS, UnitLexicon, UnitPatterns, load_unit_lexicon

__all__ = ["UNITS", "QuantityMention", "find_quantities", "parse_number", "release_unit"]

_DIGIT_RE = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s+([a-z]+))?")
_DIGIT_RUN = re.compile(r"\d[\d,.]*")
_LEADS = ("between ", "half a ", "a ", "an ", "tens of ", "hundreds of ")
_AMONG = re.compile(r"\bamong\s+(?:the\s+)?$", re.I)  # "was among the 33 hostages": a set one belongs to
# "one hostage for every 30 prisoners", "one female soldier for 50 prisoners": a ratio, not a count
_RATIO = re.compile(r"\s+(?:\w+\s+)?for\s+(?:(?:every|each)\b|([\w,-]+))", re.I)
_ONE_FOR = re.compile(r"\b(?:one|an?|each)\s+(?:[\w'’-]+\s+){0,3}for\s+$", re.I)  # "… for 50 prisoners"
# "two hostages still held in Gaza": people not freed, counted beside those who are
_STILL_HELD = re.compile(r",?\s+(?:who\s+(?:are|were)\s+)?(?:still|remain(?:ing)?\s+in)\b", re.I)
_WORD_RE = re.compile(r"[ \t]+(?:\n[ \t]*)?([A-Za-z][A-Za-z'’-]*)")
_WORD_COMMA_RE = re.compile(r",?[ \t]+(?:\n[ \t]*)?([A-Za-z][A-Za-z'’-]*)")


@dataclass(slots=True)
class QuantityMention:
    span: tuple[int, int]
    value: int | None  # None for vague amounts ("hundreds of") and unparsable numbers
    unit: str | None  # SPEC unit or None when the noun maps to none
    noun: str | None  # the counted noun as written
    approx: bool = False  # "about 600", "more than 600", "nearly 2,000" (value is still the number)
    low: int | None = None
    high: int | None = None  # ranges "three to four", "between 90 and 100", "90-100"
    rate: str | None = None  # normalised period of "per day"/"a day"/"daily"/"each week": day, week, ...
    vague: bool = False
    modifiers: list[str] = field(default_factory=list)  # words between the number and the noun
    # a share of a larger group or a ratio, not how many an event concerns: "three of the six hostages",
    # "among the 33 hostages", "one hostage for every 30 prisoners"
    part: bool = False
    more: bool = False  # "another two", "a further three": added to a count told before
    besides: bool = False  # "three other bodies": besides one told before

    # __init__ written out: compiled, a generated one would run interpreted (see compiled.py)
    def __init__(
        self,
        span: tuple[int, int],
        value: int | None,
        unit: str | None,
        noun: str | None,
        approx: bool = False,
        low: int | None = None,
        high: int | None = None,
        rate: str | None = None,
        vague: bool = False,
        modifiers: list[str] | None = None,
        part: bool = False,
        more: bool = False,
        besides: bool = False,
    ) -> None:
        self.span = span
        self.value = value
        self.unit = unit
        self.noun = noun
        self.approx = approx
        self.low = low
        self.high = high
        self.rate = rate
        self.vague = vague
        self.modifiers = [] if modifiers is None else modifiers
        self.part = part
        self.more = more
        self.besides = besides


@lru_cache(maxsize=8192)
def unit_of(word: str) -> str | None:
    """The SPEC unit a counted noun stands for (units.yaml, by its form or noun lemma), or None."""
    lx = load_unit_lexicon()[0]
    low = word.lower().replace("’", "'")
    if low in lx.noun_unit:
        return lx.noun_unit[low]
    for lemma in getLemma(word, upos="NOUN"):
        if lemma.lower() in lx.noun_unit:
            return lx.noun_unit[lemma.lower()]
    return None


def _ratio(text: str, pos: int, stop: int, value: int | None) -> bool:
    """A count followed by "for every/each …", or "one … for 50 …": a side of a ratio."""
    m = _RATIO.match(text, pos, stop)
    if m is None:
        return False
    number = m.group(1)
    return number is None or (value == 1 and parse_number(number.rstrip(",")) is not None)


@lru_cache(maxsize=4096)
def parse_number(text: str) -> int | None:
    """The integer a number expression stands for, or None: "369", "1,900", "three",
    "thirty-three", "four hundred", "a dozen", "two dozen", "2.5 million"."""
    if text.isdigit():
        return int(text)
    lx = load_unit_lexicon()[0]
    s = " ".join(text.strip().lower().split())
    if not s:
        return None
    m = _DIGIT_RE.fullmatch(s)
    if m:
        if m.group(3) and m.group(3) not in lx.multipliers:
            return None
        value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
        value *= lx.multipliers.get(m.group(3) or "", 1)
        return int(value) if value == int(value) else None
    if s in lx.phrases:
        return lx.phrases[s]
    head, _, last = s.rpartition(" ")
    if head and last in lx.multipliers and head in lx.phrases:  # "a hundred thousand"
        return lx.phrases[head] * lx.multipliers[last]
    if head and last == "dozen":
        n = parse_number(head)
        return None if n is None else n * 12
    try:
        return int(text2num(s, "en"))
    except (ValueError, TypeError):
        return None


def release_unit(q: QuantityMention) -> str | None:
    """The SPEC unit of a count inside a RELEASE: hostage/prisoner/body as read, except that a
    generic "person" count ("four Israeli soldiers", "90 Palestinians", "five Thai nationals") and
    wire copy's "Israeli detainees" take the side their noun or modifiers name. None if neither."""
    sides = load_unit_lexicon()[0].release_sides
    words = [w.lower() for w in [*q.modifiers, q.noun or ""]]
    side = next((sides[w] for w in reversed(words) if w in sides), None)
    if q.unit == "prisoner" and side == "hostage" and q.noun and q.noun.lower().startswith("detainee"):
        return "hostage"
    if q.unit in ("hostage", "prisoner", "body"):
        return q.unit
    return side if q.unit == "person" else None


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[QuantityMention]:
    """Counted amounts in ``text[start:end]`` with absolute offsets, in order."""
    lx, pt = load_unit_lexicon()
    stop = len(text) if end is None else end
    out: list[QuantityMention] = []
    skip_until = start
    candidates = _candidates(text)  # sorted: only the sentence's part is visited
    for k in range(bisect_left(candidates, start), len(candidates)):
        pos = candidates[k]
        if pos >= stop:
            break
        if pos < skip_until:
            continue
        m = pt.main.match(text, pos, stop)
        if m is None:
            continue
        q = _mention(text, m, stop, lx, pt)
        if q is not None:
            out.append(q)
            skip_until = q.span[1]
    if len(out) > 1:
        _mark_aside_parts(text, out, stop, pt)
    return out


def _mark_aside_parts(text: str, out: list[QuantityMention], stop: int, pt: UnitPatterns) -> None:
    """Counts inside an aside after a count ("22 people, including six women and a soldier, were
    killed") are parts of it, not how many the event concerns."""
    for i, q in enumerate(out[:-1]):
        if q.part or q.value is None:
            continue
        opened = pt.aside_open.match(text, q.span[1], stop)
        if opened is None:
            continue
        closed = pt.aside_end.search(text, opened.end(), stop)
        end = closed.start() if closed else stop
        for later in out[i + 1 :]:
            if later.span[0] >= end:
                break
            later.part = True


@lru_cache(maxsize=64)
def _candidates(text: str) -> tuple[int, ...]:
    """Positions where a quantity may start: digit runs, and number words, vague amounts and
    singular unit nouns ("a body") found in one Aho-Corasick pass, each moved back over a lead
    word ("between", "a", "half a", "tens of"). Cached per text: the extractor calls per sentence."""
    pt = load_unit_lexicon()[1]
    low = text.lower()
    out = []
    for m in _DIGIT_RUN.finditer(text):
        out.append(m.start())
        if low.endswith("between ", 0, m.start()):
            out.append(m.start() - 8)
    n = len(low)
    # the automaton's values typed here (it gives ``Any``): compiled, the loop runs on native ints
    e1: int
    key: str
    role: str
    for e1, (key, role) in pt.heads.iter(low):
        s, e = e1 - len(key) + 1, e1 + 1
        if (s > 0 and low[s - 1].isalnum()) or (e < n and low[e].isalpha()):
            continue
        if role == "article":  # "a body", "an elderly man": an article one or two words back
            for lead in ("a ", "an "):
                i = low.rfind(lead, max(0, s - 24), s)
                if i != -1 and (i == 0 or not low[i - 1].isalnum()) and len(low[i:s].split()) <= 2:
                    out.append(i)
            continue
        out.append(s)
        if low.endswith(_LEADS, 0, s):
            out.extend(s - len(lead) for lead in _LEADS if low.endswith(lead, 0, s))
    return tuple(sorted(set(out)))


def _mention(
    text: str, m: re.Match[str], stop: int, lx: UnitLexicon, pt: UnitPatterns
) -> QuantityMention | None:
    s, e = m.span()
    if s > 0 and text[s - 1] in "$€£#+":
        return None
    near = words_before(text, s, 1)
    before = near[0][2].lower() if near else ""
    n1 = m.group("n1")
    if n1 is None:
        q = QuantityMention(span=(s, e), value=None, unit=None, noun=None, vague=True)
        is_word = True
    else:
        is_word = not n1[0].isdigit()
        tail = pt.range_tail.match(text, e, stop)
        if tail is None and pt.excl_after.match(text, e):
            return None  # cheap early exit: "2025-02-13", "3 a.m.", "40%", "42-day"
        v1 = parse_number(n1)
        if v1 is None:
            return None
        q = QuantityMention(span=(s, e), value=v1, unit=None, noun=None)
        if tail and before != "from" and (tail.group("sep") == "and") == bool(m.group("between")):
            v2 = parse_number(tail.group("n2"))
            if v2 is not None and v2 > v1:
                q.low, q.high, q.span = v1, v2, (s, tail.end())
                e = tail.end()
        if _excluded(text, s, e, before, lx, pt):
            return None
    # cue phrases before the number ("more than", "killing at least", "the bodies of"): most numbers
    # have none, which the nearest word already shows
    killed_before = body_of = False
    if before in pt.cue_lasts:
        cue_end = s
        approx = match_back(text, s, 0, lx.approx, pt.approx_suffixes) if n1 is not None else None
        if approx:
            q.approx, cue_end = True, approx[0]
        killed_before = match_back(text, cue_end, 0, lx.killed_before, pt.killed_suffixes) is not None
        body_of = match_back(text, cue_end, 0, lx.body_of, pt.body_of_suffixes) is not None
    pos = _read_noun(text, e, stop, q, lx, pt)
    q.more = before in lx.added_before or any(w.lower() in lx.added_modifiers for w in q.modifiers)
    q.besides = any(w.lower() in lx.besides_modifiers for w in q.modifiers)
    if (
        before in ("every", "each", "holds", "holding")  # "Hamas still holds 59 hostages"
        or _AMONG.search(text, max(0, s - 12), s)
        or _ratio(text, pos, stop, q.value)
        or _STILL_HELD.match(text, pos, stop)
        or (before == "for" and _ONE_FOR.search(text, max(0, s - 60), s))
    ):
        q.part = True
    if q.noun is None and (q.vague or (is_word and not killed_before)):
        return None  # "one of", "four more were": spelled-out numbers need a noun
    if q.unit is None and n1 is not None and n1.lower() in ("a", "an"):
        return None  # "a hostage deal"
    if q.unit is None and not is_word and _looks_like_label(text, s, e, q.noun, pt):
        return None
    if q.unit == "hostage" and lx.body_modifiers.intersection(w.lower() for w in q.modifiers):
        q.unit = "body"
    if body_of:
        q.unit = "killed" if q.unit in ("person", "killed") else "body"
    ahead = text[pos : min(stop, pos + 60)].lower()  # cheap substring tests before the regexes
    if q.unit in (None, "person") and (
        killed_before
        or (
            any(map(ahead.__contains__, pt.killed_keys))
            and pt.killed_after.match(text, pos, pos + len(ahead))
        )
    ):
        q.unit = "killed"
    if any(map(ahead.__contains__, pt.rate_keys)):
        r = pt.rate.match(text, pos, min(stop, pos + 48))
        if r:
            q.rate = lx.rates[" ".join(r.group("rate").lower().split())]
    return q


def _excluded(text: str, s: int, e: int, before: str, lx: UnitLexicon, pt: UnitPatterns) -> bool:
    """Numbers that are measures, labels, money, times, phone numbers or parts of dates."""
    if pt.excl_after.match(text, e):
        return True
    if s > 1 and text[s - 1] in " .-" and text[s - 2].isdigit() and text[s].isdigit():
        return True  # "+44 20 7946 0000" (a spelled-out number after a date is a count: "2025-02-23 Four")
    if before and (before in lx.excluded_before or is_month_name(before.capitalize())):
        return True
    after = pt.month_after.match(text, e)
    return bool(after and is_month_name(after.group(1)))


def _looks_like_label(text: str, s: int, e: int, noun: str | None, pt: UnitPatterns) -> bool:
    """Digits that count nothing of ours: years ("in 2023", "the 2023 attack"), ages ("Gadi, 80,")."""
    digits = text[s:e]
    if len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2100:
        return True
    return noun is None and bool(
        pt.age_before.search(text, max(0, s - 30), s) and text[e : e + 1] in (",", ")")
    )


def _read_noun(text: str, pos: int, stop: int, q: QuantityMention, lx: UnitLexicon, pt: UnitPatterns) -> int:
    """Read modifiers and the counted noun after a number; fills q.noun/unit/modifiers, returns the end.

    Known modifiers, capitalised words and up to two unknown adjectives ("three gaunt, frail-looking
    Israeli men") may stand before the noun; an unknown plural noun ("250 rockets") ends the phrase.
    """
    part = pt.partitive.match(text, pos, stop)
    if part:
        pos = part.end()
        # "three of the six hostages", "one of the bodies": a share of a group already told;
        # "one of its staffers was killed" counts the staffers killed
        q.part = part.group(0).split()[-1].lower() in ("the", "those", "these")
    start = pos
    words: list[tuple[str, int]] = []
    last_unit: int | None = None
    fallback: tuple[str, int] | None = None
    unknown = 0
    while len(words) < 6:
        w = (_WORD_COMMA_RE if words and last_unit is None else _WORD_RE).match(text, pos, stop)
        if not w:
            break
        word = w.group(1)
        unit = unit_of(word)
        low = word.lower()
        stop_word = low.replace("’", "'").split("'")[0] in lx.stops  # "who'd"
        if unit is None and (stop_word or (low not in lx.modifiers and not word[0].isupper())):
            if last_unit is not None:
                adjective = words[last_unit][0].lower() in lx.proper_nouns and not stop_word
                if (
                    adjective
                ):  # "300 Israeli violations", unless a unit noun follows ("Israeli women captives")
                    nxt = _WORD_RE.match(text, w.end(), stop)
                    adjective = not (nxt and unit_of(nxt.group(1)))
                if low in lx.compound_heads or adjective:  # "hostage releases", "300 Israeli violations"
                    q.noun, q.unit, q.modifiers = word, None, [x for x, _ in words]
                    return w.end()
                break
            if stop_word or unknown == 2 or _is_plural(word):
                if fallback is None and not words and not stop_word:
                    fallback = (word, w.end())
                break
            unknown += 1
            if not words:
                fallback = (word, w.end())
        words.append((word, w.end()))
        if unit is not None:
            last_unit = len(words) - 1
        pos = w.end()
    if last_unit is None:
        if fallback is not None:
            q.noun = fallback[0]  # a noun outside the unit map ("250 rockets")
            return fallback[1]
        return start
    noun, end = words[last_unit]
    q.noun, q.unit = noun, unit_of(noun)
    q.modifiers = [x for x, _ in words[:last_unit]]
    return end


@lru_cache(maxsize=8192)
def _is_plural(word: str) -> bool:
    return word.endswith("s") and any(lemma != word for lemma in getLemma(word, upos="NOUN"))
