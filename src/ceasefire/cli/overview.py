"""The overview a person reads first: the agreement, the ledger so far, every obligation's status
and the latest disputes, as of a day (used by ``ceasefire demo`` and ``ceasefire overview``)."""

from __future__ import annotations

from datetime import date

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from sqlalchemy import Engine

from ceasefire.agreements.load import get_agreement
from ceasefire.assess.claims import list_claims
from ceasefire.assess.ledger import build_ledger
from ceasefire.assess.status import assess_status
from ceasefire.store.events import load_reviewed_events

STATUS_STYLE = {
    "fulfilled": "green",
    "in_progress": "cyan",
    "partly_fulfilled": "yellow",
    "due": "yellow",
    "overdue": "red",
    "suspended": "red",
    "disputed": "magenta",
    "breached": "bold red",
    "not_due": "dim",
}
LATEST_DISPUTES = 8


def render_overview(console: Console, engine: Engine, agreement_ref: str, as_of: date) -> None:
    agreement = get_agreement(agreement_ref)
    with engine.connect() as conn:
        events = load_reviewed_events(conn, published_on_or_before=as_of)
    report = assess_status(agreement, events, as_of)
    ledger = build_ledger(agreement, events, as_of)
    claims = list_claims(agreement, events, as_of)

    console.print(
        Panel.fit(
            f"[bold]{escape(agreement.title)}[/bold] ({escape(agreement.id)})\n"
            f"parties: {', '.join(agreement.parties)}; mediators: {', '.join(agreement.mediators) or '-'}\n"
            f"in force from {agreement.effective.isoformat()}; {len(agreement.provisions)} provisions\n"
            f"as of {as_of}: {len({e.event.doc_id for e in events})} reports, {len(events)} events — "
            f"ceasefire [bold]{report.ceasefire}[/bold]: {escape(report.ceasefire_reason)}",
            title="agreement",
        )
    )

    ledger_table = Table("date", "party", "unit", "count", title="exchange ledger so far")
    for row in ledger.rows():
        ledger_table.add_row(str(row["date"]), row["party"], row["unit"], str(row["count"]))
    totals = Table("party", "unit", "done", "agreed", title="cumulative against agreed")
    for total in ledger.cumulative:
        totals.add_row(total.party, total.unit, str(total.done), str(total.agreed))
    console.print(ledger_table)
    console.print(totals)

    status_table = Table(
        "obligation",
        "action",
        "obligor",
        "due",
        "status",
        "done/agreed",
        "reports",
        title=f"provisions as of {as_of}",
    )
    for item in report.obligations:
        o = item.obligation
        agreed = f"{o.quantity.value} {o.quantity.unit}" if o.quantity else ""
        done = f"{item.done}/{agreed}" if item.done is not None and agreed else agreed
        style = STATUS_STYLE.get(item.status, "")
        status_table.add_row(
            escape(o.id),
            o.action,
            o.obligor or "",
            str(o.due or ""),
            f"[{style}]{item.status}[/{style}]" if style else item.status,
            done,
            str(len(item.evidence)),
        )
    console.print(status_table)

    disputes = Table(
        "date",
        "kind",
        "who",
        "against",
        "about",
        "sources",
        "denied",
        "evidence",
        title="latest disputes (claims, not verified facts)",
    )
    latest = sorted(claims, key=lambda c: c.story.date or date.min, reverse=True)[:LATEST_DISPUTES]
    for claim in latest:
        s = claim.story
        sample = s.events[0].evidence if s.events else ""
        disputes.add_row(
            str(s.date or ""),
            claim.kind,
            s.actor or "?",
            s.target or "",
            s.object or "",
            str(s.independent_sources),
            "yes" if claim.denied else "no",
            escape(sample[:90] + ("…" if len(sample) > 90 else "")),
        )
    console.print(disputes)
