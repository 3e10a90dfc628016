"""Extraction on a Dask LocalCluster gives the single-process events, event for event, in corpus order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ceasefire.ingest.document import Document
from ceasefire.ingest.read import read_paths
from ceasefire.scale.dask import MANIFEST, extract_with_dask
from ceasefire.scale.event_parquet import part_files, read_events
from scale_corpus import StandInExtractor, make_reports, stand_in_factory, write_jsonl, write_parquet

pytest.importorskip("distributed")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """50 varied reports in three shards of three formats, plus a broken line."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    reports = make_reports(50)
    write_jsonl(folder / "a.jsonl", [*reports[:20], '{"id": "x", '])
    write_jsonl(folder / "b.jsonl.gz", reports[20:35])
    write_parquet(folder / "c.parquet", reports[35:], row_group_size=4)
    return folder


def _single_process_specs(reports: list[dict]) -> list[dict]:
    docs = [
        Document(id=r["id"], text=r["text"], date=r["date"], title=r["title"], url=r["url"]) for r in reports
    ]
    return [e.to_spec() for _, found in StandInExtractor().pipe(docs) for e in found]


def test_dask_output_equals_single_process_event_for_event(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "events"
    summary = extract_with_dask(
        [corpus], out, workers=2, processes=False, partition_docs=4, factory=stand_in_factory
    )
    expected = _single_process_specs(make_reports(50))
    assert len(expected) > 100
    assert [e.to_spec() for e in read_events(out)] == expected
    assert (summary.documents, summary.rejected, summary.events) == (50, 1, len(expected))
    assert summary.shards == 3 and summary.partitions == len(part_files(out)) > 3
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["events"] == len(expected)
    rejected = (out / "rejected").glob("part-*.jsonl")
    reasons = [json.loads(line)["reason"] for f in rejected for line in f.read_text().splitlines()]
    assert reasons == ["bad_json"]


def test_single_process_reader_and_dask_read_the_same_documents(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "one.jsonl", make_reports(30, seed=3))
    out = tmp_path / "events"
    extract_with_dask([path], out, workers=1, processes=False, partition_docs=5, factory=stand_in_factory)
    single = [e.to_spec() for _, found in StandInExtractor().pipe(read_paths([path])) for e in found]  # type: ignore[arg-type]
    assert [e.to_spec() for e in read_events(out)] == single


def test_rerun_replaces_the_parts_of_an_earlier_run(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "events"
    extract_with_dask([corpus], out, workers=1, processes=False, partition_docs=2, factory=stand_in_factory)
    many = len(part_files(out))
    summary = extract_with_dask(
        [corpus / "a.jsonl"], out, workers=1, processes=False, partition_docs=1000, factory=stand_in_factory
    )
    assert len(part_files(out)) == summary.partitions == 1 < many
    assert {e.doc_id for e in read_events(out)} <= {f"t-{i:04d}" for i in range(1, 21)}


def test_every_partition_writes_a_part_even_without_events(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "quiet.jsonl", [{"id": "q1", "text": "Nothing happened."}])
    out = tmp_path / "events"
    summary = extract_with_dask([path], out, workers=1, processes=False, factory=stand_in_factory)
    assert summary.events == 0 and len(part_files(out)) == 1
    assert list(read_events(out)) == []


def _generated_reports(n: int) -> list[dict]:
    corpus_gen = pytest.importorskip("benchmarks.corpus_gen")  # the repository root is on sys.path
    return list(corpus_gen.generate(n, seed=5))


def test_real_extractor_on_dask_equals_extractor_pipe(tmp_path: Path) -> None:
    from ceasefire.extract.pipeline import Extractor

    reports = [*make_reports(25, seed=11), *_generated_reports(25)]
    path = write_jsonl(tmp_path / "mixed.jsonl", reports)
    out = tmp_path / "events"
    summary = extract_with_dask([path], out, workers=2, processes=False, partition_docs=6)
    single = [e.to_spec() for _, found in Extractor().pipe(read_paths([path])) for e in found]  # type: ignore[arg-type]
    assert summary.documents == 50 and summary.partitions > 2
    assert len(single) > 50
    assert [e.to_spec() for e in read_events(out)] == single


def test_load_store_attaches_events_to_ingested_reports(corpus: Path, tmp_path: Path, engine) -> None:  # type: ignore[no-untyped-def]
    from ceasefire.ingest.pipeline import ingest_documents
    from ceasefire.scale.store_load import load_events_into_store
    from ceasefire.store.events import load_events

    out = tmp_path / "events"
    extract_with_dask([corpus], out, workers=1, processes=False, factory=stand_in_factory)
    reports = make_reports(50)
    ingest_documents(engine, (Document(id=r["id"], text=r["text"], date=r["date"]) for r in reports[:40]))
    first = load_events_into_store(engine, out)
    again = load_events_into_store(engine, out)
    assert (again.documents, again.events) == (first.documents, first.events)
    assert first.missing_documents > 0 and all(d >= "t-0041" for d in first.missing_samples)
    with engine.connect() as conn:
        stored = load_events(conn)
    expected = [e for e in read_events(out) if e.doc_id <= "t-0040"]
    assert len(stored) == first.events == len(expected)
    assert sorted(s.event.to_spec()["span"] + [s.event.doc_id] for s in stored) == sorted(
        e.to_spec()["span"] + [e.doc_id] for e in expected
    )


def test_runs_on_an_existing_scheduler(corpus: Path, tmp_path: Path) -> None:
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster:
        summary = extract_with_dask(
            [corpus], tmp_path / "events", scheduler=cluster.scheduler_address, factory=stand_in_factory
        )
        assert summary.scheduler == cluster.scheduler_address and summary.workers == 1
    assert [e.to_spec() for e in read_events(tmp_path / "events")] == _single_process_specs(make_reports(50))
