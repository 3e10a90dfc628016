"""Claims: accusations and denials, kept apart from facts, with sources and denials."""

from __future__ import annotations

from datetime import date

import pytest

from ceasefire.agreements.load import get_agreement
from ceasefire.assess.claims import list_claims
from ceasefire.assess.ledger import build_ledger
from ceasefire.assess.status import assess_status
from test_fuse import ev


@pytest.fixture(scope="module")
def gaza():  # type: ignore[no-untyped-def]
    return get_agreement("gaza-2025")


def test_accusation_with_denial_and_sources(gaza) -> None:  # type: ignore[no-untyped-def]
    events = [
        ev("a", "ACCUSE", "hamas", "israel", obj="AID", day="2025-02-10", published="2025-02-10", cluster=1),
        ev("b", "ACCUSE", "hamas", "israel", obj="AID", day="2025-02-10", published="2025-02-10", cluster=1),
        ev("c", "ACCUSE", "hamas", "israel", obj="AID", day="2025-02-10", published="2025-02-10", cluster=2),
        ev("d", "DENY", "israel", "hamas", obj="AID", day="2025-02-11", published="2025-02-11"),
    ]
    claims = list_claims(gaza, events, date(2025, 2, 12))
    accusation = next(c for c in claims if c.kind == "accusation")
    data = accusation.to_dict()
    assert (data["claimant"], data["accused"], data["about"]) == ("hamas", "israel", "AID")
    assert data["independent_sources"] == 2 and data["sources"] == ["a", "b", "c"]
    assert data["denied"] is True and data["verified"] is False
    assert "aid-trucks" in data["obligations"]
    denial = next(c for c in claims if c.kind == "denial")
    assert denial.answers == [accusation.story.id]


def test_later_denial_is_unknown_before_it_is_published(gaza) -> None:  # type: ignore[no-untyped-def]
    events = [
        ev("a", "ACCUSE", "israel", "hamas", obj="RELEASE", day="2025-01-25", published="2025-01-25"),
        ev("d", "DENY", "hamas", "israel", obj="RELEASE", day="2025-01-26", published="2025-01-26"),
    ]
    [only] = list_claims(gaza, events, date(2025, 1, 25))
    assert only.kind == "accusation" and not only.denied


def test_an_accusation_never_becomes_the_fact_it_alleges(gaza) -> None:  # type: ignore[no-untyped-def]
    events = [ev("a", "ACCUSE", "israel", "hamas", obj="RELEASE", day="2025-02-15", published="2025-02-15")]
    assert build_ledger(gaza, events).rows() == []
    status = assess_status(gaza, events, date(2025, 2, 15)).get("hostage-round-6")
    assert status.status == "disputed" and status.done == 0
