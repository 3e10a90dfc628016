"""Analytics over the Parquet event parts with DuckDB: named summaries, and raw SQL for experts.

The events are the view ``events`` (columns: see ``event_parquet``) over the part files given. The
connection is in memory and locked down before any user SQL runs:

- file access is limited to the event files themselves (``allowed_paths`` then
  ``enable_external_access = false``), so SQL cannot read other files or load extensions;
- extensions are never installed or auto-loaded (this works offline);
- the configuration is locked, so SQL cannot undo the above;
- raw SQL must be exactly one SELECT (or WITH … SELECT) statement: COPY, ATTACH, EXPORT, SET, PRAGMA,
  INSTALL and the rest are refused, so nothing is written anywhere.
"""

from __future__ import annotations

import glob
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ceasefire.errors import InputFileError, UsageError
from ceasefire.scale.event_parquet import PART_GLOB


@dataclass(frozen=True, slots=True)
class Summary:
    name: str
    description: str
    sql: str  # over the view ``events``; ``?`` is the row limit


SUMMARIES: dict[str, Summary] = {
    s.name: s
    for s in (
        Summary(
            "by-type",
            "events per type, with the PLOVER and CAMEO codes",
            "SELECT type, any_value(plover) AS plover, any_value(cameo) AS cameo, count(*) AS events, "
            "count(DISTINCT doc_id) AS reports FROM events GROUP BY type ORDER BY events DESC, type LIMIT ?",
        ),
        Summary(
            "by-actor",
            "events per actor (null: no actor named), with how many types they span",
            "SELECT actor, count(*) AS events, count(DISTINCT type) AS types, "
            "count(DISTINCT doc_id) AS reports FROM events GROUP BY actor "
            "ORDER BY events DESC, actor NULLS LAST LIMIT ?",
        ),
        Summary(
            "by-day",
            "events per day on which they happened (or are due), split by mode",
            "SELECT date, count(*) AS events, count(*) FILTER (WHERE mode = 'occurred') AS occurred, "
            "count(*) FILTER (WHERE mode = 'planned') AS planned, "
            "count(*) FILTER (WHERE mode = 'negated') AS negated "
            "FROM events WHERE date IS NOT NULL GROUP BY date ORDER BY date LIMIT ?",
        ),
        Summary(
            "by-type-actor",
            "events per type and actor",
            "SELECT type, actor, count(*) AS events FROM events GROUP BY type, actor "
            "ORDER BY events DESC, type, actor NULLS LAST LIMIT ?",
        ),
        Summary(
            "top-dyads",
            "the most frequent actor → target pairs, by type",
            "SELECT actor, target, type, count(*) AS events FROM events "
            "WHERE actor IS NOT NULL AND target IS NOT NULL GROUP BY actor, target, type "
            "ORDER BY events DESC, actor, target, type LIMIT ?",
        ),
        Summary(
            "quantities",
            "people and goods counted in events, per type and unit",
            "SELECT type, quantity_unit AS unit, count(*) AS events, sum(quantity_value) AS total "
            "FROM events WHERE quantity_value IS NOT NULL GROUP BY type, quantity_unit "
            "ORDER BY type, unit LIMIT ?",
        ),
    )
}
DEFAULT_LIMIT = 1000


@dataclass(slots=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def event_files(events: str | Path) -> list[Path]:
    """The Parquet files meant by ``events``: a folder of part files, one file, or a glob pattern."""
    text = str(events)
    if any(ch in text for ch in "*?["):
        files = [Path(p).resolve() for p in sorted(glob.glob(text, recursive=True)) if p.endswith(".parquet")]
    elif Path(text).is_dir():
        files = [p.resolve() for p in sorted(Path(text).glob(PART_GLOB))]
    elif Path(text).is_file():
        files = [Path(text).resolve()]
    else:
        raise InputFileError(
            "no such file or folder", where=text, hint="give the --out folder of an extract run"
        )
    if not files:
        raise InputFileError(
            "no Parquet event files there",
            where=text,
            hint="run `ceasefire extract … --engine dask --out DIR`",
        )
    return files


def _connect(files: Sequence[Path]) -> Any:
    import duckdb

    conn = duckdb.connect(
        ":memory:", config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    )
    try:
        conn.execute("SET allowed_paths = ?", [[str(f) for f in files]])
        conn.execute("SET enable_external_access = false")
        conn.execute("SET lock_configuration = true")
        conn.read_parquet([str(f) for f in files], union_by_name=True).create_view("events")
    except duckdb.Error as exc:
        conn.close()
        raise InputFileError(f"cannot read the event files: {exc}", where=str(files[0].parent)) from exc
    return conn


def check_select(sql: str) -> None:
    """Raise UsageError (exit 2) unless ``sql`` is exactly one SELECT statement."""
    import duckdb

    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise UsageError(f"the SQL does not parse: {exc}", where="--sql") from exc
    if len(statements) != 1:
        raise UsageError(f"give exactly one statement, not {len(statements)}", where="--sql")
    if statements[0].type != duckdb.StatementType.SELECT:
        raise UsageError(
            f"only SELECT is allowed, not {statements[0].type.name}",
            where="--sql",
            hint="the events are read-only; query the view `events`",
        )


def run_query(
    events: str | Path, summary: str | None = None, *, sql: str | None = None, limit: int = DEFAULT_LIMIT
) -> QueryResult:
    """Run a named summary, or (expert) one read-only SELECT, over the events under ``events``."""
    import duckdb

    if (summary is None) == (sql is None):
        raise UsageError("give either a summary name or --sql", hint=f"summaries: {', '.join(SUMMARIES)}")
    if summary is not None and summary not in SUMMARIES:
        raise UsageError(f"no summary {summary!r}", hint=f"choose one of: {', '.join(SUMMARIES)}")
    if limit < 1:
        raise UsageError("--limit must be at least 1", where="--limit")
    if sql is not None:
        check_select(sql)
    conn = _connect(event_files(events))
    try:
        if sql is not None:
            cursor = conn.execute(sql)
        else:
            cursor = conn.execute(SUMMARIES[summary].sql, [limit])  # type: ignore[index]
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    except duckdb.Error as exc:
        raise UsageError(f"the query failed: {exc}", where="--sql" if sql else summary) from exc
    finally:
        conn.close()
    return QueryResult(columns, rows)
