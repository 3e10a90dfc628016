"""Mode, passive voice, attribution, joint actors, pronouns and surnames, on sentences written for
the project."""

from __future__ import annotations

import ceasefire

DAY = "2025-02-05"  # a Wednesday


def one(sentence: str, kind: str) -> ceasefire.Event:  # type: ignore[name-defined]
    events = [e for e in ceasefire.extract(sentence, date=DAY) if e.type == kind]
    assert len(events) == 1, [e.to_spec() for e in ceasefire.extract(sentence, date=DAY)]
    return events[0]


def test_planned_mode_and_future_day() -> None:
    event = one("Hamas will release three hostages on Saturday.", "RELEASE")
    assert (event.mode, event.date, event.actor) == ("planned", "2025-02-08", "hamas")
    event = one("Hamas holds the captives. Three hostages are scheduled to be freed on Saturday.", "RELEASE")
    assert (event.mode, event.date) == ("planned", "2025-02-08")


def test_negated_mode() -> None:
    event = one("Israel did not withdraw its forces from southern Lebanon on Sunday.", "WITHDRAW")
    assert (event.mode, event.actor, event.date) == ("negated", "israel", "2025-02-02")
    event = one("Israel failed to withdraw from southern Lebanon on Sunday.", "WITHDRAW")
    assert event.mode == "negated"


def test_refusing_is_reject_and_not_accepting_is_reject() -> None:
    event = one("Hamas refused on Tuesday to release more hostages.", "REJECT")
    assert (event.actor, event.object) == ("hamas", "RELEASE")
    event = one("Hamas said on Monday that it would not accept the demand.", "REJECT")
    assert event.actor == "hamas"


def test_passive_voice_takes_the_agent_after_by() -> None:
    event = one("Three Israeli hostages were freed by Hamas on Saturday.", "RELEASE")
    assert (event.actor, event.target, event.date) == ("hamas", "israel", "2025-02-01")
    event = one("The release of four captives by Islamic Jihad was completed on Thursday.", "RELEASE")
    assert event.actor == "pij"


def test_attribution_gives_the_source() -> None:
    event = one("According to Israeli officials, Hamas released two hostages on Thursday.", "RELEASE")
    assert (event.actor, event.source) == ("hamas", "israel")
    event = one("Hamas said Israel had violated the truce.", "ACCUSE")
    assert (event.actor, event.target, event.source) == ("hamas", "israel", "hamas")


def test_threat_with_condition_is_one_event() -> None:
    events = ceasefire.extract(
        "Israel threatened to resume strikes if the hostages are not freed by Saturday.", date=DAY
    )
    assert [(e.type, e.actor, e.object) for e in events] == [("THREATEN", "israel", "ATTACK")]
    assert events[0].date == DAY  # dated on the day it was made, not on the deadline


def test_joint_actors_give_one_event_each() -> None:
    events = ceasefire.extract("Egypt and Qatar urged Israel on Monday to let more aid in.", date=DAY)
    assert sorted(e.actor for e in events if e.type == "DEMAND") == ["egypt", "qatar"]
    events = ceasefire.extract("Israel and Hamas agreed on a ceasefire deal on Wednesday.", date=DAY)
    assert sorted((e.actor, e.target) for e in events) == [("hamas", "israel"), ("israel", "hamas")]


def test_pronouns_groups_and_surnames_resolve_to_the_last_actor() -> None:
    text = (
        "Hamas spokesman Hazem Qassem spoke on Monday. "
        "The group said it was ready to free three captives on Saturday. "
        "Qassem accused Israel of stalling."
    )
    events = ceasefire.extract(text, date=DAY)
    assert ("PLEDGE", "hamas") in {(e.type, e.actor) for e in events}
    accuse = [e for e in events if e.type == "ACCUSE"]
    assert accuse and accuse[0].actor == "hamas" and accuse[0].target == "israel"


def test_releases_keep_whose_people_they_are() -> None:
    events = ceasefire.extract(
        "Israel freed 183 Palestinian prisoners on Saturday after Hamas released three Israeli hostages.",
        date=DAY,
    )
    pairs = {
        (e.actor, e.target, e.quantity.value if e.quantity else None) for e in events if e.type == "RELEASE"
    }
    assert pairs == {("israel", "palestinians", 183), ("hamas", "israel", 3)}


def test_history_and_deal_descriptions_are_not_events() -> None:
    assert (
        ceasefire.extract("Under the deal, 33 hostages are to be freed in the first phase.", date=DAY) == []
    )
    assert [e.type for e in ceasefire.extract("The captives were abducted during the war.", date=DAY)] == []


def test_one_event_per_happening() -> None:
    text = "Hamas released three hostages on Saturday. The release of the three hostages went smoothly."
    releases = [e for e in ceasefire.extract(text, date=DAY) if e.type == "RELEASE"]
    assert len(releases) == 1 and releases[0].date == "2025-02-01"


