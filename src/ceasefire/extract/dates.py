"""Find date expressions in news text and resolve them against the report's date.

Finding is head-driven and built once from ``lexicon/dates.yaml``: one Aho-Corasick pass over the
lower-cased text finds head words (month and weekday names, the last word of relative phrases,
"ago", "day"), cached per text so per-sentence calls cost little; each head is then grown into a
mention with anchored regexes after it and word look-ups before it. Resolution is
plain date arithmetic following the annotation guide (past tense -> the latest such day on or
before the base date, future tense -> the next one, an explicit "last"/"next"/"by" wins over tense,
month-days without a year -> the year nearest the base date). dateparser is not needed: every
expression this module accepts has a fixed shape, so it is parsed directly.
"""

from __future__ import annotations

import datetime
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any, Literal

from ceasefire.extract.date_lexicon import (
    DateFinder,
    DateLexicon,
    is_month_name,
    load_date_lexicon,
    norm,
    scan_heads,
    valid_date,
)
from ceasefire.extract.lookback import match_back, words_before
from ceasefire.extract.numbers import parse_number

__all__ = ["DateMention", "DateResolution", "find_dates", "is_month_name", "resolve_date"]

_EARLY_LATE = frozenset({"early", "late"})
_ON = frozenset({"on"})
_AMBIGUOUS_YEAR_WINDOW = 200  # days: both years plausible, so the tense decides


@dataclass(slots=True)
class DateMention:
    span: tuple[int, int]
    text: str
    # weekday, month_day, iso, relative_day, relative_week, weekend, day_number, month, relative_month
    kind: str
    weekday: int | None = None  # 0 = Monday
    month: int | None = None
    day: int | None = None
    year: int | None = None
    offset_days: int | None = None  # relative_day / relative_week; months for relative_month
    day_number: int | None = None  # "day 22" of an agreement
    time_of_day: str | None = None  # noon, midnight, late, early, morning, afternoon, evening, night
    explicit_direction: str | None = None  # "past" / "future" when a cue word fixes it

    # __init__ written out: compiled, a generated one would run interpreted (see compiled.py)
    def __init__(
        self,
        span: tuple[int, int],
        text: str,
        kind: str,
        weekday: int | None = None,
        month: int | None = None,
        day: int | None = None,
        year: int | None = None,
        offset_days: int | None = None,
        day_number: int | None = None,
        time_of_day: str | None = None,
        explicit_direction: str | None = None,
    ) -> None:
        self.span = span
        self.text = text
        self.kind = kind
        self.weekday = weekday
        self.month = month
        self.day = day
        self.year = year
        self.offset_days = offset_days
        self.day_number = day_number
        self.time_of_day = time_of_day
        self.explicit_direction = explicit_direction


@dataclass(slots=True)
class DateResolution:
    date: datetime.date
    precision: str  # "day", "week", "month"
    rule: str  # short id of the rule that resolved it

    # __init__ written out: compiled, a generated one would run interpreted (see compiled.py)
    def __init__(self, date: datetime.date, precision: str, rule: str) -> None:
        self.date = date
        self.precision = precision
        self.rule = rule


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """All date expressions in ``text[start:end]``, in order, with absolute character offsets."""
    lx, fd = load_date_lexicon()
    stop = len(text) if end is None else end
    found: list[DateMention] = []
    heads = scan_heads(text)  # sorted by start: only the sentence's part is visited
    for k in range(bisect_left(heads, (start,)), len(heads)):
        s, e, key, roles = heads[k]
        if s >= stop:
            break
        if e > stop:
            continue
        for role, value in roles:
            m = _grow(text, s, e, key, role, value, start, stop, lx, fd)
            if m is not None:
                found.append(m)
    found.sort(key=lambda m: (m.span[0], m.span[0] - m.span[1]))
    out: list[DateMention] = []
    for m in found:
        if not out or m.span[0] >= out[-1].span[1]:
            out.append(m)
    return out


