"""Shards and partitions of a large corpus, so that each worker reads its own slice of the files.

A *shard* is one input file: JSON Lines (``.jsonl``/``.ndjson``), gzip-compressed JSON Lines
(``.jsonl.gz``/``.ndjson.gz``) or Parquet (``.parquet``, one row per report with the SPEC §1 columns).
A *partition* is a slice of a shard that one task reads, sized to hold about ``partition_docs``
reports, so a task costs far more than the scheduler's ~2 ms overhead:

- plain JSON Lines: byte ranges. A record belongs to the partition in which its line *starts*; a reader
  seeks to the range start, drops the partial line, and stops at the first line starting past the end.
- gzip: line ranges. A gzip stream cannot be entered in the middle, so a task decompresses from the
  start and skips the lines before its range; the number of splits per file is capped
  (``max_gzip_splits``) to keep that repeated decompression small next to extraction.
- Parquet: row ranges, reading only the row groups a range overlaps.

Partitions are numbered in corpus order (files in the order given, then by position in the file), so the
partition number and a record's rank inside its partition put results back in corpus order. Records are
judged by the project's JSON Lines reader (same limits, same rejections) through a window on the file.
"""

from __future__ import annotations

import glob
import gzip
import math
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal

from ceasefire.errors import InputFileError
from ceasefire.ingest.document import Document
from ceasefire.ingest.readers.jsonl import parse_record, read_jsonl_stream
from ceasefire.ingest.rejected import Rejected
from ceasefire.ingest.validate import check_document

ShardKind = Literal["jsonl", "jsonl.gz", "parquet"]
SAMPLE_BYTES = 1 << 20  # how much of a file is read to estimate its records' size
GZIP_SAMPLE_BYTES = 1 << 18
PARQUET_BATCH = 512


@dataclass(frozen=True, slots=True)
class Partition:
    """One task's slice of one shard. ``start``/``stop`` are byte offsets (jsonl), line numbers
    counted from 1 (jsonl.gz) or rows counted from 0 (parquet); ``stop`` is exclusive, None = to the end."""

    index: int
    shard: int
    path: str
    kind: ShardKind
    start: int
    stop: int | None


def shard_kind(path: Path) -> ShardKind | None:
    name = path.name.lower()
    if name.endswith((".jsonl.gz", ".ndjson.gz")):
        return "jsonl.gz"
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if name.endswith(".parquet"):
        return "parquet"
    return None


def list_shards(inputs: Sequence[str | Path]) -> list[Path]:
    """The corpus files named by ``inputs`` (files, folders searched recursively, or glob patterns),
    deduplicated, in a stable order: each input in turn, files sorted by path within it."""
    found: list[Path] = []
    for item in inputs:
        text = str(item)
        if any(ch in text for ch in "*?["):
            candidates = [Path(p) for p in sorted(glob.glob(text, recursive=True))]
            matched = [p for p in candidates if p.is_file() and shard_kind(p)]
            if not matched:
                raise InputFileError("the pattern matches no .jsonl, .jsonl.gz or .parquet file", where=text)
            found.extend(matched)
            continue
        path = Path(item)
        if path.is_dir():
            children = sorted(
                p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".") and shard_kind(p)
            )
            if not children:
                raise InputFileError("the folder holds no .jsonl, .jsonl.gz or .parquet file", where=text)
            found.extend(children)
        elif path.is_file():
            if shard_kind(path) is None:
                raise InputFileError(
                    "the Dask engine reads .jsonl, .jsonl.gz and .parquet files only",
                    where=text,
                    hint="convert the corpus to JSON Lines, or use the single-process engine",
                )
            found.append(path)
        else:
            raise InputFileError("no such file or folder", where=text)
    unique: dict[Path, None] = {}
    for path in found:
        unique.setdefault(path.resolve(), None)
    return list(unique)


def _mean_line_bytes(path: Path) -> float:
    with path.open("rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
    lines = sample.count(b"\n") or 1
    return max(len(sample) / lines, 1.0)


def _gzip_lines_per_byte(path: Path) -> float:
    """Lines per compressed byte, from decompressing the file's first bytes."""
    decompressor = zlib.decompressobj(wbits=31)
    with path.open("rb") as handle:
        compressed = handle.read(GZIP_SAMPLE_BYTES)
    try:
        data = decompressor.decompress(compressed)
    except zlib.error as exc:
        raise InputFileError(f"not a gzip file: {exc}", where=str(path)) from exc
    used = len(compressed) - len(decompressor.unconsumed_tail) - len(decompressor.unused_data)
    return max(data.count(b"\n"), 1) / max(used, 1)


def _parquet_rows(path: Path) -> int:
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path).metadata.num_rows
    except Exception as exc:  # pyarrow raises several types for a bad file
        raise InputFileError(f"not a readable Parquet file: {exc}", where=str(path)) from exc


def estimate_records(path: Path) -> float:
    """About how many records (lines, rows) the shard holds, from its size and a sample of its start."""
    size = path.stat().st_size
    if size == 0:
        return 0.0
    kind = shard_kind(path)
    if kind == "jsonl":
        return size / _mean_line_bytes(path)
    if kind == "jsonl.gz":
        return size * _gzip_lines_per_byte(path)
    return float(_parquet_rows(path))


def _ranges(
    path: Path, estimated: float, partition_docs: int, max_gzip_splits: int
) -> list[tuple[int, int | None]]:
    kind = shard_kind(path)
    size = path.stat().st_size
    if size == 0 or estimated == 0:
        return []
    if kind == "jsonl":
        step = max(int(size / estimated * partition_docs), 1)
        return [(s, s + step if s + step < size else None) for s in range(0, size, step)]
    if kind == "jsonl.gz":
        splits = max(1, min(max_gzip_splits, math.ceil(estimated / partition_docs)))
        step = max(math.ceil(estimated / splits), 1)
        return [(1 + i * step, 1 + (i + 1) * step if i < splits - 1 else None) for i in range(splits)]
    rows = int(estimated)
    return [(s, min(s + partition_docs, rows)) for s in range(0, rows, partition_docs)]


