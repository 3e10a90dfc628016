"""A piece of input that could not be accepted, with where it was and why (goes to quarantine)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Rejected:
    source: str  # file path or "<stdin>"
    location: str | None  # "line 12", "row 3", "byte 4096"
    reason: str  # stable code: bad_json, bad_utf8, empty, binary, too_large, bad_date, missing_text, …
    detail: str  # what was wrong, for a person
    raw: str | None = None  # the offending input, truncated, kept for retry

    def render(self) -> str:
        where = f"{self.source}:{self.location}" if self.location else self.source
        return f"{where}: {self.reason}: {self.detail}"
