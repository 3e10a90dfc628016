"""Talks and speech acts: who speaks, who is addressed, joint speakers and threat phrases, on sentences
written for the project."""

from __future__ import annotations

import ceasefire

DAY = "2025-02-05"  # a Wednesday


def events(sentence: str, kind: str) -> list[ceasefire.Event]:  # type: ignore[name-defined]
    return [e for e in ceasefire.extract(sentence, date=DAY) if e.type == kind]


def pairs(sentence: str, kind: str) -> set[tuple[str | None, str | None]]:
    return {(e.actor, e.target) for e in events(sentence, kind)}


def test_short_mixed_case_alias_is_matched_in_its_case_only() -> None:
    # "LeT" (a group's short name) is not the verb "let"
    found = ceasefire.extract("The minister said on Monday he would let the fighting resume.", date=DAY)
    assert all(e.actor != "lashkar-e-taiba" for e in found)


def test_the_one_who_will_pay_the_price_is_threatened() -> None:
    found = pairs("Hezbollah will pay a heavy price, Israel's defence minister said on Monday.", "THREATEN")
    assert found == {("israel", "hezbollah")}
    found = pairs("Syrian forces entering the zone will be met with fire, the Israeli army said.", "THREATEN")
    assert found == {("israel", "syria")}


def test_a_mediator_between_two_parties_is_the_actor() -> None:
    found = pairs("Egypt has been mediating between Israel and Hamas for weeks.", "CONSULT")
    assert found == {("egypt", None)}
    # talks between two parties are still theirs
    found = pairs("Talks between Israel and Hamas resumed in Cairo on Monday.", "CONSULT")
    assert found == {("israel", "hamas"), ("hamas", "israel")}


def test_troops_that_remain_are_a_suspension_only_when_meant_to_or_past_a_deadline() -> None:
    assert not events("Israeli troops remain stationed in several border towns, residents said.", "SUSPEND")
    assert not events("The remaining hostages would be freed in a later phase, Israel said.", "SUSPEND")
    found = events(
        "Israel said on Monday it plans to remain in five hilltop positions in southern Lebanon.", "SUSPEND"
    )
    assert [(e.actor, e.object) for e in found] == [("israel", "WITHDRAW")]


def test_a_participle_qualifying_a_noun_is_no_act() -> None:
    assert not events("Hamas urged Israel to respect the signed agreement.", "AGREE")
    assert not events("Monitors warned on Sunday of the renewed fighting near the border.", "AGREE")
    assert pairs("Israel and Hamas signed the agreement on Sunday.", "AGREE") == {
        ("israel", "hamas"),
        ("hamas", "israel"),
    }


def test_a_party_ready_to_enter_talks_pledges_them() -> None:
    found = events(
        "If Hamas accepts, Israel will immediately enter into negotiations, the minister said.", "PLEDGE"
    )
    assert [(e.actor, e.object) for e in found] == [("israel", "CONSULT")]
    assert not events("Israel and Hamas began talks in Cairo on Monday.", "PLEDGE")


def test_returning_to_fighting_or_homes_is_no_visit() -> None:
    assert not events("The army said Israel may return to fighting if the negotiations fail.", "CONSULT")
    assert not events("Displaced families tried to return to their homes near the talks venue.", "CONSULT")
    found = events("The Egyptian envoy returned to Doha on Monday for talks with the delegation.", "CONSULT")
    assert [e.actor for e in found] == ["egypt"]


def test_may_marks_a_step_to_come() -> None:
    found = events("Israel may resume the war if the hostages are not freed, the minister said.", "THREATEN")
    assert [e.actor for e in found] == ["israel"]


def test_a_spokesman_for_a_party_speaks_for_it() -> None:
    found = pairs("Sami Nour, a member of the Hamas political bureau, accused Israel of stalling.", "ACCUSE")
    assert found == {("hamas", "israel")}
    found = pairs("A spokesman for Hezbollah on Monday accused Israel of violating the truce.", "ACCUSE")
    assert found == {("hezbollah", "israel")}


def test_a_demand_to_ones_own_side_is_domestic() -> None:
    assert not events(
        "Israel's defence minister on Monday called on the Israeli army to prepare for any scenario.",
        "DEMAND",
    )
    assert pairs("Israel's defence minister on Monday called on Hamas to free the hostages.", "DEMAND") == {
        ("israel", "hamas")
    }


def test_a_second_speech_act_with_its_own_subject_is_its_own_event() -> None:
    sentence = (
        "The truce phase ended on Sunday, with Israel pushing for an extension and Hamas demanding new talks."
    )
    assert {e.actor for e in events(sentence, "DEMAND")} == {"israel", "hamas"}


