"""Typed bodies for agreements and assessment results (status, ledger, stories, claims, risk, …)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from ceasefire.web.models import QuantityOut, Segment


class AgreementSummary(BaseModel):
    id: str
    title: str
    effective: date
    parties: list[str]
    provisions: int


class ProvisionOut(BaseModel):
    id: str
    title: str
    action: str
    obligor: str | None
    beneficiary: str | None
    phase: str | None
    quantity: QuantityOut | None
    schedule: str
    location: str | None


class AgreementOut(AgreementSummary):
    summary: str | None
    mediators: list[str]
    provision_list: list[ProvisionOut]


class EvidenceOut(BaseModel):
    event_id: int
    doc_id: str
    published: date | None
    evidence: str
    span: tuple[int, int]
    context: list[Segment] = Field(default_factory=list, description="the sentence in its report, marked")


class StoryRefOut(BaseModel):
    story: str
    relation: str
    reason: str
    label: str
    date: date | None
    is_claim: bool
    independent_sources: int
    sources: list[str]
    events: list[EvidenceOut]


class ObligationOut(BaseModel):
    provision: str = Field(description="obligation id: the round or deadline (SPEC §4b)")
    provision_id: str
    title: str
    action: str
    obligor: str | None
    beneficiary: str | None
    location: str | None
    due: date | None
    status: str
    agreed: QuantityOut | None
    done: QuantityOut | None
    evidence: list[str]
    reason: str
    stories: list[StoryRefOut]


class StatusOut(BaseModel):
    agreement: str
    as_of: date
    ceasefire: str
    ceasefire_reason: str
    counts: dict[str, int]
    obligations: list[ObligationOut]


class ProvisionDetail(BaseModel):
    agreement: str
    as_of: date
    provision: ProvisionOut
    obligations: list[ObligationOut]


class LedgerRowOut(BaseModel):
    date: date
    party: str
    unit: str
    count: int
    stories: list[str]


class RoundOut(BaseModel):
    round: str
    party: str | None
    unit: str | None
    due: date
    agreed: int | None
    done: int
    state: str
    delay_days: int
    evidence: list[str]


class CumulativeOut(BaseModel):
    party: str
    unit: str
    done: int
    agreed: int | None


class LedgerOut(BaseModel):
    agreement: str
    as_of: date | None
    rows: list[LedgerRowOut]
    rounds: list[RoundOut]
    cumulative: list[CumulativeOut]
    chart: dict[str, Any] = Field(description="plotly figure: cumulative handed over vs agreed")


class StoryOut(BaseModel):
    id: str
    type: str
    actor: str | None
    target: str | None
    object: str | None
    mode: str
    date: date | None
    quantity: QuantityOut | None
    label: str
    is_claim: bool
    sources: list[str]
    independent_sources: int
    event_ids: list[int]
    links: list[dict[str, str]]


class RiskDriverOut(BaseModel):
    type: str
    actor: str | None
    object: str | None = None
    weight: float
    base_weight: float | None = None
    age_days: int | None = None
    story: str | None = None
    evidence: list[str]


class RiskDayOut(BaseModel):
    date: date
    risk: float
    drivers: list[RiskDriverOut]


class ClaimEventOut(BaseModel):
    doc_id: str
    span: tuple[int, int]
    evidence: str
    source: str | None = None


class ClaimOut(BaseModel):
    id: str
    kind: str
    date: date | None
    claimant: str | None
    accused: str | None
    about: str | None
    obligations: list[str]
    independent_sources: int
    sources: list[str]
    denied: bool
    denials: list[str]
    answers: list[str]
    verified: bool
    events: list[ClaimEventOut]


class DueItemOut(BaseModel):
    kind: str
    id: str
    due: date
    days_left: int
    what: str
    obligor: str | None
    status: str
    agreed: QuantityOut | None


class TimelineEntryOut(BaseModel):
    id: str
    date: date
    kind: str
    type: str
    label: str
    actor: str | None
    target: str | None
    mode: str | None
    quantity: int | None
    unit: str | None
    links: list[dict[str, str]]
    sources: list[str]
    independent_sources: int


class AsOfList(BaseModel):
    agreement: str
    as_of: date | None
    count: int


class ClaimsOut(AsOfList):
    data: list[ClaimOut]


class DueOut(AsOfList):
    data: list[DueItemOut]


class RiskOut(AsOfList):
    data: list[RiskDayOut]
    chart: dict[str, Any]


class TimelineOut(AsOfList):
    data: list[TimelineEntryOut]
