"""Find date expressions in news text and resolve them against the report's date.

Finding is one compiled regular expression built once from ``lexicon/dates.yaml``; resolution is
plain date arithmetic following the annotation guide (past tense -> the latest such day on or
before the base date, future tense -> the next one, an explicit "last"/"next"/"by" wins over tense,
month-days without a year -> the year nearest the base date). dateparser is not needed: every
expression this module accepts has a fixed shape, so it is parsed directly.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

from ceasefire.errors import LexiconError
from ceasefire.extract.numbers import parse_number

__all__ = ["DateMention", "DateResolution", "find_dates", "resolve_date"]

LEXICON = "dates.yaml"
_DAY_RE = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d|\.\d|%|-[A-Za-z]|\s*[ap]\.?m\b)"
_YEAR_RE = r"(?:19|20)\d\d(?![\d%-])"
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


@dataclass(slots=True)
class DateResolution:
    date: datetime.date
    precision: str  # "day", "week", "month"
    rule: str  # short id of the rule that resolved it


class _Lexicon:
    """The validated contents of dates.yaml plus lookup tables derived from them."""

    def __init__(self, data: Any) -> None:
        where = f"lexicon/{LEXICON}"
        if not isinstance(data, dict):
            raise LexiconError("top level must be a mapping", where=where)
        self.month_names: dict[str, int] = {}
        self.context_only: set[str] = set()
        for i, row in enumerate(_req(data, "months", list, where)):
            num = _req(row, "number", int, f"{where}: months[{i}]")
            if not 1 <= num <= 12:
                raise LexiconError(f"month number {num} out of 1..12", where=f"{where}: months[{i}]")
            for name in _strs(row, "names", f"{where}: months[{i}]"):
                self.month_names[name] = num
            self.context_only.update(row.get("needs_context", []) or [])
        self.weekday_names: dict[str, int] = {}
        for i, row in enumerate(_req(data, "weekdays", list, where)):
            num = _req(row, "number", int, f"{where}: weekdays[{i}]")
            if not 0 <= num <= 6:
                raise LexiconError(f"weekday number {num} out of 0..6", where=f"{where}: weekdays[{i}]")
            for name in _strs(row, "names", f"{where}: weekdays[{i}]"):
                self.weekday_names[name] = num
        if len(set(self.month_names.values())) != 12 or len(set(self.weekday_names.values())) != 7:
            raise LexiconError("every month (1..12) and weekday (0..6) needs a name", where=where)
        self.dir_before = _direction_table(_req(data, "direction_before", dict, where), where)
        self.dir_after = _direction_table(_req(data, "direction_after", dict, where), where)
        self.time_before = _strs(data, "time_before", where)
        self.time_after = _strs(data, "time_after", where)
        self.month_context = _strs(data, "month_context", where)
        self.rel_days = _int_table(data, "relative_days", where)
        self.rel_time: dict[str, str] = {
            k.lower(): str(v) for k, v in data.get("relative_time_of_day", {}).items()
        }
        self.count_units = _int_table(data, "relative_count_units", where)
        self.count_after = _int_table(data, "relative_count_after", where)
        self.count_before = _int_table(data, "relative_count_before", where)
        self.rel_weeks = _int_table(data, "relative_weeks", where)
        self.weekends: dict[str, str] = {}
        for key, val in _req(data, "weekends", dict, where).items():
            if val not in ("past", "future", "tense"):
                raise LexiconError(f"weekends[{key!r}] must be past, future or tense", where=where)
            self.weekends[key.lower()] = val
        self.rel_months = _int_table(data, "relative_months", where)
        self.day_words = _strs(data, "day_number_words", where)
        self.strict_future = re.compile(r"(?i)\b" + _alt(_strs(data, "strict_future", where)) + r"\b")


def _req(data: Any, key: str, typ: type, where: str) -> Any:
    if not isinstance(data, dict) or key not in data:
        raise LexiconError(f"missing field {key!r}", where=where)
    val = data[key]
    if not isinstance(val, typ) or isinstance(val, bool):
        raise LexiconError(f"field {key!r} must be a {typ.__name__}", where=where)
    return val


def _strs(data: Any, key: str, where: str) -> list[str]:
    vals = _req(data, key, list, where)
    if not vals or not all(isinstance(v, str) and v.strip() for v in vals):
        raise LexiconError(f"field {key!r} must be a non-empty list of words", where=where)
    return vals


def _int_table(data: Any, key: str, where: str) -> dict[str, int]:
    table = _req(data, key, dict, where)
    for k, v in table.items():
        if not isinstance(v, int) or isinstance(v, bool):
            raise LexiconError(f"{key}[{k!r}] must be an integer, got {v!r}", where=where)
    return {str(k).lower(): v for k, v in table.items()}


def _direction_table(table: dict[str, Any], where: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for direction in table:
        if direction not in ("past", "future"):
            raise LexiconError(f"direction {direction!r} must be past or future", where=where)
        for w in _strs(table, direction, where):
            out[w.lower()] = direction
    return out


def _alt(words: Any, *, fold_first: bool = False) -> str:
    """Regex alternation, longest first; ``fold_first`` accepts a capital first letter too."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        esc = re.escape(w).replace(r"\ ", r"\s+")
        if fold_first and w[:1].isalpha():
            esc = f"[{w[0].lower()}{w[0].upper()}]{esc[1:]}"
        parts.append(esc)
    return "(?:" + "|".join(parts) + ")"


