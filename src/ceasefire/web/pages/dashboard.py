"""Overview, provisions table and drill-down, ledger, timeline and claims pages (with JSON twins)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel

from ceasefire.store.users import User
from ceasefire.web.assess_models import (
    AgreementSummary,
    ClaimOut,
    ClaimsOut,
    DueItemOut,
    LedgerOut,
    ProvisionDetail,
    RiskDayOut,
    StatusOut,
    TimelineOut,
)
from ceasefire.web.assess_views import agreement_summary, ledger_out, provision_detail, status_out
from ceasefire.web.assessment import AssessmentService
from ceasefire.web.deps import get_service, reader
from ceasefire.web.pages.render import page_with_twin
from ceasefire.web.watch_views import claims_out, due_out, risk_out, timeline_out

router = APIRouter()
STATUS_COLOURS = {
    "fulfilled": "#2e7d32",
    "partly_fulfilled": "#9e9d24",
    "in_progress": "#0277bd",
    "due": "#f9a825",
    "not_due": "#9e9e9e",
    "overdue": "#e65100",
    "suspended": "#6a1b9a",
    "disputed": "#ad1457",
    "breached": "#b71c1c",
}


class OverviewView(BaseModel):
    agreement: AgreementSummary
    agreements: list[str]
    as_of: date
    ceasefire: str
    ceasefire_reason: str
    counts: dict[str, int]
    due_next: list[DueItemOut]
    disputes: list[ClaimOut]
    risk: list[RiskDayOut]
    status_chart: dict[str, Any]
    risk_chart: dict[str, Any]


def _status_chart(counts: dict[str, int]) -> dict[str, Any]:
    names = [s for s in STATUS_COLOURS if counts.get(s)]
    bar = {
        "type": "bar",
        "x": names,
        "y": [counts[s] for s in names],
        "marker": {"color": [STATUS_COLOURS[s] for s in names]},
    }
    layout = {
        "title": {"text": "Obligations by status"},
        "height": 300,
        "margin": {"t": 40, "l": 40, "b": 80},
    }
    return {"data": [bar], "layout": layout}


TOP_DRIVERS = 3


def _top_drivers(day: RiskDayOut) -> RiskDayOut:
    """The day's strongest drivers only, each with a few of its reports (the full list is at
    /api/agreements/{id}/risk): the overview stays small however many reports there are."""
    strongest = sorted(day.drivers, key=lambda d: abs(d.weight), reverse=True)[:TOP_DRIVERS]
    return day.model_copy(
        update={"drivers": [d.model_copy(update={"evidence": d.evidence[:3]}) for d in strongest]}
    )


@page_with_twin(router, "/", template="overview.html", model=OverviewView, json_path="/index.json")
def overview(
    agreement: str | None = Query(None),
    as_of: date | None = Query(None),
    service: AssessmentService = Depends(get_service),
    _: User = Depends(reader),
) -> OverviewView:
    return service.view(("overview", agreement, as_of), lambda: _overview(service, agreement, as_of))


def _overview(service: AssessmentService, agreement: str | None, as_of: date | None) -> OverviewView:
    a = service.agreement(agreement)
    status = status_out(service, a.id, as_of)
    risk = risk_out(service, a.id, None, status.as_of)
    return OverviewView(
        agreement=agreement_summary(a),
        agreements=service.agreement_ids(),
        as_of=status.as_of,
        ceasefire=status.ceasefire,
        ceasefire_reason=status.ceasefire_reason,
        counts=status.counts,
        due_next=due_out(service, a.id, status.as_of).data[:10],
        disputes=claims_out(service, a.id, status.as_of).data[:8],
        risk=[_top_drivers(day) for day in risk.data],
        status_chart=_status_chart(status.counts),
        risk_chart=risk.chart,
    )


@page_with_twin(router, "/provisions", template="provisions.html", model=StatusOut)
def provisions(
    agreement: str | None = Query(None),
    as_of: date | None = Query(None),
    service: AssessmentService = Depends(get_service),
    _: User = Depends(reader),
) -> StatusOut:
    return service.view(("provisions", agreement, as_of), lambda: status_out(service, agreement, as_of))


@page_with_twin(router, "/provisions/{provision_id}", template="provision.html", model=ProvisionDetail)
def provision(
    provision_id: str,
    agreement: str | None = Query(None),
    as_of: date | None = Query(None),
    service: AssessmentService = Depends(get_service),
    _: User = Depends(reader),
) -> ProvisionDetail:
    return provision_detail(service, agreement, provision_id, as_of)


@page_with_twin(router, "/ledger", template="ledger.html", model=LedgerOut)
def ledger(
    agreement: str | None = Query(None),
    as_of: date | None = Query(None),
    service: AssessmentService = Depends(get_service),
    _: User = Depends(reader),
) -> LedgerOut:
    return ledger_out(service, agreement, as_of)


def _timeline_extra(request: Request, view: Any) -> dict[str, Any]:
    user = request.state.caller.user
    return {"can_review": bool(user and user.can("analyst")), "flash": request.query_params.get("flash")}


@page_with_twin(router, "/timeline", template="timeline.html", model=TimelineOut, extra=_timeline_extra)
def timeline(
    agreement: str | None = Query(None),
    date_from: date | None = Query(None, alias="from"),
    date_to: date | None = Query(None, alias="to"),
    service: AssessmentService = Depends(get_service),
    _: User = Depends(reader),
) -> TimelineOut:
    return timeline_out(service, agreement, date_from, date_to)


@page_with_twin(router, "/claims", template="claims.html", model=ClaimsOut)
def claims(
    agreement: str | None = Query(None),
    as_of: date | None = Query(None),
    service: AssessmentService = Depends(get_service),
    _: User = Depends(reader),
) -> ClaimsOut:
    return claims_out(service, agreement, as_of)
