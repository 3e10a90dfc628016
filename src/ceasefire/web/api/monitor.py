"""``/api/agreements/{id}/claims|due-next|risk|timeline``: what to watch."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Query

from ceasefire.store.users import User
from ceasefire.web.assess_models import ClaimsOut, DueOut, RiskOut, TimelineOut
from ceasefire.web.assessment import AssessmentService
from ceasefire.web.deps import get_service, reader
from ceasefire.web.watch_views import claims_out, due_out, risk_out, timeline_out

router = APIRouter(prefix="/agreements/{agreement_id}", tags=["monitoring"])
AsOf = Query(None, description="ISO day; default: the newest report's publication day")


@router.get("/claims", response_model=ClaimsOut, summary="Accusations and denials, newest first")
def claims(
    agreement_id: str,
    as_of: date | None = AsOf,
    service: AssessmentService = Depends(get_service),
    _: User = Depends(reader),
) -> ClaimsOut:
    return claims_out(service, agreement_id, as_of)


@router.get("/due-next", response_model=DueOut, summary="Obligations and ultimatums due soon or late")
def due_next(
    agreement_id: str,
    as_of: date | None = AsOf,
    days: int = Query(7, ge=1, le=365),
    service: AssessmentService = Depends(get_service),
    _: User = Depends(reader),
) -> DueOut:
    return due_out(service, agreement_id, as_of, days)


@router.get("/risk", response_model=RiskOut, summary="Daily risk index (SPEC §4c)")
def risk(
    agreement_id: str,
    date_from: date | None = Query(None, alias="from", description="default: 30 days before 'to'"),
    date_to: date | None = Query(None, alias="to", description="default: the newest report's day"),
    service: AssessmentService = Depends(get_service),
    _: User = Depends(reader),
) -> RiskOut:
    return risk_out(service, agreement_id, date_from, date_to)


@router.get("/timeline", response_model=TimelineOut, summary="Stories, claims and deadlines by day")
def timeline(
    agreement_id: str,
    date_from: date | None = Query(None, alias="from"),
    date_to: date | None = Query(None, alias="to"),
    service: AssessmentService = Depends(get_service),
    _: User = Depends(reader),
) -> TimelineOut:
    return timeline_out(service, agreement_id, date_from, date_to)
