"""``ceasefire ingest PATH…`` and ``ceasefire quarantine list|show|retry``.

Exit codes of ``ingest`` (and ``quarantine retry``): 0 every report accepted (duplicates are fine),
10 some reports quarantined, 3 an input path missing or unreadable as a whole, 6 database error."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn
from rich.table import Table

from ceasefire.cli.options import DbOption
from ceasefire.config import LIMITS
from ceasefire.errors import NotFound, PartialIngest, UsageError
from ceasefire.ingest.pipeline import IngestSummary, ingest_paths
from ceasefire.ingest.retry import retry_quarantine
from ceasefire.store import engine as store_engine
from ceasefire.store.quarantine import STATUSES, get_quarantine, list_quarantine

ColumnOption = Annotated[
    list[str] | None,
    typer.Option(
        "--column", "-c", help="CSV column mapping FIELD=COLUMN (fields: id text date title url outlet)."
    ),
]


class RichProgress:
    """A progress bar over the input bytes, with reports/s and ETA; optional JSON line per batch."""

    def __init__(self, console: Console, *, bar: bool, log_batches: bool) -> None:
        self.console = console
        self.log_batches = log_batches
        self.progress = Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[reports]:,} reports · {task.fields[rate]:,.0f}/s"),
            TimeRemainingColumn(),
            console=console,
            disable=not bar,
            transient=True,
        )
        self.task = self.progress.add_task("ingest", total=None, reports=0, rate=0.0)
        self.started_at = time.monotonic()

    def __enter__(self) -> RichProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def started(self, total_bytes: int) -> None:
        self.progress.update(self.task, total=total_bytes or None)

    def committed(self, summary: IngestSummary, done_bytes: int, batch_doc_ids: Sequence[str]) -> None:
        elapsed = max(time.monotonic() - self.started_at, 1e-6)
        self.progress.update(
            self.task, completed=done_bytes, reports=summary.seen, rate=summary.seen / elapsed
        )
        if self.log_batches:
            line = {"batch": summary.batches, "accepted": summary.accepted, "doc_ids": list(batch_doc_ids)}
            sys.stderr.write(json.dumps(line) + "\n")
            sys.stderr.flush()


def parse_columns(values: list[str] | None) -> dict[str, str] | None:
    if not values:
        return None
    mapping: dict[str, str] = {}
    for value in values:
        field, sep, column = value.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise UsageError(f"--column {value!r}: expected FIELD=COLUMN, e.g. text=body")
        mapping[field.strip()] = column.strip()
    return mapping


def summary_table(summary: IngestSummary, seconds: float) -> Table:
    table = Table("outcome", "reports", title=f"ingest run {summary.run_id} ({seconds:.1f} s)")
    table.add_row("accepted", f"{summary.accepted:,}")
    table.add_row("  of which near-duplicates (joined a story)", f"{summary.near_duplicates:,}")
    table.add_row("duplicates (exact)", f"{summary.duplicates:,}")
    table.add_row("  of which copies under a new id (new source)", f"{summary.copies:,}")
    for reason, count in sorted(summary.quarantined.items()):
        table.add_row(f"quarantined: {reason}", f"[red]{count:,}[/red]")
    return table


def _finish(summary: IngestSummary, started: float, *, quiet: bool, as_json: bool) -> None:
    seconds = time.monotonic() - started
    if as_json:
        typer.echo(json.dumps({**summary.as_dict(), "seconds": round(seconds, 3)}))
    elif not quiet:
        Console().print(summary_table(summary, seconds))
    if summary.quarantined_total:
        raise PartialIngest(
            f"{summary.quarantined_total:,} report(s) quarantined",
            hint="see `ceasefire quarantine list`; fix and `ceasefire quarantine retry`",
        )


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest(
        paths: Annotated[
            list[str], typer.Argument(help="Files or folders (recursive); .gz read; - for stdin.")
        ],
        agreement: Annotated[str | None, typer.Option(help="Tag the reports with this agreement id.")] = None,
        column: ColumnOption = None,
        batch_size: Annotated[int, typer.Option(min=1, help="Reports per transaction.")] = LIMITS.batch_size,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, no table.")] = False,
        as_json: Annotated[
            bool, typer.Option("--json", help="Print the summary as one JSON object.")
        ] = False,
        log_batches: Annotated[
            bool, typer.Option("--log-batches", help="A JSON line on stderr per committed batch.")
        ] = False,
        db: DbOption = None,
    ) -> None:
        """Read reports (text, JSONL, CSV, HTML, RSS/Atom) into the database; bad input goes to quarantine.

        Exit codes: 0 all accepted, 10 some quarantined, 3 input unreadable, 6 database error."""
        columns = parse_columns(column)
        engine = store_engine.open_db(db)
        err = Console(stderr=True)
        bar = not (quiet or as_json or log_batches) and err.is_terminal  # log lines are for machines
        started = time.monotonic()
        with RichProgress(err, bar=bar, log_batches=log_batches) as sink:
            summary = ingest_paths(
                engine,
                paths,
                agreement=agreement,
                csv_columns=columns,
                progress=sink,
                batch_size=batch_size,
                collect_doc_ids=False,
            )
        _finish(summary, started, quiet=quiet, as_json=as_json)

    quarantine_app = typer.Typer(
        help="Inputs refused by ingest, with reason and location.", no_args_is_help=True
    )

    @quarantine_app.command("list")
    def list_(
        reason: Annotated[str | None, typer.Option(help="Only this reason code.")] = None,
        status: Annotated[str, typer.Option(help=f"{' | '.join(STATUSES)} | all")] = "open",
        limit: Annotated[int, typer.Option(min=1)] = 100,
        offset: Annotated[int, typer.Option(min=0)] = 0,
        as_json: Annotated[bool, typer.Option("--json", help="JSON list instead of a table.")] = False,
        db: DbOption = None,
    ) -> None:
        """List quarantined inputs (open ones by default)."""
        if status != "all" and status not in STATUSES:
            raise UsageError(f"--status {status!r}: use one of {', '.join(STATUSES)} or all")
        with store_engine.open_db(db).connect() as conn:
            entries = list_quarantine(
                conn, status=None if status == "all" else status, reason=reason, limit=limit, offset=offset
            )
        if as_json:
            rows = [
                {
                    "id": e.id,
                    "source": e.source,
                    "location": e.location,
                    "reason": e.reason,
                    "detail": e.detail,
                    "status": e.status,
                    "run_id": e.run_id,
                }
                for e in entries
            ]
            typer.echo(json.dumps({"data": rows, "count": len(rows)}))
            return
        table = Table("id", "reason", "where", "detail", "status")
        for e in entries:
            where = f"{e.source}:{e.location}" if e.location else e.source
            table.add_row(str(e.id), e.reason, where, e.detail[:120], e.status)
        Console().print(table)

    @quarantine_app.command("show")
    def show(
        entry_id: Annotated[int, typer.Argument(help="Entry id (see `quarantine list`).")],
        db: DbOption = None,
    ) -> None:
        """Show one quarantined input: reason, location, detail and the offending input."""
        with store_engine.open_db(db).connect() as conn:
            entry = get_quarantine(conn, entry_id)
        if entry is None:
            raise NotFound(f"no quarantine entry {entry_id}", hint="see `ceasefire quarantine list`")
        console = Console(highlight=False, soft_wrap=True)
        console.print(f"id: {entry.id}\nreason: {entry.reason}\nstatus: {entry.status}", markup=False)
        console.print(
            f"where: {entry.source}" + (f":{entry.location}" if entry.location else ""), markup=False
        )
        console.print(f"detail: {entry.detail}\nrun: {entry.run_id}  at {entry.created_at}", markup=False)
        if entry.raw:
            console.print("input:", markup=False)
            console.print(entry.raw, markup=False)

    @quarantine_app.command("retry")
    def retry(
        entry_ids: Annotated[
            list[int] | None, typer.Argument(help="Entry ids; none = every open entry.")
        ] = None,
        column: ColumnOption = None,
        db: DbOption = None,
    ) -> None:
        """Re-ingest the sources of quarantined inputs after a fix; entries that now pass are resolved."""
        result = retry_quarantine(
            store_engine.open_db(db), entry_ids or None, csv_columns=parse_columns(column)
        )
        console = Console(highlight=False, soft_wrap=True)
        console.print(
            f"resolved: {len(result.resolved)}  still failing: {len(result.still_failing)}", markup=False
        )
        for entry_id, why in sorted(result.skipped.items()):
            console.print(f"skipped {entry_id}: {why}", markup=False)
        if result.still_failing:
            raise PartialIngest(
                f"{len(result.still_failing)} entr(ies) still fail",
                hint="see `ceasefire quarantine show ID`",
            )

    app.add_typer(quarantine_app, name="quarantine")
