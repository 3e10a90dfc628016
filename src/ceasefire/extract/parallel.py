"""Extraction over several processes on one machine, streamed in order with bounded memory.

``pipe_in_processes(docs, jobs=N)`` yields the same ``(document, events)`` pairs as
``Extractor.pipe(docs)``, in the same order, but the extraction runs in ``N`` worker processes (one
extractor each, built once). The documents are consumed lazily: at most ``jobs × ahead`` chunks are
in flight, so a corpus of any size streams through at constant memory. For a cluster, see
``ceasefire.scale.dask``; this is the one-machine path used by ``ceasefire run --jobs``.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from pathlib import Path

from ceasefire.extract.event import Event
from ceasefire.ingest.document import Document

_worker_extractor: object = None


def _start_worker(lexicons: tuple[str, ...]) -> None:
    global _worker_extractor
    from ceasefire.extract.pipeline import Extractor

    _worker_extractor = Extractor(lexicons=[Path(p) for p in lexicons])


def _extract_chunk(docs: list[Document]) -> list[list[Event]]:
    from ceasefire.extract.pipeline import Extractor

    extractor = _worker_extractor
    assert isinstance(extractor, Extractor), "worker started without an extractor"
    return [extractor.extract_document(doc) for doc in docs]


def pipe_in_processes(
    docs: Iterable[Document],
    *,
    jobs: int,
    lexicons: Sequence[Path] = (),
    chunk_size: int = 64,
    ahead: int = 2,
) -> Iterator[tuple[Document, list[Event]]]:
    """``Extractor.pipe`` on ``jobs`` processes: same pairs, same order, bounded look-ahead."""
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if chunk_size < 1 or ahead < 1:
        raise ValueError("chunk_size and ahead must be at least 1")
    # "spawn" keeps the workers clear of the parent's open database connections and threads
    context = multiprocessing.get_context("spawn")
    source = iter(docs)
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_start_worker,
        initargs=(tuple(str(p) for p in lexicons),),
    ) as pool:
        pending: deque[tuple[list[Document], Future[list[list[Event]]]]] = deque()

        def submit() -> bool:
            chunk = list(islice(source, chunk_size))
            if not chunk:
                return False
            pending.append((chunk, pool.submit(_extract_chunk, chunk)))
            return True

        more = True
        while more and len(pending) < jobs * ahead:
            more = submit()
        while pending:
            chunk, future = pending.popleft()
            found = future.result()
            if more:
                more = submit()
            yield from zip(chunk, found, strict=True)
