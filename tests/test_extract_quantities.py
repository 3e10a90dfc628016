"""Which count an event carries (ANNOTATION: quantity, running tolls, bodies), on sentences written
for the project."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasefire.extract.event import Event
from ceasefire.extract.pipeline import Extractor

REPORT_DAY = dt.date(2031, 6, 13)  # a Friday


def _events(text: str, kind: str | None = None) -> list[Event]:
    events = Extractor().analyse(text, REPORT_DAY, "t").events
    return [e for e in events if kind is None or e.type == kind]


def _counts(events: list[Event]) -> list[tuple[int, str] | None]:
    return [(e.quantity.value, e.quantity.unit) if e.quantity else None for e in events]


def test_a_toll_since_the_truce_has_no_day() -> None:
    attacks = _events(
        "The health ministry said on Wednesday that at least 57 people had been killed by Israeli fire "
        "since the truce began.",
        "ATTACK",
    )
    assert [(e.actor, e.date) for e in attacks] == [("israel", None)]
    assert _counts(attacks) == [(57, "killed")]


def test_a_strike_of_one_day_keeps_its_day() -> None:
    attacks = _events("An Israeli airstrike killed 12 people in Khan Younis on Wednesday.", "ATTACK")
    assert [e.date for e in attacks] == ["2031-06-11"]
    assert _counts(attacks) == [(12, "killed")]


def test_hostages_of_two_states_are_one_release_each() -> None:
    releases = _events(
        "Hamas freed seven hostages on Thursday: four Thai nationals and three Israelis.", "RELEASE"
    )
    got = sorted((e.actor, e.target, e.quantity.value if e.quantity else None) for e in releases)
    assert got == [("hamas", "israel", 3), ("hamas", "thailand", 4)]


def test_an_exchange_is_not_split_by_people() -> None:
    releases = _events(
        "Hamas freed three Israeli hostages on Thursday in exchange for 110 Palestinian prisoners.",
        "RELEASE",
    )
    assert ("hamas", (3, "hostage")) in [(e.actor, _counts([e])[0]) for e in releases]
    assert all(e.target != "palestinians" or e.actor == "israel" for e in releases)


def test_a_share_of_a_handover_is_not_its_count() -> None:
    releases = _events(
        "Two hostages still held in Gaza were made to watch the release of Dan and Eli, two of the "
        "five hostages freed by Hamas on Thursday.",
        "RELEASE",
    )
    assert _counts([e for e in releases if e.actor == "hamas"]) == [(5, "hostage")]


def test_the_toll_of_a_strike_may_follow_in_the_next_sentence() -> None:
    attacks = _events(
        "Israeli jets struck Rafah on Wednesday night. Local officials said 31 people died.", "ATTACK"
    )
    assert [(e.actor, e.date) for e in attacks] == [("israel", "2031-06-11")]
    assert _counts(attacks) == [(31, "killed")]


def test_an_exact_figure_below_the_lede_refines_its_rounded_count() -> None:
    attacks = _events(
        "Israeli strikes killed more than 50 Palestinians in Gaza on Thursday. "
        "Hospitals said they had received the bodies of 53 people.",
        "ATTACK",
    )
    assert _counts(attacks) == [(53, "killed")]


def test_prisoners_counted_beside_a_release_told_without_a_number() -> None:
    releases = _events(
        "Buses carrying the 110 Palestinian prisoners reached Ramallah on Thursday night. "
        "Israel freed the prisoners from Ofer jail.",
        "RELEASE",
    )
    assert [(e.actor, _counts([e])[0]) for e in releases] == [("israel", (110, "prisoner"))]


def test_another_group_freed_adds_to_the_day_s_count() -> None:
    releases = _events(
        "Hamas freed three Israeli hostages in Gaza on Thursday. "
        "Another two Israeli hostages were released by Hamas later.",
        "RELEASE",
    )
    assert [(e.actor, e.date, _counts([e])[0]) for e in releases] == [("hamas", "2031-06-12", (5, "hostage"))]


def test_dedupe_reads_actor_kinds_from_the_extractor_s_registry() -> None:
    from ceasefire.extract.dedupe import dedupe_events
    from ceasefire.extract.event import Quantity

    # an actor the built-in registry does not know: only the kinds passed in make it a state
    handed = Event("t", "RELEASE", "freedonia", "rebels", date="2031-06-12", quantity=Quantity(2, "body"))
    handed.extra["dated"] = True
    kinds = {"freedonia": "state", "rebels": "group"}
    (event,) = dedupe_events([handed], kinds)
    assert (event.actor, event.target) == ("rebels", "freedonia")


def test_a_running_total_of_people_freed_is_no_handover() -> None:
    assert _events("Hamas has so far released 21 hostages under the truce.", "RELEASE") == []
    assert _events("Hamas released three hostages on Thursday.", "RELEASE") != []


def test_the_people_counted_in_a_release_are_its_target() -> None:
    releases = _events(
        "Israel and Hamas kept the truce. Seventy Palestinians walked free of Israeli jails on Thursday.",
        "RELEASE",
    )
    assert [(e.actor, e.target, _counts([e])[0]) for e in releases] == [
        ("israel", "palestinians", (70, "prisoner"))
    ]


def test_a_party_named_with_the_means_of_an_attack_is_its_doer() -> None:
    attacks = _events(
        "Hezbollah and Israel traded threats. "
        "Eleven people were killed in Israeli strikes on Tyre on Thursday.",
        "ATTACK",
    )
    assert [(e.actor, _counts([e])[0]) for e in attacks] == [("israel", (11, "killed"))]
    hit = _events("Israeli jets attacked Hezbollah military sites in the south on Thursday.", "ATTACK")
    assert [e.actor for e in hit] == ["israel"]


def test_a_step_the_deal_provides_is_not_dated_by_the_deal_s_start() -> None:
    text = "The truce that took effect on June 2 said Lebanon's army was to deploy along the border."
    assert _events(text, "MOBILIZE") == []
    planned = _events("Lebanon's army will deploy troops along the border on Sunday, it said.", "MOBILIZE")
    assert [e.date for e in planned] == ["2031-06-15"]


def test_an_attack_on_a_state_is_not_ascribed_to_an_unnamed_armed_group() -> None:
    text = (
        "Israel and Hamas traded accusations over the truce on Thursday. "
        "Rockets hit southern Israel on Thursday night, the army said."
    )
    assert [e.actor for e in _events(text, "ATTACK")] == []  # militants are named, or nobody's


def test_a_count_inside_an_inclusion_aside_is_not_the_toll() -> None:
    attacks = _events(
        "Israeli strikes killed 31 people in Rafah on Thursday, including nine children and a nurse.",
        "ATTACK",
    )
    assert _counts(attacks) == [(31, "killed")]


def test_an_unnamed_toll_next_door_counts_the_named_attack() -> None:
    # the second sentence's killing has no doer of its own: its toll is the first one's
    attacks = _events(
        "On Thursday, Israeli troops opened fire on villagers returning to Kfar Tal. "
        "Officials said 14 people, including two medics, were killed.",
        "ATTACK",
    )
    assert [(e.actor, e.date, _counts([e])[0]) for e in attacks] == [("israel", "2031-06-12", (14, "killed"))]


ROUNDED_LEDE = (
    "Israeli strikes killed more than 70 Palestinians across Gaza on Thursday. "
    "The army said it had hit command posts. Rescue crews worked through the night. "
)


@pytest.mark.parametrize(
    ("later", "count"),
    [
        ("The health ministry later said the bodies of 74 people had reached hospitals.", 74),
        # far above the rounded figure: another count (here the war's), not this toll's exact one
        ("Since the war began, the bodies of 900 people have reached the city's hospitals.", 70),
    ],
)
def test_an_exact_figure_anywhere_in_the_report_refines_a_rounded_toll_just_below_it(
    later: str, count: int
) -> None:
    attacks = _events(ROUNDED_LEDE + later, "ATTACK")
    assert _counts(attacks) == [(count, "killed")]
    assert ("told in the report" in attacks[0].reason) == (count == 74)


def test_the_n_others_handed_over_with_one_told_before_make_n_plus_one() -> None:
    releases = _events(
        "Israel said the body Hamas handed over on Thursday was not that of the missing woman. "
        "The two other bodies handed over on Thursday were identified by the army.",
        "RELEASE",
    )
    assert [(e.actor, e.date, _counts([e])[0]) for e in releases] == [("hamas", "2031-06-12", (3, "body"))]


def test_a_bare_count_as_the_subject_of_a_release_takes_the_captives_noun() -> None:
    releases = _events(
        "Hamas did not say which hostages it would free on Saturday, when four are due to be released.",
        "RELEASE",
    )
    assert [(e.actor, e.mode, _counts([e])[0]) for e in releases] == [("hamas", "planned", (4, "hostage"))]
    # a share of a group is no bare count; nor is a count with no captives named
    shares = _events(
        "Hamas holds six hostages; two of the six were released by the group on Saturday.", "RELEASE"
    )
    assert _counts(shares) != [(6, "hostage")]
    nameless = _events("Hamas said on Saturday that three were released by the group.", "RELEASE")
    assert all(c is None for c in _counts(nameless))


def test_the_freed_counted_by_people_in_the_next_sentence_split_the_release() -> None:
    releases = _events(
        "Hamas freed six hostages in Khan Younis on Thursday. "
        "The freed captives included two Israeli civilians and three Thai farm workers.",
        "RELEASE",
    )
    got = sorted((e.actor, e.target, _counts([e])[0]) for e in releases)
    assert got == [("hamas", "israel", (2, "hostage")), ("hamas", "thailand", (3, "hostage"))]
    # more freed than the report's count: the next sentence tells of others, the count stays
    kept = _events(
        "Hamas freed two hostages in Khan Younis on Thursday. "
        "Those freed this month included four Israeli civilians and three Thai farm workers.",
        "RELEASE",
    )
    assert [(e.target, _counts([e])[0]) for e in kept] == [("israel", (2, "hostage"))]


def test_a_ratio_of_a_swap_is_no_count_of_the_release() -> None:
    releases = _events(
        "Hamas will free one female soldier for 50 prisoners on Saturday, the group said.", "RELEASE"
    )
    assert all(c is None or c[0] not in (1, 50) for c in _counts(releases))


def test_people_an_armed_group_frees_are_hostages_whatever_the_copy_calls_them() -> None:
    text = "Hamas freed two Israeli prisoners in Gaza on Saturday, and Israel freed 60 Palestinian detainees."
    releases = sorted(_events(text, "RELEASE"), key=lambda e: str(e.actor))
    assert [e.actor for e in releases] == ["hamas", "israel"]
    assert _counts(releases) == [(2, "hostage"), (60, "prisoner")]


def test_a_soldier_handed_back_is_released() -> None:
    text = "India handed back a Pakistan Rangers soldier held since May, officials said."
    assert [(e.actor, e.target) for e in _events(text, "RELEASE")] == [("india", "pakistan")]