def test_pressing_another_party_into_a_step_is_a_demand() -> None:
    found = pairs(
        "Israel said on Monday its strikes aim to pressure Hamas into freeing the hostages.", "DEMAND"
    )
    assert found == {("israel", "hamas")}
    assert not events("Israeli forces entered the village on Monday.", "DEMAND")
    assert not events("Hamas is under mounting pressure to free the hostages.", "DEMAND")


def test_mediators_from_states_are_the_speakers_not_places() -> None:
    sentence = "Mediators from Egypt, Qatar and the United States urged new negotiations on Tuesday."
    assert {e.actor for e in events(sentence, "DEMAND")} == {"egypt", "qatar", "usa"}


def test_a_party_named_inside_a_quote_or_a_phrase_is_not_the_one_cited() -> None:
    sentence = (
        '"The rockets are a flagrant violation of the truce between Israel and Lebanon," the statement added.'
    )
    assert all(e.actor != "lebanon" for e in events(sentence, "ACCUSE"))
    found = events(
        "Hamas violated the deal, the office of the Israeli prime minister said on Monday.", "ACCUSE"
    )
    assert [(e.actor, e.target) for e in found] == [("israel", "hamas")]


def test_a_deal_between_two_parties_agreed_in_the_passive_is_agreed_by_both() -> None:
    found = pairs(
        "Officials said on Sunday that a truce deal between Israel and Hamas has been agreed.", "AGREE"
    )
    assert found == {("israel", "hamas"), ("hamas", "israel")}
    found = pairs("The truce was signed between Israel and Lebanon on Tuesday.", "AGREE")
    assert found == {("israel", "lebanon"), ("lebanon", "israel")}


def test_halting_aid_is_done_to_the_people_of_the_place() -> None:
    found = events(
        "Israel on Sunday halted the entry of all goods into the Gaza Strip, Hamas said.", "SUSPEND"
    )
    assert [(e.actor, e.target, e.object) for e in found] == [("israel", "palestinians", "AID")]


def test_talks_with_mediators_in_a_capital_have_no_single_counterpart() -> None:
    found = events("Hamas leaders held talks with mediators in Cairo on Monday.", "CONSULT")
    assert [(e.actor, e.target) for e in found] == [("hamas", None)]


def test_neither_confirming_nor_denying_and_responsibility_that_lies_are_no_denial() -> None:
    assert not events("Israel has neither confirmed nor denied progress in the talks.", "DENY")
    assert not events('"The responsibility lies with the government," the Hezbollah leader said.', "DENY")
    assert events('"These claims are lies," a Hamas spokesman said of the Israeli charges.', "DENY")


def test_warnings_of_a_crisis_and_committing_violations_are_no_threat_or_pledge() -> None:
    assert not events(
        "The UN said on Monday, warning of a worsening humanitarian crisis in Gaza.", "THREATEN"
    )
    assert not events("Hezbollah said Israel is committing violations every day.", "PLEDGE")
    assert not events("Israeli jets struck the threatened site on Monday.", "THREATEN")


def test_a_partys_claims_are_its_accusation_but_x_claims_is_a_verb() -> None:
    found = events(
        "Lebanon's minister rejected on Monday Israeli claims that Hezbollah smuggled cash.", "ACCUSE"
    )
    assert [(e.actor, e.target) for e in found] == [("israel", "hezbollah")]
    assert not events("Hamas claims responsibility for the attack.", "ACCUSE")


def test_a_denial_of_anothers_claims_is_the_deniers_act() -> None:
    sentence = "A Hamas official told reporters on Monday that Israel's claims were baseless."
    assert [(e.actor, e.target) for e in events(sentence, "DENY")] == [("hamas", "israel")]
    assert [e.actor for e in events(sentence, "ACCUSE")] == ["israel"]


def test_a_cabinet_meeting_and_a_message_sent_are_no_talks() -> None:
    assert not events("The Israeli cabinet was set to meet on Thursday to ratify the deal.", "CONSULT")
    assert not events("Israel sent an angry message to the mediators on Friday.", "CONSULT")
    assert [e.actor for e in events("Israel sent a delegation to Cairo for talks on Friday.", "CONSULT")] == [
        "israel"
    ]


def test_talks_that_begin_are_no_truce_taking_effect() -> None:
    assert not events("Talks on the truce are set to begin on Monday.", "AGREE")
    assert events("The ceasefire took effect on Sunday morning.", "AGREE")


def test_a_party_before_an_ing_verb_after_to_is_its_subject() -> None:
    sentence = "Israel resumed strikes on Tuesday in response to Hamas rejecting the proposal."
    assert [e.actor for e in events(sentence, "REJECT")] == ["hamas"]


def test_a_commitment_is_a_pledge_only_when_stated() -> None:
    assert not events(
        "Observers voiced concerns over Israel's willingness to move to the next phase.", "PLEDGE"
    )
    found = events("Hamas on Monday reaffirmed its commitment to the ceasefire agreement.", "PLEDGE")
    assert [e.actor for e in found] == ["hamas"]
