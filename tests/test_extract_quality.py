"""Quality rules of the extractor, on sentences written for the project."""

from __future__ import annotations

import datetime as dt

from ceasefire.extract.dedupe import merge_retellings
from ceasefire.extract.event import Event, Quantity
from ceasefire.extract.pipeline import Extractor

REPORT_DAY = dt.date(2031, 6, 13)  # a Friday


def _events(text: str) -> list[Event]:
    return Extractor().analyse(text, REPORT_DAY, "t").events


def test_a_handover_retold_a_day_apart_is_one_release() -> None:
    first = Event("t", "RELEASE", "hamas", "israel", date="2031-06-11", sentence=0)
    again = Event("t", "RELEASE", "hamas", None, date="2031-06-12", quantity=Quantity(2, "body"), sentence=3)
    merged = merge_retellings([first, again])
    assert len(merged) == 1
    assert merged[0].date == "2031-06-11"
    assert merged[0].quantity is not None and merged[0].quantity.value == 2


def test_releases_a_week_apart_stay_two_events() -> None:
    one = Event("t", "RELEASE", "hamas", "israel", date="2031-06-07")
    two = Event("t", "RELEASE", "hamas", "israel", date="2031-06-14")
    assert len(merge_retellings([one, two])) == 2


KINDS = {"israel": "state", "hamas": "group", "icrc": "body", "palestinians": "people"}


def test_remains_returned_to_a_state_are_freed_by_the_group() -> None:
    from ceasefire.extract.dedupe import normalise_releases

    swapped = Event("t", "RELEASE", "israel", "hamas", quantity=Quantity(2, "body"))
    normalise_releases([swapped], KINDS)
    assert (swapped.actor, swapped.target) == ("hamas", "israel")


def test_hostages_handed_to_a_go_between_belong_to_the_other_state() -> None:
    from ceasefire.extract.dedupe import normalise_releases

    handed = Event("t", "RELEASE", "hamas", "icrc", quantity=Quantity(3, "hostage"))
    prisoners = Event("t", "RELEASE", "israel", "hamas", quantity=Quantity(50, "prisoner"))
    strike = Event("t", "ATTACK", "israel", "palestinians")
    normalise_releases([handed, prisoners, strike], KINDS)
    assert handed.target == "israel"
    assert prisoners.target == "palestinians"


def test_a_war_toll_told_as_background_is_no_attack() -> None:
    text = "The truce between Ruritania and Borduria halted a war that has killed more than 3,000 people."
    assert not [e for e in _events(text) if e.type == "ATTACK"]


def test_months_of_bombardment_are_background() -> None:
    text = "Whole districts were flattened by eleven months of bombardment, residents of Ruritania said."
    assert not [e for e in _events(text) if e.type == "ATTACK"]


def test_a_threat_with_no_addressee_goes_to_the_other_main_party() -> None:
    from ceasefire.extract.dedupe import address_speech_acts

    kinds = {"ruritania": "state", "redfront": "group", "ruritanians": "people"}
    events = [
        Event("t", "ATTACK", "ruritania", "redfront"),
        Event("t", "ACCUSE", "redfront", "ruritania"),
        Event("t", "THREATEN", "ruritania", None, object="ATTACK"),
        Event("t", "SUSPEND", "ruritania", None, object="AID"),
        Event("t", "AID", None, "ruritanians"),
    ]
    address_speech_acts(events, kinds)
    assert events[2].target == "redfront"
    assert events[3].target == "ruritanians"


def test_withdrawals_have_no_target_and_the_displaced_are_a_people() -> None:
    from ceasefire.extract.dedupe import settle_targets

    kinds = {"ruritania": "state", "redfront": "group", "ruritanians": "people"}
    events = [
        Event("t", "WITHDRAW", "ruritania", "ruritanians"),
        Event("t", "MOBILIZE", "redfront", "ruritania"),
        Event("t", "RETURN", None, "redfront"),
        Event("t", "AID", None, "ruritanians"),
    ]
    settle_targets(events, kinds)
    assert events[0].target is None
    assert events[1].target is None  # not even the state whose land is entered
    assert events[2].target == "ruritanians"


def test_implementing_a_deal_is_not_its_start() -> None:
    text = "Borduria urged the parties on Friday to keep implementing the agreement in good faith."
    assert not [e for e in _events(text) if e.type == "AGREE" and e.actor is None]


def test_a_government_s_own_security_meeting_is_no_consultation() -> None:
    text = "Egyptian officials spoke after a special security meeting held on Thursday by the president."
    assert not [e for e in _events(text) if e.type == "CONSULT"]
    assert [e for e in _events(text.replace("security ", "")) if e.type == "CONSULT"]


def test_reserving_the_right_to_resume_fighting_is_a_threat() -> None:
    text = "Egypt reserves the right to resume military operations if the talks stall, its ministry said."
    kinds = {(e.type, e.object) for e in _events(text) if e.actor == "egypt"}
    assert ("THREATEN", "ATTACK") in kinds
    assert ("ATTACK", None) not in kinds


def test_a_vow_of_revenge_is_a_threat() -> None:
    from ceasefire.extract.dedupe import vows_of_force_are_threats

    vow = Event("t", "PLEDGE", "ruritania", "redfront", object="THREATEN")
    vows_of_force_are_threats([vow])
    assert (vow.type, vow.object) == ("THREATEN", "ATTACK")


def test_a_broker_does_not_let_the_displaced_return() -> None:
    from ceasefire.extract.dedupe import settle_targets

    kinds = {"ruritania": "state", "redfront": "group", "borduria": "state", "ruritanians": "people"}
    events = [
        Event("t", "ATTACK", "ruritania", "redfront"),
        Event("t", "ACCUSE", "redfront", "ruritania"),
        Event("t", "ATTACK", "ruritania", "redfront"),
        Event("t", "RETURN", "borduria", "ruritanians"),
    ]
    settle_targets(events, kinds)
    assert events[3].actor is None
