"""Extraction pauses the cyclic GC per report and leaves the caller's GC state as it was."""

from __future__ import annotations

import gc

import pytest

from ceasefire.extract.gcpause import gc_paused
from ceasefire.extract.pipeline import Extractor
from ceasefire.ingest.document import Document


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _docs() -> list[Document]:
    texts = [
        "Israeli forces struck a house in the town on Monday, killing three people, officials said.",
        "Hamas freed four hostages on Saturday, and Israel released 200 Palestinian prisoners.",
    ]
    return [Document(id=f"d{n}", text=t, date="2026-03-04") for n, t in enumerate(texts)]


def test_paused_inside_restored_after() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_restored_when_the_block_raises() -> None:
    with pytest.raises(ValueError), gc_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_caller_that_disabled_gc_keeps_it_disabled() -> None:
    gc.disable()
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_pipe_runs_the_caller_with_gc_on(extractor: Extractor) -> None:
    states = [gc.isenabled() for _doc, _events in extractor.pipe(_docs())]
    assert states == [True, True]
    assert gc.isenabled()


def test_pipe_gives_the_same_events_as_extract_document(extractor: Extractor) -> None:
    docs = _docs()
    piped = [events for _doc, events in extractor.pipe(docs)]
    assert piped == [extractor.extract_document(d) for d in docs]
    assert all(piped)


def test_pipe_restores_gc_when_extraction_raises(extractor: Extractor) -> None:
    bad = Document(id="bad", text="Some text.", date="2026-03-04")
    bad.text = None  # type: ignore[assignment]
    with pytest.raises((TypeError, AttributeError)):
        list(extractor.pipe([bad]))
    assert gc.isenabled()
