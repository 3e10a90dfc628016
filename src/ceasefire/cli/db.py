"""``ceasefire db upgrade|revision`` and ``ceasefire doctor``."""

from __future__ import annotations

import importlib

import typer
from rich.console import Console
from rich.table import Table

from ceasefire.cli.options import DbOption
from ceasefire.errors import CeasefireError
from ceasefire.store import engine as store_engine


def register(app: typer.Typer) -> None:
    db_app = typer.Typer(help="Database schema.", no_args_is_help=True)

    @db_app.command("upgrade")
    def upgrade(db: DbOption = None) -> None:
        """Create the database or bring its schema to the latest migration."""
        engine = store_engine.open_db(db)
        Console().print(f"schema at {store_engine.current_revision(engine)} ({engine.url})")

    app.add_typer(db_app, name="db")

    @app.command("doctor")
    def doctor(db: DbOption = None) -> None:
        """Check dependencies, database and data files: ok/FAIL per item."""
        table = Table("check", "result", "detail")
        failed = False

        def row(name: str, ok: bool, detail: str = "") -> None:
            nonlocal failed
            failed |= not ok
            table.add_row(name, "[green]ok[/green]" if ok else "[red]FAIL[/red]", detail)

        try:
            engine = store_engine.open_db(db)
            current, head = store_engine.current_revision(engine), store_engine.head_revision()
            row("database", True, str(engine.url))
            row("migrations", current == head, f"at {current}, head {head}")
        except CeasefireError as exc:
            row("database", False, exc.render())
        for name in (
            "ahocorasick",
            "lemminflect",
            "dateparser",
            "trafilatura",
            "feedparser",
            "datasketch",
            "fastapi",
            "plotly",
            "duckdb",
            "dask.distributed",
        ):
            try:
                importlib.import_module(name)
                row(f"import {name}", True)
            except Exception as exc:  # any import failure is a finding, not a crash
                row(f"import {name}", False, str(exc))
        for check in _data_checks():
            row(*check)
        Console().print(table)
        if failed:
            raise typer.Exit(1)


def _data_checks() -> list[tuple[str, bool, str]]:
    """Validate shipped data files (lexicons, actors, agreements) when those modules are present."""
    results: list[tuple[str, bool, str]] = []
    for label, module_name, func in (
        ("lexicons", "ceasefire.extract.lexicon", "check_lexicons"),
        ("date words", "ceasefire.extract.date_lexicon", "check_date_lexicon"),
        ("units", "ceasefire.extract.unit_lexicon", "check_unit_lexicon"),
        ("actors", "ceasefire.actors.registry", "check_all"),
        ("agreements", "ceasefire.agreements.load", "check_all"),
        ("assessment rules", "ceasefire.assess.rules", "check_all"),
    ):
        try:
            module = importlib.import_module(module_name)
            detail = getattr(module, func)()
            if isinstance(detail, list):  # one line per checked file
                detail = f"{len(detail)} files ok"
            results.append((label, True, str(detail)))
        except (ImportError, AttributeError):
            continue
        except CeasefireError as exc:
            results.append((label, False, exc.render()))
    return results
