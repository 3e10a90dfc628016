"""Ingest uploaded report files: written to a private temporary folder under safe names, read by the
ingestion pipeline (the same readers and quarantine as the CLI), then extracted into events."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from fastapi import UploadFile
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from ceasefire.errors import InvalidRequest
from ceasefire.store.users import User, record_audit
from ceasefire.web.models import IngestOut

MAX_UPLOAD_BYTES = 20_000_000
SUFFIXES = (".jsonl", ".json", ".txt", ".csv", ".html", ".htm", ".xml", ".rss", ".gz")


def _safe_name(index: int, filename: str) -> str:
    """A confined file name: the client's name never becomes a path (no '..', no folders)."""
    base = Path(filename.replace("\\", "/")).name
    suffix = "".join(s for s in Path(base).suffixes[-2:] if s.lower() in SUFFIXES) or ".txt"
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", base.split(".")[0])[:40] or "upload"
    return f"{index:03d}_{stem}{suffix.lower()}"


def _extract(engine: Engine, doc_ids: list[str]) -> int:
    """Extract and store the events of the new reports (the same extractor as ``ceasefire extract``)."""
    from ceasefire.extract.pipeline import Extractor
    from ceasefire.store.documents import document_pk, iter_documents
    from ceasefire.store.events import replace_events

    with engine.connect() as reader:
        found = list(Extractor().pipe(iter_documents(reader, doc_ids=doc_ids)))
    with engine.begin() as conn:
        for doc, events in found:
            pk = document_pk(conn, doc.id)
            if pk is not None:
                replace_events(conn, pk, events)
    return sum(len(events) for _, events in found)


def _ingest(engine: Engine, user: User, files: list[tuple[str, bytes]]) -> IngestOut:
    from ceasefire.ingest.pipeline import ingest_paths

    with tempfile.TemporaryDirectory(prefix="cf-upload-") as folder:
        paths = []
        for index, (name, content) in enumerate(files):
            path = Path(folder) / _safe_name(index, name)
            path.write_bytes(content)
            paths.append(path)
        summary = ingest_paths(engine, paths)
    extracted = _extract(engine, summary.doc_ids) if summary.doc_ids else 0
    problems = [f"{reason}: {count}" for reason, count in sorted(summary.quarantined.items())]
    if summary.duplicates:
        problems.append(f"already stored: {summary.duplicates}")
    with engine.begin() as conn:
        record_audit(
            conn, user, "ingest.upload", "documents", {"files": [n for n, _ in files], **summary.counts()}
        )
    return IngestOut(
        accepted=summary.accepted,
        rejected=summary.quarantined_total + summary.duplicates,
        events=extracted,
        doc_ids=summary.doc_ids,
        problems=problems,
    )


async def read_uploads(files: list[UploadFile]) -> list[tuple[str, bytes]]:
    """The uploaded files' names and contents, refusing more than MAX_UPLOAD_BYTES before reading it all."""
    out: list[tuple[str, bytes]] = []
    total = 0
    for upload in files:
        content = await upload.read(MAX_UPLOAD_BYTES + 1 - total)
        total += len(content)
        if total > MAX_UPLOAD_BYTES:
            raise InvalidRequest(
                f"upload over the {MAX_UPLOAD_BYTES} byte limit", hint="send fewer reports at a time"
            )
        out.append((upload.filename or "upload.txt", content))
    return out


async def ingest_uploads(
    engine: Engine, user: User, files: list[tuple[str, bytes]], invalidate: Callable[[], None] | None = None
) -> IngestOut:
    if not files:
        raise InvalidRequest("no file uploaded", where="files")
    total = sum(len(c) for _, c in files)
    if total > MAX_UPLOAD_BYTES:
        raise InvalidRequest(f"upload of {total} bytes is over the {MAX_UPLOAD_BYTES} byte limit")
    try:
        return await run_in_threadpool(_ingest, engine, user, files)
    finally:
        if invalidate is not None:
            invalidate()
