"""The daily brief: what a mediator or editor reads, as a model every renderer (HTML, PDF, Markdown)
draws from the same way.

Everything comes from the assessment as of one day (only reports published on or before it):
the ceasefire state, what changed since the previous brief, every obligation's status, the exchange
ledger against the agreed schedule, the risk index with the day's drivers, what is due next,
ultimatums, and the open disputes. Every statement carries the numbers of the footnotes naming the
reports behind it; footnotes are numbered in order of first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from sqlalchemy import Engine

from ceasefire.agreements.load import get_agreement
from ceasefire.agreements.schema import Agreement
from ceasefire.assess.claims import Claim, claims_from
from ceasefire.assess.context import prepare
from ceasefire.assess.deadlines import due_next, ultimatums_from
from ceasefire.assess.ledger import Ledger, build_ledger
from ceasefire.assess.risk import risk_series
from ceasefire.assess.sides import SideOf
from ceasefire.assess.status import StatusReport, status_from
from ceasefire.assess.story import Story
from ceasefire.report.brief_model import (
    Brief,
    DisputeRow,
    DriverRow,
    DueRow,
    Footnote,
    LedgerSeries,
    ObligationRow,
    SeriesPoint,
    Statement,
)
from ceasefire.report.wording import ATTENTION, describe_story, describe_ultimatum, status_label, step
from ceasefire.store.documents import get_document
from ceasefire.store.events import StoredEvent, load_reviewed_events

RISK_DAYS = 30  # days of risk history in the chart
DISPUTE_DAYS = 14  # claims made or first reported this many days before the brief are "open"
NEW_STORIES_MAX = 8
DISPUTES_MAX = 8  # the latest ones; `ceasefire claims` lists them all
DRIVERS_MAX = 5
DUE_DAYS = 7


class _Notes:
    """Numbers reports in order of first use and keeps what a footnote shows about each."""

    def __init__(self, engine: Engine, events: Sequence[StoredEvent]) -> None:
        self.engine = engine
        self.meta: dict[str, Footnote] = {}
        for e in events:
            doc = e.event.doc_id
            if doc not in self.meta:
                self.meta[doc] = Footnote(0, doc, e.title, e.outlet, e.published, e.url)
        self.order: list[Footnote] = []
        self.number: dict[str, int] = {}

    def __call__(self, doc_ids: Iterable[str]) -> list[int]:
        out: list[int] = []
        for doc in sorted(set(doc_ids)):
            if doc not in self.number:
                note = self.meta.get(doc) or self._lookup(doc)
                note.number = len(self.order) + 1
                self.order.append(note)
                self.number[doc] = note.number
            out.append(self.number[doc])
        return sorted(out)

    def _lookup(self, doc_id: str) -> Footnote:
        with self.engine.connect() as conn:
            doc = get_document(conn, doc_id)
        if doc is None:
            return Footnote(0, doc_id, None, None, None, None)
        published = date.fromisoformat(doc.date) if doc.date else None
        return Footnote(0, doc_id, doc.title, doc.outlet, published, doc.url)


def _amount(value: int | None, unit: str | None) -> str:
    if value is None:
        return ""
    return f"{value} {unit}" if unit else str(value)


def _obligation_rows(report: StatusReport, notes: _Notes) -> tuple[list[ObligationRow], list[str]]:
    rows: list[ObligationRow] = []
    later: list[str] = []
    for item in report.obligations:
        o = item.obligation
        if item.status == "not_due" and not item.stories:
            later.append(f"{o.id} ({o.due})" if o.due else o.id)
            continue
        unit = o.quantity.unit if o.quantity else None
        rows.append(
            ObligationRow(
                id=o.id,
                title=o.title,
                obligor=o.obligor,
                due=o.due,
                status=item.status,
                agreed=_amount(o.quantity.value, unit) if o.quantity else "",
                done=_amount(item.done, unit) if item.done is not None and unit else "",
                reason=item.reason,
                refs=notes(item.evidence),
            )
        )
    return rows, later


def _key_points(report: StatusReport, notes: _Notes, as_of: date) -> list[Statement]:
    """Obligations that need attention: suspended, breached, overdue or disputed, soonest first."""
    points: list[Statement] = []
    items = [i for i in report.obligations if i.status in ATTENTION]
    items.sort(key=lambda i: (i.obligation.due is None, i.obligation.due or as_of, i.obligation.id))
    for item in items:
        o = item.obligation
        what = f"{o.id} ({_amount(o.quantity.value, o.quantity.unit)} by {o.obligor})" if o.quantity else o.id
        when = f", due {o.due}," if o.due else ""
        text = f"{what}{when} is {status_label(item.status)}: {item.reason}."
        points.append(Statement(text, notes(item.evidence)))
    return points


def _changes(
    now: StatusReport,
    before: StatusReport,
    stories: Sequence[Story],
    previous: date,
    notes: _Notes,
    state_refs: list[int],
) -> list[Statement]:
    out: list[Statement] = []
    if now.ceasefire != before.ceasefire:
        out.append(
            Statement(
                f"Ceasefire: {status_label(before.ceasefire)} → {status_label(now.ceasefire)} "
                f"({now.ceasefire_reason}).",
                state_refs,
            )
        )
    earlier = {i.obligation.id: i.status for i in before.obligations}
    for item in now.obligations:
        was = earlier.get(item.obligation.id)
        if was is not None and was != item.status:
            text = f"{item.obligation.id}: {status_label(was)} → {status_label(item.status)} ({item.reason})."
            out.append(Statement(text, notes(item.evidence)))
    fresh = [s for s in stories if s.first_reported is not None and s.first_reported > previous]
    fresh.sort(key=lambda s: (s.date or date.min, s.id))
    for story in fresh[:NEW_STORIES_MAX]:
        out.append(Statement(f"New: {describe_story(story)}.", notes(story.sources)))
    if len(fresh) > NEW_STORIES_MAX:
        out.append(Statement(f"… and {len(fresh) - NEW_STORIES_MAX} more new stories (see the timeline)."))
    return out


def _ledger_series(ledger: Ledger, as_of: date, notes: _Notes) -> list[LedgerSeries]:
    out: list[LedgerSeries] = []
    for total in ledger.cumulative:
        rows = [r for r in ledger.table if r.party == total.party and r.unit == total.unit]
        done: list[SeriesPoint] = []
        running = 0
        for row in rows:
            running += row.count
            done.append(SeriesPoint(row.date, running))
        agreed: list[SeriesPoint] = []
        scheduled = 0
        rounds = [r for r in ledger.rounds if r.party == total.party and r.unit == total.unit]
        for rnd in sorted(rounds, key=lambda r: r.due):
            scheduled += rnd.agreed or 0
            agreed.append(SeriesPoint(rnd.due, scheduled))
        to_date = sum(r.agreed or 0 for r in rounds if r.due <= as_of)
        docs = [d for row in rows for e in row.entries for d in e.sources]
        out.append(
            LedgerSeries(
                total.party, total.unit, done, agreed, total.done, total.agreed, to_date, notes(docs)
            )
        )
    return out


def _pick_claims(claims: Sequence[Claim], as_of: date, side_of: SideOf) -> list[Claim]:
    """Claims made or first reported in the last ``DISPUTE_DAYS``: the latest accusation of each side
    first (a brief names both sides' accusations), then the most recent others, ``DISPUTES_MAX`` in all."""
    since = as_of - timedelta(days=DISPUTE_DAYS)

    def recent(c: Claim) -> bool:
        s = c.story
        return (s.date is not None and s.date >= since) or (
            s.first_reported is not None and s.first_reported >= since
        )

    def newest(c: Claim) -> tuple[date, date, str]:
        return (c.story.date or date.min, c.story.first_reported or date.min, c.story.id)

    pool = sorted((c for c in claims if recent(c)), key=newest, reverse=True)
    chosen: dict[str, Claim] = {}
    for claim in pool:
        side = side_of(claim.story.actor) if claim.story.actor else None
        if claim.kind == "accusation" and side is not None and f"side:{side}" not in chosen:
            chosen[f"side:{side}"] = claim
    picked = {c.story.id: c for c in chosen.values()}
    for claim in pool:
        if len(picked) >= DISPUTES_MAX:
            break
        picked.setdefault(claim.story.id, claim)
    return sorted(picked.values(), key=newest, reverse=True)[:DISPUTES_MAX]


def _disputes(claims: Sequence[Claim], as_of: date, notes: _Notes, side_of: SideOf) -> list[DisputeRow]:
    out: list[DisputeRow] = []
    for claim in _pick_claims(claims, as_of, side_of):
        s = claim.story
        about = f" over {step(s.object)}" if s.object else ""
        if claim.kind == "accusation":
            text = f"{s.actor or 'unnamed'} accuses {s.target or 'unnamed'}{about}"
            if claim.obligations:
                text += f" ({', '.join(claim.obligations)})"
            text += "; denied" if claim.denied else "; no denial reported"
        else:
            text = f"{s.actor or 'unnamed'} denies{about}"
            if claim.answers:
                text += " (answering an accusation)"
        quote = s.events[0].evidence if s.events else ""
        out.append(
            DisputeRow(s.date, claim.kind, s.actor, s.target, text, quote, claim.denied, notes(s.sources))
        )
    return out


def build_brief(
    engine: Engine, agreement_ref: str | Agreement, as_of: date, *, previous: date | None = None
) -> Brief:
    """The brief for ``agreement_ref`` as of ``as_of``; changes are counted since ``previous``
    (default: the day before)."""
    agreement = agreement_ref if isinstance(agreement_ref, Agreement) else get_agreement(agreement_ref)
    previous = previous or as_of - timedelta(days=1)
    with engine.connect() as conn:
        events = load_reviewed_events(conn, published_on_or_before=as_of)
    notes = _Notes(engine, events)
    a = prepare(agreement, events, as_of)
    report = status_from(a, as_of)
    before = status_from(prepare(agreement, events, previous, a.rules, a.side_of), previous)

    attention = [i for i in report.obligations if i.status in ("breached", "suspended")]
    counts: dict[str, int] = {}
    for item in report.obligations:
        counts[item.status] = counts.get(item.status, 0) + 1
    tally = ", ".join(f"{n} {status_label(s)}" for s, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    start = max(agreement.effective_date, as_of - timedelta(days=RISK_DAYS - 1))
    risk = risk_series(agreement, events, start, as_of, a.rules, a.side_of) if start <= as_of else []
    today = risk[-1] if risk else None
    headline_docs = [doc for i in attention for doc in i.evidence]
    pressing = [d for d in (today.drivers if today else []) if d.weight > 0][:2]
    headline_docs += [doc for d in pressing for doc in d.evidence]
    headline = Statement(
        f"As of {as_of}, the ceasefire is {status_label(report.ceasefire)}: {report.ceasefire_reason}. "
        f"Obligations: {tally}.",
        notes(headline_docs),
    )
    key_points = _key_points(report, notes, as_of)
    changes = _changes(report, before, a.stories, previous, notes, headline.refs)
    rows, later = _obligation_rows(report, notes)
    ledger = build_ledger(agreement, events, as_of, a.rules, a.side_of)
    ledger_series = _ledger_series(ledger, as_of, notes)
    drivers = [
        DriverRow(
            f"{d.type} by {d.actor}" + (f" ({d.object})" if d.object else "") + f", {d.age_days} day(s) ago",
            d.weight,
            notes(d.evidence),
        )
        for d in (today.drivers[:DRIVERS_MAX] if today else [])
    ]
    story_by_id = {s.id: s for s in a.stories}
    due_rows: list[DueRow] = []
    for item in due_next(agreement, events, as_of, DUE_DAYS, a.rules, a.side_of):
        if item.kind == "obligation":
            docs = report.get(item.id).evidence
        else:
            docs = story_by_id[item.id].sources if item.id in story_by_id else []
        due_rows.append(
            DueRow(
                item.due,
                item.days_left,
                item.kind,
                item.id,
                item.what,
                item.obligor,
                item.status,
                notes(docs),
            )
        )
    ultimatum_notes: list[Statement] = []
    for u in ultimatums_from(a, as_of):
        text = describe_ultimatum(u)
        docs = set(u.threat.sources) | set(u.demand.sources if u.demand else [])
        ultimatum_notes.append(Statement(text, notes(docs)))
    disputes = _disputes(claims_from(a, as_of), as_of, notes, a.side_of)
    return Brief(
        agreement_id=agreement.id,
        title=agreement.title,
        parties=list(agreement.parties),
        as_of=as_of,
        previous=previous,
        ceasefire=report.ceasefire,
        headline=headline,
        key_points=key_points,
        changes=changes,
        obligations=rows,
        not_due=later,
        ledger=ledger_series,
        risk=[SeriesPoint(d.date, d.risk) for d in risk],
        risk_today=today.risk if today else None,
        risk_previous=risk[-2].risk if len(risk) > 1 else None,
        drivers=drivers,
        due=due_rows,
        ultimatums=ultimatum_notes,
        disputes=disputes,
        footnotes=notes.order,
        reports_used=len({e.event.doc_id for e in events}),
    )