def test_an_exchange_of_two_parties_frees_each_others_people() -> None:
    text = (
        "Cambodia accused Thailand of shelling a border village on Monday. "
        "Russia and Ukraine swapped 150 prisoners of war on Tuesday."
    )
    releases = [e for e in ceasefire.extract(text, date=DAY) if e.type == "RELEASE"]
    # each side frees the other's, not a party named earlier in the report
    assert sorted((e.actor, e.target) for e in releases) == [("russia", "ukraine"), ("ukraine", "russia")]
    # coordinated releasers of one handover are not each other's targets
    events = ceasefire.extract("Hamas and Islamic Jihad freed two Israeli hostages on Monday.", date=DAY)
    assert sorted((e.actor, e.target) for e in events) == [("hamas", "israel"), ("pij", "israel")]


def test_hours_before_the_truce_is_news_not_history() -> None:
    event = one("Iran fired missiles at Israel on Tuesday, hours before the ceasefire began.", "ATTACK")
    assert (event.actor, event.target, event.date) == ("iran", "israel", "2025-02-04")
    # the war's background still is not
    events = ceasefire.extract("Israel struck Gaza before the ceasefire.", date=DAY)
    assert not [e for e in events if e.type == "ATTACK"]


def test_who_made_a_named_thing_is_not_the_source_of_the_sentence() -> None:
    text = "Iran fired missiles at Israel, hours before the truce announced by President Trump began."
    event = one(text, "ATTACK")
    assert event.source is None
    event = one("The release of two hostages was announced by Hamas on Monday.", "RELEASE")
    assert event.source == "hamas"


def test_a_counted_people_after_of_is_not_the_subject() -> None:
    text = (
        "Thailand said it would return the bodies of two Cambodian soldiers but warned it would "
        "respond forcefully."
    )
    threats = [e for e in ceasefire.extract(text, date=DAY) if e.type == "THREATEN"]
    assert [e.actor for e in threats] == ["thailand"]


def test_a_party_saying_it_will_respect_the_deal_pledges_it() -> None:
    event = one("Prime Minister Hun Manet said Cambodia would fully respect the agreement.", "PLEDGE")
    assert (event.actor, event.object) == ("cambodia", "AGREE")
    events = ceasefire.extract("The talks were held with respect for the rules.", date=DAY)
    assert not [e for e in events if e.type == "PLEDGE"]


def test_agreeing_to_end_hostilities_is_an_agreement_of_both() -> None:
    text = "Azerbaijan and Armenia agreed to end hostilities, the two leaders said in Washington."
    agreed = [e for e in ceasefire.extract(text, date=DAY) if e.type == "AGREE"]
    # each with the other, not with the city where it was said
    assert sorted((e.actor, e.target) for e in agreed) == [
        ("armenia", "azerbaijan"),
        ("azerbaijan", "armenia"),
    ]
    text = "Ethiopia's government and the TPLF agreed to a permanent cessation of hostilities."
    agreed = [e for e in ceasefire.extract(text, date=DAY) if e.type == "AGREE"]
    assert sorted((e.actor, e.target) for e in agreed) == [("ethiopia", "tplf"), ("tplf", "ethiopia")]


def test_coordinated_demonyms_before_a_noun_are_both_doers_and_the_venue_no_target() -> None:
    text = "Indian and Pakistani negotiators held their first direct talks in Riyadh on Monday."
    talks = [e for e in ceasefire.extract(text, date=DAY) if e.type == "CONSULT"]
    assert sorted((e.actor, e.target) for e in talks) == [("india", "pakistan"), ("pakistan", "india")]


def test_weapons_intercepted_are_the_senders_attack_on_the_interceptor() -> None:
    text = "The Russian defence ministry said air defences had shot down 48 Ukrainian drones overnight."
    event = one(text, "ATTACK")
    assert (event.actor, event.target, event.rule) == ("ukraine", "russia", "attack.intercepted")
    event = one("Three Hezbollah rockets were intercepted by the Israeli Air Force on Monday.", "ATTACK")
    assert (event.actor, event.target) == ("hezbollah", "israel")
    # the sender unnamed: an attack on the interceptor by nobody named, not the other party's
    text = "Israel and Hezbollah traded threats. The army said it had intercepted two rockets on Monday."
    events = [e for e in ceasefire.extract(text, date=DAY) if e.type == "ATTACK"]
    assert [(e.actor, e.target) for e in events] == [(None, "israel")]


def test_coordinated_accusers_accuse_each_other_only_when_the_sentence_says_so() -> None:
    text = "Israel and Hamas agreed to a truce on Sunday. Egypt and Jordan condemned the decision on Monday."
    accusers = [e for e in ceasefire.extract(text, date=DAY) if e.type == "ACCUSE"]
    assert sorted(e.actor for e in accusers) == ["egypt", "jordan"]
    assert all(e.target not in ("egypt", "jordan") for e in accusers)
    text = "Israel and Hezbollah traded blame on Monday for the delay in the withdrawal."
    accusers = [e for e in ceasefire.extract(text, date=DAY) if e.type == "ACCUSE"]
    assert sorted((e.actor, e.target) for e in accusers) == [("hezbollah", "israel"), ("israel", "hezbollah")]
