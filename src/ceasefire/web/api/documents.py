"""``/api/documents``: reports, one report with its evidence spans highlighted, and upload (analyst)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, File, Query, UploadFile
from sqlalchemy import Connection, Engine

from ceasefire.errors import NotFound
from ceasefire.store.users import User
from ceasefire.store.webqueries import document_text, events_of_documents, list_documents
from ceasefire.web.assessment import AssessmentService
from ceasefire.web.deps import analyst_writer, get_conn, get_engine, get_service, reader
from ceasefire.web.models import DocumentOut, DocumentSummary, IngestOut, Page
from ceasefire.web.present import events_out, segments

router = APIRouter(prefix="/documents", tags=["documents"])


def page_of_documents(conn: Connection, q: str | None, limit: int, offset: int) -> Page[DocumentSummary]:
    rows, total = list_documents(conn, query_text=q or None, limit=limit, offset=offset)
    data = [
        DocumentSummary(
            doc_id=r.doc_id,
            title=r.title,
            published=r.published,
            url=r.url,
            outlet=r.outlet,
            cluster_id=r.cluster_id,
            events=r.events,
        )
        for r in rows
    ]
    return Page[DocumentSummary](data=data, count=total, limit=limit, offset=offset)


@router.get("", response_model=Page[DocumentSummary], summary="Reports, newest first")
def documents(
    q: str | None = Query(None, description="words in the title or id"),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
    conn: Connection = Depends(get_conn),
    _: User = Depends(reader),
) -> Page[DocumentSummary]:
    return page_of_documents(conn, q, limit, offset)


def document_view(conn: Connection, doc_id: str, focus: int | None = None) -> DocumentOut:
    doc = document_text(conn, doc_id)
    if doc is None:
        raise NotFound(f"no report {doc_id!r}", hint="see /api/documents")
    found = events_out(conn, events_of_documents(conn, [doc_id]))
    spans = [(e.span[0], e.span[1], e.id) for e in found]
    return DocumentOut(
        doc_id=doc.doc_id,
        title=doc.title,
        published=doc.published,
        url=doc.url,
        outlet=doc.outlet,
        text=doc.text,
        events=found,
        segments=segments(doc.text, spans, focus),
    )


@router.get("/{doc_id}", response_model=DocumentOut, summary="One report with its evidence spans")
def document(
    doc_id: str,
    focus: int | None = Query(None, description="event id whose span is the focus"),
    conn: Connection = Depends(get_conn),
    _: User = Depends(reader),
) -> DocumentOut:
    return document_view(conn, doc_id, focus)


@router.post("", response_model=IngestOut, summary="Upload reports (JSONL or plain text) (analyst)")
async def upload(
    files: list[UploadFile] = File(..., description="JSONL (SPEC §1) or plain-text reports"),
    engine: Engine = Depends(get_engine),
    service: AssessmentService = Depends(get_service),
    user: User = Depends(analyst_writer),
) -> IngestOut:
    from ceasefire.web.upload import ingest_uploads, read_uploads

    return await ingest_uploads(engine, user, await read_uploads(files), service.invalidate)
