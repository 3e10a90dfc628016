"""store.chunks: bounded parts for IN (...) queries."""

from __future__ import annotations

import pytest

from ceasefire.store.chunks import CHUNK, chunks


def test_parts_keep_order_and_every_item() -> None:
    items = list(range(1, 1204))
    parts = list(chunks(items))
    assert [len(p) for p in parts] == [CHUNK, CHUNK, 203]
    assert [x for p in parts for x in p] == items


def test_exact_multiple_and_empty() -> None:
    assert [list(p) for p in chunks(["a", "b", "c", "d"], 2)] == [["a", "b"], ["c", "d"]]
    assert list(chunks([], 3)) == []


def test_size_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        list(chunks([1, 2], 0))
