"""The objects extraction makes behave as data classes under either build (pure or ``make compile``):
written-out ``__init__`` with the fields' defaults, equality, ``replace``, and events that pickle and
copy whole (they cross process boundaries in ``run --jobs`` and on Dask)."""

from __future__ import annotations

import copy
import pickle
from dataclasses import fields, replace

from hypothesis import given
from hypothesis import strategies as st

from ceasefire.extract import extract
from ceasefire.extract.event import Event, Quantity
from ceasefire.extract.lexicon import load_lexicon
from ceasefire.extract.roles import SentenceContext
from ceasefire.extract.tokens import Sentence, Token
from ceasefire.extract.triggers import Trigger, TriggerHit


def _released() -> Event:
    found = extract("Hamas freed three Israeli hostages on Saturday.", date="2025-02-10")
    assert [e.type for e in found] == ["RELEASE"]
    return found[0]


def test_events_pickle_and_copy_whole() -> None:
    event = _released()
    assert event.quantity == Quantity(3, "hostage")
    for again in (pickle.loads(pickle.dumps(event)), copy.deepcopy(event), copy.copy(event)):
        assert again == event
        assert [getattr(again, f.name) for f in fields(Event)] == [
            getattr(event, f.name) for f in fields(Event)
        ]
    moved = replace(event, type="DEMAND", extra={"why": "test"})
    assert (moved.type, moved.extra, moved.quantity) == ("DEMAND", {"why": "test"}, event.quantity)


def test_defaults_are_fresh_per_object() -> None:
    a, b = Event("d1", "AID"), Event("d2", "AID")
    a.extra["note"] = 1
    assert b.extra == {} and (b.mode, b.span, b.sentence) == ("occurred", (0, 0), 0)
    token = Token("freed", 4, 9, "freed", "free", "")
    assert token.i == 0 and token == Token("freed", 4, 9, "freed", "free", "", 0)
    rule = Trigger(load_lexicon().triggers[0])
    one, two = TriggerHit(rule, 0, 1, "x", 0, 1), TriggerHit(rule, 0, 1, "x", 0, 1)
    one.notes.append("n")
    assert two.notes == [] and two.objects == [] and two.suppressed == ""


def test_sentence_context_indexes_its_marks_on_construction() -> None:
    words = [("Hamas", "hamas", "", "hamas"), ("said", "said", "say", ""), (",", ",", "", "")]
    tokens = [Token(w, 0, 0, low, verb, noun, i) for i, (w, low, verb, noun) in enumerate(words)]
    marks = {1: [("attribution", 1)], 2: [("clause", 1)]}
    ctx = SentenceContext("Hamas said,", tokens, Sentence(0, 11, 0, 3), marks, [], [])
    assert ctx.where == {"attribution": [1], "clause": [2]}
    assert ctx.has(1, "attribution") and not ctx.has(0, "attribution")
    assert ctx.breaks == [2] and ctx.first_of("attribution") == 1


@given(st.lists(st.sampled_from(["israel", "hamas", "egypt", "qatar", "usa"]), max_size=30))
def test_ranked_orders_as_counter_most_common(items: list[str]) -> None:
    from collections import Counter

    from ceasefire.extract.dedupe import ranked

    assert ranked(items) == [item for item, _ in Counter(items).most_common()]
