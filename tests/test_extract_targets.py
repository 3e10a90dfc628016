"""One event per named addressee: demands, threats, refusals and meetings with several named targets,
on sentences written for the project."""

from __future__ import annotations

import ceasefire

DAY = "2025-02-05"  # a Wednesday


def pairs(sentence: str, kind: str) -> set[tuple[str | None, str | None]]:
    return {(e.actor, e.target) for e in ceasefire.extract(sentence, date=DAY) if e.type == kind}


def test_a_call_on_two_named_parties_is_one_demand_each() -> None:
    found = pairs("The UN chief on Tuesday called on Israel and Lebanon to respect the truce.", "DEMAND")
    assert found == {("un", "israel"), ("un", "lebanon")}


def test_three_parties_in_a_list_give_three_demands() -> None:
    sentence = "The European Union urged Israel, Egypt and Qatar on Monday to keep the talks going."
    found = pairs(sentence, "DEMAND")
    assert found == {("eu", "israel"), ("eu", "egypt"), ("eu", "qatar")}


def test_a_meeting_with_two_parties_is_one_consult_each() -> None:
    found = pairs("The US envoy met Egyptian and Qatari officials in Cairo on Tuesday.", "CONSULT")
    assert found == {("usa", "egypt"), ("usa", "qatar")}


def test_a_single_addressee_stays_one_event() -> None:
    found = pairs("Egypt urged Israel on Tuesday to let more aid trucks in.", "DEMAND")
    assert found == {("egypt", "israel")}


def test_the_events_keep_one_span_and_rule() -> None:
    events = [
        e
        for e in ceasefire.extract("Qatar called on Hamas and Israel on Tuesday to stop fighting.", date=DAY)
        if e.type == "DEMAND"
    ]
    assert {e.target for e in events} == {"hamas", "israel"}
    assert len({(e.span, e.rule) for e in events}) == 1


def test_an_actor_after_a_clause_break_is_no_second_target() -> None:
    found = pairs("Egypt urged Israel to open the crossing, while Hamas said it was ready.", "DEMAND")
    assert found == {("egypt", "israel")}


def test_other_types_are_not_split() -> None:
    found = {
        (e.actor, e.target)
        for e in ceasefire.extract("Israeli jets struck Hamas and Islamic Jihad posts on Tuesday.", date=DAY)
        if e.type == "ATTACK"
    }
    assert len(found) == 1


def test_a_halt_held_over_others_under_a_condition_is_a_threat() -> None:
    events = ceasefire.extract(
        "Washington said on Tuesday it could cut off aid to Egypt and Jordan unless they accept its plan.",
        date=DAY,
    )
    events = [e for e in events if e.actor is not None]
    assert {(e.type, e.object, e.target) for e in events if e.type in ("THREATEN", "SUSPEND")} >= {
        ("THREATEN", "SUSPEND", "egypt"),
        ("THREATEN", "SUSPEND", "jordan"),
    }
    assert not [e for e in events if e.type == "SUSPEND"]


def test_a_fronted_condition_makes_the_halt_a_threat() -> None:
    events = ceasefire.extract("If the attacks go on, Israel will halt aid deliveries to Gaza.", date=DAY)
    assert [(e.type, e.actor, e.object) for e in events] == [("THREATEN", "israel", "SUSPEND")]


def test_a_halt_without_a_condition_stays_a_suspension() -> None:
    events = ceasefire.extract("Israel halted aid deliveries to Gaza on Sunday.", date=DAY)
    assert [(e.type, e.actor) for e in events if e.type in ("SUSPEND", "THREATEN")] == [("SUSPEND", "israel")]


REPORT = (
    "Hamas freed three hostages on Saturday and Israel freed 90 prisoners. "
    "On Sunday the Israeli cabinet approved the truce extension. "
    "Hamas officials condemned the decision on Monday."
)


def test_an_approval_or_a_condemnation_naming_no_one_is_addressed_to_the_other_main_party() -> None:
    found = {(e.type, e.actor, e.target) for e in ceasefire.extract(REPORT, date=DAY)}
    assert ("AGREE", "israel", "hamas") in found
    assert ("ACCUSE", "hamas", "israel") in found


def test_a_foreign_general_arriving_is_a_visit_to_the_host() -> None:
    found = pairs(
        "A French general will arrive in Lebanon on Friday to join the monitoring panel.", "CONSULT"
    )
    assert found == {("france", "lebanon")}


def test_the_parties_trading_blame_are_both_main_parties() -> None:
    report = (
        "Israel and Hezbollah exchanged fire on Monday. "
        "The parties have traded blame for the delay in carrying out the deal."
    )
    found = {(e.actor, e.target) for e in ceasefire.extract(report, date=DAY) if e.type == "ACCUSE"}
    assert found == {("israel", "hezbollah"), ("hezbollah", "israel")}
