"""An event told by one trigger of one sentence, with its provenance filled in one place."""

from __future__ import annotations

from typing import Any

from ceasefire.extract.event import Event
from ceasefire.extract.roles import SentenceContext
from ceasefire.extract.triggers import TriggerHit


def sentence_event(doc_id: str, ctx: SentenceContext, hit: TriggerHit, number: int, **fields: Any) -> Event:
    """An Event whose evidence is the sentence of ``ctx`` and whose trigger is ``hit``.

    ``fields`` are the event's own (type, actor, target, mode, date, rule, reason, …).
    """
    start, end = ctx.sentence.start, ctx.sentence.end
    return Event(
        doc_id=doc_id,
        evidence=ctx.text[start:end],
        span=(start, end),
        trigger=hit.text,
        trigger_span=(hit.start, hit.end),
        sentence=number,
        **fields,
    )
