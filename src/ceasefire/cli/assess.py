"""``ceasefire status|ledger|claims|due|risk|timeline``: the assessment, as tables, JSON or CSV.

Each command reads the stored events as the analysts reviewed them (``store.events.load_reviewed_events``;
``status`` and ``ledger`` stream them, ``ceasefire.assess.streamed``), calls one library function of
``ceasefire.assess`` and formats its result; JSON output is the SPEC §4/§4b/§4c shape.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from ceasefire.cli.options import DbOption, wide_console
from ceasefire.errors import UsageError

if TYPE_CHECKING:
    from ceasefire.agreements.schema import Agreement
    from ceasefire.store.events import StoredEvent


class AssessFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


Fmt = Annotated[AssessFormat, typer.Option("--format", "-f", help="Output format.")]
AgreementArg = Annotated[str, typer.Argument(help="A built-in agreement id (gaza-2025) or a YAML file.")]


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"{option}: {value!r} is not a date", hint="use YYYY-MM-DD") from exc


def _required(value: str | None, option: str) -> date:
    day = _day(value, option)
    if day is None:
        raise UsageError(f"{option} is required", hint="use YYYY-MM-DD")
    return day


def _load(agreement_ref: str, db: str | None, as_of: date | None) -> tuple[Agreement, list[StoredEvent]]:
    from ceasefire.agreements.load import get_agreement
    from ceasefire.store.engine import open_db
    from ceasefire.store.events import load_reviewed_events

    agreement = get_agreement(agreement_ref)
    with open_db(db).connect() as conn:
        events = load_reviewed_events(conn, published_on_or_before=as_of)
    return agreement, events


def _json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])


def _table(title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Table:
    table = Table(*header, title=title)
    for row in rows:
        table.add_row(*(escape("" if v is None else str(v)) for v in row))
    return table


def _emit(fmt: AssessFormat, data: Any, header: Sequence[str], rows: list[Sequence[Any]], title: str) -> None:
    """JSON of ``data``, or CSV / a Rich table of ``rows``: the three outputs every command offers."""
    if fmt is AssessFormat.json:
        _json(data)
    elif fmt is AssessFormat.csv:
        _csv(header, rows)
    else:
        wide_console().print(_table(title, header, rows))


def _amount(value: dict[str, Any] | None) -> str:
    return f"{value['value']} {value['unit']}" if value else ""


def register(app: typer.Typer) -> None:
    @app.command("status")
    def status(
        agreement: AgreementArg,
        as_of: Annotated[str, typer.Option("--as-of", help="The day to judge (YYYY-MM-DD).")],
        db: DbOption = None,
        fmt: Fmt = AssessFormat.table,
    ) -> None:
        """Every obligation's status as of a day, with the reports behind it (SPEC §4b)."""
        from ceasefire.agreements.load import get_agreement
        from ceasefire.assess.streamed import status_from_store
        from ceasefire.store.engine import open_db

        day = _required(as_of, "--as-of")
        found = get_agreement(agreement)
        with open_db(db).connect() as conn:  # streamed: the store's events are never all in memory
            report = status_from_store(conn, found, day)
        spec = report.to_spec()
        rows = [
            (
                o["provision"],
                o["action"],
                o["obligor"],
                o["due"],
                o["status"],
                _amount(o["agreed"]),
                _amount(o["done"]),
                ";".join(o["evidence"]),
                o["reason"],
            )
            for o in spec["obligations"]
        ]
        header = ("provision", "action", "obligor", "due", "status", "agreed", "done", "evidence", "reason")
        if fmt is AssessFormat.json:
            _json(spec)
        elif fmt is AssessFormat.csv:
            _csv(header, rows)
        else:
            console = wide_console()
            console.print(
                f"[bold]{escape(found.id)}[/bold] as of {day}: ceasefire [bold]{report.ceasefire}[/bold]"
            )
            console.print(escape(report.ceasefire_reason))
            short = [(*r[:7], len(r[7].split(";")) if r[7] else 0, r[8]) for r in rows]
            console.print(_table("obligations", (*header[:7], "reports", "reason"), short))

    @app.command("ledger")
    def ledger(
        agreement: AgreementArg,
        as_of: Annotated[str | None, typer.Option("--as-of", help="Only reports published by then.")] = None,
        db: DbOption = None,
        fmt: Fmt = AssessFormat.table,
    ) -> None:
        """What each side handed over, by day (SPEC §4); the table adds rounds, delays and totals."""
        from ceasefire.agreements.load import get_agreement
        from ceasefire.assess.streamed import ledger_from_store
        from ceasefire.store.engine import open_db

        day = _day(as_of, "--as-of")
        found = get_agreement(agreement)
        with open_db(db).connect() as conn:  # streamed: the store's events are never all in memory
            result = ledger_from_store(conn, found, day)
        if fmt is AssessFormat.json:
            _json(result.rows())
            return
        if fmt is AssessFormat.csv:
            _csv(("date", "party", "unit", "count"), [tuple(r.values()) for r in result.rows()])
            return
        console = wide_console()
        console.print(
            _table(
                f"{found.id} exchange ledger",
                ("date", "party", "unit", "count", "reports", "rule"),
                [
                    (
                        r.date,
                        r.party,
                        r.unit,
                        r.count,
                        sum(len(e.sources) for e in r.entries),
                        r.entries[0].rule,
                    )
                    for r in result.table
                ],
            )
        )
        console.print(
            _table(
                "rounds",
                ("round", "party", "due", "agreed", "done", "released on", "state"),
                [
                    (
                        r.obligation_id,
                        r.party,
                        r.due,
                        r.agreed,
                        r.done,
                        ", ".join(d.isoformat() for d in r.released_on),
                        r.state,
                    )
                    for r in result.rounds
                ],
            )
        )
        console.print(
            _table(
                "cumulative",
                ("party", "unit", "done", "agreed"),
                [(c.party, c.unit, c.done, c.agreed) for c in result.cumulative],
            )
        )

    @app.command("claims")
    def claims(
        agreement: AgreementArg,
        as_of: Annotated[str | None, typer.Option("--as-of", help="Only reports published by then.")] = None,
        db: DbOption = None,
        fmt: Fmt = AssessFormat.table,
    ) -> None:
        """Accusations and denials: who accuses whom of what, sources, denied or not (never facts)."""
        from ceasefire.assess.claims import list_claims

        day = _day(as_of, "--as-of")
        found, events = _load(agreement, db, day)
        items = [c.to_dict() for c in list_claims(found, events, day)]
        header = (
            "date",
            "kind",
            "claimant",
            "accused",
            "about",
            "obligations",
            "sources",
            "denied",
            "reports",
        )
        rows = [
            (
                c["date"],
                c["kind"],
                c["claimant"],
                c["accused"],
                c["about"],
                ";".join(c["obligations"]),
                c["independent_sources"],
                c["denied"],
                ";".join(c["sources"]),
            )
            for c in items
        ]
        _emit(fmt, items, header, rows, f"{found.id} claims (not verified)")

    @app.command("due")
    def due(
        agreement: AgreementArg,
        as_of: Annotated[str, typer.Option("--as-of", help="The day to look ahead from.")],
        days: Annotated[int, typer.Option("--days", min=0, help="How many days ahead.")] = 7,
        db: DbOption = None,
        fmt: Fmt = AssessFormat.table,
    ) -> None:
        """Obligations due in the next N days (and those overdue or suspended), and running ultimatums."""
        from ceasefire.assess.deadlines import due_next

        day = _required(as_of, "--as-of")
        found, events = _load(agreement, db, day)
        items = [i.to_dict() for i in due_next(found, events, day, days)]
        header = ("due", "days_left", "kind", "id", "obligor", "status", "agreed", "what")
        rows = [
            (
                i["due"],
                i["days_left"],
                i["kind"],
                i["id"],
                i["obligor"],
                i["status"],
                _amount(i["agreed"]),
                i["what"],
            )
            for i in items
        ]
        _emit(fmt, items, header, rows, f"{found.id}: due from {day} to {days} days ahead")

    @app.command("risk")
    def risk(
        agreement: AgreementArg,
        start: Annotated[str, typer.Option("--from", help="First day (YYYY-MM-DD).")],
        end: Annotated[str, typer.Option("--to", help="Last day (YYYY-MM-DD).")],
        db: DbOption = None,
        fmt: Fmt = AssessFormat.table,
    ) -> None:
        """The daily risk index with each day's drivers (SPEC §4c); formula in docs/assessment.md."""
        from ceasefire.assess.risk import risk_series

        first, last = _required(start, "--from"), _required(end, "--to")
        if last < first:
            raise UsageError("--to is before --from")
        found, events = _load(agreement, db, last)
        series = [d.to_spec() for d in risk_series(found, events, first, last)]
        top = [
            (
                d["date"],
                d["risk"],
                "; ".join(f"{x['type']} {x['actor']} {x['weight']}" for x in d["drivers"][:3]),
            )
            for d in series
        ]
        if fmt is AssessFormat.json:
            _json(series)
        elif fmt is AssessFormat.csv:
            _csv(("date", "risk", "top_drivers"), top)
        else:
            wide_console().print(_table(f"{found.id} risk", ("date", "risk", "top drivers"), top))

    @app.command("timeline")
    def timeline_(
        agreement: AgreementArg,
        start: Annotated[str | None, typer.Option("--from", help="First day (YYYY-MM-DD).")] = None,
        end: Annotated[str | None, typer.Option("--to", help="Last day; also the report cut-off.")] = None,
        db: DbOption = None,
        fmt: Fmt = AssessFormat.table,
    ) -> None:
        """Stories, claims and due dates in date order, with the obligations they touch."""
        from ceasefire.assess.timeline import timeline

        first, last = _day(start, "--from"), _day(end, "--to")
        found, events = _load(agreement, db, last)
        items = [e.to_dict() for e in timeline(found, events, first, last)]
        header = ("date", "kind", "label", "links", "sources", "reports")
        rows = [
            (
                e["date"],
                e["kind"],
                e["label"],
                ";".join(f"{x['relation']} {x['obligation']}" for x in e["links"]),
                e["independent_sources"],
                ";".join(e["sources"]),
            )
            for e in items
        ]
        _emit(fmt, items, header, rows, f"{found.id} timeline")
