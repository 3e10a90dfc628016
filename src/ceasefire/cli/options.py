"""Options shared by several commands."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="CEASEFIRE_DB", help="Database URL or SQLite file (default ./ceasefire.db)."),
]


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
