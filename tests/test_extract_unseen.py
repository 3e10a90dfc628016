"""The extractor on conflicts it was not tuned on: India-Pakistan (May 2025) and Russia-Ukraine (2025).

tests/fixtures/unseen/reports.jsonl holds 16 short reports written for the project (public facts only,
every sentence our own); gold.jsonl their events, annotated by shared/corpus/ANNOTATION.md before the
extractor was run on them (see docs/unseen-conflicts.md). The figures asserted are the ones reached,
less a small margin, so that a rule that breaks these reports fails here.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from ceasefire.extract.event import Event
from ceasefire.extract.pipeline import Extractor
from ceasefire.ingest.read import read_documents_strict

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "unseen"
# reached on the fixtures (see docs/unseen-conflicts.md), less a margin of about 0.02
# (reached: F1 0.701; AGREE 0.79, ATTACK 0.87, CONSULT 0.67, PLEDGE 0.71, RELEASE 0.72, THREATEN 0.75;
# quantity 0.93)
OVERALL_F1 = 0.68
PER_TYPE_F1 = {
    "AGREE": 0.76,
    "ATTACK": 0.85,
    "CONSULT": 0.64,
    "PLEDGE": 0.68,
    "RELEASE": 0.70,
    "THREATEN": 0.72,
}
QUANTITY = 0.90
TYPES = ("AGREE", "CONSULT", "PLEDGE", "DEMAND", "REJECT", "ACCUSE", "DENY", "THREATEN", "SUSPEND",
         "RELEASE", "WITHDRAW", "AID", "RETURN", "ATTACK", "MOBILIZE")  # fmt: skip


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _gap(a: Any, b: Any) -> int:
    da, db = _day(a), _day(b)
    if da is None or db is None:
        return 0 if da is db else 10_000
    return abs((da - db).days)


def pair(gold: list[dict[str, Any]], system: list[dict[str, Any]]) -> list[tuple[dict, dict]]:
    """Greedy one-to-one pairs of the same type and actor, nearest date first (the scorer's rule)."""
    candidates = sorted(
        (_gap(g.get("date"), s.get("date")), i, j)
        for i, g in enumerate(gold)
        for j, s in enumerate(system)
        if g.get("type") == s.get("type") and g.get("actor") == s.get("actor")
    )
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_g and j not in used_s:
            used_g.add(i)
            used_s.add(j)
            pairs.append((gold[i], system[j]))
    return pairs


def _f1(tp: int, n_sys: int, n_gold: int) -> float:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: list[dict[str, Any]], system: list[dict[str, Any]]) -> dict[str, Any]:
    by_g: dict[str, list[dict]] = defaultdict(list)
    by_s: dict[str, list[dict]] = defaultdict(list)
    for e in gold:
        by_g[e["doc_id"]].append(e)
    for e in system:
        by_s[e["doc_id"]].append(e)
    per_type = {t: [0, 0, 0] for t in TYPES}  # tp, system, gold
    tp = 0
    quantity = [0, 0]
    for doc in set(by_g) | set(by_s):
        pairs = pair(by_g[doc], by_s[doc])
        tp += len(pairs)
        for e in by_g[doc]:
            per_type[e["type"]][2] += 1
        for e in by_s[doc]:
            per_type[e["type"]][1] += 1
        for g, s in pairs:
            per_type[g["type"]][0] += 1
            if g.get("quantity"):
                quantity[1] += 1
                quantity[0] += g["quantity"] == s.get("quantity")
    return {
        "f1": _f1(tp, len(system), len(gold)),
        "per_type": {t: _f1(*v) for t, v in per_type.items() if v[1] or v[2]},
        "quantity": quantity[0] / quantity[1] if quantity[1] else None,
    }


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    docs = read_documents_strict([FIXTURES / "reports.jsonl"])
    system = [event.to_spec() for _, events in Extractor().pipe(docs) for event in events]
    gold = [json.loads(line) for line in (FIXTURES / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    return score(gold, system)


def test_the_pairing_rule_matches_type_and_actor_then_the_nearest_date() -> None:
    gold = [{"type": "ATTACK", "actor": "russia", "date": "2025-05-25"}]
    system = [
        {"type": "ATTACK", "actor": "russia", "date": "2025-05-20"},
        {"type": "ATTACK", "actor": "russia", "date": "2025-05-24"},
        {"type": "ATTACK", "actor": "ukraine", "date": "2025-05-25"},
    ]
    assert pair(gold, system) == [(gold[0], system[1])]
    assert score([{"doc_id": "d", **gold[0]}], [])["f1"] == 0.0


def test_overall_f1_on_the_unseen_conflicts(result: dict[str, Any]) -> None:
    assert result["f1"] >= OVERALL_F1


@pytest.mark.parametrize("event_type", sorted(PER_TYPE_F1))
def test_f1_per_type_on_the_unseen_conflicts(result: dict[str, Any], event_type: str) -> None:
    assert result["per_type"].get(event_type, 0.0) >= PER_TYPE_F1[event_type]


def test_quantities_on_the_unseen_conflicts(result: dict[str, Any]) -> None:
    assert result["quantity"] is not None and result["quantity"] >= QUANTITY


# ---- the rules added for these conflicts, on sentences of their own

REPORT_DAY = dt.date(2025, 5, 14)  # a Wednesday


def _events(text: str) -> list[Event]:
    return Extractor().analyse(text, REPORT_DAY, "t").events


def _kinds(text: str) -> set[tuple[str, str | None, str | None]]:
    return {(e.type, e.actor, e.target) for e in _events(text)}


def _releases(text: str) -> list[Event]:
    return [e for e in _events(text) if e.type == "RELEASE"]


def test_an_exchange_of_prisoners_of_war_is_a_release_by_each_side() -> None:
    events = _releases("Russia and Ukraine exchanged 84 prisoners of war on Tuesday.")
    assert {e.actor for e in events} == {"russia", "ukraine"}
    assert {(e.quantity.value, e.quantity.unit) for e in events if e.quantity} == {(84, "prisoner")}
    assert all(e.date == "2025-05-13" for e in events)


def test_servicemen_handed_back_are_prisoners_of_the_side_that_held_them() -> None:
    events = _releases("Ukraine handed back 12 wounded Russian servicemen on Monday.")
    assert [(e.actor, e.target) for e in events] == [("ukraine", "russia")]
    assert events[0].quantity is not None and events[0].quantity.unit == "prisoner"


def test_bodies_received_from_the_other_side_are_its_release() -> None:
    kinds = _kinds("Ukraine received the bodies of 900 soldiers from Russia.")
    assert ("RELEASE", "russia", "ukraine") in kinds


def test_a_befitting_response_is_a_threat() -> None:
    assert ("THREATEN", "pakistan", "india") in _kinds(
        "Pakistan's army chief said any aggression by India would be met with a befitting response."
    ) | _kinds("Pakistan vowed to respond to any aggression by India with full force.")


def test_a_call_over_the_military_hotline_is_consultation() -> None:
    kinds = _kinds("India's director general of military operations called his Pakistani counterpart.")
    assert ("CONSULT", "india", "pakistan") in kinds


def test_a_border_force_and_an_air_force_speak_for_their_states() -> None:
    release = _kinds("The BSF handed over a Pakistan Rangers soldier on Wednesday.")
    assert ("RELEASE", "india", "pakistan") in release
    attack = _kinds("Ukraine's air force said Russia launched 90 drones at Ukraine overnight.")
    assert ("ATTACK", "russia", "ukraine") in attack


def test_pakistans_foreign_office_is_not_the_british_one() -> None:
    actors = {e.actor for e in _events("Pakistan's foreign office urged India to restore the treaty.")}
    assert "pakistan" in actors and "uk" not in actors


def test_agreeing_to_exchange_prisoners_is_an_agreement_not_yet_a_release() -> None:
    kinds = _kinds("Russia and Ukraine agreed on Monday to exchange all wounded prisoners of war.")
    assert ("AGREE", "russia", "ukraine") in kinds and ("AGREE", "ukraine", "russia") in kinds
    assert not [k for k in kinds if k[0] == "RELEASE"]


def test_declining_to_back_a_ceasefire_is_a_rejection_but_declining_to_comment_is_not() -> None:
    assert ("REJECT", "russia", "usa") in _kinds(
        "Russia declined to back a ceasefire that Washington proposed."
    )
    assert not [
        k for k in _kinds("Russia's foreign ministry declined to comment on the talks.") if k[0] == "REJECT"
    ]


def test_mirroring_the_other_sides_truce_is_a_pledge() -> None:
    assert ("PLEDGE", "ukraine", "russia") in _kinds("Ukraine said it would mirror Russia's truce.")


def test_extending_an_airspace_closure_suspends() -> None:
    kinds = _kinds("Pakistan on Friday extended the closure of its airspace to Indian airlines.")
    assert ("SUSPEND", "pakistan", "india") in kinds


def test_agreeing_to_stop_attacks_is_an_agreement_and_no_attack() -> None:
    kinds = _kinds("Russia agreed on Tuesday to stop attacking energy facilities in Ukraine.")
    assert ("AGREE", "russia", "ukraine") in kinds or ("AGREE", "russia", None) in kinds
    assert not [k for k in kinds if k[0] == "ATTACK"]


def test_a_mediator_of_a_swap_frees_no_one() -> None:
    text = "Russia and Ukraine exchanged 246 prisoners of war in a swap mediated by the United Arab Emirates."
    assert {e.actor for e in _releases(text)} == {"russia", "ukraine"}


def test_a_treaty_put_in_abeyance_and_a_closed_airspace_are_suspensions() -> None:
    assert {e.actor for e in _events("India put the water treaty in abeyance.") if e.type == "SUSPEND"} == {
        "india"
    }
    assert ("SUSPEND", "pakistan", "india") in _kinds(
        "Pakistan closed its airspace to Indian airlines on Thursday."
    )


def test_agreeing_on_measures_is_an_agreement() -> None:
    kinds = _kinds("India and Pakistan agreed on Monday to consider measures to reduce troop numbers.")
    assert ("AGREE", "india", "pakistan") in kinds


def test_captives_returned_in_a_swap_are_not_the_displaced_going_home() -> None:
    text = (
        "On Friday, 390 Ukrainians, including 120 civilians, were returned, followed by 307 service members."
    )
    assert not [e for e in _events(text) if e.type == "RETURN"]
