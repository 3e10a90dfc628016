"""Linking stories to the obligations they fulfil, delay, suspend, dispute or breach."""

from __future__ import annotations

import pytest

from ceasefire.agreements.load import get_agreement
from ceasefire.agreements.obligations import expand_obligations
from ceasefire.assess.fuse import fuse_events
from ceasefire.assess.link import link_stories
from test_fuse import ev


@pytest.fixture(scope="module")
def gaza():  # type: ignore[no-untyped-def]
    return get_agreement("gaza-2025")


def links_of(gaza, events):  # type: ignore[no-untyped-def]
    stories = fuse_events(events)
    return {(lk.obligation_id, lk.relation) for lk in link_stories(gaza, expand_obligations(gaza), stories)}


def test_release_fulfils_its_round_and_fewer_partly(gaza) -> None:  # type: ignore[no-untyped-def]
    assert ("hostage-round-6", "fulfils") in links_of(
        gaza, [ev("a", "RELEASE", "hamas", "israel", day="2025-02-15", qty=3)]
    )
    assert ("hostage-round-7", "partly_fulfils") in links_of(
        gaza, [ev("a", "RELEASE", "hamas", "israel", day="2025-02-22", qty=4)]
    )


def test_release_told_first_as_planned_then_as_done(gaza) -> None:  # type: ignore[no-untyped-def]
    planned = [
        ev("p", "RELEASE", "hamas", "israel", day="2025-02-15", qty=3, mode="planned", published="2025-02-12")
    ]
    assert not any(rel == "fulfils" for _, rel in links_of(gaza, planned))
    done = [*planned, ev("d", "RELEASE", "hamas", "israel", day="2025-02-15", qty=3)]
    assert ("hostage-round-6", "fulfils") in links_of(gaza, done)


def test_late_release_fulfils_and_delays(gaza) -> None:  # type: ignore[no-untyped-def]
    found = links_of(
        gaza, [ev("a", "RELEASE", "israel", "palestinians", day="2025-02-27", qty=642, unit="prisoner")]
    )
    assert {("prisoner-round-7", "fulfils"), ("prisoner-round-7", "delays")} <= found


def test_suspension_concerns_the_next_open_round(gaza) -> None:  # type: ignore[no-untyped-def]
    events = [
        ev("a", "RELEASE", "hamas", "israel", day="2025-02-08", qty=3),
        ev("b", "SUSPEND", "hamas", "israel", obj="RELEASE", day="2025-02-10"),
    ]
    found = links_of(gaza, events)
    assert ("hostage-round-6", "suspends") in found and ("hostage-round-5", "suspends") not in found


def test_withdrawal_matches_by_place(gaza) -> None:  # type: ignore[no-untyped-def]
    found = links_of(gaza, [ev("a", "WITHDRAW", "israel", None, day="2025-02-09", location="Netzarim")])
    assert ("withdraw-netzarim", "fulfils") in found
    assert not any(o == "withdraw-coastal-road" for o, _ in found)


def test_accusation_disputes_and_attack_breaches(gaza) -> None:  # type: ignore[no-untyped-def]
    found = links_of(
        gaza,
        [
            ev("a", "ACCUSE", "hamas", "israel", obj="AID", day="2025-02-10"),
            ev("b", "ATTACK", "israel", "palestinians", day="2025-03-18", qty=400, unit="killed"),
        ],
    )
    assert ("aid-trucks", "disputes") in found
    assert ("ceasefire-israel", "breaches") in found


def test_withdrawal_from_a_place_no_provision_names_goes_by_the_day(gaza) -> None:  # type: ignore[no-untyped-def]
    found = links_of(gaza, [ev("a", "WITHDRAW", "israel", None, day="2025-02-09", location="central Gaza")])
    assert ("withdraw-netzarim", "fulfils") in found


def test_return_told_with_the_displaced_as_actor_counts_for_the_obligor(gaza) -> None:  # type: ignore[no-untyped-def]
    found = links_of(
        gaza, [ev("a", "RETURN", "palestinians", None, day="2025-01-27", published="2025-01-27")]
    )
    assert ("return-north", "fulfils") in found


def test_a_report_on_another_conflict_is_left_out_whole(gaza) -> None:  # type: ignore[no-untyped-def]
    from ceasefire.assess.scope import scoped

    events = [
        ev("lb", "ATTACK", "israel", None, day="2025-01-26"),
        ev("lb", "ATTACK", "israel", "hezbollah", day="2025-01-26", location="southern Lebanon"),
        ev("gz", "ATTACK", "israel", None, day="2025-01-26"),
        ev("gz", "RELEASE", "hamas", "israel", day="2025-01-25", qty=4),
    ]
    assert sorted({e.event.doc_id for e in scoped(gaza, events)}) == ["gz"]


def test_an_analysts_provision_link_replaces_the_automatic_one(gaza) -> None:  # type: ignore[no-untyped-def]
    suspension = ev("b", "SUSPEND", "hamas", "israel", obj="RELEASE", day="2025-02-10")
    assert ("hostage-round-6", "suspends") in links_of(gaza, [suspension])
    suspension.event.extra["provision"] = "bodies-round-1"  # set by a review in the web app
    found = links_of(gaza, [suspension])
    assert ("bodies-round-1", "suspends") in found and ("hostage-round-6", "suspends") not in found
    release = ev("c", "RELEASE", "hamas", "israel", day="2025-02-10", qty=3)
    release.event.extra["provision"] = "hostage-round-6"
    assert ("hostage-round-6", "fulfils") in links_of(gaza, [release])
