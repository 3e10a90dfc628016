"""Ingestion: read → check → deduplicate → store, one database transaction per batch.

A batch commits its documents, exact-copy aliases, MinHash bands and quarantine rows together,
and only then is it reported (to the progress sink) as accepted: a process killed at any moment loses
at most the batch in flight, which was never reported. Re-ingesting the same input adds nothing:
same id and content is a duplicate, same content under another id is recorded as a copy (one more
source of the same story), same id with other content is quarantined as ``id_conflict``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from ceasefire.config import LIMITS, Limits
from ceasefire.errors import StoreError
from ceasefire.ingest import dedupe
from ceasefire.ingest.document import Document
from ceasefire.ingest.normalise import normalised_text
from ceasefire.ingest.read import ReadProgress, read_paths
from ceasefire.ingest.rejected import Rejected
from ceasefire.ingest.validate import check_document
from ceasefire.store import documents as store
from ceasefire.store.quarantine import add_rejections


@dataclass
class IngestSummary:
    """What a run did. ``duplicates`` are exact (``copies`` of them were new sources of a stored
    story); ``near_duplicates`` were accepted and joined an existing story cluster."""

    accepted: int = 0
    duplicates: int = 0
    copies: int = 0
    near_duplicates: int = 0
    quarantined: Counter[str] = field(default_factory=Counter)
    run_id: int | None = None
    doc_ids: list[str] = field(default_factory=list)
    batches: int = 0
    rejections: list[tuple[str, str | None, str]] = field(default_factory=list)  # source, location, reason

    @property
    def quarantined_total(self) -> int:
        return sum(self.quarantined.values())

    @property
    def seen(self) -> int:
        return self.accepted + self.duplicates + self.quarantined_total

    def counts(self) -> dict[str, Any]:
        return {
            "accepted": self.accepted,
            "duplicates": self.duplicates,
            "copies": self.copies,
            "near_duplicates": self.near_duplicates,
            "quarantined": dict(sorted(self.quarantined.items())),
            "batches": self.batches,
        }

    def as_dict(self) -> dict[str, Any]:
        return {"run_id": self.run_id, **self.counts(), "quarantined_total": self.quarantined_total}


class ProgressSink(Protocol):
    """Told when reading starts and after each committed batch (never before the commit)."""

    def started(self, total_bytes: int) -> None: ...

    def committed(self, summary: IngestSummary, done_bytes: int, batch_doc_ids: Sequence[str]) -> None: ...


def _batches(items: Iterable[Document | Rejected], size: int) -> Iterator[list[Document | Rejected]]:
    batch: list[Document | Rejected] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class _Prepared:
    doc: Document
    normalised: str
    content_hash: str


def _classify(
    conn: Connection, prepared: list[_Prepared], summary: IngestSummary
) -> tuple[list[_Prepared], list[tuple[int | str, Document]], list[Rejected]]:
    """Split a batch into new documents, exact copies (original pk, or hash of a new one) and conflicts."""
    known = store.known_ids(conn, [p.doc.id for p in prepared])
    by_hash = store.first_by_hash(conn, [p.content_hash for p in prepared])
    new: list[_Prepared] = []
    copies: list[tuple[int | str, Document]] = []
    conflicts: list[Rejected] = []
    batch_ids: dict[str, str] = {}
    batch_hashes: set[str] = set()
    for item in prepared:
        doc, digest = item.doc, item.content_hash
        seen_hash = known[doc.id][1] if doc.id in known else batch_ids.get(doc.id)
        if seen_hash is not None:
            if seen_hash == digest:
                summary.duplicates += 1
            else:
                conflicts.append(_conflict(doc))
            continue
        batch_ids[doc.id] = digest
        summary.duplicates += digest in by_hash or digest in batch_hashes
        if digest in by_hash:
            copies.append((by_hash[digest], doc))
        elif digest in batch_hashes:
            copies.append((digest, doc))
        else:
            batch_hashes.add(digest)
            new.append(item)
    return new, copies, conflicts


def _conflict(doc: Document) -> Rejected:
    source, _, location = (doc.source or "<input>").rpartition(":")
    if not location.startswith(("line ", "row ", "entry ", "item ", "byte ")):
        source, location = doc.source or "<input>", ""
    return Rejected(
        source,
        location or None,
        "id_conflict",
        f"id {doc.id!r} is already stored with a different text; give this report another id",
        raw=doc.text[:500],
    )


@dataclass
class _Clustering:
    clusters: dict[int, int]  # documents.id → cluster_id
    joined: int  # how many joined an existing story
    signatures: dict[int, bytes]
    bands: list[tuple[int, list[int]]]


def _cluster(
    conn: Connection, new: list[_Prepared], pks: Sequence[int], hasher: dedupe.ShingleHasher
) -> _Clustering:
    """Story cluster of each new document (reads only: the caller writes documents and bands)."""
    sigs = np.stack([dedupe.signature(hasher(p.normalised)) for p in new])
    keys = dedupe.band_keys(sigs).tolist()
    stored = store.band_candidates(conn, [k for ks in keys for k in ks])
    candidates = {pk for ks in keys for k in ks for pk in stored.get(k, ())}
    known = {
        pk: (dedupe.from_bytes(blob), cluster)
        for pk, (blob, cluster) in store.signatures_and_clusters(conn, sorted(candidates)).items()
    }
    batch_bands: dict[int, list[int]] = {}
    clusters: dict[int, int] = {}
    joined = 0
    for pk, sig, ks in zip(pks, sigs, keys, strict=True):
        best: tuple[float, int] | None = None
        for other in {o for k in ks for o in (*stored.get(k, ()), *batch_bands.get(k, ()))}:
            if other not in known:
                continue
            other_sig, other_cluster = known[other]
            score = dedupe.similarity(sig, other_sig)
            if score >= dedupe.THRESHOLD and (best is None or (score, -other_cluster) > (best[0], -best[1])):
                best = (score, other_cluster)
        clusters[pk] = best[1] if best else pk
        joined += best is not None
        known[pk] = (sig, clusters[pk])
        for k in ks:
            batch_bands.setdefault(k, []).append(pk)
    signatures = {pk: dedupe.to_bytes(sig) for pk, sig in zip(pks, sigs, strict=True)}
    return _Clustering(clusters, joined, signatures, list(zip(pks, keys, strict=True)))


def _insert_new(
    conn: Connection, new: list[_Prepared], run_id: int, hasher: dedupe.ShingleHasher
) -> tuple[list[int], int]:
    """Insert new documents with their story cluster and LSH bands; their ids and how many joined a story."""
    if not new:
        return [], 0
    stamp = store.now()
    rows = [store.document_row(p.doc, p.content_hash, run_id, stamp) for p in new]
    pks = store.reserve_ids(conn, len(rows))
    if pks is not None:  # ids known first: cluster, then insert each row once, cluster_id included
        found = _cluster(conn, new, pks, hasher)
        for row, pk in zip(rows, pks, strict=True):
            row["cluster_id"] = found.clusters[pk]
        store.insert_documents(conn, rows, pks)
    else:
        pks = store.insert_documents(conn, rows)
        found = _cluster(conn, new, pks, hasher)
        store.set_clusters(conn, found.clusters)
    store.insert_minhashes(conn, found.signatures, found.bands)
    return pks, found.joined


def _store_batch(
    conn: Connection,
    batch: list[Document | Rejected],
    *,
    run_id: int,
    agreement: str | None,
    limits: Limits,
    summary: IngestSummary,
    hasher: dedupe.ShingleHasher,
    checked: bool,
) -> list[str]:
    store.start_batch(conn, run_id, summary.counts())
    rejected: list[Rejected] = []
    prepared: list[_Prepared] = []
    for item in batch:
        if isinstance(item, Document) and not checked:
            item = check_document(item, limits)
        if isinstance(item, Rejected):
            rejected.append(item)
            continue
        if agreement:
            item.metadata.setdefault("agreement", agreement)
        normalised = normalised_text(item.text)
        prepared.append(_Prepared(item, normalised, dedupe.content_hash(normalised)))
    new, copies, conflicts = _classify(conn, prepared, summary)
    rejected.extend(conflicts)
    pks, joined = _insert_new(conn, new, run_id, hasher)
    summary.near_duplicates += joined
    pk_by_hash = {p.content_hash: pk for p, pk in zip(new, pks, strict=True)}
    store.insert_aliases(
        conn, [(pk_by_hash[o] if isinstance(o, str) else o, doc) for o, doc in copies], run_id
    )
    summary.copies += len(copies)
    add_rejections(conn, rejected, run_id)
    summary.quarantined.update(r.reason for r in rejected)
    summary.rejections.extend((r.source, r.location, r.reason) for r in rejected)
    summary.accepted += len(new)
    summary.batches += 1
    store.record_run(conn, run_id, summary.counts())
    return [p.doc.id for p in new]


def ingest_documents(
    engine: Engine,
    docs: Iterable[Document | Rejected],
    *,
    agreement: str | None = None,
    progress: ProgressSink | None = None,
    batch_size: int = LIMITS.batch_size,
    limits: Limits = LIMITS,
    params: dict[str, Any] | None = None,
    read_progress: ReadProgress | None = None,
    collect_doc_ids: bool = True,
    checked: bool = False,
) -> IngestSummary:
    """Store a stream of documents (and rejections), one transaction per batch; see the module doc."""
    summary = IngestSummary()
    hasher = dedupe.ShingleHasher()
    try:
        with engine.begin() as conn:
            summary.run_id = store.start_run(
                conn, "ingest", {"agreement": agreement, "batch_size": batch_size, **(params or {})}
            )
        started = False
        for batch in _batches(docs, max(1, batch_size)):
            if progress is not None and not started:
                progress.started(read_progress.total_bytes if read_progress else 0)
                started = True
            with engine.begin() as conn:
                accepted = _store_batch(
                    conn,
                    batch,
                    run_id=summary.run_id,
                    agreement=agreement,
                    limits=limits,
                    summary=summary,
                    hasher=hasher,
                    checked=checked,
                )
            if collect_doc_ids:
                summary.doc_ids.extend(accepted)
            if progress is not None:
                progress.committed(summary, read_progress.done_bytes if read_progress else 0, accepted)
        with engine.begin() as conn:
            store.record_run(conn, summary.run_id, summary.counts(), status="done")
    except SQLAlchemyError as exc:
        _mark_failed(engine, summary)
        raise StoreError(
            f"cannot store the batch: {getattr(exc, 'orig', exc)}", where=str(engine.url)
        ) from exc
    except BaseException:
        _mark_failed(engine, summary)
        raise
    return summary


def _mark_failed(engine: Engine, summary: IngestSummary) -> None:
    if summary.run_id is None:
        return
    try:
        with engine.begin() as conn:
            store.record_run(conn, summary.run_id, summary.counts(), status="failed")
    except SQLAlchemyError:
        pass  # the database itself is the problem; the original error is the one to show


def ingest_paths(
    engine: Engine,
    paths: Sequence[str | Path],
    *,
    agreement: str | None = None,
    csv_columns: dict[str, str] | None = None,
    progress: ProgressSink | None = None,
    batch_size: int = LIMITS.batch_size,
    limits: Limits = LIMITS,
    collect_doc_ids: bool = True,
) -> IngestSummary:
    """Read every report under ``paths`` (files, folders, ``.gz``, ``-`` for stdin) and store it.

    Raises InputFileError when a path does not exist (nothing is stored), StoreError on a database
    failure (every batch committed before it stays)."""
    reading = ReadProgress()
    items = read_paths(paths, csv_columns=csv_columns, limits=limits, progress=reading)
    first = next(items, None)  # lists the inputs now, so a missing path fails before the run starts

    def stream() -> Iterator[Document | Rejected]:
        if first is not None:
            yield first
            yield from items

    return ingest_documents(
        engine,
        stream(),
        agreement=agreement,
        progress=progress,
        batch_size=batch_size,
        limits=limits,
        params={"paths": [str(p) for p in paths], "csv_columns": csv_columns or {}},
        read_progress=reading,
        collect_doc_ids=collect_doc_ids,
        checked=True,  # read_paths has run check_document on every Document
    )
