"""Build the assessment responses (status, provision drill-down, ledger, stories) from the service."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import Any

from ceasefire.agreements.schema import Agreement, Provision
from ceasefire.errors import NotFound
from ceasefire.store.webqueries import EventFilter, document_text
from ceasefire.web.assess_models import (
    AgreementOut,
    AgreementSummary,
    CumulativeOut,
    EvidenceOut,
    LedgerOut,
    LedgerRowOut,
    ObligationOut,
    ProvisionDetail,
    ProvisionOut,
    RoundOut,
    StatusOut,
    StoryOut,
    StoryRefOut,
)
from ceasefire.web.assessment import AssessmentService, require
from ceasefire.web.models import Page, QuantityOut
from ceasefire.web.present import segments

CONTEXT_CHARS = 160
PLURAL = {
    "hostage": "hostages",
    "prisoner": "prisoners",
    "body": "bodies",
    "truck": "trucks",
    "person": "people",
}


def _qty(value: int | None, unit: str | None) -> QuantityOut | None:
    return QuantityOut(value=value, unit=unit) if value is not None and unit else None


def agreement_summary(a: Agreement) -> AgreementSummary:
    return AgreementSummary(
        id=a.id, title=a.title, effective=a.effective_date, parties=a.parties, provisions=len(a.provisions)
    )


def provision_out(p: Provision) -> ProvisionOut:
    return ProvisionOut(
        id=p.id,
        title=p.title,
        action=p.action,
        obligor=p.obligor,
        beneficiary=p.beneficiary,
        phase=p.phase,
        quantity=_qty(p.quantity.value, p.quantity.unit) if p.quantity else None,
        schedule=p.schedule.kind,
        location=p.location,
    )


def agreement_out(a: Agreement) -> AgreementOut:
    return AgreementOut(
        **agreement_summary(a).model_dump(),
        summary=a.summary,
        mediators=a.mediators,
        provision_list=[provision_out(p) for p in a.provisions],
    )


def _as_of(service: AssessmentService, as_of: date | None) -> date:
    return service.as_of(as_of) or date.today()


def status_report(service: AssessmentService, agreement: str | None, as_of: date | None) -> Any:
    assess_status = require("ceasefire.assess.status", "assess_status")
    day = _as_of(service, as_of)
    return service.computed("status", agreement, day, assess_status)


def _story_ref(ref: Any, texts: dict[str, str] | None) -> StoryRefOut:
    s = ref.story
    events = []
    for e in s.events:
        context: list[Any] = []
        if texts is not None and e.doc_id in texts:
            text = texts[e.doc_id]
            lo, hi = max(0, e.span[0] - CONTEXT_CHARS), min(len(text), e.span[1] + CONTEXT_CHARS)
            context = segments(text[lo:hi], [(e.span[0] - lo, e.span[1] - lo, e.event_id)], e.event_id)
        events.append(
            EvidenceOut(
                event_id=e.event_id,
                doc_id=e.doc_id,
                published=e.published,
                evidence=e.evidence,
                span=e.span,
                context=context,
            )
        )
    return StoryRefOut(
        story=s.id,
        relation=ref.relation,
        reason=ref.reason,
        label=s.label(),
        date=s.date,
        is_claim=s.is_claim,
        independent_sources=s.independent_sources,
        sources=list(s.sources),
        events=events,
    )


def obligation_out(item: Any, texts: dict[str, str] | None = None) -> ObligationOut:
    o = item.obligation
    unit = o.quantity.unit if o.quantity else None
    return ObligationOut(
        provision=o.id,
        provision_id=o.provision_id,
        title=o.title,
        action=o.action,
        obligor=o.obligor,
        beneficiary=o.beneficiary,
        location=o.location,
        due=o.due,
        status=item.status,
        agreed=_qty(o.quantity.value, unit) if o.quantity else None,
        done=_qty(item.done, unit),
        evidence=item.evidence,
        reason=item.reason,
        stories=[_story_ref(r, texts) for r in item.stories],
    )


def status_out(service: AssessmentService, agreement: str | None, as_of: date | None) -> StatusOut:
    report = status_report(service, agreement, as_of)
    return StatusOut(
        agreement=report.agreement,
        as_of=report.as_of,
        ceasefire=report.ceasefire,
        ceasefire_reason=report.ceasefire_reason,
        counts=dict(Counter(item.status for item in report.obligations)),
        obligations=[obligation_out(item) for item in report.obligations],
    )


def provision_detail(
    service: AssessmentService, agreement: str | None, provision_id: str, as_of: date | None
) -> ProvisionDetail:
    a = service.agreement(agreement)
    try:
        provision = a.provision(provision_id)
    except KeyError as exc:
        raise NotFound(
            f"no provision {provision_id!r} in {a.id}", hint=f"see /api/agreements/{a.id}"
        ) from exc
    report = status_report(service, a.id, as_of)
    items = [i for i in report.obligations if i.obligation.provision_id == provision_id]
    doc_ids = {e.doc_id for i in items for r in i.stories for e in r.story.events}
    texts: dict[str, str] = {}
    with service.engine.connect() as conn:
        for doc_id in sorted(doc_ids):
            doc = document_text(conn, doc_id)
            if doc is not None:
                texts[doc_id] = doc.text
    return ProvisionDetail(
        agreement=a.id,
        as_of=report.as_of,
        provision=provision_out(provision),
        obligations=[obligation_out(i, texts) for i in items],
    )


def _running_total(points: list[tuple[date, int]]) -> tuple[list[str], list[int]]:
    """Days and the cumulative count on each, for a step chart."""
    xs, ys, total = [], [], 0
    for day, count in points:
        total += count
        xs.append(day.isoformat())
        ys.append(total)
    return xs, ys


def _ledger_chart(rows: list[LedgerRowOut], rounds: list[RoundOut]) -> dict[str, Any]:
    """Cumulative handed over (solid) against cumulative agreed by the rounds' due dates (dotted)."""
    done: dict[tuple[str, str], list[tuple[date, int]]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: r.date):
        done[(row.party, row.unit)].append((row.date, row.count))
    agreed: dict[tuple[str, str], list[tuple[date, int]]] = defaultdict(list)
    for r in sorted(rounds, key=lambda r: r.due):
        if r.party and r.unit and r.agreed is not None:
            agreed[(r.party, r.unit)].append((r.due, r.agreed))
    traces = []
    for (party, unit), points in sorted(done.items()):
        xs, ys = _running_total(points)
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "line": {"shape": "hv"},
                "name": f"{party}: {PLURAL.get(unit, unit)} handed over",
                "x": xs,
                "y": ys,
            }
        )
    for (party, unit), points in sorted(agreed.items()):
        xs, ys = _running_total(points)
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "line": {"shape": "hv", "dash": "dot"},
                "name": f"{party}: {PLURAL.get(unit, unit)} agreed",
                "x": xs,
                "y": ys,
            }
        )
    layout = {
        "title": {"text": "Cumulative handed over vs agreed"},
        "yaxis": {"type": "log", "dtick": 1, "title": {"text": "cumulative (log scale)"}},
        "height": 420,
        "margin": {"t": 40, "l": 50, "r": 10, "b": 40},
    }
    return {"data": traces, "layout": layout}


