"""General rules of the fifth quality pass, on sentences written for the project."""

from __future__ import annotations

import ceasefire

DAY = "2025-02-05"  # a Wednesday


def of_type(text: str, kind: str, date: str = DAY) -> list[ceasefire.Event]:  # type: ignore[name-defined]
    return [e for e in ceasefire.extract(text, date=date) if e.type == kind]


def test_trying_to_force_a_party_to_act_is_a_demand_of_it() -> None:
    text = "Egypt is trying to force Hamas to accept a longer first phase of the truce."
    events = of_type(text, "DEMAND")
    assert [(e.actor, e.target) for e in events] == [("egypt", "hamas")]
    assert of_type(text, "AGREE") == []
    events = of_type("Qatar has been forcing Israel to reopen the crossing.", "DEMAND")
    assert [(e.actor, e.target) for e in events] == [("qatar", "israel")]


def test_forces_and_being_forced_out_are_no_demand() -> None:
    assert of_type("Hezbollah forces moved back to the north of the river.", "DEMAND") == []
    assert of_type("The shelling forced thousands of families to leave the town.", "DEMAND") == []


def test_a_cabinet_meeting_about_a_deal_with_another_party_is_domestic() -> None:
    text = "The Israeli cabinet was due to meet on Friday to endorse the truce it reached with Hamas."
    assert of_type(text, "CONSULT") == []
    text = "The cabinet, which had been due to convene on Monday, would not meet until Hamas backed down."
    assert of_type(text, "CONSULT") == []


def test_a_party_met_right_after_the_verb_is_still_met() -> None:
    events = of_type("The Lebanese parliament speaker met with the US envoy on Sunday.", "CONSULT")
    assert {e.actor for e in events} == {"usa"}


def test_a_party_right_before_its_step_still_does_it() -> None:
    events = of_type("Hamas's sudden postponement of the handover angered the families.", "SUSPEND")
    assert [e.actor for e in events] == ["hamas"]
    events = of_type("Israeli air strikes hit the port on Tuesday.", "ATTACK", date="2025-02-05")
    assert [e.actor for e in events] == ["israel"]


def test_a_speaker_who_opened_the_talks_still_urges_on_his_own() -> None:
    text = "Egypt, which hosted the meeting, urged both sides to accept a truce."
    events = of_type(text, "DEMAND")
    assert [e.actor for e in events] == ["egypt"]


def test_a_deal_a_body_will_meet_to_approve_is_not_approved_yet() -> None:
    text = "Israeli officials said the cabinet won’t meet to approve the truce deal until Hamas backs down."
    assert of_type(text, "AGREE") == []
    assert of_type(text, "REJECT") == []


def test_an_approval_told_outright_stays() -> None:
    events = of_type("The Israeli cabinet approved the truce with Hamas on Tuesday.", "AGREE")
    assert [e.actor for e in events] == ["israel"]


def test_a_typographic_apostrophe_still_negates() -> None:
    for text in (
        "Hamas won\u2019t free the hostages on Saturday.",
        "Hamas won't free the hostages on Saturday.",
    ):
        assert [e.mode for e in of_type(text, "RELEASE")] == ["negated"]


def test_a_titled_speaker_before_a_relative_clause_is_the_subject() -> None:
    text = "The Egyptian foreign minister, who chaired the meeting, urged both sides to accept a truce."
    assert [e.actor for e in of_type(text, "DEMAND")] == ["egypt"]


def test_a_word_that_is_no_title_before_the_relative_clause_names_no_subject() -> None:
    # "Egypt said the war, which killed thousands, must end": the war is no party
    assert of_type("Egypt said the war, which killed thousands, must end.", "ATTACK") == []


def test_a_line_linking_to_another_story_is_no_news() -> None:
    text = (
        "Israeli troops pulled back from two villages on Monday.\n"
        "READ MORE: Hezbollah chief demands a full Israeli pullout by March\n"
        "Residents began returning home."
    )
    assert of_type(text, "DEMAND") == []
    assert [e.actor for e in of_type(text, "WITHDRAW")] == ["israel"]
    assert of_type("Hezbollah chief demands a full Israeli pullout by March.", "DEMAND")
