"""Options shared by several commands."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer
from rich.console import Console

DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="CEASEFIRE_DB", help="Database URL or SQLite file (default ./ceasefire.db)."),
]

JobsOption = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        max=256,
        help="Extract in this many worker processes on this machine (a cluster: `extract --engine dask`).",
    ),
]


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]


def wide_console() -> Console:
    """The terminal's console, or a wide one when the output is piped (tables stay readable)."""
    console = Console()
    return console if console.is_terminal else Console(width=200)
