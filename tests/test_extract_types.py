"""One sentence per event type (written for the project), with actor, target, object and count."""

from __future__ import annotations

import pytest

import ceasefire
from ceasefire.extract.event import EVENT_TYPES

REPORT_DAY = "2025-02-05"  # a Wednesday

CASES = [
    ("AGREE", "Israel and Hamas agreed on a ceasefire deal on Wednesday.", "israel", "hamas", None),
    ("CONSULT", "Egypt's intelligence chief met Hamas leaders in Cairo on Tuesday.", "egypt", "hamas", None),
    ("PLEDGE", "Hamas pledged on Thursday to respect the truce.", "hamas", None, "AGREE"),
    ("DEMAND", "Qatar urged Israel on Monday to allow more aid into Gaza.", "qatar", "israel", "AID"),
    ("REJECT", "Hamas rejected the Israeli proposal on Sunday.", "hamas", "israel", "AGREE"),
    (
        "ACCUSE",
        "Hezbollah accused Israel of violating the ceasefire on Friday.",
        "hezbollah",
        "israel",
        "AGREE",
    ),
    ("DENY", "Israel denied the accusations on Tuesday.", "israel", None, "AGREE"),
    ("THREATEN", "Israel threatened on Tuesday to resume fighting in Gaza.", "israel", None, "ATTACK"),
    ("SUSPEND", "Israel halted the entry of aid into Gaza on Sunday.", "israel", "palestinians", "AID"),
    ("RELEASE", "Hamas released three Israeli hostages on Saturday.", "hamas", "israel", None),
    ("WITHDRAW", "Israeli troops withdrew from southern Lebanon on Sunday.", "israel", None, None),
    ("AID", "About 600 aid trucks entered Gaza on Monday, the UN said.", None, "palestinians", None),
    (
        "RETURN",
        "Thousands of displaced Palestinians returned to northern Gaza on Monday.",
        None,
        "palestinians",
        None,
    ),
    ("ATTACK", "Israeli strikes killed 12 people in Khan Younis on Tuesday.", "israel", "palestinians", None),
    (
        "MOBILIZE",
        "The Lebanese army deployed troops in southern Lebanon on Wednesday.",
        "lebanon",
        None,
        None,
    ),
]


def test_every_type_has_a_case() -> None:
    assert {case[0] for case in CASES} == set(EVENT_TYPES)


@pytest.mark.parametrize(("kind", "sentence", "actor", "target", "obj"), CASES, ids=[c[0] for c in CASES])
def test_type(kind: str, sentence: str, actor: str | None, target: str | None, obj: str | None) -> None:
    events = [e for e in ceasefire.extract(sentence, date=REPORT_DAY) if e.type == kind and e.actor == actor]
    assert len(events) >= 1, [e.to_spec() for e in ceasefire.extract(sentence, date=REPORT_DAY)]
    event = events[0]
    assert (event.actor, event.target, event.object) == (actor, target, obj)
    assert event.mode == "occurred"
    assert event.plover and event.cameo
    # provenance: the rule, a reason, and spans that point into the text
    assert event.rule and event.reason
    assert sentence[event.span[0] : event.span[1]] == event.evidence
    assert sentence[event.trigger_span[0] : event.trigger_span[1]] == event.trigger


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Hamas released three Israeli hostages on Saturday.", 3, "hostage"),
        ("Israel freed 183 Palestinian prisoners on Saturday.", 183, "prisoner"),
        ("About 600 aid trucks entered Gaza on Monday.", 600, "truck"),
        ("Israeli strikes killed 12 people in Khan Younis on Tuesday.", 12, "killed"),
    ],
)
def test_quantities(sentence: str, value: int, unit: str) -> None:
    quantities = [e.quantity for e in ceasefire.extract(sentence, date=REPORT_DAY) if e.quantity]
    assert quantities and (quantities[0].value, quantities[0].unit) == (value, unit)


def test_other_conflicts_use_the_same_rules() -> None:
    events = ceasefire.extract(
        "Pakistan accused India of violating the ceasefire along the Line of Control on Sunday.",
        date=REPORT_DAY,
    )
    assert [(e.type, e.actor, e.target) for e in events] == [("ACCUSE", "pakistan", "india")]
    events = ceasefire.extract(
        "Ukrainian President Volodymyr Zelensky met Trump in Washington on Friday. "
        "Zelensky rejected the proposal on Saturday.",
        date=REPORT_DAY,
    )
    kinds = {(e.type, e.actor) for e in events}
    assert ("CONSULT", "ukraine") in kinds and ("REJECT", "ukraine") in kinds


def test_no_event_without_a_trigger() -> None:
    assert ceasefire.extract("The weather in Cairo was mild on Tuesday.", date=REPORT_DAY) == []
    assert ceasefire.extract("", date=REPORT_DAY) == []
