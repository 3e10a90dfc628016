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
    # as in ``Extractor.pipe``: no cyclic collection while a report is extracted (gcpause.py)
    return [events for _, events in extractor.pipe(docs)]


class ProcessExtractor:
    """Worker processes that extract chunks of documents; results come back in submission order.

    ``submit`` hands documents over; ``finished`` yields the pairs already done (never waits);
    ``wait(most)`` yields pairs until at most ``most`` chunks are still in flight. Use it as a
    context manager: the workers stop on exit.
    """

    def __init__(self, jobs: int, lexicons: Sequence[Path] = (), chunk_size: int = 64) -> None:
        if jobs < 1:
            raise ValueError(f"jobs must be at least 1, not {jobs}")
        if chunk_size < 1:
            raise ValueError("chunk_size must be at least 1")
        self.jobs = jobs
        self.chunk_size = chunk_size
        # "spawn" keeps the workers clear of the parent's open database connections and threads
        self._pool = ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(tuple(str(p) for p in lexicons),),
        )
        self._pending: deque[tuple[list[Document], Future[list[list[Event]]]]] = deque()

    def __enter__(self) -> ProcessExtractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    @property
    def in_flight(self) -> int:
        return len(self._pending)

    def submit(self, docs: Iterable[Document]) -> None:
        source = iter(docs)
        while chunk := list(islice(source, self.chunk_size)):
            self._pending.append((chunk, self._pool.submit(_extract_chunk, chunk)))

    def finished(self) -> Iterator[tuple[Document, list[Event]]]:
        while self._pending and self._pending[0][1].done():
            yield from self._next()

    def wait(self, most: int = 0) -> Iterator[tuple[Document, list[Event]]]:
        while len(self._pending) > most:
            yield from self._next()

    def _next(self) -> Iterator[tuple[Document, list[Event]]]:
        chunk, future = self._pending.popleft()
        yield from zip(chunk, future.result(), strict=True)


def pipe_in_processes(
    docs: Iterable[Document],
    *,
    jobs: int,
    lexicons: Sequence[Path] = (),
    chunk_size: int = 64,
    ahead: int = 2,
) -> Iterator[tuple[Document, list[Event]]]:
    """``Extractor.pipe`` on ``jobs`` processes: same pairs, same order, bounded look-ahead."""
    if ahead < 1:
        raise ValueError("ahead must be at least 1")
    source = iter(docs)
    with ProcessExtractor(jobs, lexicons, chunk_size) as workers:
        most = jobs * ahead
        while True:
            while workers.in_flight < most:
                before = workers.in_flight
                workers.submit(islice(source, chunk_size))
                if workers.in_flight == before:  # the source is exhausted
                    yield from workers.wait()
                    return
            yield from workers.wait(most - 1)
