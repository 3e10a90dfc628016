"""Documents as stored: insert a batch, find existing ids and content hashes, exact-copy aliases,
MinHash signatures and LSH bands for near-duplicate lookup, story clusters, and reading documents
back as ``Document`` objects.

A story cluster is the set of documents with the same ``cluster_id`` (the ``documents.id`` of the
first document of the story), plus the exact copies recorded in ``document_aliases`` under the
document they copy. Each member is one source; downstream counts the story once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    func,
    insert,
    select,
    update,
)

from ceasefire.ingest.document import Dateline, Document
from ceasefire.store.chunks import chunks
from ceasefire.store.engine import enlarge_cache
from ceasefire.store.tables import document_aliases, documents, minhash_bands, minhash_signatures, runs


def now() -> datetime:
    return datetime.now(UTC)


# --- runs ---------------------------------------------------------------------------------------


def start_run(conn: Connection, kind: str, params: dict[str, Any]) -> int:
    result = conn.execute(
        insert(runs).values(kind=kind, started_at=now(), status="running", params=params, counts={})
    )
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def start_batch(conn: Connection, run_id: int, counts: dict[str, Any]) -> None:
    """First statement of a batch transaction: a write, so that on SQLite the transaction holds the
    write lock before it reads what is stored (no other writer can slip in between).

    On SQLite the connection also gets a larger page cache (``engine.enlarge_cache``)."""
    enlarge_cache(conn)
    record_run(conn, run_id, counts)


def record_run(conn: Connection, run_id: int, counts: dict[str, Any], status: str | None = None) -> None:
    values: dict[str, Any] = {"counts": counts}
    if status is not None:
        values.update(status=status, finished_at=now())
    conn.execute(update(runs).where(runs.c.id == run_id).values(**values))


# --- lookups for deduplication -------------------------------------------------------------------


def known_ids(conn: Connection, doc_ids: Sequence[str]) -> dict[str, tuple[int, str]]:
    """doc_id → (documents.id of the document it is or copies, content hash), for stored ids and aliases."""
    found: dict[str, tuple[int, str]] = {}
    unique = list(dict.fromkeys(doc_ids))
    for chunk in chunks(unique):
        for row in conn.execute(
            select(documents.c.doc_id, documents.c.id, documents.c.content_hash).where(
                documents.c.doc_id.in_(chunk)
            )
        ):
            found[row.doc_id] = (row.id, row.content_hash)
        for row in conn.execute(
            select(document_aliases.c.doc_id, documents.c.id, documents.c.content_hash)
            .join(documents, documents.c.id == document_aliases.c.document_id)
            .where(document_aliases.c.doc_id.in_(chunk))
        ):
            found[row.doc_id] = (row.id, row.content_hash)
    return found


def first_by_hash(conn: Connection, hashes: Sequence[str]) -> dict[str, int]:
    """content hash → documents.id of the first document stored with it."""
    found: dict[str, int] = {}
    for chunk in chunks(list(dict.fromkeys(hashes))):
        query = (
            select(documents.c.content_hash, func.min(documents.c.id).label("pk"))
            .where(documents.c.content_hash.in_(chunk))
            .group_by(documents.c.content_hash)
        )
        found.update({row.content_hash: row.pk for row in conn.execute(query)})
    return found


def band_candidates(conn: Connection, keys: Sequence[int]) -> dict[int, list[int]]:
    """LSH band key → documents.id of the stored documents in that bucket.

    The hottest query of an ingest (one key per band per report): sent through the driver with bound
    parameters, skipping SQLAlchemy's per-row result processing."""
    found: dict[int, list[int]] = {}
    mark = _placeholder(conn)
    for chunk in chunks(list(dict.fromkeys(keys))):
        if mark is None:
            query = select(minhash_bands.c.band_key, minhash_bands.c.document_id).where(
                minhash_bands.c.band_key.in_(chunk)
            )
            rows: Iterable[Any] = conn.execute(query)
        else:
            marks = ", ".join([mark] * len(chunk))
            rows = conn.exec_driver_sql(
                f"SELECT band_key, document_id FROM minhash_bands WHERE band_key IN ({marks})", tuple(chunk)
            )
        for key, pk in rows:
            found.setdefault(key, []).append(pk)
    return found


