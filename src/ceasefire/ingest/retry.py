"""Retry quarantined inputs after their files were fixed: re-ingest the sources of the chosen open
entries (idempotent, so what was already accepted is only counted as a duplicate), then mark each
chosen entry ``resolved`` when its record no longer fails. An entry whose record fails the same way
stays open; one that fails differently becomes ``retried`` and the new failure is a fresh open entry."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from ceasefire.config import LIMITS
from ceasefire.errors import NotFound
from ceasefire.ingest.pipeline import IngestSummary, ProgressSink, ingest_paths
from ceasefire.store.quarantine import QuarantineEntry, get_quarantine, list_quarantine, mark_quarantine


@dataclass
class RetryResult:
    resolved: list[int] = field(default_factory=list)
    still_failing: list[int] = field(default_factory=list)
    skipped: dict[int, str] = field(default_factory=dict)  # entry id → why it cannot be retried
    summary: IngestSummary | None = None


def retry_quarantine(
    engine: Engine,
    entry_ids: Sequence[int] | None = None,
    *,
    csv_columns: dict[str, str] | None = None,
    progress: ProgressSink | None = None,
    batch_size: int = LIMITS.batch_size,
) -> RetryResult:
    """Retry the given open entries (all open entries when ``entry_ids`` is None)."""
    with engine.connect() as conn:
        if entry_ids is None:
            entries = list_quarantine(conn, status="open", limit=1_000_000)
        else:
            entries = []
            for entry_id in entry_ids:
                entry = get_quarantine(conn, entry_id)
                if entry is None:
                    raise NotFound(f"no quarantine entry {entry_id}", hint="see `ceasefire quarantine list`")
                entries.append(entry)
    result = RetryResult()
    retryable: list[QuarantineEntry] = []
    for entry in entries:
        if entry.status != "open":
            result.skipped[entry.id] = f"already {entry.status}"
        elif not Path(entry.source).is_file():
            result.skipped[entry.id] = "its source is not a file that still exists (stdin or removed)"
        else:
            retryable.append(entry)
    if not retryable:
        return result
    sources = sorted({entry.source for entry in retryable})
    result.summary = ingest_paths(
        engine,
        sources,
        csv_columns=csv_columns,
        progress=progress,
        batch_size=batch_size,
        collect_doc_ids=False,
    )
    failing = {(source, location) for source, location, _ in result.summary.rejections}
    with engine.begin() as conn:
        fresh = {
            (e.source, e.location)
            for e in list_quarantine(conn, status="open", limit=1_000_000)
            if e.run_id == result.summary.run_id
        }
        retried: list[int] = []
        for entry in retryable:
            key = (entry.source, entry.location)
            if key not in failing:
                result.resolved.append(entry.id)
            else:
                result.still_failing.append(entry.id)
                if key in fresh:  # failed differently: the new entry replaces this one
                    retried.append(entry.id)
        mark_quarantine(conn, result.resolved, "resolved")
        mark_quarantine(conn, retried, "retried")
    return result
