"""Event extraction over a sharded corpus on a Dask cluster (a LocalCluster when no address is given).

One task per partition (see ``shards``): the worker reads its own slice of the files, runs the
extractor over it in batches, and writes ``out_dir/part-XXXXX.parquet`` (see ``event_parquet``). Only
partition descriptions go to the workers and only small per-partition summaries come back, so the
corpus never passes through the scheduler. Each worker thread builds its extractor once and keeps it.

Dask is optional: it is imported inside the functions that need a cluster.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from ceasefire.errors import InputFileError, UsageError
from ceasefire.extract.event import Event
from ceasefire.ingest.document import Document
from ceasefire.ingest.rejected import Rejected
from ceasefire.scale.event_parquet import PART_GLOB, PartWriter, event_row
from ceasefire.scale.shards import Partition, list_shards, plan_partitions, read_partition

REJECTED_DIR = "rejected"
MANIFEST = "_manifest.json"
SAMPLE_REJECTS = 5
TASKS_PER_WORKER = 4  # fewer tasks leave workers idle while the last ones finish


class EventExtractor(Protocol):
    def pipe(
        self, docs: Iterable[Document], batch_size: int = ...
    ) -> Iterator[tuple[Document, list[Event]]]: ...


ExtractorFactory = Callable[[tuple[str, ...]], EventExtractor]


def project_extractor(lexicons: tuple[str, ...]) -> EventExtractor:
    """The project's extractor with the given extra lexicon files."""
    from ceasefire.extract.pipeline import Extractor

    return Extractor(lexicons=tuple(Path(p) for p in lexicons))


@lru_cache(maxsize=16)
def _worker_extractor(factory: ExtractorFactory, lexicons: tuple[str, ...], thread: int) -> EventExtractor:
    """Built once per worker thread and lexicon set, then reused by every task that thread runs."""
    return factory(lexicons)


@dataclass(slots=True)
class PartitionResult:
    index: int
    path: str
    documents: int = 0
    rejected: int = 0
    events: int = 0
    seconds: float = 0.0
    worker: str = ""
    rejected_samples: list[str] = field(default_factory=list)


@dataclass(slots=True)
class DaskRunSummary:
    """What a run did: counts, where the output went, and where the time went (seconds)."""

    out_dir: str
    scheduler: str
    workers: int
    shards: int
    partitions: int
    documents: int
    rejected: int
    events: int
    plan_seconds: float
    cluster_seconds: float
    run_seconds: float
    task_seconds: float
    rejected_samples: list[str] = field(default_factory=list)

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.run_seconds if self.run_seconds else 0.0

    def render(self) -> str:
        text = (
            f"{self.documents} reports in {self.shards} files ({self.partitions} partitions) → "
            f"{self.events} events in {self.out_dir}; {self.workers} workers at {self.scheduler}; "
            f"{self.run_seconds:.1f} s ({self.docs_per_second:.0f} reports/s)"
        )
        if self.rejected:
            text += f"; {self.rejected} records rejected (see {self.out_dir}/{REJECTED_DIR}/)"
        return text


def _documents(
    items: Iterator[Document | Rejected], out: deque[Document], result: PartitionResult
) -> Iterator[Document]:
    """The partition's documents, in order (also queued on ``out``); rejected records are counted and
    written to ``rejected/part-<index>.jsonl`` beside the parts."""
    rejected_lines: list[str] = []
    for item in items:
        if isinstance(item, Rejected):
            result.rejected += 1
            if len(result.rejected_samples) < SAMPLE_REJECTS:
                result.rejected_samples.append(item.render())
            rejected_lines.append(json.dumps(asdict(item), ensure_ascii=False))
            continue
        result.documents += 1
        out.append(item)
        yield item
    if rejected_lines:
        folder = Path(result.path).parent / REJECTED_DIR
        folder.mkdir(exist_ok=True)
        (folder / f"part-{result.index:05d}.jsonl").write_text("\n".join(rejected_lines) + "\n", "utf-8")