def _placeholder(conn: Connection) -> str | None:
    """The driver's positional parameter marker, or None to go through SQLAlchemy."""
    return {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(conn.dialect.paramstyle)


def signatures_and_clusters(conn: Connection, pks: Sequence[int]) -> dict[int, tuple[bytes, int]]:
    """documents.id → (MinHash signature, cluster_id)."""
    found: dict[int, tuple[bytes, int]] = {}
    for chunk in chunks(list(dict.fromkeys(pks))):
        query = (
            select(minhash_signatures.c.document_id, minhash_signatures.c.signature, documents.c.cluster_id)
            .join(documents, documents.c.id == minhash_signatures.c.document_id)
            .where(minhash_signatures.c.document_id.in_(chunk))
        )
        for row in conn.execute(query):
            found[row.document_id] = (bytes(row.signature), row.cluster_id or row.document_id)
    return found


# --- writes --------------------------------------------------------------------------------------


def document_row(
    doc: Document, content_hash: str, run_id: int | None, ingested_at: datetime | None = None
) -> dict[str, Any]:
    dateline = doc.dateline
    return {
        "doc_id": doc.id,
        "content_hash": content_hash,
        "text": doc.text,
        "published": date.fromisoformat(doc.date) if doc.date else None,
        "title": doc.title,
        "url": doc.url,
        "outlet": doc.outlet,
        "dateline_places": dateline.places if dateline else None,
        "dateline_date": date.fromisoformat(dateline.date) if dateline and dateline.date else None,
        "dateline_agency": dateline.agency[:64] if dateline and dateline.agency else None,
        "metadata": {**doc.metadata, **({"dateline_span": list(dateline.span)} if dateline else {})},
        "source": doc.source,
        "cluster_id": None,
        "run_id": run_id,
        "ingested_at": ingested_at or now(),
    }


def reserve_ids(conn: Connection, count: int) -> list[int] | None:
    """On SQLite, the next ``count`` documents.id values (the batch transaction already holds the write
    lock, see ``start_batch``, so nobody else can take them); None where the database assigns ids."""
    if conn.dialect.name != "sqlite" or count == 0:
        return None
    first = int(conn.execute(select(func.coalesce(func.max(documents.c.id), 0))).scalar() or 0) + 1
    return list(range(first, first + count))


def insert_documents(
    conn: Connection, rows: Sequence[dict[str, Any]], pks: Sequence[int] | None = None
) -> list[int]:
    """Insert rows; their documents.id in the same order.

    With ids from ``reserve_ids`` the rows go in with one plain executemany (RETURNING makes SQLAlchemy
    render a multi-row VALUES statement per chunk, several times slower); otherwise the database
    assigns the ids and returns them."""
    if not rows:
        return []
    if pks is not None:
        conn.execute(insert(documents), [{**row, "id": pk} for row, pk in zip(rows, pks, strict=True)])
        return list(pks)
    result = conn.execute(
        insert(documents).returning(documents.c.id, sort_by_parameter_order=True), list(rows)
    )
    return [row[0] for row in result]


def set_clusters(conn: Connection, clusters: dict[int, int]) -> None:
    """documents.id → cluster_id."""
    if clusters:
        conn.execute(
            update(documents).where(documents.c.id == _bind("pk")).values(cluster_id=_bind("cluster")),
            [{"pk": pk, "cluster": cluster} for pk, cluster in clusters.items()],
        )


def _bind(name: str) -> Any:
    from sqlalchemy import bindparam

    return bindparam(name)


def insert_minhashes(
    conn: Connection, signatures: dict[int, bytes], bands: Sequence[tuple[int, Sequence[int]]]
) -> None:
    """Signatures and LSH band keys of new documents. These rows (one per band per document are the
    bulk of an ingest's writes) go straight to the driver's executemany, bound as usual."""
    mark = _placeholder(conn)
    rows = [(key, pk) for pk, keys in bands for key in set(keys)]
    if mark is None:
        if signatures:
            conn.execute(
                insert(minhash_signatures),
                [{"document_id": pk, "signature": sig} for pk, sig in signatures.items()],
            )
        if rows:
            conn.execute(insert(minhash_bands), [{"band_key": k, "document_id": pk} for k, pk in rows])
        return
    if signatures:
        conn.exec_driver_sql(
            f"INSERT INTO minhash_signatures (document_id, signature) VALUES ({mark}, {mark})",
            list(signatures.items()),
        )
    if rows:
        conn.exec_driver_sql(
            f"INSERT INTO minhash_bands (band_key, document_id) VALUES ({mark}, {mark})", rows
        )


def insert_aliases(conn: Connection, aliases: Sequence[tuple[int, Document]], run_id: int | None) -> None:
    """Record exact copies: (documents.id of the original, the copy as read)."""
    if aliases:
        conn.execute(
            insert(document_aliases),
            [
                {
                    "document_id": pk,
                    "doc_id": doc.id,
                    "published": date.fromisoformat(doc.date) if doc.date else None,
                    "title": doc.title,
                    "url": doc.url,
                    "outlet": doc.outlet,
                    "source": doc.source,
                    "run_id": run_id,
                    "created_at": now(),
                }
                for pk, doc in aliases
            ],
        )


# --- reading back --------------------------------------------------------------------------------


def _document(row: Any) -> Document:
    meta = dict(row.metadata or {})
    span = meta.pop("dateline_span", None)
    dateline = None
    if row.dateline_places is not None or row.dateline_agency or row.dateline_date:
        dateline = Dateline(
            places=list(row.dateline_places or []),
            date=row.dateline_date.isoformat() if row.dateline_date else None,
            agency=row.dateline_agency,
            span=(span[0], span[1]) if span else (0, 0),
        )
    meta["cluster_id"] = row.cluster_id
    meta["document_pk"] = row.id
    return Document(
        id=row.doc_id,
        text=row.text,
        date=row.published.isoformat() if row.published else None,
        title=row.title,
        url=row.url,
        outlet=row.outlet,
        dateline=dateline,
        metadata=meta,
        source=row.source,
    )


def iter_documents(
    conn: Connection,
    *,
    published_on_or_before: date | None = None,
    doc_ids: Iterable[str] | None = None,
    page_size: int = 500,
) -> Iterator[Document]:
    """Stored documents in insertion order, paged by primary key (memory stays flat)."""
    wanted = list(doc_ids) if doc_ids is not None else None
    if wanted is not None:
        for chunk in chunks(wanted):
            query = select(documents).where(documents.c.doc_id.in_(chunk)).order_by(documents.c.id)
            if published_on_or_before is not None:
                query = query.where(documents.c.published <= published_on_or_before)
            yield from (_document(row) for row in conn.execute(query))
        return
    last = 0
    while True:
        query = select(documents).where(documents.c.id > last).order_by(documents.c.id).limit(page_size)
        if published_on_or_before is not None:
            query = query.where(documents.c.published <= published_on_or_before)
        rows = conn.execute(query).all()
        if not rows:
            return
        yield from (_document(row) for row in rows)
        last = rows[-1].id


def get_document(conn: Connection, doc_id: str) -> Document | None:
    """A document by its id, or by the id of an exact copy of it."""
    row = conn.execute(select(documents).where(documents.c.doc_id == doc_id)).first()
    if row is None:
        row = conn.execute(
            select(documents)
            .join(document_aliases, document_aliases.c.document_id == documents.c.id)
            .where(document_aliases.c.doc_id == doc_id)
        ).first()
    return _document(row) if row is not None else None


def document_pk(conn: Connection, doc_id: str) -> int | None:
    return conn.execute(select(documents.c.id).where(documents.c.doc_id == doc_id)).scalar()


def document_pks(conn: Connection, doc_ids: Iterable[str], chunk: int = 500) -> dict[str, int]:
    """``document_pk`` of many reports at once: doc id → row id, for those the store holds."""
    wanted = list(dict.fromkeys(doc_ids))
    out: dict[str, int] = {}
    for part in chunks(wanted, chunk):
        query = select(documents.c.doc_id, documents.c.id).where(documents.c.doc_id.in_(part))
        out.update({row.doc_id: row.id for row in conn.execute(query)})
    return out


def count_documents(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(documents)).scalar() or 0)


