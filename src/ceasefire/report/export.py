"""Exports for researchers: events, stories, ledger and provisions as CSV, JSON Lines or Parquet.

``export(kind, engine, out, format)`` streams rows to ``out`` (a path, or a text stream for CSV and
JSON Lines) and returns how many it wrote. Events are read from the store a page at a time and
written as they come (Parquet in record batches), so memory stays flat however many there are;
stories, the ledger and provisions are assessed for one agreement as of one day. Columns, types
and meanings: ``report/columns.py`` and docs/exports.md.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Engine

from ceasefire.errors import UsageError
from ceasefire.report.columns import LAYOUTS, Column
from ceasefire.store.events import StoredEvent

KINDS = ("events", "stories", "ledger", "provisions")
FORMATS = ("csv", "jsonl", "parquet")
BATCH = 1000


def _text(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "list":
        return ";".join(str(v) for v in value)
    if kind == "json":
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if kind == "bool":
        return "true" if value else "false"
    if kind == "date":
        return value.isoformat() if isinstance(value, date) else str(value)
    return str(value)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def write_csv(columns: Sequence[Column], rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in columns])
    n = 0
    for row in rows:
        writer.writerow([_text(row.get(c.name), c.kind) for c in columns])
        n += 1
    return n


def write_jsonl(columns: Sequence[Column], rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for row in rows:
        record = {c.name: _plain(row.get(c.name)) for c in columns}
        out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


def arrow_schema(columns: Sequence[Column]) -> Any:
    import pyarrow as pa

    types = {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
        "list": pa.list_(pa.string()),
        "json": pa.string(),
    }
    return pa.schema([pa.field(c.name, types[c.kind]) for c in columns])


def _arrow_value(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "json":
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if kind == "date":
        return _day(value)
    if kind == "list":
        return [str(v) for v in value]
    return value


def write_parquet(columns: Sequence[Column], rows: Iterable[dict[str, Any]], out: Path | IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(columns)
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []

        def flush() -> None:
            data = {c.name: [_arrow_value(r.get(c.name), c.kind) for r in batch] for c in columns}
            writer.write_batch(pa.RecordBatch.from_pydict(data, schema=schema))

        for row in rows:
            batch.append(row)
            n += 1
            if len(batch) >= BATCH:
                flush()
                batch = []
        if batch or n == 0:
            flush()
    return n


# --- rows -------------------------------------------------------------------------------------------


def event_row(stored: StoredEvent) -> dict[str, Any]:
    e = stored.event
    q = e.quantity
    return {
        **{k: v for k, v in e.to_spec().items() if k not in ("trigger_span",)},
        "date": e.date,
        "event_id": stored.id,
        "quantity_value": q.value if q else None,
        "quantity_unit": q.unit if q else None,
        "quantity_approx": q.approx if q else None,
        "span_start": e.span[0],
        "span_end": e.span[1],
        "trigger_start": e.trigger_span[0],
        "trigger_end": e.trigger_span[1],
        "sentence": e.sentence,
        "published": stored.published,
        "url": stored.url,
        "outlet": stored.outlet,
        "title": stored.title,
        "cluster": stored.cluster_id,
    }


def _stream_events(engine: Engine, as_of: date | None, agreement_ref: str | None) -> Iterator[StoredEvent]:
    from ceasefire.store.events import iter_events

    keep = None
    if agreement_ref is not None:
        from ceasefire.agreements.load import get_agreement
        from ceasefire.assess.scope import in_scope
        from ceasefire.assess.sides import side_resolver

        agreement = get_agreement(agreement_ref)
        keep = in_scope(agreement, side_resolver(agreement))
    with engine.connect() as conn:
        for stored in iter_events(conn, published_on_or_before=as_of):
            if keep is None or keep(stored):
                yield stored


def _rows(
    kind: str, engine: Engine, layout: str, agreement: str | None, as_of: date | None
) -> tuple[Sequence[Column], Iterable[dict[str, Any]]]:
    if kind == "events":
        events = _stream_events(engine, as_of, agreement)
        if layout == "acled":
            from ceasefire.report.acled import AcledMapper

            mapper = AcledMapper.load(int(time.time()))
            return LAYOUTS["events-acled"], (mapper.row(e) for e in events)
        return LAYOUTS["events"], (event_row(e) for e in events)
    if layout != "spec":
        raise UsageError(f"--layout {layout} applies to events only", hint="use --layout spec")
    if agreement is None:
        raise UsageError(f"exporting {kind} needs an agreement", hint="pass --agreement ID (e.g. gaza-2025)")
    from ceasefire.report.export_assess import assessed_rows

    return LAYOUTS[kind], assessed_rows(kind, engine, agreement, as_of)


def export(
    kind: str,
    engine: Engine,
    out: Path | IO[str],
    format: str,
    *,
    layout: str = "spec",
    agreement: str | None = None,
    as_of: date | None = None,
) -> int:
    """Write ``kind`` rows to ``out`` in ``format``; returns the number of rows."""
    if kind not in KINDS:
        raise UsageError(f"unknown export {kind!r}", hint=f"one of {', '.join(KINDS)}")
    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r}", hint=f"one of {', '.join(FORMATS)}")
    if layout not in ("spec", "acled"):
        raise UsageError(f"unknown layout {layout!r}", hint="spec or acled")
    columns, rows = _rows(kind, engine, layout, agreement, as_of)
    if format == "parquet":
        if not isinstance(out, Path):
            raise UsageError("Parquet output needs a file", hint="pass --out FILE.parquet")
        return write_parquet(columns, rows, out)
    writer = write_csv if format == "csv" else write_jsonl
    with ExitStack() as stack:
        stream = (
            stack.enter_context(out.open("w", encoding="utf-8", newline="")) if isinstance(out, Path) else out
        )
        return writer(columns, rows, stream)