def plan_partitions(
    shards: Sequence[Path],
    *,
    partition_docs: int = 2000,
    max_gzip_splits: int = 8,
    min_partitions: int = 1,
    min_partition_docs: int = 200,
) -> list[Partition]:
    """Partitions of ``shards`` in corpus order, each meant to hold about ``partition_docs`` records.

    When the corpus would give fewer than ``min_partitions`` partitions (too few tasks to keep every
    worker busy to the end), partitions shrink, but not below ``min_partition_docs`` records."""
    if partition_docs < 1:
        raise InputFileError("partition_docs must be at least 1", where="partition_docs")
    for path in shards:
        if shard_kind(path) is None:
            raise InputFileError("not a .jsonl, .jsonl.gz or .parquet file", where=str(path))
    estimates = [estimate_records(path) for path in shards]
    total = sum(estimates)
    if min_partitions > 1 and total / partition_docs < min_partitions:
        partition_docs = min(partition_docs, max(min_partition_docs, math.ceil(total / min_partitions)))
    partitions: list[Partition] = []
    for shard, (path, estimated) in enumerate(zip(shards, estimates, strict=True)):
        kind = shard_kind(path)
        assert kind is not None
        for start, stop in _ranges(path, estimated, partition_docs, max_gzip_splits):
            partitions.append(Partition(len(partitions), shard, str(path), kind, start, stop))
    return partitions


# -- reading one partition ---------------------------------------------------------------------------


class _LineWindow:
    """A read-only byte stream over the whole lines of ``raw`` whose first byte lies in [start, stop)
    (``by_bytes``) or whose number, counted from 1, lies in [start, stop) (by lines). It offers the
    ``readline(size)`` the JSON Lines reader uses, so records are judged exactly as in one process."""

    def __init__(self, raw: BinaryIO, start: int, stop: int | None, *, by_bytes: bool) -> None:
        self._raw = raw
        self._stop = stop
        self._by_bytes = by_bytes
        self._at_line_start = True
        self._done = False
        if by_bytes:
            self._position = start
            if start > 0:
                raw.seek(start - 1)
                self._position += self._skip_line() - 1  # the rest of a line that began before the range
        else:
            self._position = 1  # the number of the line about to be read
            while self._position < start and not self._done:
                if self._skip_line() == 0:
                    self._done = True
                self._position += 1

    def _skip_line(self) -> int:
        skipped = 0
        while True:
            chunk = self._raw.readline(1 << 20)
            skipped += len(chunk)
            if not chunk or chunk.endswith(b"\n"):
                return skipped

    def readline(self, size: int = -1) -> bytes:
        if self._done:
            return b""
        if self._at_line_start and self._stop is not None and self._position >= self._stop:
            self._done = True
            return b""
        chunk = self._raw.readline(size)
        self._at_line_start = not chunk or chunk.endswith(b"\n")
        if self._by_bytes:
            self._position += len(chunk)
        elif self._at_line_start:
            self._position += 1
        return chunk


def _read_jsonl_window(part: Partition) -> Iterator[Document | Rejected]:
    unit = "byte" if part.kind == "jsonl" else "line"
    source = part.path if part.start in (0, 1) else f"{part.path} (from {unit} {part.start})"
    try:
        with gzip.open(part.path, "rb") if part.kind == "jsonl.gz" else open(part.path, "rb") as raw:
            window = _LineWindow(raw, part.start, part.stop, by_bytes=part.kind == "jsonl")
            yield from read_jsonl_stream(window, source=source)  # type: ignore[arg-type]
    except (OSError, EOFError, zlib.error) as exc:
        yield Rejected(source, None, "unreadable", f"cannot read the file: {exc}")


def _parquet_record(row: dict[str, Any]) -> dict[str, Any]:
    published = row.get("date")
    if published is not None and not isinstance(published, str):
        row["date"] = published.isoformat() if hasattr(published, "isoformat") else str(published)
    return row


def _read_parquet_rows(part: Partition) -> Iterator[Document | Rejected]:
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(part.path)
    stop = part.stop if part.stop is not None else parquet.metadata.num_rows
    groups: list[int] = []
    first_row = 0  # the first row of the first group read
    offset = 0
    for group in range(parquet.metadata.num_row_groups):
        rows = parquet.metadata.row_group(group).num_rows
        if offset + rows > part.start and offset < stop:
            if not groups:
                first_row = offset
            groups.append(group)
        offset += rows
    if not groups:
        return
    row_number = first_row
    for batch in parquet.iter_batches(batch_size=PARQUET_BATCH, row_groups=groups):
        if row_number + batch.num_rows <= part.start:
            row_number += batch.num_rows
            continue
        for record in batch.to_pylist():
            if part.start <= row_number < stop:
                yield parse_record(_parquet_record(record), source=part.path, location=f"row {row_number}")
            row_number += 1
        if row_number >= stop:
            return


def read_partition(part: Partition) -> Iterator[Document | Rejected]:
    """Each record of the partition, Document or Rejected, in file order, streaming; documents pass the
    same checks as in ``read_paths`` (size, control characters, date) and get their dateline."""
    records = _read_parquet_rows(part) if part.kind == "parquet" else _read_jsonl_window(part)
    for item in records:
        yield check_document(item) if isinstance(item, Document) else item