def count_aliases(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(document_aliases)).scalar() or 0)


def cluster_sizes(conn: Connection) -> dict[int, int]:
    """cluster_id → number of sources telling the story (documents plus their exact copies)."""
    sizes: dict[int, int] = {}
    query = select(documents.c.cluster_id, func.count()).group_by(documents.c.cluster_id)
    for cluster, count in conn.execute(query):
        if cluster is not None:
            sizes[cluster] = count
    aliases = (
        select(documents.c.cluster_id, func.count())
        .select_from(document_aliases.join(documents, documents.c.id == document_aliases.c.document_id))
        .group_by(documents.c.cluster_id)
    )
    for cluster, count in conn.execute(aliases):
        if cluster is not None:
            sizes[cluster] = sizes.get(cluster, 0) + count
    return sizes


def cluster_sources(conn: Connection, cluster_id: int) -> list[dict[str, Any]]:
    """Every source of one story: doc_id, outlet, url, published, and whether it is an exact copy."""
    members = [
        {"doc_id": r.doc_id, "outlet": r.outlet, "url": r.url, "published": r.published, "copy_of": None}
        for r in conn.execute(
            select(documents.c.doc_id, documents.c.outlet, documents.c.url, documents.c.published)
            .where(documents.c.cluster_id == cluster_id)
            .order_by(documents.c.id)
        )
    ]
    copies = conn.execute(
        select(
            document_aliases.c.doc_id,
            document_aliases.c.outlet,
            document_aliases.c.url,
            document_aliases.c.published,
            documents.c.doc_id.label("original"),
        )
        .join(documents, documents.c.id == document_aliases.c.document_id)
        .where(documents.c.cluster_id == cluster_id)
        .order_by(document_aliases.c.id)
    )
    members += [
        {
            "doc_id": r.doc_id,
            "outlet": r.outlet,
            "url": r.url,
            "published": r.published,
            "copy_of": r.original,
        }
        for r in copies
    ]
    return members