def extract_partition(
    part: Partition,
    out_dir: str,
    lexicons: tuple[str, ...] = (),
    batch_size: int = 256,
    factory: ExtractorFactory = project_extractor,
) -> PartitionResult:
    """Read one partition, extract its events and write them to ``out_dir/part-<index>.parquet``."""
    started = time.perf_counter()
    target = Path(out_dir) / f"part-{part.index:05d}.parquet"
    result = PartitionResult(part.index, str(target), worker=threading.current_thread().name)
    extractor = _worker_extractor(factory, lexicons, threading.get_ident())
    queued: deque[Document] = deque()
    writer = PartWriter(target)
    doc_index = -1
    try:
        for doc, found in extractor.pipe(_documents(read_partition(part), queued, result), batch_size):
            doc_index += 1
            while queued.popleft() is not doc:  # an extractor that dropped a document
                doc_index += 1
            writer.add(
                event_row(
                    event,
                    shard=part.shard,
                    part=part.index,
                    doc_index=doc_index,
                    event_index=i,
                    published=doc.date,
                )
                for i, event in enumerate(found)
            )
    except BaseException:
        writer.abort()
        raise
    writer.close()
    result.events = writer.count
    result.seconds = time.perf_counter() - started
    return result


def _prepare_out_dir(out_dir: Path) -> None:
    """Create the folder and drop the parts of an earlier run, so the folder holds this run only."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in [*out_dir.glob(PART_GLOB), *out_dir.glob(f"{REJECTED_DIR}/part-*.jsonl")]:
        stale.unlink()


def _open_client(scheduler: str | None, workers: int, processes: bool) -> tuple[Any, Any]:
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=processes,
        dashboard_address=":0",  # a free port: never clash with another cluster
        silence_logs=logging.WARNING,
    )
    return Client(cluster), cluster


def extract_with_dask(
    inputs: Sequence[str | Path],
    out_dir: Path,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    lexicons: Sequence[Path] = (),
    partition_docs: int = 2000,
    batch_size: int = 256,
    processes: bool = True,
    factory: ExtractorFactory = project_extractor,
) -> DaskRunSummary:
    """Extract the events of every report under ``inputs`` on a Dask cluster into Parquet part files.

    ``scheduler`` is the address of a running cluster (``tcp://host:8786``); without it a LocalCluster
    of ``workers`` single-threaded processes (threads when ``processes`` is False) is started and shut
    down at the end. With a remote cluster, ``inputs`` and ``out_dir`` must be paths every worker sees
    (a shared file system). ``factory`` builds the extractor on the workers; it must be importable there.
    """
    if workers < 1:
        raise UsageError("--workers must be at least 1", where="--workers")
    out_dir = Path(out_dir).resolve()
    shards = list_shards(inputs)  # bad inputs fail before any cluster starts
    for lexicon in lexicons:
        if not Path(lexicon).is_file():
            raise InputFileError("no such lexicon file", where=str(lexicon))
    lexicon_keys = tuple(str(Path(p).resolve()) for p in lexicons)

    cluster_started = time.perf_counter()
    client, cluster = _open_client(scheduler, workers, processes)
    try:
        cluster_seconds = time.perf_counter() - cluster_started
        address = client.scheduler.address if scheduler is None else scheduler
        worker_count = len(client.scheduler_info(n_workers=-1)["workers"]) if scheduler else workers
        started = time.perf_counter()
        partitions = plan_partitions(
            shards, partition_docs=partition_docs, min_partitions=TASKS_PER_WORKER * max(worker_count, 1)
        )
        _prepare_out_dir(out_dir)
        plan_seconds = time.perf_counter() - started
        run_started = time.perf_counter()
        results = _run(client, partitions, str(out_dir), lexicon_keys, batch_size, factory)
        run_seconds = time.perf_counter() - run_started
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

    summary = DaskRunSummary(
        out_dir=str(out_dir),
        scheduler=str(address),
        workers=worker_count,
        shards=len(shards),
        partitions=len(partitions),
        documents=sum(r.documents for r in results),
        rejected=sum(r.rejected for r in results),
        events=sum(r.events for r in results),
        plan_seconds=plan_seconds,
        cluster_seconds=cluster_seconds,
        run_seconds=run_seconds,
        task_seconds=sum(r.seconds for r in results),
        rejected_samples=[s for r in results for s in r.rejected_samples][:SAMPLE_REJECTS],
    )
    manifest = {"inputs": [str(p) for p in shards], "lexicons": list(lexicon_keys), **asdict(summary)}
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
    return summary


def _run(
    client: Any,
    partitions: list[Partition],
    out_dir: str,
    lexicons: tuple[str, ...],
    batch_size: int,
    factory: ExtractorFactory,
) -> list[PartitionResult]:
    from distributed import as_completed

    if not partitions:
        return []
    futures = client.map(
        extract_partition,
        partitions,
        out_dir=out_dir,
        lexicons=lexicons,
        batch_size=batch_size,
        factory=factory,
        pure=False,
        retries=1,
    )
    results: list[PartitionResult] = []
    for _future, result in as_completed(futures, with_results=True):
        results.append(result)
    return sorted(results, key=lambda r: r.index)
