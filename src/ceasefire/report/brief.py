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
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Engine

from ceasefire.agreements.load import get_agreement
from ceasefire.agreements.schema import Agreement
from ceasefire.assess.claims import Claim, claims_from
from ceasefire.assess.context import prepare
from ceasefire.assess.deadlines import due_next, ultimatums_from
from ceasefire.assess.ledger import Ledger, build_ledger
from ceasefire.assess.risk import risk_series
from ceasefire.assess.status import StatusReport, status_from
from ceasefire.assess.story import Story
from ceasefire.report.wording import ATTENTION, describe_story, describe_ultimatum, status_label, step
from ceasefire.store.documents import get_document
from ceasefire.store.events import StoredEvent, load_events

RISK_DAYS = 30  # days of risk history in the chart
DISPUTE_DAYS = 14  # claims made or first reported this many days before the brief are "open"
NEW_STORIES_MAX = 12
DRIVERS_MAX = 5
DUE_DAYS = 7


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


def _disputes(claims: Sequence[Claim], as_of: date, notes: _Notes) -> list[DisputeRow]:
    since = as_of - timedelta(days=DISPUTE_DAYS)
    out: list[DisputeRow] = []
    for claim in claims:
        s = claim.story
        recent = (s.date is not None and s.date >= since) or (
            s.first_reported is not None and s.first_reported >= since
        )
        if not recent:
            continue
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
    out.sort(key=lambda d: (d.date or date.min, d.kind), reverse=True)
    return out


def build_brief(
    engine: Engine, agreement_ref: str | Agreement, as_of: date, *, previous: date | None = None
) -> Brief:
    """The brief for ``agreement_ref`` as of ``as_of``; changes are counted since ``previous``
    (default: the day before)."""
    agreement = agreement_ref if isinstance(agreement_ref, Agreement) else get_agreement(agreement_ref)
    previous = previous or as_of - timedelta(days=1)
    with engine.connect() as conn:
        events = load_events(conn, published_on_or_before=as_of)
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
    disputes = _disputes(claims_from(a, as_of), as_of, notes)
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
