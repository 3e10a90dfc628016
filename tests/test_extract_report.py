"""A whole report written for the project with the structure of a wire story on a wobbling truce:
dateline, contacts with mediators, an accusation, a postponed handover, a pledge and a refusal, a
threat, and the truce's start as background."""

from __future__ import annotations

from pathlib import Path

from ceasefire.extract.pipeline import Extractor
from ceasefire.ingest.read import read_documents_strict

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def test_wire_report_gives_the_expected_events() -> None:
    (doc,) = list(read_documents_strict([FIXTURES / "truce_report.txt"]))
    events = Extractor().extract_document(doc)
    seen = {(e.type, e.actor, e.target, e.object, e.mode, e.date) for e in events}
    kinds = {(e.type, e.actor) for e in events}
    consult = [e for e in events if e.type == "CONSULT" and e.actor == "hamas" and e.target == "egypt"]
    assert consult and consult[0].date == "2025-02-12"
    assert ("ACCUSE", "hamas") in kinds
    assert ("SUSPEND", "hamas", "israel", "RELEASE", "occurred", "2025-02-10") in seen
    planned = [e for e in events if e.type in ("RELEASE", "PLEDGE") and e.actor == "hamas"]
    assert any(e.mode == "planned" and e.date == "2025-02-15" for e in planned) or any(
        e.type == "PLEDGE" and e.object == "RELEASE" for e in planned
    )
    assert ("REJECT", "hamas") in kinds
    threats = [e for e in events if e.type == "THREATEN"]
    assert threats and threats[0].actor == "israel" and threats[0].object == "ATTACK"
    assert any(e.type == "AGREE" and e.date == "2025-01-19" for e in events)
    # the header line is not report prose, and every event points back into the text
    for event in events:
        assert event.span[0] > doc.text.index("\n")
        assert doc.text[event.span[0] : event.span[1]] == event.evidence


def test_pipe_streams_documents_in_order() -> None:
    docs = list(read_documents_strict([FIXTURES / "corpus.jsonl"]))
    out = list(Extractor().pipe(iter(docs), batch_size=1))
    assert [doc.id for doc, _ in out] == ["fx-1", "fx-2"]
    assert {e.type for e in out[0][1]} == {"RELEASE"}
    assert [(e.type, e.quantity.value if e.quantity else None) for e in out[1][1]] == [("AID", 600)]
