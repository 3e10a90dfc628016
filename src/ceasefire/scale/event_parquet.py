"""Events as Parquet: the SPEC §3 fields flattened into columns, plus provenance, codes and the
position of the report in the corpus, so a folder of part files can be read back in corpus order.

Columns (one row per event):

- order: ``shard`` (input file number), ``part`` (partition number, in corpus order), ``doc_index``
  (the report's rank in its partition), ``event_index`` (the event's place in its report's list);
- SPEC §3: ``doc_id``, ``type``, ``actor``, ``target``, ``object``, ``mode``, ``date`` (date32),
  ``quantity_value``, ``quantity_unit``, ``location``, ``source``, ``evidence``, ``span_start``,
  ``span_end``;
- provenance and codes: ``rule``, ``reason``, ``trigger``, ``trigger_start``, ``trigger_end``,
  ``sentence``, ``plover``, ``cameo``, ``quantity_approx``/``_low``/``_high``/``_rate``, ``extra`` (JSON);
- the report: ``published`` (date32).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ceasefire.extract.event import Event, Quantity

if TYPE_CHECKING:
    import pyarrow as pa

PART_GLOB = "part-*.parquet"


def event_schema() -> pa.Schema:
    import pyarrow as pa

    text, whole = pa.string(), pa.int64()
    return pa.schema(
        [
            ("shard", pa.int32()),
            ("part", pa.int32()),
            ("doc_index", pa.int32()),
            ("event_index", pa.int32()),
            ("doc_id", text),
            ("published", pa.date32()),
            ("type", text),
            ("actor", text),
            ("target", text),
            ("object", text),
            ("mode", text),
            ("date", pa.date32()),
            ("quantity_value", whole),
            ("quantity_unit", text),
            ("location", text),
            ("source", text),
            ("evidence", text),
            ("span_start", whole),
            ("span_end", whole),
            ("rule", text),
            ("reason", text),
            ("trigger", text),
            ("trigger_start", whole),
            ("trigger_end", whole),
            ("sentence", whole),
            ("plover", text),
            ("cameo", text),
            ("quantity_approx", pa.bool_()),
            ("quantity_low", whole),
            ("quantity_high", whole),
            ("quantity_rate", text),
            ("extra", text),
        ]
    )


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def event_row(
    event: Event, *, shard: int, part: int, doc_index: int, event_index: int, published: str | None
) -> dict[str, Any]:
    """The Parquet row of one event."""
    q = event.quantity
    return {
        "shard": shard,
        "part": part,
        "doc_index": doc_index,
        "event_index": event_index,
        "doc_id": event.doc_id,
        "published": _day(published),
        "type": event.type,
        "actor": event.actor,
        "target": event.target,
        "object": event.object,
        "mode": event.mode,
        "date": _day(event.date),
        "quantity_value": q.value if q else None,
        "quantity_unit": q.unit if q else None,
        "location": event.location,
        "source": event.source,
        "evidence": event.evidence,
        "span_start": event.span[0],
        "span_end": event.span[1],
        "rule": event.rule,
        "reason": event.reason,
        "trigger": event.trigger,
        "trigger_start": event.trigger_span[0],
        "trigger_end": event.trigger_span[1],
        "sentence": event.sentence,
        "plover": event.plover,
        "cameo": event.cameo,
        "quantity_approx": q.approx if q else None,
        "quantity_low": q.low if q else None,
        "quantity_high": q.high if q else None,
        "quantity_rate": q.rate if q else None,
        "extra": json.dumps(event.extra, ensure_ascii=False, sort_keys=True, default=str)
        if event.extra
        else None,
    }


def event_from_row(row: dict[str, Any]) -> Event:
    """The Event a Parquet row was written from (the inverse of ``event_row``)."""
    quantity = None
    if row["quantity_value"] is not None and row["quantity_unit"] is not None:
        quantity = Quantity(
            value=row["quantity_value"],
            unit=row["quantity_unit"],
            approx=bool(row["quantity_approx"]),
            low=row["quantity_low"],
            high=row["quantity_high"],
            rate=row["quantity_rate"],
        )
    return Event(
        doc_id=row["doc_id"],
        type=row["type"],
        actor=row["actor"],
        target=row["target"],
        object=row["object"],
        mode=row["mode"],
        date=row["date"].isoformat() if row["date"] else None,
        quantity=quantity,
        location=row["location"],
        source=row["source"],
        evidence=row["evidence"] or "",
        span=(row["span_start"], row["span_end"]),
        rule=row["rule"] or "",
        reason=row["reason"] or "",
        trigger=row["trigger"] or "",
        trigger_span=(row["trigger_start"], row["trigger_end"]),
        sentence=row["sentence"],
        extra=json.loads(row["extra"]) if row["extra"] else {},
    )


class PartWriter:
    """Writes one part file in row groups of ``rows_per_group`` rows, so memory stays bounded; the file
    appears under its final name only when complete (a task that is retried never leaves half a file)."""

    def __init__(self, path: Path, rows_per_group: int = 20_000) -> None:
        import pyarrow.parquet as pq

        self.path = path
        self._tmp = path.with_name(f".{path.name}.tmp")
        self._schema = event_schema()
        self._writer = pq.ParquetWriter(self._tmp, self._schema, compression="zstd")
        self._rows: list[dict[str, Any]] = []
        self._per_group = rows_per_group
        self.count = 0

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            self._rows.append(row)
            self.count += 1
            if len(self._rows) >= self._per_group:
                self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._rows:
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self._schema))
            self._rows = []

    def close(self) -> None:
        self._flush()
        self._writer.close()
        self._tmp.replace(self.path)

    def abort(self) -> None:
        self._writer.close()
        self._tmp.unlink(missing_ok=True)


def part_files(events: Path) -> list[Path]:
    """The part files of an output folder, in corpus order (their names carry the partition number)."""
    return sorted(events.glob(PART_GLOB))


def read_events(events: Path, *, batch_rows: int = 10_000) -> Iterator[Event]:
    """Every event of an output folder in corpus order, streaming part by part.

    Part files are named by partition number, so their name order is corpus order; within a file rows are
    sorted by (doc_index, event_index) in case a writer interleaved them."""
    import pyarrow.parquet as pq

    for path in part_files(events):
        table = pq.read_table(path).sort_by([("doc_index", "ascending"), ("event_index", "ascending")])
        for batch in table.to_batches(max_chunksize=batch_rows):
            for row in batch.to_pylist():
                yield event_from_row(row)