def _grow(
    text: str,
    s: int,
    e: int,
    key: str,
    role: str,
    value: int,
    lo: int,
    hi: int,
    lx: DateLexicon,
    fd: DateFinder,
) -> DateMention | None:
    if role == "iso":
        m = fd.iso.match(text, s, hi)
        if not m or not valid_date(int(m["y"]), int(m["m"]), int(m["d"])):
            return None
        return _mention(text, s, m.end(), "iso", year=int(m["y"]), month=int(m["m"]), day=int(m["d"]))
    if role == "weekday":
        return _weekday(text, s, e, value, lo, hi, lx, fd) if text[s].isupper() else None
    if role == "month":
        return _month(text, s, e, value, lo, hi, lx, fd) if text[s].isupper() else None
    if role == "phrase":
        hit = match_back(text, s, lo, lx.phrases, lx.phrase_suffixes, key) or (
            (s, key) if key in lx.phrases else None
        )
        return _phrase(text, hit[0], e, hit[1], lo, lx) if hit else None
    before = words_before(text, s, 2, lo)
    if role == "ago" and len(before) >= 2 and before[-1][2].lower() in lx.count_units:
        n = _count(before[-2][2])
        if n is not None:
            days = n * lx.count_units[before[-1][2].lower()] * lx.count_after[key]
            kind = (
                "relative_week"
                if abs(days) % 7 == 0 and lx.count_units[before[-1][2].lower()] == 7
                else "relative_day"
            )
            return _mention(text, before[-2][0], e, kind, offset_days=days)
        return None
    if role == "unit":
        if key in lx.day_words:
            m = fd.day_no.match(text, e, hi)
            if m:
                n = int(m["n"])
                return _mention(text, s, m.end(), "day_number", day_number=n) if n else None
            ordinal = fd.ordinal.fullmatch(before[-1][2]) if len(before) >= 2 else None
            if ordinal and before[-2][2].lower() == "the":
                return _mention(text, before[-2][0], e, "day_number", day_number=int(ordinal["n"]))
        if key in lx.count_units and len(before) >= 2 and before[-2][2].lower() in lx.count_before:
            n = _count(before[-1][2])
            if n is not None:
                days = n * lx.count_units[key] * lx.count_before[before[-2][2].lower()]
                kind = "relative_week" if lx.count_units[key] == 7 else "relative_day"
                return _mention(text, before[-2][0], e, kind, offset_days=days, explicit_direction="future")
    return None


def _phrase(text: str, first: int, e: int, phrase: str, lo: int, lx: DateLexicon) -> DateMention:
    kind, val = lx.phrases[phrase]
    if kind == "weekend":
        return _mention(text, first, e, kind, weekday=5, explicit_direction=_cue(val))
    m = _mention(text, first, e, kind, offset_days=int(val), time_of_day=lx.rel_time.get(phrase))
    early = match_back(text, first, lo, _EARLY_LATE, _EARLY_LATE) if kind == "relative_week" else None
    if early:  # "early next week"
        m.span, m.text, m.time_of_day = (early[0], e), text[early[0] : e], early[1]
    return m


def _mention(text: str, s: int, e: int, kind: str, **fields: Any) -> DateMention:
    return DateMention(span=(s, e), text=text[s:e], kind=kind, **fields)


def _cue(value: int | str) -> str | None:
    return None if value == "tense" else str(value)


def _count(word: str) -> int | None:
    n = 1 if word.lower() in ("a", "an") else parse_number(word)
    return n if n is not None and 0 < n <= 400 else None


def _weekday(
    text: str, s: int, e: int, weekday: int, lo: int, hi: int, lx: DateLexicon, fd: DateFinder
) -> DateMention:
    first, direction, time = s, None, None
    t = match_back(text, s, lo, lx.time_before, lx.time_suffixes)
    if t:
        first, time = t[0], "early" if t[1].startswith("in the early") else t[1].split()[0]
    d = match_back(text, first, lo, lx.dir_before, lx.dir_suffixes)
    if d:
        first, direction = d[0], lx.dir_before[d[1]]
    m = fd.wd_date.match(text, e, hi)
    if m:
        name = m["m1"] or m["m2"]
        return _mention(
            text,
            first,
            m.end(),
            "month_day",
            weekday=weekday,
            month=lx.month_names[name],
            day=int(fd.day_only.match(m["d1"] or m["d2"])["n"]),  # type: ignore[index]
            year=int(m["y"]) if m["y"] else None,
            time_of_day=time,
            explicit_direction=direction,
        )
    tail = fd.wd_tail.match(text, e, hi)
    end = tail.end() if tail else e
    if tail and tail["da"]:
        direction = lx.dir_after[tail["da"].lower()]
    if tail and tail["ta"]:
        time = norm(tail["ta"]).removeprefix("at ")
    return _mention(
        text, first, end, "weekday", weekday=weekday, time_of_day=time, explicit_direction=direction
    )


def _month(
    text: str, s: int, e: int, month: int, lo: int, hi: int, lx: DateLexicon, fd: DateFinder
) -> DateMention | None:
    name = text[s:e]
    if text[e : e + 1] == "." and name + "." in lx.month_names:
        return None  # the dotted head ("Jan.") grows this one
    first, day, year = s, None, None
    m = fd.md_tail.match(text, e, hi)
    if m:
        day, end = int(fd.day_only.match(m["d"])["n"]), m.end()  # type: ignore[index]
        year = int(m["y"]) if m["y"] else None
    else:
        end = e
        d = fd.day_before.search(text, max(lo, s - 12), s)
        if d and (d.start() == lo or not text[d.start() - 1].isalnum()):
            day, first = int(d["n"]), d.start()
        y = fd.year_tail.match(text, e, hi)
        if y:
            year, end = int(y["y"]), y.end()
    if day is not None and not valid_date(year or 2024, month, day):
        return None
    if day is not None:
        cue = match_back(text, first, lo, lx.dir_before, lx.dir_suffixes)
        on = match_back(text, first, lo, _ON, _ON)
        if name in lx.context_only and first < s and year is None and not cue and not on:
            return None  # "3 May be ..." is not a date
        return _mention(
            text,
            cue[0] if cue else first,
            end,
            "month_day",
            month=month,
            day=day,
            year=year,
            explicit_direction=lx.dir_before[cue[1]] if cue else None,
        )
    if year is not None:
        return _mention(text, s, end, "month", month=month, year=year)
    if text[max(lo, s - 4) : s].lower() == "mid-":
        return _mention(text, s - 4, e, "month", month=month, time_of_day="mid")
    ctx = match_back(text, s, lo, lx.month_context, lx.context_suffixes)
    if not ctx:
        return None
    time = ctx[1] if ctx[1] in ("early", "late", "mid") else None
    return _mention(
        text, ctx[0], e, "month", month=month, time_of_day=time, explicit_direction=lx.dir_before.get(ctx[1])
    )


