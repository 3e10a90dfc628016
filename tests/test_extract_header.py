"""The plain-text header line: its date is never prose; the rest of the line is read when it is the
lede (some corpora put it there) and skipped when it is the report's title."""

from __future__ import annotations

from ceasefire.extract.pipeline import Extractor, body_start
from ceasefire.ingest.document import Document

LEDE = " date 2025-02-15 Hamas freed three Israeli hostages in Khan Younis on Saturday.\n\nMore text."


def test_lede_on_the_header_line_is_read() -> None:
    doc = Document(id="a", text=LEDE, date="2025-02-15", title="a different headline")
    assert LEDE[body_start(doc) :].startswith("Hamas freed")
    events = Extractor().extract_document(doc)
    assert any(e.type == "RELEASE" and e.actor == "hamas" for e in events)


def test_title_on_the_header_line_is_skipped() -> None:
    text = " date 2025-02-15 Hamas frees three hostages\n\nThe handover took place in Gaza.\n"
    doc = Document(id="b", text=text, date="2025-02-15", title="Hamas frees three hostages")
    assert text[body_start(doc) :].startswith("\nThe handover")
    assert not [e for e in Extractor().extract_document(doc) if e.span[0] < body_start(doc)]


def test_no_header_starts_at_zero() -> None:
    assert body_start(Document(id="c", text="Talks resumed in Cairo.", date="2025-02-15")) == 0
