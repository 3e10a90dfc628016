"""``ceasefire brief`` (HTML, PDF, Markdown) and ``ceasefire export`` (CSV, JSON Lines, Parquet).

Thin shells: parse options, call ``ceasefire.report``, write the result. PDF needs the ``pdf``
extra (WeasyPrint) and is imported only when asked for. docs/brief.md and docs/exports.md.
"""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ceasefire.cli.options import DbOption
from ceasefire.errors import UsageError


class BriefFormat(str, Enum):
    html = "html"
    pdf = "pdf"
    md = "md"


class ExportKind(str, Enum):
    events = "events"
    stories = "stories"
    ledger = "ledger"
    provisions = "provisions"


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


class Layout(str, Enum):
    spec = "spec"
    acled = "acled"


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"{option}: {value!r} is not a date", hint="use YYYY-MM-DD") from exc


def register(app: typer.Typer) -> None:
    @app.command("brief")
    def brief(
        agreement: Annotated[str, typer.Argument(help="A built-in agreement id (gaza-2025) or a YAML file.")],
        as_of: Annotated[str, typer.Option("--as-of", help="The day of the brief (YYYY-MM-DD).")],
        fmt: Annotated[
            BriefFormat, typer.Option("--format", "-f", help="html, pdf or md.")
        ] = BriefFormat.html,
        out: Annotated[
            Path | None, typer.Option("--out", "-o", help="Output file (required for pdf).")
        ] = None,
        since: Annotated[
            str | None,
            typer.Option("--since", help="Count changes since this day (default: the day before)."),
        ] = None,
        db: DbOption = None,
    ) -> None:
        """A one-to-three page brief: status, changes, provisions, ledger and risk charts, due next,
        ultimatums and disputes, every statement footnoted to its reports."""
        from ceasefire.report.brief import build_brief
        from ceasefire.store.engine import open_db

        day = _day(as_of, "--as-of")
        assert day is not None
        previous = _day(since, "--since")
        if previous is not None and previous >= day:
            raise UsageError("--since must be before --as-of")
        if fmt is BriefFormat.pdf and out is None:
            raise UsageError("--format pdf writes a file", hint="pass --out FILE.pdf")
        result = build_brief(open_db(db), agreement, day, previous=previous)
        if fmt is BriefFormat.pdf:
            from ceasefire.report.render_pdf import render_pdf

            pages = render_pdf(result, out)  # type: ignore[arg-type]
            Console(stderr=True).print(f"wrote {out} ({pages} page(s))", markup=False)
            return
        if fmt is BriefFormat.md:
            from ceasefire.report.render_md import render_markdown

            text = render_markdown(result)
        else:
            from ceasefire.report.render_html import render_html

            text = render_html(result)
        if out is None:
            sys.stdout.write(text)
        else:
            out.write_text(text, encoding="utf-8")
            Console(stderr=True).print(f"wrote {out}", markup=False)

    @app.command("export")
    def export_(
        kind: Annotated[ExportKind, typer.Argument(help="events, stories, ledger or provisions.")],
        fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv, jsonl or parquet.")] = (
            ExportFormat.csv
        ),
        out: Annotated[
            Path | None, typer.Option("--out", "-o", help="Output file (required for parquet).")
        ] = None,
        layout: Annotated[Layout, typer.Option("--layout", help="Events only: spec or acled.")] = Layout.spec,
        agreement: Annotated[
            str | None, typer.Option("--agreement", "-a", help="Agreement id (needed for all but events).")
        ] = None,
        as_of: Annotated[
            str | None, typer.Option("--as-of", help="Only reports published on or before this day.")
        ] = None,
        db: DbOption = None,
    ) -> None:
        """Data in the field's formats, with PLOVER/CAMEO codes, ISO dates, source URLs and provenance."""
        from ceasefire.report.export import export
        from ceasefire.store.engine import open_db

        if fmt is ExportFormat.parquet and out is None:
            raise UsageError("Parquet output needs a file", hint="pass --out FILE.parquet")
        count = export(
            kind.value,
            open_db(db),
            out if out is not None else sys.stdout,
            fmt.value,
            layout=layout.value,
            agreement=agreement,
            as_of=_day(as_of, "--as-of"),
        )
        if out is not None:
            Console(stderr=True).print(f"wrote {count} {kind.value} row(s) to {out}", markup=False)
