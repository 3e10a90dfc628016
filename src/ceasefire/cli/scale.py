"""``ceasefire query``: DuckDB summaries (and read-only SQL) over the Parquet events of a Dask run."""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table


class QueryFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def register(app: typer.Typer) -> None:
    @app.command("query")
    def query(
        summary: Annotated[
            str | None,
            typer.Argument(
                help="Named summary: by-type, by-actor, by-day, by-type-actor, top-dyads, quantities."
            ),
        ] = None,
        events: Annotated[
            Path | None,
            typer.Option(
                "--events", help="Folder of part-*.parquet files (an extract --out), a file or a glob."
            ),
        ] = None,
        sql: Annotated[
            str | None,
            typer.Option(
                "--sql", help="Expert: one read-only SELECT over the view `events` instead of a summary."
            ),
        ] = None,
        limit: Annotated[int, typer.Option("--limit", help="At most this many rows (summaries).")] = 1000,
        output: Annotated[
            QueryFormat, typer.Option("--format", "-f", help="Output format.")
        ] = QueryFormat.table,
    ) -> None:
        """Count events by type, actor, day or dyad over large Parquet outputs (DuckDB)."""
        from ceasefire.scale.query import SUMMARIES, run_query

        if summary is None and sql is None:
            table = Table("summary", "what it counts")
            for item in SUMMARIES.values():
                table.add_row(item.name, item.description)
            Console().print(table)
            return
        if events is None:
            raise typer.BadParameter("give --events DIR|FILE|GLOB", param_hint="--events")
        result = run_query(events, summary, sql=sql, limit=limit)
        if output is QueryFormat.json:
            sys.stdout.write(json.dumps(result.records(), ensure_ascii=False, default=str, indent=2) + "\n")
        elif output is QueryFormat.csv:
            writer = csv.writer(sys.stdout, lineterminator="\n")
            writer.writerow(result.columns)
            writer.writerows(result.rows)
        else:
            table = Table(*result.columns)
            for row in result.rows:
                table.add_row(*("" if v is None else str(v) for v in row))
            Console().print(table)


class Engine(str, Enum):
    single = "single"
    dask = "dask"


def run_dask_extract(
    paths: list[Path],
    *,
    out: Path | None,
    scheduler: str | None,
    workers: int,
    lexicons: list[Path],
    partition_docs: int,
    load_store: bool,
    db: str | None,
) -> None:
    """``ceasefire extract --engine dask``: Parquet parts in ``out``, optionally loaded into the store.
    Exit code 10 when some records were rejected (they are listed in ``out/rejected/``)."""
    from ceasefire.errors import UsageError
    from ceasefire.scale.dask import extract_with_dask

    if out is None:
        raise UsageError("the Dask engine writes Parquet files: give --out DIR", where="--out")
    console = Console(stderr=True, highlight=False)
    summary = extract_with_dask(
        paths, out, scheduler=scheduler, workers=workers, lexicons=lexicons, partition_docs=partition_docs
    )
    console.print(summary.render(), markup=False, soft_wrap=True)
    for sample in summary.rejected_samples:
        console.print(f"  rejected: {sample}", markup=False, soft_wrap=True)
    if load_store:
        from ceasefire.scale.store_load import load_events_into_store
        from ceasefire.store.engine import open_db

        console.print(load_events_into_store(open_db(db), out).render(), markup=False, soft_wrap=True)
    if summary.rejected:
        raise typer.Exit(10)
