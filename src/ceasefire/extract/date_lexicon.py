"""The date vocabulary of ``lexicon/dates.yaml``, validated at load, and the head automaton and
anchored expressions that ``ceasefire.extract.dates`` grows mentions with."""

from __future__ import annotations

import datetime
import re
from functools import cache, lru_cache
from typing import Any

import ahocorasick

from ceasefire.errors import LexiconError
from ceasefire.extract.lexicon import read_packaged_yaml
from ceasefire.extract.lookback import suffixes_of

__all__ = [
    "DateFinder",
    "DateLexicon",
    "is_month_name",
    "load_date_lexicon",
    "norm",
    "scan_heads",
    "valid_date",
]

LEXICON = "dates.yaml"
_DAY_RE = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d|\.\d|%|-[A-Za-z]|\s*[ap]\.?m\b)"
_YEAR_RE = r"(?:19|20)\d\d(?![\d%-])"


class DateLexicon:
    """The validated contents of dates.yaml plus the tables derived from them."""

    def __init__(self, data: Any) -> None:
        where = f"lexicon/{LEXICON}"
        if not isinstance(data, dict):
            raise LexiconError("top level must be a mapping", where=where)
        self.month_names: dict[str, int] = {}
        self.context_only: set[str] = set()
        self.weekday_names: dict[str, int] = {}
        for field, names, top in (("months", self.month_names, 12), ("weekdays", self.weekday_names, 6)):
            for i, row in enumerate(_req(data, field, list, where)):
                num = _req(row, "number", int, f"{where}: {field}[{i}]")
                if not (1 if top == 12 else 0) <= num <= top:
                    raise LexiconError(f"number {num} out of range", where=f"{where}: {field}[{i}]")
                for name in _strs(row, "names", f"{where}: {field}[{i}]"):
                    names[name] = num
                self.context_only.update(row.get("needs_context", []) or [])
        if len(set(self.month_names.values())) != 12 or len(set(self.weekday_names.values())) != 7:
            raise LexiconError("every month (1..12) and weekday (0..6) needs a name", where=where)
        self.dir_before = _direction_table(_req(data, "direction_before", dict, where), where)
        self.dir_after = _direction_table(_req(data, "direction_after", dict, where), where)
        self.strict_future = {w.lower() for w in _strs(data, "strict_future", where)}
        self.time_before = {norm(w) for w in _strs(data, "time_before", where)}
        self.time_after = _strs(data, "time_after", where)
        self.month_context = {norm(w) for w in _strs(data, "month_context", where)}
        self.rel_time = {norm(k): str(v) for k, v in _req(data, "relative_time_of_day", dict, where).items()}
        self.count_units = _int_table(data, "relative_count_units", where)
        self.count_after = _int_table(data, "relative_count_after", where)
        self.count_before = _int_table(data, "relative_count_before", where)
        self.day_words = {w.lower() for w in _strs(data, "day_number_words", where)}
        self.phrases: dict[str, tuple[str, int | str]] = {}
        for field, kind in (
            ("relative_days", "relative_day"),
            ("relative_weeks", "relative_week"),
            ("relative_months", "relative_month"),
        ):
            for phrase, value in _int_table(data, field, where).items():
                self.phrases[phrase] = (kind, value)
        for phrase, cue in _req(data, "weekends", dict, where).items():
            if cue not in ("past", "future", "tense"):
                raise LexiconError(f"weekends[{phrase!r}] must be past, future or tense", where=where)
            self.phrases[norm(phrase)] = ("weekend", cue)
        self.time_suffixes = suffixes_of(self.time_before)
        self.dir_suffixes = suffixes_of(self.dir_before)
        self.context_suffixes = suffixes_of(self.month_context)
        self.phrase_suffixes = suffixes_of(self.phrases)


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
        raise LexiconError(
            f"field {key!r} must be a non-empty list of words (quote yes/no/on/off)", where=where
        )
    return vals


def _int_table(data: Any, key: str, where: str) -> dict[str, int]:
    table = _req(data, key, dict, where)
    for k, v in table.items():
        if not isinstance(v, int) or isinstance(v, bool):
            raise LexiconError(f"{key}[{k!r}] must be an integer, got {v!r}", where=where)
    return {norm(str(k)): v for k, v in table.items()}


