"""Extraction in worker processes: the same events in the same order as one process, streamed lazily."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ceasefire.extract.parallel import pipe_in_processes
from ceasefire.extract.pipeline import Extractor
from ceasefire.ingest.document import Document
from ceasefire.ingest.read import read_paths
from ceasefire.pipeline import DEMO_REPORTS, run_pipeline
from ceasefire.store.engine import open_db
from ceasefire.store.events import load_events
from ceasefire.store.tables import events

REPORTS = sorted(DEMO_REPORTS.glob("*.txt"))[:24]


def _docs() -> list[Document]:
    return [item for item in read_paths(REPORTS) if isinstance(item, Document)]


def _key(pairs: Iterator[tuple[Document, list]]) -> list[tuple[str, list[dict]]]:  # type: ignore[type-arg]
    return [(doc.id, [e.as_dict() for e in found]) for doc, found in pairs]


def test_two_processes_give_the_single_process_events_in_order() -> None:
    docs = _docs()
    assert len(docs) == 24
    single = _key(Extractor().pipe(docs))
    parallel = _key(pipe_in_processes(docs, jobs=2, chunk_size=5))
    assert sum(len(found) for _, found in single) > 50
    assert parallel == single


def test_documents_are_read_lazily() -> None:
    docs = _docs()
    pulled = 0

    def source() -> Iterator[Document]:
        nonlocal pulled
        for doc in docs:
            pulled += 1
            yield doc

    stream = pipe_in_processes(source(), jobs=2, chunk_size=3, ahead=1)
    first_doc, _ = next(stream)
    assert first_doc.id == docs[0].id
    # two chunks in flight and one submitted after the first came back: never the whole corpus
    assert pulled <= 3 * 3
    assert sum(1 for _ in stream) == len(docs) - 1
    assert pulled == len(docs)


@pytest.mark.parametrize("jobs", [0, -1])
def test_jobs_must_be_positive(jobs: int) -> None:
    with pytest.raises(ValueError, match="jobs"):
        next(pipe_in_processes(_docs(), jobs=jobs))


def test_run_with_jobs_stores_what_one_process_stores(tmp_path: Path) -> None:
    stored = {}
    for jobs in (1, 2):
        url = f"sqlite:///{tmp_path / f'jobs{jobs}.db'}"
        summary = run_pipeline(url, REPORTS, jobs=jobs)
        assert summary.accepted == len(REPORTS)
        with open_db(url).connect() as conn:
            assert conn.execute(select(func.count()).select_from(events)).scalar_one() == summary.events
            stored[jobs] = [(s.event.doc_id, s.event.to_spec(), s.event.rule) for s in load_events(conn)]
    assert stored[1] and stored[2] == stored[1]
