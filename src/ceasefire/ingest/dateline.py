"""Find a report's dateline (``GAZA/CAIRO, Feb. 12 (Xinhua) --``) and read its places, day and agency.

Patterns are data (``datelines.yaml``). The day is resolved against the publication date: the year of
the dateline is the one that puts its day closest to the publication day (a report published on
2 January with a ``Dec. 31`` dateline is from the previous year)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ceasefire.errors import LexiconError
from ceasefire.ingest.document import Dateline

PATTERNS_FILE = Path(__file__).with_name("datelines.yaml")
SEARCH_CHARS = 3000  # datelines open the story, after at most a caption or a byline

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
PLACE = r"[A-Z][A-Z'’.\-]{2,}(?: [A-Z][A-Z'’.\-]*){0,3}"
LINE_OPENING = re.compile(r"(?m)^[ \t]*[A-Z][A-Z'’.\-]*[A-Z]\b")  # a line that opens with a capitalised word
PLACEHOLDERS = {
    "PLACES": rf"(?P<places>{PLACE}(?: ?/ ?{PLACE}){{0,3}})",
    "REGION": r"(?P<region>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})",
    "MONTH": r"(?P<month>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?)",
    "DAY": r"(?P<day>[1-9]|[12][0-9]|3[01])\b",
    "YEAR": r"(?P<year>(?:19|20)[0-9]{2})",
    "AGENCY": r"(?P<agency>[A-Za-z][A-Za-z .&/-]{0,38}[A-Za-z.])",
    "DASH": r"(?:--|—|–|-)(?=\s)",
    "LONGDASH": r"(?:--|—)(?=\s)",
}


@dataclass(frozen=True, slots=True)
class DatelinePattern:
    id: str
    regex: re.Pattern[str]


def _compile(entry: Any, index: int) -> DatelinePattern:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or "regex" not in entry:
        raise LexiconError("each pattern needs 'id' and 'regex'", where=f"{PATTERNS_FILE.name}: #{index}")
    source = str(entry["regex"])
    for name, value in PLACEHOLDERS.items():
        source = source.replace("{" + name + "}", value)
    try:
        compiled = re.compile(r"(?m)^[ \t]*" + source)
    except re.error as exc:
        raise LexiconError(f"bad regex: {exc}", where=f"{PATTERNS_FILE.name}: {entry['id']}") from exc
    example = entry.get("example")
    if example and not compiled.search(str(example)):
        raise LexiconError(
            "pattern does not match its own example", where=f"{PATTERNS_FILE.name}: {entry['id']}"
        )
    return DatelinePattern(entry["id"], compiled)


@lru_cache(maxsize=1)
def load_patterns() -> tuple[DatelinePattern, ...]:
    """The dateline patterns, validated (each must match its example)."""
    data = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("patterns"), list):
        raise LexiconError("expected a mapping with a 'patterns' list", where=PATTERNS_FILE.name)
    return tuple(_compile(entry, i) for i, entry in enumerate(data["patterns"], 1))


def _place_name(raw: str) -> str:
    return " ".join(w.capitalize() if w.isupper() else w for w in raw.strip().split())


def resolve_day(month: int, day: int, published: date | None, year: int | None = None) -> date | None:
    """The date of ``month``/``day``: in ``year`` if given, else the year closest to ``published``."""
    if year is not None:
        try:
            return date(year, month, day)
        except ValueError:
            return None
    if published is None:
        return None
    candidates: list[date] = []
    for y in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(date(y, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    return min(candidates, key=lambda d: abs((d - published).days))


def find_dateline(text: str, published: str | None = None) -> Dateline | None:
    """The first dateline in the opening of ``text``, or None. ``published`` is an ISO date."""
    head = text[:SEARCH_CHARS]
    match = None
    for start in LINE_OPENING.finditer(head):  # one cheap scan; the patterns only run where it stops
        match = next((m for p in load_patterns() if (m := p.regex.match(head, start.start()))), None)
        if match:
            break
    if match is None:
        return None
    base = date.fromisoformat(published) if published else None
    groups = match.groupdict()
    places = [_place_name(p) for p in re.split(r" ?/ ?", groups["places"]) if p.strip()]
    day: date | None = None
    if groups.get("month") and groups.get("day"):
        month = MONTHS.get(groups["month"][:3].lower())
        year = int(groups["year"]) if groups.get("year") else None
        if month:
            day = resolve_day(month, int(groups["day"]), base, year)
    agency = groups.get("agency")
    return Dateline(
        places=places,
        date=day.isoformat() if day else None,
        agency=agency.strip() if agency else None,
        span=(match.start("places"), match.end()),
    )
