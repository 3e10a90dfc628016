"""General rules of the fourth quality pass, on sentences written for the project."""

from __future__ import annotations

import ceasefire

DAY = "2025-02-05"  # a Wednesday


def of_type(text: str, kind: str, date: str = DAY) -> list[ceasefire.Event]:  # type: ignore[name-defined]
    return [e for e in ceasefire.extract(text, date=date) if e.type == kind]


def test_a_strike_dated_only_by_a_long_past_month_is_background() -> None:
    assert of_type("In October, Israel stepped up its shelling of the northern towns.", "ATTACK") == []
    assert of_type("The army said 900 aid trucks entered the strip in November.", "AID") == []


def test_a_strike_in_last_month_or_this_month_is_still_news() -> None:
    events = of_type("In January, Israel stepped up its shelling of the northern towns.", "ATTACK")
    assert [e.date for e in events] == ["2025-01-01"]
    events = of_type("In February, Israel stepped up its shelling of the northern towns.", "ATTACK")
    assert [e.date for e in events] == ["2025-02-01"]


def test_the_truce_and_its_stalling_dated_by_an_old_month_stay() -> None:
    events = of_type("Israel and Hamas reached a ceasefire deal in November.", "AGREE")
    assert events
    assert of_type("Israel delayed the promised pullout in November, the mediators said.", "SUSPEND")


def test_a_short_dated_parenthesis_does_not_cut_the_day_off_its_clause() -> None:
    text = "Israel on Friday (March 28) bombed a depot in the suburbs, testing a truce agreed in November."
    events = of_type(text, "ATTACK", date="2025-03-29")
    assert [e.date for e in events] == ["2025-03-28"]


def test_a_named_parenthesis_keeps_the_clause_limit() -> None:
    # "(IDF)" is no date: the clause still starts after it, and the report's day stands
    text = "Earlier the army struck hard; the Israel Defense Forces (IDF) shelled a depot on Monday."
    events = of_type(text, "ATTACK")
    assert [e.date for e in events] == ["2025-02-03"]


def test_an_undated_deal_by_nobody_after_since_or_after_is_background() -> None:
    text = "Since the truce was agreed, aid convoys have grown longer each week."
    assert of_type(text, "AGREE") == []
    text = "The envoy said after the accord was agreed that talks would go on."
    assert of_type(text, "AGREE") == []


def test_a_deal_after_since_with_a_day_or_a_party_stays() -> None:
    events = of_type("Since the truce was agreed on Monday, aid convoys have grown longer.", "AGREE")
    assert [e.date for e in events] == ["2025-02-03"]
    assert of_type("Aid has grown since Israel and Hamas agreed to the truce.", "AGREE")


def test_what_a_war_leaves_is_no_withdrawal() -> None:
    text = "Soldiers shelled the border town on Monday, a town left in ruins by months of fighting."
    assert of_type(text, "WITHDRAW") == []
    text = "Families walked past fields left behind by retreating Israeli troops."
    assert of_type(text, "WITHDRAW") == []


def test_troops_leaving_a_town_still_withdraw() -> None:
    events = of_type("Israeli troops left the southern town on Monday, the army said.", "WITHDRAW")
    assert [(e.actor, e.date) for e in events] == [("israel", "2025-02-03")]


def test_a_deed_called_a_warning_is_no_threat() -> None:
    text = "Hezbollah said its rocket salvo on Monday was a warning to Israel."
    assert of_type(text, "THREATEN") == []
    text = "Hamas said the delay serves as a warning to Israel."
    assert of_type(text, "THREATEN") == []


def test_a_warning_issued_is_still_a_threat() -> None:
    events = of_type("Israel warned Hamas on Monday that it would resume the war.", "THREATEN")
    assert [(e.actor, e.target) for e in events] == [("israel", "hamas")]


def test_a_party_sending_a_team_after_a_meeting_is_its_own_consult() -> None:
    text = "After the meeting, Israel sent a delegation to Cairo on Monday to continue the negotiations."
    events = of_type(text, "CONSULT")
    assert ("israel", "egypt") in [(e.actor, e.target) for e in events]


def test_a_meeting_about_talks_with_no_new_subject_stays_one_consult() -> None:
    text = "Egypt's foreign minister met Qatar's prime minister on Monday to discuss the talks."
    events = of_type(text, "CONSULT")
    assert [(e.actor, e.target) for e in events] == [("egypt", "qatar")]


def test_a_strike_and_its_toll_in_one_sentence_are_one_attack() -> None:
    text = "An Israeli strike on south Beirut on Monday killed six people, including a Hezbollah commander."
    events = of_type(text, "ATTACK")
    assert len(events) == 1
    assert (events[0].actor, events[0].quantity.value if events[0].quantity else None) == ("israel", 6)


def test_two_strikes_with_two_tolls_stay_two_attacks() -> None:
    text = "On Monday Israeli strikes killed 12 people in Rafah and an air strike killed 7 in Khan Younis."
    events = of_type(text, "ATTACK")
    assert sorted(e.quantity.value for e in events if e.quantity) == [7, 12]