def _build_pattern(lx: _Lexicon) -> re.Pattern[str]:
    month = _alt(lx.month_names) + r"(?![A-Za-z])"
    wday = _alt(lx.weekday_names) + r"(?![A-Za-z])"
    dir_b = _alt(lx.dir_before, fold_first=True)
    time_b = _alt(lx.time_before, fold_first=True)
    time_a = _alt(lx.time_after)
    dir_a = _alt(lx.dir_after)
    ctx = _alt([c for c in lx.month_context if not c.endswith("-")], fold_first=True)
    ctx_glued = _alt([c for c in lx.month_context if c.endswith("-")], fold_first=True)
    day, year = _DAY_RE, _YEAR_RE
    cpre = _alt(lx.count_before, fold_first=True)
    cnum, cunit = r"(?:\d{1,3}|[A-Za-z]+(?:-[a-z]+)?)", _alt(lx.count_units)

    def md(p: str) -> str:
        return rf"(?P<{p}md_m>{month})(?:(?<=\.)\s*|\s+)(?P<{p}md_d>{day})(?:,?\s+(?P<{p}md_y>{year}))?"

    def dm(p: str) -> str:
        return rf"(?P<{p}dm_d>{day})\s+(?:of\s+)?(?P<{p}dm_m>{month})(?:,?\s+(?P<{p}dm_y>{year}))?"

    alts = {
        "iso": r"(?<![\d-])(?P<iso_y>\d{4})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)(?![\d-])",
        "wdate": rf"(?:(?P<wd_dir>{dir_b})\s+)?(?:(?P<wd_tb>{time_b})\s+)?(?P<wd_w>{wday}),?\s+(?:the\s+)?(?:\(\s*)?(?:{md('w')}|{dm('w')})\)?",
        "md": rf"(?:(?P<md_dir>{dir_b})\s+)?(?:{md('')}|{dm('')})",
        "my": rf"(?P<my_m>{month}),?\s+(?P<my_y>{year})",
        "wday": rf"(?:(?P<w_dir>{dir_b})\s+)?(?:(?P<w_tb>{time_b})\s+)?(?P<w_w>{wday})(?:'s|’s)?"
        rf"(?:\s+(?P<w_da>{dir_a})(?![\s-]+(?:week|month|year)))?(?:,?\s+(?P<w_ta>{time_a}))?\b",
        "weekend": r"\b" + _alt(lx.weekends, fold_first=True) + r"\b",
        "rweek": r"\b(?:(?:early|late)\s+)?" + _alt(lx.rel_weeks, fold_first=True) + r"\b",
        "rmonth": r"\b" + _alt(lx.rel_months, fold_first=True) + r"\b",
        "month": rf"\b(?P<mo_c>{ctx}\s+|{ctx_glued}\s*)(?:the\s+)?(?P<mo_m>{month})(?![.\s]*\d)",
        "count": rf"\b(?:(?P<c_pre>{cpre})\s+(?P<c_n>{cnum})\s+(?P<c_u>{cunit})\b"
        rf"|(?P<c_n2>{cnum})\s+(?P<c_u2>{cunit})\s+(?P<c_post>{_alt(lx.count_after)})\b)",
        "dnum": rf"\b(?:{_alt(lx.day_words)}\s+(?P<dn_n>\d{{1,3}})(?![\d-]|\s*%)"
        r"|the\s+(?P<dn_o>\d{1,3})(?:st|nd|rd|th)\s+day\b)",
        "rday": r"\b" + _alt(lx.rel_days, fold_first=True) + r"\b",
    }
    return re.compile("|".join(f"(?P<K_{k}>{v})" for k, v in alts.items()))


@cache
def _lexicon() -> tuple[_Lexicon, re.Pattern[str]]:
    path = resources.files("ceasefire.extract").joinpath("lexicon", LEXICON)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"cannot read: {exc}", where=f"lexicon/{LEXICON}") from exc
    lx = _Lexicon(data)
    return lx, _build_pattern(lx)


def month_name_pattern() -> str:
    """Regex alternation of the month names (for other finders that must skip dates)."""
    lx = _lexicon()[0]
    return _alt(lx.month_names) + r"(?![A-Za-z])"


def _norm(words: str) -> str:
    return " ".join(words.lower().split())