def ledger_out(service: AssessmentService, agreement: str | None, as_of: date | None) -> LedgerOut:
    from ceasefire.assess.ledger import build_ledger

    ledger = service.computed("ledger", agreement, as_of, build_ledger)
    rows = [
        LedgerRowOut(
            date=r.date, party=r.party, unit=r.unit, count=r.count, stories=[e.story_id for e in r.entries]
        )
        for r in ledger.table
    ]
    rounds = [
        RoundOut(
            round=r.obligation_id,
            party=r.party,
            unit=r.unit,
            due=r.due,
            agreed=r.agreed,
            done=r.done,
            state=r.state,
            delay_days=r.delay_days,
            evidence=r.evidence,
        )
        for r in ledger.rounds
    ]
    cumulative = [
        CumulativeOut(party=c.party, unit=c.unit, done=c.done, agreed=c.agreed) for c in ledger.cumulative
    ]
    return LedgerOut(
        agreement=ledger.agreement,
        as_of=ledger.as_of,
        rows=rows,
        rounds=rounds,
        cumulative=cumulative,
        chart=_ledger_chart(rows, rounds),
    )


def story_out(s: Any, links: list[Any]) -> StoryOut:
    return StoryOut(
        id=s.id,
        type=s.type,
        actor=s.actor,
        target=s.target,
        object=s.object,
        mode=s.mode,
        date=s.date,
        quantity=_qty(s.quantity, s.unit),
        label=s.label(),
        is_claim=s.is_claim,
        sources=list(s.sources),
        independent_sources=s.independent_sources,
        event_ids=[e.event_id for e in s.events],
        links=[link.to_dict() for link in links],
    )


def stories_page(
    service: AssessmentService,
    agreement: str | None,
    as_of: date | None,
    f: EventFilter,
    limit: int,
    offset: int,
) -> Page[StoryOut]:
    """Stories (events fused across reports) filtered like events: type, actor or target, mode, date
    range, provision (through the assessment's links)."""
    prepared = service.prepared(agreement, as_of)
    linked: set[str] | None = None
    if f.provision:
        obligations = {o.id for o in prepared.obligations if o.provision_id == f.provision}
        linked = {link.story_id for link in prepared.links if link.obligation_id in obligations}

    def keep(s: Any) -> bool:
        return (
            (not f.type or s.type == f.type)
            and (not f.actor or f.actor in (s.actor, s.target, s.party))
            and (not f.mode or s.mode == f.mode)
            and (not f.date_from or (s.date is not None and s.date >= f.date_from))
            and (not f.date_to or (s.date is not None and s.date <= f.date_to))
            and (not f.doc_id or f.doc_id in s.sources)
            and (linked is None or s.id in linked)
        )

    stories = [s for s in prepared.stories if keep(s)]
    data = [story_out(s, prepared.links_of(s.id)) for s in stories[offset : offset + limit]]
    return Page[StoryOut](data=data, count=len(stories), limit=limit, offset=offset)


def find_story(service: AssessmentService, agreement: str | None, story_id: str) -> Any:
    prepared = service.prepared(agreement, None)
    try:
        return prepared.story(story_id)
    except KeyError as exc:
        raise NotFound(
            f"no story {story_id!r}", hint="story ids change as reports arrive; list them again"
        ) from exc
