"""Rows of the assessed exports (stories, ledger, provisions) for one agreement as of one day.

``as_of`` None means: every report for stories and the ledger; for provisions, the day of the
latest report (today when there is none), since a status is always judged on a day.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Engine

from ceasefire.agreements.load import get_agreement
from ceasefire.agreements.schema import Agreement
from ceasefire.assess.context import prepare
from ceasefire.assess.ledger import build_ledger
from ceasefire.assess.status import status_from
from ceasefire.extract.event import CAMEO, PLOVER
from ceasefire.store.events import StoredEvent, load_reviewed_events


def _urls(docs: Sequence[str], url_of: dict[str, str | None]) -> list[str]:
    return [u for u in (url_of.get(d) for d in docs) if u]


def _story_rows(a: Any, url_of: dict[str, str | None], outlet_of: dict[str, str | None]) -> Iterator[dict]:
    for s in a.stories:
        links = a.links_of(s.id)
        yield {
            "story_id": s.id,
            "type": s.type,
            "plover": PLOVER.get(s.type),
            "cameo": CAMEO.get(s.type),
            "actor": s.actor,
            "party": s.party,
            "target": s.target,
            "object": s.object,
            "mode": s.mode,
            "date": s.date,
            "quantity_value": s.quantity,
            "quantity_unit": s.unit,
            "choice_rule": s.choice_rule,
            "variants": [v.to_dict() for v in s.variants],
            "location": s.location,
            "is_claim": s.is_claim,
            "independent_sources": s.independent_sources,
            "first_reported": s.first_reported,
            "sources": list(s.sources),
            "urls": _urls(s.sources, url_of),
            "outlets": sorted({o for o in (outlet_of.get(d) for d in s.sources) if o}),
            "obligations": sorted({lk.obligation_id for lk in links}),
            "relations": [f"{lk.relation}:{lk.obligation_id}" for lk in links],
            "evidence": s.events[0].evidence if s.events else None,
            "tellings": [
                {
                    "doc_id": e.doc_id,
                    "event_id": e.event_id,
                    "span": [e.span[0], e.span[1]],
                    "mode": e.mode,
                    "date": e.date.isoformat() if e.date else None,
                    "evidence": e.evidence,
                }
                for e in s.events
            ],
        }


def _ledger_rows(
    agreement: Agreement, events: Sequence[StoredEvent], as_of: date | None, url_of: dict[str, str | None]
) -> Iterator[dict]:
    ledger = build_ledger(agreement, events, as_of)  # the same figures as `ceasefire ledger`
    agreed_of = {r.obligation_id: r for r in ledger.rounds}
    for row in ledger.table:
        rounds = sorted({e.round_id for e in row.entries if e.round_id})
        agreed = [agreed_of[r].agreed for r in rounds if r in agreed_of and agreed_of[r].agreed is not None]
        sources = sorted({d for e in row.entries for d in e.sources})
        yield {
            **row.to_spec(),
            "rounds": rounds,
            "round_due": [agreed_of[r].due.isoformat() for r in rounds if r in agreed_of],
            "agreed": sum(agreed) if agreed else None,  # type: ignore[arg-type]
            "stories": [e.story_id for e in row.entries],
            "rule": "; ".join(dict.fromkeys(e.rule for e in row.entries)),
            "independent_sources": sum(e.independent_sources for e in row.entries),
            "sources": sources,
            "urls": _urls(sources, url_of),
        }


def _provision_rows(a: Any, as_of: date, url_of: dict[str, str | None]) -> Iterator[dict]:
    report = status_from(a, as_of)
    for item in report.obligations:
        o = item.obligation
        yield {
            "agreement": report.agreement,
            "as_of": as_of,
            "ceasefire": report.ceasefire,
            "provision": o.id,
            "provision_id": o.provision_id,
            "title": o.title,
            "action": o.action,
            "plover": PLOVER.get(o.action),
            "cameo": CAMEO.get(o.action),
            "obligor": o.obligor,
            "beneficiary": o.beneficiary,
            "location": o.location,
            "phase": o.phase,
            "kind": o.kind,
            "due": o.due,
            "window_start": o.window_start,
            "window_end": o.window_end,
            "agreed_value": o.quantity.value if o.quantity else None,
            "agreed_unit": o.quantity.unit if o.quantity else None,
            "per": o.per,
            "done_value": item.done,
            "status": item.status,
            "reason": item.reason,
            "evidence": item.evidence,
            "urls": _urls(item.evidence, url_of),
        }


def last_report_day(events: Sequence[StoredEvent]) -> date:
    days = [e.published for e in events if e.published is not None]
    return max(days) if days else date.today()


def assessed_rows(kind: str, engine: Engine, agreement_ref: str, as_of: date | None) -> Iterator[dict]:
    agreement = get_agreement(agreement_ref)
    with engine.connect() as conn:
        events = load_reviewed_events(conn, published_on_or_before=as_of)
    url_of = {e.event.doc_id: e.url for e in events}
    outlet_of = {e.event.doc_id: e.outlet for e in events}
    if kind == "provisions":
        day = as_of or last_report_day(events)
        yield from _provision_rows(prepare(agreement, events, day), day, url_of)
        return
    if kind == "stories":
        yield from _story_rows(prepare(agreement, events, as_of), url_of, outlet_of)
    else:
        yield from _ledger_rows(agreement, events, as_of, url_of)
