"""``ceasefire run`` (ingest + extract into the store), ``ceasefire reextract`` and ``ceasefire demo``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ceasefire.cli.options import DbOption, JobsOption, wide_console


def register(app: typer.Typer) -> None:
    register_overview(app)

    @app.command("run")
    def run(
        paths: Annotated[
            list[Path], typer.Argument(help="Report files or folders (any format `ingest` reads).")
        ],
        agreement: Annotated[
            str | None, typer.Option(help="Agreement id or YAML file to tag reports with.")
        ] = None,
        lexicon: Annotated[
            list[Path] | None, typer.Option("--lexicon", help="Extra lexicon YAML file.")
        ] = None,
        jobs: JobsOption = 1,
        db: DbOption = None,
    ) -> None:
        """Ingest reports and extract their events into the store (the main job)."""
        from ceasefire.pipeline import run_pipeline

        summary = run_pipeline(db, paths, agreement=agreement, lexicons=tuple(lexicon or ()), jobs=jobs)
        Console().print(summary.render())
        if summary.quarantined:
            raise typer.Exit(10)

    @app.command("reextract")
    def reextract(
        lexicon: Annotated[
            list[Path] | None, typer.Option("--lexicon", help="Extra lexicon YAML file.")
        ] = None,
        jobs: JobsOption = 1,
        db: DbOption = None,
    ) -> None:
        """Extract events again for every stored report (after a lexicon change); reviews are kept."""
        from ceasefire.pipeline import extract_to_store
        from ceasefire.store.engine import open_db

        result = extract_to_store(open_db(db), lexicons=tuple(lexicon or ()), jobs=jobs)
        Console().print(f"{result.documents} reports, {result.events} events")

    @app.command("demo")
    def demo(
        db: DbOption = None,
        as_of: Annotated[str, typer.Option("--as-of", help="Show the state as of this day.")] = "2025-03-19",
    ) -> None:
        """Build a fresh database from the built-in Gaza reports and show the overview."""
        from ceasefire.cli.overview import render_overview
        from ceasefire.pipeline import DEMO_AGREEMENT, build_demo_database

        console = wide_console()
        with console.status("building the demo database from the built-in reports…"):
            engine = build_demo_database(db)
        render_overview(console, engine, DEMO_AGREEMENT, date.fromisoformat(as_of))


def register_overview(app: typer.Typer) -> None:
    @app.command("overview")
    def overview(
        agreement: Annotated[str, typer.Argument(help="Agreement id or YAML file.")],
        as_of: Annotated[str, typer.Option("--as-of", help="The day to show (YYYY-MM-DD).")],
        db: DbOption = None,
    ) -> None:
        """The agreement, the ledger so far, provisions with status and the latest disputes."""
        from ceasefire.cli.overview import render_overview
        from ceasefire.store.engine import open_db

        render_overview(wide_console(), open_db(db), agreement, date.fromisoformat(as_of))
