"""``/api/agreements``: agreements, provision status as of a day, ledger, stories (and story reviews)."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Query
from sqlalchemy import Engine

from ceasefire.errors import NotFound
from ceasefire.store.reviews import record_review
from ceasefire.store.users import User
from ceasefire.store.webqueries import EventFilter, get_event
from ceasefire.web.api.events import event_filter
from ceasefire.web.assess_models import (
    AgreementOut,
    AgreementSummary,
    LedgerOut,
    ProvisionDetail,
    StatusOut,
    StoryOut,
)
from ceasefire.web.assess_views import (
    agreement_out,
    agreement_summary,
    find_story,
    ledger_out,
    provision_detail,
    status_out,
    stories_page,
)
from ceasefire.web.assessment import AssessmentService
from ceasefire.web.deps import analyst_writer, get_engine, get_service, reader
from ceasefire.web.models import Page, ReviewIn, ReviewResult, StoryReviewIn
from ceasefire.web.present import review_out

router = APIRouter(prefix="/agreements", tags=["agreements"])
AsOf = Query(None, description="ISO day; default: the newest report's publication day")


@router.get("", response_model=Page[AgreementSummary], summary="Agreements (stored and built in)")
def agreements(
    service: AssessmentService = Depends(get_service), _: User = Depends(reader)
) -> Page[AgreementSummary]:
    data = [agreement_summary(service.agreement(i)) for i in service.agreement_ids()]
    return Page[AgreementSummary](data=data, count=len(data), limit=len(data), offset=0)


@router.get("/{agreement_id}", response_model=AgreementOut, summary="One agreement with its provisions")
def agreement(
    agreement_id: str, service: AssessmentService = Depends(get_service), _: User = Depends(reader)
) -> AgreementOut:
    return agreement_out(service.agreement(agreement_id))


@router.get(
    "/{agreement_id}/status", response_model=StatusOut, summary="Every obligation's status as of a day"
)
def status(
    agreement_id: str,
    as_of: date | None = AsOf,
    service: AssessmentService = Depends(get_service),
    _: User = Depends(reader),
) -> StatusOut:
    return status_out(service, agreement_id, as_of)


@router.get(
    "/{agreement_id}/provisions/{provision_id}",
    response_model=ProvisionDetail,
    summary="One provision's obligations with their evidence sentences",
)
def provision(
    agreement_id: str,
    provision_id: str,
    as_of: date | None = AsOf,
    service: AssessmentService = Depends(get_service),
    _: User = Depends(reader),
) -> ProvisionDetail:
    return provision_detail(service, agreement_id, provision_id, as_of)


@router.get(
    "/{agreement_id}/ledger", response_model=LedgerOut, summary="Exchange ledger (SPEC §4) and rounds"
)
def ledger(
    agreement_id: str,
    as_of: date | None = Query(None, description="only reports published on or before this day"),
    service: AssessmentService = Depends(get_service),
    _: User = Depends(reader),
) -> LedgerOut:
    return ledger_out(service, agreement_id, as_of)


@router.get(
    "/{agreement_id}/stories", response_model=Page[StoryOut], summary="Stories: events fused across reports"
)
def stories(
    agreement_id: str,
    as_of: date | None = Query(None, description="only reports published on or before this day"),
    f: EventFilter = Depends(event_filter),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
    service: AssessmentService = Depends(get_service),
    _: User = Depends(reader),
) -> Page[StoryOut]:
    return stories_page(service, agreement_id, as_of, f, limit, offset)


@router.post(
    "/{agreement_id}/stories/{story_id}/review",
    response_model=ReviewResult,
    summary="Confirm, reject or correct every telling of a story (analyst)",
)
def review_story(
    agreement_id: str,
    story_id: str,
    body: StoryReviewIn,
    service: AssessmentService = Depends(get_service),
    engine: Engine = Depends(get_engine),
    user: User = Depends(analyst_writer),
) -> ReviewResult:
    return review_story_events(service, engine, user, agreement_id, story_id, body)


def review_story_events(
    service: AssessmentService,
    engine: Engine,
    user: User,
    agreement_id: str | None,
    story_id: str,
    body: ReviewIn,
) -> ReviewResult:
    """One review per telling of the story, in one transaction."""
    story = find_story(service, agreement_id, story_id)
    last = None
    with engine.begin() as conn:
        for member in story.events:
            stored = get_event(conn, member.event_id)
            if stored is None:
                raise NotFound(
                    f"event {member.event_id} of story {story_id!r} is gone", hint="reload the stories"
                )
            last = record_review(conn, user, stored, body.action, changes=body.changes, reason=body.reason)
    assert last is not None  # a story has at least one telling
    service.invalidate()
    return ReviewResult(fingerprint=last.fingerprint, review=review_out(last), events=len(story.events))