Tense = Literal["past", "future", "present"]


def resolve_date(
    mention: DateMention,
    base: datetime.date,
    tense: Tense,
    *,
    day_one: datetime.date | None = None,
) -> DateResolution | None:
    """The calendar day a mention points to, seen from ``base`` (dateline or publication date).

    ``tense`` is the tense/mode of the event the date belongs to; an explicit cue on the mention
    ("last", "next", "by", "since") wins over it. ``day_one`` is the agreement's effective date,
    needed only for "day N" mentions. Month-level results carry the first day of the month.
    """
    direction = mention.explicit_direction or tense
    kind = mention.kind
    if kind == "iso" or (kind == "month_day" and mention.year is not None):
        assert mention.month is not None and mention.day is not None and mention.year is not None
        if not valid_date(mention.year, mention.month, mention.day):
            return None
        return DateResolution(datetime.date(mention.year, mention.month, mention.day), "day", kind)
    if kind == "month_day":
        assert mention.month is not None and mention.day is not None
        return _resolve_month_day(mention.month, mention.day, mention.weekday, base, direction)
    if kind in ("weekday", "weekend"):
        assert mention.weekday is not None
        strict = any(w in load_date_lexicon()[0].strict_future for w in mention.text.lower().split())
        weekday = (
            6 if kind == "weekend" and direction == "past" else mention.weekday
        )  # "over the weekend": Sunday
        date, rule = _resolve_weekday(weekday, base, direction, strict)
        return DateResolution(date, "day" if kind == "weekday" else "week", f"{kind}-{rule}")
    if kind == "relative_day":
        return DateResolution(base + datetime.timedelta(days=mention.offset_days or 0), "day", "relative-day")
    if kind == "relative_week":
        return DateResolution(
            base + datetime.timedelta(days=mention.offset_days or 0), "week", "relative-week"
        )
    if kind == "relative_month":
        index = base.year * 12 + base.month - 1 + (mention.offset_days or 0)
        return DateResolution(datetime.date(index // 12, index % 12 + 1, 1), "month", "relative-month")
    if kind == "month":
        assert mention.month is not None
        if mention.year is not None:
            return DateResolution(datetime.date(mention.year, mention.month, 1), "month", "month-year")
        res = _resolve_month_day(mention.month, 15, None, base, direction)
        return DateResolution(res.date.replace(day=1), "month", "month-nearest") if res else None
    if kind == "day_number":
        if day_one is None or mention.day_number is None:
            return None
        return DateResolution(day_one + datetime.timedelta(days=mention.day_number - 1), "day", "day-number")
    return None


def _resolve_weekday(
    weekday: int, base: datetime.date, direction: str, strict: bool
) -> tuple[datetime.date, str]:
    back = (base.weekday() - weekday) % 7
    if direction == "past":
        return base - datetime.timedelta(days=back), "past"
    if direction == "future":
        if back == 0 and not strict:  # "due to be freed on Saturday" written on that Saturday: later today
            return base, "future-same-day"
        return base + datetime.timedelta(days=(7 - back) if back else 7), "future"
    if back == 0:
        return base, "same-day"
    if back <= 4:  # present tense in news mostly reports what just happened
        return base - datetime.timedelta(days=back), "present-past"
    return base + datetime.timedelta(days=7 - back), "present-future"


def _resolve_month_day(
    month: int, day: int, weekday: int | None, base: datetime.date, direction: str
) -> DateResolution | None:
    candidates = [
        datetime.date(y, month, day)
        for y in (base.year - 1, base.year, base.year + 1)
        if valid_date(y, month, day)
    ]
    near = [c for c in candidates if abs((c - base).days) <= _AMBIGUOUS_YEAR_WINDOW]
    if weekday is not None and any(c.weekday() == weekday for c in near):
        candidates = [c for c in near if c.weekday() == weekday]
    if not candidates:
        return None
    nearest = min(candidates, key=lambda c: (abs((c - base).days), c > base))
    past = [c for c in candidates if c <= base]
    future = [c for c in candidates if c > base]
    if past and future and direction in ("past", "future"):
        p, f = max(past), min(future)
        if (base - p).days <= _AMBIGUOUS_YEAR_WINDOW and (f - base).days <= _AMBIGUOUS_YEAR_WINDOW:
            return DateResolution(p if direction == "past" else f, "day", f"month-day-{direction}")
    return DateResolution(nearest, "day", "month-day-nearest")
