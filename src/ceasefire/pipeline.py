"""The main job, end to end: read reports → store documents → extract events → store them.

Assessment reads what this writes; it never reaches back upstream. Re-running over the same
input changes nothing: ingestion is idempotent and extraction replaces a document's events.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

if TYPE_CHECKING:
    from ceasefire.ingest.pipeline import IngestSummary

from ceasefire.config import database_url
from ceasefire.extract.parallel import ProcessExtractor, pipe_in_processes
from ceasefire.extract.pipeline import Extractor
from ceasefire.ingest.document import Document
from ceasefire.store import engine as store_engine
from ceasefire.store.documents import document_pks, iter_documents
from ceasefire.store.events import replace_events_of_documents

DEMO_REPORTS = Path(__file__).parent / "demo" / "reports"
DEMO_AGREEMENT = "gaza-2025"


@dataclass(slots=True)
class ExtractSummary:
    documents: int = 0
    events: int = 0
    by_type: dict[str, int] = field(default_factory=dict)


def extract_to_store(
    engine: Engine,
    *,
    doc_ids: Iterable[str] | None = None,
    lexicons: Sequence[Path] = (),
    batch_size: int = 256,
    on_batch: Callable[[int], None] | None = None,
    jobs: int = 1,
) -> ExtractSummary:
    """Extract events for stored documents (all, or ``doc_ids``) and store them, one transaction per batch.

    ``jobs`` > 1 extracts in that many worker processes (``extract.parallel``); this process keeps
    reading documents and writing events, so the stored result is the same as with one.
    """
    summary = ExtractSummary()
    wanted = list(doc_ids) if doc_ids is not None else None
    with engine.connect() as reader:
        docs = iter_documents(reader, doc_ids=wanted)
        if jobs > 1:
            pairs = pipe_in_processes(docs, jobs=jobs, lexicons=lexicons)
        else:
            pairs = Extractor(lexicons=lexicons).pipe(docs, batch_size=batch_size)
        batch: list[tuple[Document, list]] = []
        for doc, found in pairs:
            batch.append((doc, found))
            if len(batch) >= batch_size:
                _store_batch(engine, batch, summary)
                if on_batch:
                    on_batch(len(batch))
                batch = []
        if batch:
            _store_batch(engine, batch, summary)
            if on_batch:
                on_batch(len(batch))
    return summary


def _store_batch(engine: Engine, batch: list[tuple[Document, list]], summary: ExtractSummary) -> None:
    """One transaction: the batch's reports looked up at once, their old events deleted and the new
    ones inserted in a few statements (``replace_events_of_documents``)."""
    with engine.begin() as conn:
        store_engine.enlarge_cache(conn)
        pks = document_pks(conn, [doc.id for doc, _ in batch])
        kept = []
        for doc, found in batch:
            pk = pks.get(doc.id)
            if pk is None:  # deleted meanwhile; nothing to attach the events to
                continue
            kept.append((pk, found))
            summary.documents += 1
            summary.events += len(found)
            for event in found:
                summary.by_type[event.type] = summary.by_type.get(event.type, 0) + 1
        replace_events_of_documents(conn, kept)


def build_demo_database(url: str | None = None, *, fresh: bool = True) -> Engine:
    """A database holding the built-in Gaza agreement and the demo reports, with events extracted."""
    from ceasefire.agreements.load import get_agreement
    from ceasefire.ingest.pipeline import ingest_paths
    from ceasefire.store.agreements import save_agreement

    resolved = database_url(url)
    if fresh:
        _remove_sqlite_file(resolved)
    engine = store_engine.open_db(resolved)
    agreement = get_agreement(DEMO_AGREEMENT)
    with engine.begin() as conn:
        save_agreement(conn, agreement, source=DEMO_AGREEMENT)
    ingest_paths(engine, sorted(DEMO_REPORTS.glob("*.txt")), agreement=DEMO_AGREEMENT)
    extract_to_store(engine)
    return engine


def _remove_sqlite_file(url: str) -> None:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return
    store_engine._opened.cache_clear()
    for suffix in ("", "-wal", "-shm"):
        Path(parsed.database + suffix).unlink(missing_ok=True)


@dataclass(slots=True)
class PipelineSummary:
    accepted: int
    duplicates: int
    quarantined: int
    documents: int
    events: int
    by_type: dict[str, int]

    def render(self) -> str:
        types = ", ".join(f"{k} {v}" for k, v in sorted(self.by_type.items(), key=lambda kv: -kv[1]))
        return (
            f"accepted {self.accepted}, duplicates {self.duplicates}, quarantined {self.quarantined}; "
            f"extracted {self.events} events from {self.documents} reports" + (f" ({types})" if types else "")
        )


def run_pipeline(
    url: str | None,
    paths: Sequence[str | Path],
    *,
    agreement: str | None = None,
    lexicons: Sequence[Path] = (),
    jobs: int = 1,
) -> PipelineSummary:
    """Ingest ``paths`` and extract events for the newly accepted reports (in ``jobs`` processes)."""
    from ceasefire.ingest.pipeline import ingest_paths

    engine = store_engine.open_db(url)
    if agreement:
        from ceasefire.agreements.load import get_agreement
        from ceasefire.store.agreements import save_agreement

        loaded = get_agreement(agreement)
        with engine.begin() as conn:
            save_agreement(conn, loaded, source=agreement)
        agreement = loaded.id
    if jobs > 1:
        ingested, extracted = _ingest_and_extract(engine, list(paths), agreement, lexicons, jobs)
    else:
        ingested = ingest_paths(engine, list(paths), agreement=agreement)
        extracted = extract_to_store(engine, doc_ids=ingested.doc_ids, lexicons=lexicons)
    return PipelineSummary(
        accepted=ingested.accepted,
        duplicates=ingested.duplicates,
        quarantined=sum(ingested.quarantined.values()),
        documents=extracted.documents,
        events=extracted.events,
        by_type=extracted.by_type,
    )


class _ExtractAsIngested:
    """An ingest progress sink that hands each committed batch to the extraction workers and stores
    the events that are ready, so ingestion (this process) and extraction (the workers) overlap."""

    def __init__(self, engine: Engine, workers: ProcessExtractor, summary: ExtractSummary) -> None:
        self.engine = engine
        self.workers = workers
        self.summary = summary
        self.most_in_flight = 4 * workers.jobs  # back-pressure: ingest waits when extraction lags

    def started(self, total_bytes: int) -> None:
        return None

    def committed(self, summary: object, done_bytes: int, batch_doc_ids: Sequence[str]) -> None:
        if batch_doc_ids:
            with self.engine.connect() as reader:
                self.workers.submit(list(iter_documents(reader, doc_ids=batch_doc_ids)))
        self._store(self.workers.finished())
        self._store(self.workers.wait(self.most_in_flight))

    def finish(self) -> None:
        self._store(self.workers.wait())

    def _store(self, pairs: Iterable[tuple[Document, list]]) -> None:  # type: ignore[type-arg]
        batch = list(pairs)
        if batch:
            _store_batch(self.engine, batch, self.summary)


def _ingest_and_extract(
    engine: Engine, paths: list[str | Path], agreement: str | None, lexicons: Sequence[Path], jobs: int
) -> tuple[IngestSummary, ExtractSummary]:
    from ceasefire.ingest.pipeline import ingest_paths

    extracted = ExtractSummary()
    with ProcessExtractor(jobs, lexicons) as workers:
        sink = _ExtractAsIngested(engine, workers, extracted)
        ingested = ingest_paths(engine, paths, agreement=agreement, progress=sink, collect_doc_ids=False)
        sink.finish()
    return ingested, extracted
