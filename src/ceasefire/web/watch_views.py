"""Claims, deadlines coming up, the risk index and the timeline, from the assessment package."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ceasefire.web.assess_models import (
    ClaimOut,
    ClaimsOut,
    DueItemOut,
    DueOut,
    RiskDayOut,
    RiskOut,
    TimelineEntryOut,
    TimelineOut,
)
from ceasefire.web.assessment import AssessmentService, require

RISK_DAYS = 30


def _day(service: AssessmentService, as_of: date | None) -> date:
    return service.as_of(as_of) or date.today()


def claims_out(service: AssessmentService, agreement: str | None, as_of: date | None) -> ClaimsOut:
    list_claims = require("ceasefire.assess.claims", "list_claims")
    day = _day(service, as_of)
    found = service.computed("claims", agreement, day, list_claims)
    data = [ClaimOut.model_validate(c.to_dict()) for c in found]
    data.sort(key=lambda c: (c.date or date.min, c.id), reverse=True)
    return ClaimsOut(agreement=service.agreement(agreement).id, as_of=day, count=len(data), data=data)


def due_out(service: AssessmentService, agreement: str | None, as_of: date | None, days: int = 7) -> DueOut:
    due_next = require("ceasefire.assess.deadlines", "due_next")
    day = _day(service, as_of)
    found = service.computed(f"due:{days}", agreement, day, lambda a, ev, d: due_next(a, ev, d, days))
    data = [DueItemOut.model_validate(item.to_dict()) for item in found]
    return DueOut(agreement=service.agreement(agreement).id, as_of=day, count=len(data), data=data)


def risk_chart(rows: list[RiskDayOut]) -> dict[str, Any]:
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": "risk",
                "x": [r.date.isoformat() for r in rows],
                "y": [r.risk for r in rows],
            }
        ],
        "layout": {
            "title": {"text": "Risk index"},
            "yaxis": {"range": [0, 1]},
            "height": 300,
            "margin": {"t": 40, "l": 40, "r": 10, "b": 40},
        },
    }


def risk_out(
    service: AssessmentService, agreement: str | None, start: date | None, end: date | None
) -> RiskOut:
    risk_series = require("ceasefire.assess.risk", "risk_series")
    last = _day(service, end)
    first = start or last - timedelta(days=RISK_DAYS)
    found = service.computed(f"risk:{first}", agreement, last, lambda a, ev, d: risk_series(a, ev, first, d))
    data = [RiskDayOut.model_validate(day.to_spec()) for day in found]
    return RiskOut(
        agreement=service.agreement(agreement).id,
        as_of=last,
        count=len(data),
        data=data,
        chart=risk_chart(data),
    )


def timeline_out(
    service: AssessmentService, agreement: str | None, start: date | None, end: date | None
) -> TimelineOut:
    timeline = require("ceasefire.assess.timeline", "timeline")
    found = service.computed(f"timeline:{start}", agreement, end, lambda a, ev, d: timeline(a, ev, start, d))
    data = [TimelineEntryOut.model_validate(entry.to_dict()) for entry in found]
    return TimelineOut(agreement=service.agreement(agreement).id, as_of=end, count=len(data), data=data)
