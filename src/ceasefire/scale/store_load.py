"""Load the events of a Dask run (Parquet parts) into the store, report by report.

The store keeps events beside their reports, so the reports must be ingested first (``ceasefire
ingest``); events of a report the store does not hold are counted and skipped. Each report's events
replace what an earlier extraction stored for it, so loading twice changes nothing. Writes go through
the store's repository functions, one transaction per batch of reports.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from sqlalchemy import Engine

from ceasefire.extract.event import Event
from ceasefire.scale.event_parquet import read_events
from ceasefire.store.documents import document_pk
from ceasefire.store.events import replace_events

SAMPLE_MISSING = 5


@dataclass(slots=True)
class StoreLoadSummary:
    documents: int = 0
    events: int = 0
    missing_documents: int = 0
    missing_samples: list[str] = field(default_factory=list)

    def render(self) -> str:
        text = f"stored {self.events} events of {self.documents} reports"
        if self.missing_documents:
            text += (
                f"; {self.missing_documents} reports are not in the store (ingest them first), "
                f"e.g. {', '.join(self.missing_samples)}"
            )
        return text


def _per_document(events: Iterator[Event]) -> Iterator[tuple[str, list[Event]]]:
    for doc_id, group in groupby(events, key=lambda e: e.doc_id):
        yield doc_id, list(group)


def load_events_into_store(engine: Engine, events_dir: Path, *, batch_docs: int = 500) -> StoreLoadSummary:
    """Store the events under ``events_dir`` (part files of ``extract_with_dask``) for ingested reports.

    Reports without events have no rows in the parts, so their earlier events (if any) are left as
    they were; re-extract them in one process to clear them."""
    summary = StoreLoadSummary()
    batch: list[tuple[str, list[Event]]] = []

    def flush() -> None:
        with engine.begin() as conn:
            for doc_id, found in batch:
                pk = document_pk(conn, doc_id)
                if pk is None:
                    summary.missing_documents += 1
                    if len(summary.missing_samples) < SAMPLE_MISSING:
                        summary.missing_samples.append(doc_id)
                    continue
                summary.events += replace_events(conn, pk, found)
                summary.documents += 1
        batch.clear()

    for item in _per_document(read_events(events_dir)):
        batch.append(item)
        if len(batch) >= batch_docs:
            flush()
    if batch:
        flush()
    return summary