def _direction_table(table: dict[str, Any], where: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for direction in table:
        if direction not in ("past", "future"):
            raise LexiconError(f"direction {direction!r} must be past or future", where=where)
        for w in _strs(table, direction, where):
            out[norm(w)] = direction
    return out


def norm(words: str) -> str:
    return " ".join(words.lower().split())


def _alt(words: Any) -> str:
    return (
        "(?:"
        + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
        + ")"
    )


class DateFinder:
    """Head automaton and the anchored regexes that grow a head into a mention."""

    def __init__(self, lx: DateLexicon) -> None:
        roles: dict[str, list[tuple[str, int]]] = {}
        for name, n in lx.month_names.items():
            roles.setdefault(name.lower(), []).append(("month", n))
        for name, n in lx.weekday_names.items():
            roles.setdefault(name.lower(), []).append(("weekday", n))
        for phrase in lx.phrases:
            roles.setdefault(phrase.split()[-1], []).append(("phrase", 0))
        for word in lx.count_after:
            roles.setdefault(word, []).append(("ago", 0))
        for word in [*lx.count_units, *lx.day_words]:
            roles.setdefault(word, []).append(("unit", 0))
        self.auto = ahocorasick.Automaton()
        for key, rs in roles.items():
            self.auto.add_word(key, (key, tuple(dict.fromkeys(rs))))
        self.auto.make_automaton()
        self.max_phrase = max(len(p.split()) for p in lx.phrases)
        month, day, year = _alt(lx.month_names) + r"(?![A-Za-z])", _DAY_RE, _YEAR_RE
        self.md_tail = re.compile(rf"(?:(?<=\.)[ \t]*|\s+)(?P<d>{day})(?:,?\s+(?P<y>{year}))?")
        self.year_tail = re.compile(rf",?\s+(?P<y>{year})")
        self.wd_date = re.compile(
            rf",?\s+(?:the\s+)?\(?\s*(?:(?P<m1>{month})(?:(?<=\.)\s*|\s+)(?P<d1>{day})"
            rf"|(?P<d2>{day})\s+(?:of\s+)?(?P<m2>{month}))(?:,?\s+(?P<y>{year}))?\)?"
        )
        self.wd_tail = re.compile(
            rf"(?:'s|’s)?(?:\s+(?P<da>{_alt(lx.dir_after)})(?![\s-]+(?:week|month|year)))?"
            rf"(?:,?\s+(?P<ta>{_alt(lx.time_after)})\b)?"
        )
        self.day_no = re.compile(r"\s+(?P<n>\d{1,3})(?![\d-]|\s*%)")
        self.ordinal = re.compile(r"(?P<n>\d{1,3})(?:st|nd|rd|th)")
        self.day_only = re.compile(r"(?P<n>\d{1,2})(?:st|nd|rd|th)?")
        self.day_before = re.compile(r"(?P<n>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?$")
        self.iso = re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?![\d-])")


@cache
def load_date_lexicon() -> tuple[DateLexicon, DateFinder]:
    data = read_packaged_yaml(LEXICON)
    lx = DateLexicon(data)
    return lx, DateFinder(lx)


def check_date_lexicon() -> str:
    """One summary line for ``rules check``; LexiconError if dates.yaml is bad."""
    lx = load_date_lexicon()[0]
    return (
        f"lexicon/{LEXICON}: {len(lx.month_names)} month names, {len(lx.weekday_names)} weekday names, "
        f"{len(lx.phrases)} relative phrases: ok"
    )


def is_month_name(word: str) -> bool:
    """True for a month name or abbreviation as the lexicon spells it ("March", "Jan.")."""
    return word in load_date_lexicon()[0].month_names


Head = tuple[int, int, str, tuple[tuple[str, int], ...]]


@lru_cache(maxsize=64)
def scan_heads(text: str) -> tuple[Head, ...]:
    """Head words of the whole text, plus ISO-date probes (cached: the extractor calls per sentence)."""
    fd = load_date_lexicon()[1]
    low = text.lower()
    out: list[Head] = []
    n = len(low)
    # the automaton's values typed here (it gives ``Any``): compiled, the loop runs on native ints
    e1: int
    key: str
    roles: tuple[tuple[str, int], ...]
    for e1, (key, roles) in fd.auto.iter(low):
        s, e = e1 - len(key) + 1, e1 + 1
        if (s > 0 and low[s - 1].isalnum()) or (e < n and low[e].isalpha()):
            continue
        out.append((s, e, key, roles))
    for probe in ("-0", "-1"):
        i = low.find(probe)
        while i != -1:
            if i >= 4:
                out.append((i - 4, i + 6, "", (("iso", 0),)))
            i = low.find(probe, i + 2)
    out.sort()
    return tuple(out)


def valid_date(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True
