"""Parquet event parts: lossless round trip of events, bounded row groups, no half-written files."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from ceasefire.extract.event import Event, Quantity
from ceasefire.scale.event_parquet import PartWriter, event_from_row, event_row, part_files, read_events


def _event(i: int) -> Event:
    return Event(
        f"d{i // 3}",
        "RELEASE" if i % 2 else "THREATEN",
        actor="hamas",
        target="israel" if i % 2 else None,
        object=None if i % 2 else "ATTACK",
        mode="planned",
        date="2025-02-15" if i % 4 else None,
        quantity=Quantity(i, "hostage", approx=True, low=i - 1, high=i + 1, rate="day") if i % 2 else None,
        location="Rafah",
        source="hamas",
        evidence=f"Sentence {i} — with «quotes».",
        span=(10 * i, 10 * i + 9),
        rule="release.verb",
        reason="actor: subject",
        trigger="released",
        trigger_span=(10 * i + 2, 10 * i + 5),
        sentence=i,
        extra={"k": [1, 2]} if i % 3 == 0 else {},
    )


def test_event_row_round_trip_keeps_every_field() -> None:
    for i in range(6):
        event = _event(i)
        row = event_row(event, shard=0, part=0, doc_index=i, event_index=0, published="2025-02-16")
        assert event_from_row(row) == event
        assert row["plover"] == event.plover and row["cameo"] == event.cameo


def test_writer_flushes_bounded_row_groups_and_reads_back_in_order(tmp_path: Path) -> None:
    writer = PartWriter(tmp_path / "part-00000.parquet", rows_per_group=4)
    events = [_event(i) for i in range(10)]
    writer.add(
        event_row(e, shard=0, part=0, doc_index=i, event_index=0, published=None)
        for i, e in enumerate(events)
    )
    writer.close()
    assert pq.ParquetFile(tmp_path / "part-00000.parquet").metadata.num_row_groups == 3
    assert list(read_events(tmp_path)) == events


def test_aborted_writer_leaves_no_part(tmp_path: Path) -> None:
    writer = PartWriter(tmp_path / "part-00001.parquet")
    writer.add([event_row(_event(1), shard=0, part=1, doc_index=0, event_index=0, published=None)])
    writer.abort()
    assert part_files(tmp_path) == [] and list(tmp_path.iterdir()) == []


def test_dask_refuses_zero_workers(tmp_path: Path) -> None:
    from ceasefire.errors import UsageError
    from ceasefire.scale.dask import extract_with_dask

    with pytest.raises(UsageError, match="workers"):
        extract_with_dask([tmp_path], tmp_path / "out", workers=0)


def test_dask_names_a_missing_lexicon_before_starting(tmp_path: Path) -> None:
    from ceasefire.errors import InputFileError
    from ceasefire.scale.dask import extract_with_dask

    (tmp_path / "c.jsonl").write_text('{"id": "a", "text": "x"}\n')
    with pytest.raises(InputFileError, match="lexicon"):
        extract_with_dask([tmp_path / "c.jsonl"], tmp_path / "out", lexicons=[tmp_path / "missing.yaml"])
