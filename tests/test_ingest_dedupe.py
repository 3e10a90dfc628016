"""Exact and near duplicates, idempotence, id conflicts, story clusters across runs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sqlalchemy import Engine

from ceasefire.ingest.document import Document
from ceasefire.ingest.pipeline import ingest_documents, ingest_paths
from ceasefire.store.documents import (
    cluster_sizes,
    cluster_sources,
    count_aliases,
    count_documents,
    document_pk,
    get_document,
    iter_documents,
)
from ceasefire.store.quarantine import list_quarantine

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
WIRE = ["wire_original.txt", "wire_rewrite_1.txt", "wire_rewrite_2.txt", "wire_rewrite_3.txt"]
OTHERS = ["other_story_same_day.txt", "second_story_same_day.txt"]


def _copy(tmp_path: Path, names: list[str]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(FIXTURES / name, folder / name)
    return folder


def test_three_rewrites_of_one_wire_story_form_one_cluster(engine: Engine, tmp_path: Path) -> None:
    summary = ingest_paths(engine, [_copy(tmp_path, WIRE + OTHERS)])
    assert summary.accepted == 6 and summary.near_duplicates == 3
    with engine.connect() as conn:
        docs = {d.id: d for d in iter_documents(conn)}
        sizes = cluster_sizes(conn)
    wire_clusters = {docs[name[:-4]].metadata["cluster_id"] for name in WIRE}
    assert wire_clusters == {docs["wire_original"].metadata["document_pk"]}  # the first document's id
    other = {docs[name[:-4]].metadata["cluster_id"] for name in OTHERS}
    assert len(other) == 2 and not other & wire_clusters  # two stories on the same day stay two
    assert sorted(sizes.values()) == [1, 1, 4]


def test_near_duplicate_joins_a_story_stored_by_an_earlier_run(engine: Engine, tmp_path: Path) -> None:
    ingest_paths(engine, [_copy(tmp_path, ["wire_original.txt", "other_story_same_day.txt"])])
    later = tmp_path / "later"
    later.mkdir()
    shutil.copy(FIXTURES / "wire_rewrite_3.txt", later)
    summary = ingest_paths(engine, [later])
    assert summary.accepted == 1 and summary.near_duplicates == 1
    with engine.connect() as conn:
        rewrite = get_document(conn, "wire_rewrite_3")
        assert rewrite is not None
        assert rewrite.metadata["cluster_id"] == document_pk(conn, "wire_original")


def test_reingesting_the_same_files_adds_nothing(engine: Engine, tmp_path: Path) -> None:
    folder = _copy(tmp_path, [*WIRE, *OTHERS, "reports.jsonl", "feed.rss", "page_hostile.html"])
    first = ingest_paths(engine, [folder])
    with engine.connect() as conn:
        before = (count_documents(conn), cluster_sizes(conn), len(list_quarantine(conn)))
    second = ingest_paths(engine, [folder])
    assert second.accepted == 0 and second.duplicates == first.accepted
    with engine.connect() as conn:
        assert (count_documents(conn), cluster_sizes(conn), len(list_quarantine(conn))) == before


def test_same_text_under_another_id_is_a_copy_and_one_more_source(engine: Engine) -> None:
    text = "Both sides agreed on Tuesday to extend the truce by ten days, the mediators said."
    docs = [
        Document(id="outlet-a-1", text=text, date="2025-02-04", outlet="Outlet A", url="https://a.example/1"),
        Document(
            id="outlet-b-7", text=" " + text.replace(" ", "  ") + "\n", date="2025-02-04", outlet="Outlet B"
        ),
    ]
    summary = ingest_documents(engine, docs)
    assert (summary.accepted, summary.duplicates, summary.copies) == (1, 1, 1)
    again = ingest_documents(engine, docs)
    assert (again.accepted, again.duplicates, again.copies) == (0, 2, 0)
    with engine.connect() as conn:
        assert count_documents(conn) == 1 and count_aliases(conn) == 1
        pk = document_pk(conn, "outlet-a-1")
        assert pk is not None
        assert cluster_sizes(conn) == {pk: 2}  # two sources, one story
        outlets = [m["outlet"] for m in cluster_sources(conn, pk)]
        copy = get_document(conn, "outlet-b-7")
    assert outlets == ["Outlet A", "Outlet B"]
    assert copy is not None and copy.id == "outlet-a-1"


def test_same_id_with_other_text_is_quarantined_never_overwritten(engine: Engine) -> None:
    ingest_documents(
        engine, [Document(id="r-1", text="The first version of the report.", source="a.jsonl:line 1")]
    )
    summary = ingest_documents(
        engine, [Document(id="r-1", text="A different text under the same id.", source="b.jsonl:line 9")]
    )
    assert summary.accepted == 0 and dict(summary.quarantined) == {"id_conflict": 1}
    with engine.connect() as conn:
        stored = get_document(conn, "r-1")
        (entry,) = list_quarantine(conn, reason="id_conflict")
    assert stored is not None and stored.text == "The first version of the report."
    assert (entry.source, entry.location) == ("b.jsonl", "line 9")


def test_duplicates_inside_one_batch(engine: Engine, tmp_path: Path) -> None:
    line = {"id": "dup", "date": "2025-01-30", "text": "A report repeated in the same file."}
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(line) for _ in range(3)) + "\n")
    summary = ingest_paths(engine, [tmp_path / "in.jsonl"])
    assert (summary.accepted, summary.duplicates) == (1, 2)


def test_agreement_tag_and_stored_fields_read_back(engine: Engine) -> None:
    ingest_paths(engine, [FIXTURES / "wire_original.txt"], agreement="gaza-2025")
    with engine.connect() as conn:
        (doc,) = list(iter_documents(conn))
        assert (
            list(iter_documents(conn, published_on_or_before=__import__("datetime").date(2025, 3, 3))) == []
        )
        assert [d.id for d in iter_documents(conn, doc_ids=["wire_original", "nope"])] == ["wire_original"]
    assert doc.metadata["agreement"] == "gaza-2025"
    assert doc.dateline is not None and doc.dateline.date == "2025-03-03"
    assert doc.dateline.agency == "Harbour Wire"
    start, end = doc.dateline.span
    assert doc.text[start:end].startswith("PORT SAID/DOHA")
    assert doc.date == "2025-03-04" and doc.base_date == "2025-03-03"


def test_signature_is_datasketchs_minhash() -> None:
    from datasketch import MinHash

    from ceasefire.ingest import dedupe
    from ceasefire.ingest.normalise import normalised_text

    text = (FIXTURES / "wire_original.txt").read_text()
    hashes = dedupe.ShingleHasher()(normalised_text(text))
    reference = MinHash(num_perm=dedupe.NUM_PERM, seed=1, scheme="affine32", hashfunc=lambda value: value)
    reference.update_batch(hashes.tolist())
    assert (dedupe.signature(hashes) == reference.hashvalues).all()
