"""``ceasefire extract``, ``ceasefire explain`` and ``ceasefire rules check``: thin shells over
``ceasefire.extract``."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ceasefire.cli.options import DbOption, JobsOption, wide_console
from ceasefire.cli.scale import Engine, run_dask_extract
from ceasefire.errors import UsageError


class EventFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


LexiconOption = Annotated[
    list[Path] | None,
    typer.Option("--lexicon", "-l", help="Extra lexicon YAML file (triggers, cues, places); repeatable."),
]


def register(app: typer.Typer) -> None:
    @app.command("extract")
    def extract(
        paths: Annotated[list[Path], typer.Argument(help="Reports: JSONL or text files, or folders.")],
        format: Annotated[
            EventFormat, typer.Option("--format", "-f", help="Output format.")
        ] = EventFormat.jsonl,
        lexicon: LexiconOption = None,
        engine: Annotated[
            Engine,
            typer.Option("--engine", help="single: one process, to stdout; dask: Parquet parts in --out."),
        ] = Engine.single,
        scheduler: Annotated[
            str | None, typer.Option("--scheduler", help="Dask scheduler address (default: a LocalCluster).")
        ] = None,
        workers: Annotated[int, typer.Option("--workers", help="Worker processes of the LocalCluster.")] = 2,
        out: Annotated[Path | None, typer.Option("--out", help="Folder for the Parquet event parts.")] = None,
        partition_docs: Annotated[
            int, typer.Option("--partition-docs", help="Reports per Dask task.")
        ] = 2000,
        load_store: Annotated[
            bool, typer.Option("--load-store", help="Also store the events of reports already ingested.")
        ] = False,
        jobs: JobsOption = 1,
        db: DbOption = None,
    ) -> None:
        """Extract events (SPEC §3) from reports, in corpus order, to standard output (or, with --engine
        dask, to Parquet files on a Dask cluster: see docs/benchmarks.md)."""
        if engine is Engine.dask:
            if jobs > 1:
                raise UsageError("--jobs is for the single engine; Dask takes --workers", where="--jobs")
            run_dask_extract(
                paths,
                out=out,
                scheduler=scheduler,
                workers=workers,
                lexicons=list(lexicon or ()),
                partition_docs=partition_docs,
                load_store=load_store,
                db=db,
            )
            return
        if out or scheduler or load_store:
            raise UsageError("--out, --scheduler and --load-store go with --engine dask", where="--engine")
        from ceasefire.extract.pipeline import Extractor
        from ceasefire.ingest.read import read_documents_strict

        docs = read_documents_strict(paths)
        if jobs > 1:
            from ceasefire.extract.parallel import pipe_in_processes

            stream = pipe_in_processes(docs, jobs=jobs, lexicons=list(lexicon or ()))
        else:
            stream = Extractor(lexicon or ()).pipe(docs)
        if format is EventFormat.jsonl:
            out = sys.stdout
            for _, events in stream:
                for event in events:
                    out.write(json.dumps(event.to_spec(), ensure_ascii=False) + "\n")
            return
        rows = [event.to_spec() for _, events in stream for event in events]
        if format is EventFormat.json:
            typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        table = Table("doc", "type", "actor", "target", "object", "mode", "date", "qty", "rule")
        for row in rows:
            qty = row["quantity"]
            table.add_row(
                *(
                    escape(str(x or ""))
                    for x in (
                        row["doc_id"],
                        row["type"],
                        row["actor"],
                        row["target"],
                        row["object"],
                        row["mode"],
                        row["date"],
                        f"{qty['value']} {qty['unit']}" if qty else "",
                        row["rule"],
                    )
                )
            )
        wide_console().print(table)

    @app.command("explain")
    def explain(
        sentence: Annotated[str, typer.Argument(help="A sentence (or a short report) to analyse.")],
        date: Annotated[str | None, typer.Option("--date", help="The report's day, YYYY-MM-DD.")] = None,
        lexicon: LexiconOption = None,
    ) -> None:
        """Show tokens, actor mentions, triggers, the rules that fired and why others did not."""
        from ceasefire.extract.api import as_date
        from ceasefire.extract.explain import render_explanation
        from ceasefire.extract.pipeline import Extractor

        extractor = Extractor(lexicon or ())
        render_explanation(extractor.explain(sentence, as_date(date)), wide_console())

    rules = typer.Typer(help="Rule and dictionary files.", no_args_is_help=True)

    @rules.command("check")
    def check(
        files: Annotated[list[Path] | None, typer.Argument(help="Extra lexicon files to check too.")] = None,
    ) -> None:
        """Validate the builtin lexicons and actor files (and FILE...): one ok line each, or the error."""
        from ceasefire.actors.registry import check_all
        from ceasefire.extract.lexicon import check_lexicons

        console = Console(highlight=False)
        for line in check_lexicons(files or ()):
            console.print(escape(line))
        console.print(escape(check_all()))

    app.add_typer(rules, name="rules")
