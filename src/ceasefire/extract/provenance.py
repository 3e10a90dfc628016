"""An event told by one trigger of one sentence, with its provenance filled in one place."""

from __future__ import annotations

from typing import Any

from ceasefire.extract.event import Event, Quantity
from ceasefire.extract.roles import SentenceContext
from ceasefire.extract.triggers import TriggerHit


def sentence_event(
    doc_id: str,
    ctx: SentenceContext,
    hit: TriggerHit,
    number: int,
    *,
    type: str,
    actor: str | None = None,
    target: str | None = None,
    object: str | None = None,
    mode: str = "occurred",
    date: str | None = None,
    quantity: Quantity | None = None,
    location: str | None = None,
    source: str | None = None,
    rule: str = "",
    reason: str = "",
    extra: dict[str, Any] | None = None,
) -> Event:
    """An Event whose evidence is the sentence of ``ctx`` and whose trigger is ``hit``; the other
    arguments are the event's own fields. Named one by one, not as ``**fields``: compiled, a call
    with keyword arguments to a function that takes them by name is a direct call."""
    start, end = ctx.sentence.start, ctx.sentence.end
    return Event(
        doc_id,
        type,
        actor=actor,
        target=target,
        object=object,
        mode=mode,
        date=date,
        quantity=quantity,
        location=location,
        source=source,
        evidence=ctx.text[start:end],
        span=(start, end),
        rule=rule,
        reason=reason,
        trigger=hit.text,
        trigger_span=(hit.start, hit.end),
        sentence=number,
        extra=extra,
    )
