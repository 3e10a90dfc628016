"""A report as read: the text as given (offsets refer to it) and its metadata."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Dateline:
    """``GAZA/CAIRO, Feb. 12 (Xinhua) --`` → places, day, agency, and where it stands in the text."""

    places: list[str]
    date: str | None
    agency: str | None
    span: tuple[int, int]


@dataclass(slots=True)
class Document:
    id: str
    text: str
    date: str | None = None  # publication date, ISO
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    dateline: Dateline | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    source: str | None = None  # file and line (or URL) it was read from

    @property
    def base_date(self) -> str | None:
        """The day relative dates resolve against: the dateline's day, else the publication date."""
        if self.dateline and self.dateline.date:
            return self.dateline.date
        return self.date
