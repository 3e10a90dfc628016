"""Typed request and response bodies of the REST API (and of every page's JSON twin)."""

from __future__ import annotations

from datetime import date
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class ErrorOut(BaseModel):
    ok: bool = False
    error: str
    status: int
    code: str | None = None


class Page(BaseModel, Generic[T]):
    data: list[T]
    count: int
    limit: int
    offset: int


class QuantityOut(BaseModel):
    value: int
    unit: str


class ReviewOut(BaseModel):
    id: int
    status: str
    by: str
    at: str
    reason: str
    changes: dict[str, Any]


class EventOut(BaseModel):
    id: int
    fingerprint: str
    doc_id: str
    type: str
    actor: str | None
    target: str | None
    object: str | None
    mode: str
    date: date | None
    quantity: QuantityOut | None
    location: str | None
    source: str | None
    evidence: str
    span: tuple[int, int]
    trigger: str
    trigger_span: tuple[int, int]
    rule: str
    reason: str
    provision: str | None = None
    links: list[str] = Field(default_factory=list, description="obligations its story is linked to, and how")
    published: date | None
    title: str | None
    review: ReviewOut | None = None
    extracted: dict[str, Any] | None = Field(
        default=None, description="the values as extracted, when a review changed them"
    )


class EventDetail(BaseModel):
    event: EventOut
    history: list[ReviewOut]


class Segment(BaseModel):
    """A run of report text; ``mark`` when it lies inside an evidence span."""

    text: str
    mark: bool = False
    focus: bool = False
    events: list[int] = Field(default_factory=list)


class DocumentSummary(BaseModel):
    doc_id: str
    title: str | None
    published: date | None
    url: str | None
    outlet: str | None
    cluster_id: int | None
    events: int


class DocumentOut(BaseModel):
    doc_id: str
    title: str | None
    published: date | None
    url: str | None
    outlet: str | None
    text: str
    events: list[EventOut]
    segments: list[Segment]


class ReviewIn(BaseModel):
    action: Literal["confirm", "reject", "correct"]
    reason: str = ""
    changes: dict[str, Any] = Field(
        default_factory=dict,
        description="for 'correct': any of type, actor, target, object, mode, date, quantity "
        "({value, unit} or null), location, provision",
    )


class StoryReviewIn(ReviewIn):
    pass


class ReviewResult(BaseModel):
    ok: bool = True
    fingerprint: str
    review: ReviewOut
    events: int = 1


class UserOut(BaseModel):
    name: str
    role: str
    active: bool


class IngestOut(BaseModel):
    ok: bool = True
    accepted: int
    rejected: int
    events: int
    doc_ids: list[str]
    problems: list[str]
