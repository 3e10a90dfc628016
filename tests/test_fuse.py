"""Fusion: one story per happening, conflicting figures kept as variants with their sources."""

from __future__ import annotations

from datetime import date
from itertools import count

from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.assess.fuse import fuse_events
from ceasefire.assess.story import Variant, choose_variant
from ceasefire.extract.event import Event, Quantity
from ceasefire.store.events import StoredEvent

_ids = count(1)


def ev(
    doc: str,
    kind: str,
    actor: str | None = None,
    target: str | None = None,
    *,
    day: str | None = None,
    qty: int | None = None,
    unit: str = "hostage",
    mode: str = "occurred",
    obj: str | None = None,
    published: str = "2025-02-15",
    cluster: int | None = None,
    location: str | None = None,
) -> StoredEvent:
    event = Event(
        doc_id=doc,
        type=kind,
        actor=actor,
        target=target,
        object=obj,
        mode=mode,
        date=day,
        quantity=Quantity(qty, unit) if qty is not None else None,
        location=location,
        evidence=f"{doc}: {kind} told here.",
        span=(0, 20),
    )
    n = next(_ids)
    return StoredEvent(n, event, n, date.fromisoformat(published), cluster, None, None, None)


def test_conflicting_counts_are_variants_of_one_story() -> None:
    events = [
        ev("a", "RELEASE", "hamas", "israel", day="2025-02-15", qty=3),
        ev("b", "RELEASE", "hamas", "israel", day="2025-02-15", qty=3),
        ev("c", "RELEASE", "hamas", "israel", day="2025-02-15", qty=2),
    ]
    [story] = fuse_events(events)
    assert story.quantity == 3
    assert {(v.value, v.sources) for v in story.variants} == {(3, ("a", "b")), (2, ("c",))}
    assert "most independent sources" in story.choice_rule
    assert story.sources == ["a", "b", "c"]


def test_wire_copies_count_once() -> None:
    events = [
        ev("w1", "RELEASE", "hamas", "israel", day="2025-02-15", qty=5, cluster=7),
        ev("w2", "RELEASE", "hamas", "israel", day="2025-02-15", qty=5, cluster=7),
        ev("x", "RELEASE", "hamas", "israel", day="2025-02-15", qty=4, cluster=8),
        ev("y", "RELEASE", "hamas", "israel", day="2025-02-15", qty=4, cluster=9),
    ]
    [story] = fuse_events(events)
    assert story.independent_sources == 3
    assert story.quantity == 4  # two independent sources beat two copies of one wire story


def test_same_report_twice_is_one_source() -> None:
    events = [
        ev("a", "RELEASE", "hamas", "israel", day="2025-02-15", qty=3),
        ev("a", "RELEASE", "hamas", "israel", day="2025-02-15", qty=3),
    ]
    [story] = fuse_events(events)
    assert story.sources == ["a"] and len(story.events) == 2
    assert story.variants[0].sources == ("a",)


def test_planned_then_done_is_one_done_story() -> None:
    events = [
        ev(
            "early",
            "RELEASE",
            "hamas",
            "israel",
            day="2025-02-15",
            qty=3,
            mode="planned",
            published="2025-02-12",
        ),
        ev("late", "RELEASE", "hamas", "israel", day="2025-02-15", qty=3, published="2025-02-15"),
    ]
    [story] = fuse_events(events)
    assert story.mode == "occurred"
    assert story.first_reported == date(2025, 2, 12)


def test_planned_only_stays_planned_and_negated_is_kept_apart() -> None:
    events = [
        ev(
            "p",
            "RELEASE",
            "israel",
            "palestinians",
            day="2025-02-22",
            qty=600,
            unit="prisoner",
            mode="planned",
        ),
        ev(
            "n",
            "RELEASE",
            "israel",
            "palestinians",
            day="2025-02-22",
            qty=620,
            unit="prisoner",
            mode="negated",
        ),
    ]
    stories = fuse_events(events)
    assert sorted(s.mode for s in stories) == ["negated", "planned"]


def test_group_on_a_partys_side_joins_its_story() -> None:
    events = [
        ev("a", "RELEASE", "hamas", "israel", day="2025-01-30", qty=3),
        ev("b", "RELEASE", "pij", "israel", day="2025-01-30", qty=2),
    ]
    [story] = fuse_events(events, side_of=lambda actor: "hamas" if actor == "pij" else actor)
    assert story.party == "hamas" and story.actor == "hamas"


def test_different_figures_on_different_days_are_two_happenings() -> None:
    events = [
        ev("a", "RELEASE", "hamas", "israel", day="2025-02-20", qty=4, unit="body"),
        ev("b", "RELEASE", "hamas", "israel", day="2025-02-21", qty=1, unit="body"),
    ]
    assert len(fuse_events(events)) == 2


