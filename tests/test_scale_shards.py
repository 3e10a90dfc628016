"""Shards and partitions: every record of a file is read exactly once, in order, however it is split."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from ceasefire.errors import InputFileError
from ceasefire.ingest.document import Document
from ceasefire.ingest.rejected import Rejected
from ceasefire.scale.shards import list_shards, plan_partitions, read_partition
from scale_corpus import make_reports, write_jsonl, write_parquet


def _read_all(paths: list[Path], partition_docs: int) -> list[Document | Rejected]:
    items: list[Document | Rejected] = []
    for part in plan_partitions(paths, partition_docs=partition_docs):
        items.extend(read_partition(part))
    return items


def _summary(items: list[Document | Rejected]) -> list[tuple[str, str]]:
    return [("doc", i.id) if isinstance(i, Document) else ("rejected", i.reason) for i in items]


@pytest.fixture
def messy_records() -> list[dict | str]:
    """Reports with a blank line, a broken line and a record without text among them."""
    records: list[dict | str] = list(make_reports(40))
    records.insert(5, "")
    records.insert(11, '{"id": "broken", "text": ')
    records.insert(20, {"id": "empty", "text": "  "})
    return records


@pytest.mark.parametrize("partition_docs", [1, 3, 7, 1000])
@pytest.mark.parametrize("name", ["c.jsonl", "c.jsonl.gz"])
def test_jsonl_partitions_cover_each_record_once_in_order(
    tmp_path: Path, messy_records: list, name: str, partition_docs: int
) -> None:
    path = write_jsonl(tmp_path / name, messy_records)
    items = _read_all([path], partition_docs)
    expected = [("doc", r["id"]) for r in messy_records if isinstance(r, dict) and r["text"].strip()]
    assert [s for s in _summary(items) if s[0] == "doc"] == expected
    assert sorted(s[1] for s in _summary(items) if s[0] == "rejected") == ["bad_json", "missing_text"]
    texts = {r["id"]: r["text"] for r in messy_records if isinstance(r, dict)}
    assert all(i.text == texts[i.id] for i in items if isinstance(i, Document))


def test_plain_jsonl_is_split_by_bytes_into_many_partitions(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", make_reports(60))
    parts = plan_partitions([path], partition_docs=10)
    assert 3 <= len(parts) <= 12
    assert parts[0].start == 0 and parts[-1].stop is None
    assert all(a.stop == b.start for a, b in itertools.pairwise(parts))


def test_gzip_splits_are_capped(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl.gz", make_reports(60))
    parts = plan_partitions([path], partition_docs=1, max_gzip_splits=4)
    assert len(parts) == 4
    assert [len(list(read_partition(p))) for p in parts] != [0, 0, 0, 0]
    assert sum(len(list(read_partition(p))) for p in parts) == 60


def test_parquet_row_ranges_cross_row_groups(tmp_path: Path) -> None:
    records = make_reports(45)
    path = write_parquet(tmp_path / "c.parquet", records, row_group_size=7)
    for partition_docs in (1, 5, 10, 100):
        items = _read_all([path], partition_docs)
        assert [i.id for i in items if isinstance(i, Document)] == [r["id"] for r in records]
    first = next(iter(read_partition(plan_partitions([path])[0])))
    assert isinstance(first, Document) and first.date == records[0]["date"] and first.title == "Report 1"


def test_list_shards_reads_folders_globs_and_files_in_order(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    b = write_jsonl(tmp_path / "sub" / "b.jsonl.gz", make_reports(2))
    a = write_jsonl(tmp_path / "a.jsonl", make_reports(2))
    (tmp_path / "notes.txt").write_text("not a shard")
    assert list_shards([tmp_path]) == [a.resolve(), b.resolve()]
    assert list_shards([str(tmp_path / "**" / "*.jsonl*")]) == [a.resolve(), b.resolve()]
    assert list_shards([b, a, b]) == [b.resolve(), a.resolve()]


def test_list_shards_names_what_is_wrong(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(InputFileError, match="no such file"):
        list_shards([tmp_path / "missing.jsonl"])
    with pytest.raises(InputFileError, match=r"reads \.jsonl"):
        list_shards([tmp_path / "notes.txt"])
    with pytest.raises(InputFileError, match="matches no"):
        list_shards([str(tmp_path / "*.parquet")])


def test_small_corpora_get_enough_partitions_for_every_worker(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", make_reports(60))
    assert len(plan_partitions([path], partition_docs=2000)) == 1
    parts = plan_partitions([path], partition_docs=2000, min_partitions=4, min_partition_docs=10)
    assert 4 <= len(parts) <= 6
    assert len(plan_partitions([path], partition_docs=2000, min_partitions=4, min_partition_docs=100)) == 1