def _make(m: re.Match[str], lx: _Lexicon) -> DateMention | None:
    kind = (m.lastgroup or "K_")[2:]
    g = m.group
    mention = DateMention(span=m.span(), text=m.group(0), kind=kind)
    if kind == "iso":
        mention.kind, mention.year, mention.month, mention.day = (
            "iso",
            int(g("iso_y")),
            int(g("iso_m")),
            int(g("iso_d")),
        )
        if not _valid(mention.year, mention.month, mention.day):
            return None
    elif kind in ("wdate", "md"):
        p = "w" if kind == "wdate" else ""
        mention.kind = "month_day"
        name = g(f"{p}md_m") or g(f"{p}dm_m")
        mention.month = lx.month_names[name]
        mention.day = int(re.sub(r"\D", "", g(f"{p}md_d") or g(f"{p}dm_d")))
        y = g(f"{p}md_y") or g(f"{p}dm_y")
        mention.year = int(y) if y else None
        cue = g("wd_dir") if kind == "wdate" else g("md_dir")
        if cue:
            mention.explicit_direction = lx.dir_before[_norm(cue)]
        if kind == "wdate":
            mention.weekday = lx.weekday_names[g("wd_w")]
            if g("wd_tb"):
                mention.time_of_day = "early" if "early" in g("wd_tb").lower() else _norm(g("wd_tb")).split()[0]
        if kind == "md" and g("dm_m") and name in lx.context_only and not y and not g("md_dir"):
            return None  # "3 May be ..." is not a date
        if not _valid(mention.year or 2024, mention.month, mention.day):
            return None
    elif kind == "my":
        mention.kind, mention.month, mention.year = "month", lx.month_names[g("my_m")], int(g("my_y"))
    elif kind == "wday":
        mention.kind, mention.weekday = "weekday", lx.weekday_names[g("w_w")]
        if g("w_dir"):
            mention.explicit_direction = lx.dir_before[_norm(g("w_dir"))]
        if g("w_da"):
            mention.explicit_direction = lx.dir_after[_norm(g("w_da"))]
        tb, ta = g("w_tb"), g("w_ta")
        if ta:
            mention.time_of_day = _norm(ta).removeprefix("at ")
        if tb:
            mention.time_of_day = _norm(tb).split()[0] if not ta else mention.time_of_day
            if _norm(tb).startswith("in the early"):
                mention.time_of_day = "early"
    elif kind == "weekend":
        mention.weekday = 5
        cue = lx.weekends[_norm(m.group(0))]
        mention.explicit_direction = None if cue == "tense" else cue
    elif kind == "rweek":
        words = _norm(m.group(0))
        if words.split()[0] in ("early", "late"):
            mention.time_of_day, words = words.split()[0], words.split(" ", 1)[1]
        mention.kind, mention.offset_days = "relative_week", lx.rel_weeks[words]
    elif kind == "rmonth":
        mention.kind, mention.offset_days = "relative_month", lx.rel_months[_norm(m.group(0))]
    elif kind == "month":
        mention.month = lx.month_names[g("mo_m")]
        c = _norm(g("mo_c")).rstrip("-")
        if c in ("early", "late", "mid"):
            mention.time_of_day = c
        elif c in lx.dir_before:
            mention.explicit_direction = lx.dir_before[c]
    elif kind == "count":
        word = g("c_n") or g("c_n2")
        n = 1 if word.lower() in ("a", "an") else parse_number(word)
        sign = lx.count_after[g("c_post").lower()] if g("c_post") else lx.count_before[g("c_pre").lower()]
        if n is None or n > 400:
            return None
        unit = lx.count_units[(g("c_u") or g("c_u2")).lower()]
        mention.kind = "relative_week" if unit == 7 else "relative_day"
        mention.offset_days = sign * n * unit
        if g("c_pre") and not g("c_post"):
            mention.explicit_direction = "future"
    elif kind == "dnum":
        mention.kind, mention.day_number = "day_number", int(g("dn_n") or g("dn_o"))
        if mention.day_number == 0:
            return None
    elif kind == "rday":
        words = _norm(m.group(0))
        mention.kind, mention.offset_days = "relative_day", lx.rel_days[words]
        mention.time_of_day = lx.rel_time.get(words)
    return mention


def _valid(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """All date expressions in ``text[start:end]``, in order, with absolute character offsets."""
    lx, pattern = _lexicon()
    out: list[DateMention] = []
    for m in pattern.finditer(text, start, len(text) if end is None else end):
        mention = _make(m, lx)
        if mention is not None:
            out.append(mention)
    return out


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
        if not _valid(mention.year, mention.month, mention.day):
            return None
        return DateResolution(datetime.date(mention.year, mention.month, mention.day), "day", kind)
    if kind == "month_day":
        assert mention.month is not None and mention.day is not None
        return _resolve_month_day(mention.month, mention.day, mention.weekday, base, direction)
    if kind in ("weekday", "weekend"):
        assert mention.weekday is not None
        strict = _lexicon()[0].strict_future.search(mention.text) is not None
        date, rule = _resolve_weekday(mention.weekday, base, direction, strict)
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
        if _valid(y, month, day)
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
