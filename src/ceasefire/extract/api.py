"""``ceasefire.extract(text, date=…, lexicons=…)``: text and a date in, typed events out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from ceasefire.errors import UsageError
from ceasefire.extract.event import Event
from ceasefire.extract.pipeline import Extractor


@lru_cache(maxsize=8)
def extractor_for(lexicons: tuple[Path, ...] = ()) -> Extractor:
    """One extractor per lexicon set, built once (loading rules and actors takes a few hundred ms)."""
    return Extractor(lexicons)


def as_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"date {value!r} is not YYYY-MM-DD") from exc


def extract(
    text: str, date: str | dt.date | None = None, lexicons: Sequence[Path] = (), doc_id: str = "doc"
) -> list[Event]:
    """The events of one report; ``date`` is the day relative dates resolve against."""
    extractor = extractor_for(tuple(Path(p) for p in lexicons))
    return extractor.analyse(text, as_date(date), doc_id).events
