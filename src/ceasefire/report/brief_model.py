"""The brief's model: plain dataclasses every renderer reads (``report/brief.py`` builds them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(slots=True)
class Footnote:
    number: int
    doc_id: str
    title: str | None
    outlet: str | None
    published: date | None
    url: str | None


@dataclass(slots=True)
class Statement:
    """One sentence of the brief and the footnotes of the reports behind it."""

    text: str
    refs: list[int] = field(default_factory=list)


@dataclass(slots=True)
class ObligationRow:
    id: str
    title: str
    obligor: str | None
    due: date | None
    status: str
    agreed: str
    done: str
    reason: str
    refs: list[int]


@dataclass(slots=True)
class SeriesPoint:
    day: date
    value: float


@dataclass(slots=True)
class LedgerSeries:
    """Cumulative handovers of one side and unit against the cumulative agreed schedule."""

    party: str
    unit: str
    done: list[SeriesPoint]
    agreed: list[SeriesPoint]
    done_total: int
    agreed_total: int | None
    agreed_to_date: int  # agreed by rounds due on or before the brief's day
    refs: list[int]


@dataclass(slots=True)
class DriverRow:
    text: str
    weight: float
    refs: list[int]


@dataclass(slots=True)
class DueRow:
    due: date
    days_left: int
    kind: str
    id: str
    what: str
    obligor: str | None
    status: str
    refs: list[int]


@dataclass(slots=True)
class DisputeRow:
    date: date | None
    kind: str  # accusation | denial
    claimant: str | None
    accused: str | None
    text: str
    quote: str
    denied: bool
    refs: list[int]


@dataclass(slots=True)
class Brief:
    agreement_id: str
    title: str
    parties: list[str]
    as_of: date
    previous: date
    ceasefire: str
    headline: Statement
    key_points: list[Statement]
    changes: list[Statement]
    obligations: list[ObligationRow]
    not_due: list[str]
    ledger: list[LedgerSeries]
    risk: list[SeriesPoint]
    risk_today: float | None
    risk_previous: float | None
    drivers: list[DriverRow]
    due: list[DueRow]
    ultimatums: list[Statement]
    disputes: list[DisputeRow]
    footnotes: list[Footnote]
    reports_used: int