def test_release_after_midnight_takes_the_day_most_reports_give() -> None:
    events = [
        ev("a", "RELEASE", "israel", "palestinians", day="2025-01-19", qty=90, unit="prisoner"),
        ev("b", "RELEASE", "israel", "palestinians", day="2025-01-20", qty=90, unit="prisoner"),
        ev("c", "RELEASE", "israel", "palestinians", day="2025-01-20", qty=90, unit="prisoner"),
    ]
    [story] = fuse_events(events)
    assert story.date == date(2025, 1, 20)


def test_undated_telling_joins_the_latest_story_before_its_report() -> None:
    events = [
        ev("a", "RELEASE", "hamas", "israel", day="2025-02-08", qty=3, published="2025-02-08"),
        ev("b", "RELEASE", "hamas", "israel", qty=3, published="2025-02-10"),
        ev("old", "RELEASE", "hamas", "israel", qty=3, published="2025-03-30"),
    ]
    stories = fuse_events(events)
    dated = next(s for s in stories if s.date is not None)
    assert dated.sources == ["a", "b"]
    assert any(s.date is None and s.sources == ["old"] for s in stories)


def test_choice_ties_go_to_the_agreed_quantity_then_the_larger() -> None:
    variants = [
        Variant(182, "prisoner", ("a",), 1, "planned"),
        Variant(183, "prisoner", ("b",), 1, "planned"),
    ]
    chosen, rule = choose_variant(variants, agreed=182)
    assert chosen is not None and chosen.value == 182 and "agreed" in rule
    chosen, rule = choose_variant(variants)
    assert chosen is not None and chosen.value == 183 and "larger" in rule


def test_claims_are_marked() -> None:
    events = [ev("a", "ACCUSE", "hamas", "israel", day="2025-02-10", obj="AID")]
    [story] = fuse_events(events)
    assert story.is_claim and story.object == "AID"


def test_a_minor_figure_told_again_next_day_is_a_second_handover() -> None:
    events = [
        ev("a", "RELEASE", "hamas", "israel", day="2025-02-20", qty=4, unit="body"),
        ev("b", "RELEASE", "hamas", "israel", day="2025-02-20", qty=4, unit="body"),
        ev("c", "RELEASE", "hamas", "israel", day="2025-02-20", qty=1, unit="body"),
        ev("d", "RELEASE", "hamas", "israel", day="2025-02-21", qty=1, unit="body"),
    ]
    stories = fuse_events(events)
    assert [(s.date, s.quantity) for s in stories] == [(date(2025, 2, 20), 4), (date(2025, 2, 21), 1)]


def test_a_story_is_anchored_on_a_telling_with_a_figure() -> None:
    events = [
        ev("stray", "RELEASE", "hamas", "israel", day="2025-01-18"),
        ev("a", "RELEASE", "hamas", "israel", day="2025-01-19", qty=3),
        ev("b", "RELEASE", "hamas", "israel", day="2025-01-20", qty=3),
    ]
    [story] = fuse_events(events)
    assert story.sources == ["a", "b", "stray"] and story.quantity == 3


KINDS = ("RELEASE", "ATTACK", "SUSPEND", "ACCUSE", "AID")
ACTORS = (None, "hamas", "pij", "israel")
DAYS = (None, "2025-02-14", "2025-02-15", "2025-02-16")


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c", "d"]),
            st.sampled_from(KINDS),
            st.sampled_from(ACTORS),
            st.sampled_from(ACTORS),
            st.sampled_from(DAYS),
            st.one_of(st.none(), st.integers(1, 400)),
            st.sampled_from(["occurred", "planned", "negated"]),
        ),
        max_size=25,
    )
)
@settings(max_examples=60, deadline=None)
def test_every_telling_lands_in_exactly_one_story(rows: list[tuple]) -> None:  # type: ignore[type-arg]
    events = [
        ev(doc, kind, actor, target, day=day, qty=qty, mode=mode, unit="hostage", published="2025-02-16")
        for doc, kind, actor, target, day, qty, mode in rows
    ]
    stories = fuse_events(events)
    members = [e.event_id for s in stories for e in s.events]
    assert sorted(members) == sorted(e.id for e in events)
    for s in stories:
        assert s.sources == sorted({e.doc_id for e in s.events})
        assert {v.value for v in s.variants} <= {e.quantity for e in s.events}
        assert s.quantity is None or s.quantity in {v.value for v in s.variants}
        assert len({(e.type, e.object) for e in s.events}) == 1
        assert len({e.mode == "negated" for e in s.events}) == 1
