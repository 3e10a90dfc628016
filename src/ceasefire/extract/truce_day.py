"""A truce named with its day ("the Nov. 27 ceasefire", "the truce of January 19") is the background AGREE
of that day (SPEC §5), with no agent; a day near the truce that belongs to something else is not."""

from __future__ import annotations

import datetime as dt

from ceasefire.extract.dates import resolve_date
from ceasefire.extract.event import Event
from ceasefire.extract.filters import after_deadline_cue
from ceasefire.extract.provenance import sentence_event
from ceasefire.extract.roles import SentenceContext
from ceasefire.extract.triggers import TriggerHit

# the words that may stand between a day and the truce it names ("the Jan. 19 truce"), and the verbs of
# a truce's end, whose day is no AGREE ("the truce expired on March 2")
TRUCE_DAY_GLUE = frozenset({"the", "'s", "’s", "-", "–", ",", "of"})
TRUCE_ENDS = ("expir", "end", "collaps", "laps", "broke", "break")


def dated_truce(
    ctx: SentenceContext,
    hit: TriggerHit,
    number: int,
    doc_id: str,
    base: dt.date | None,
    dates: list,  # type: ignore[type-arg]
    history_days: int,
) -> list[Event]:
    """ "the Nov. 27 ceasefire", "the truce of January 19": a truce named with its day is the
    background AGREE of that day (SPEC §5), with no agent."""
    if base is None:
        return []
    for mention in dates:
        gap = hit.start - mention.span[1] if mention.span[1] <= hit.start else mention.span[0] - hit.end
        before = mention.span[1] <= hit.start
        if not 0 <= gap <= (12 if before else 16):
            continue
        between = ctx.text[min(mention.span[1], hit.end) : max(mention.span[0], hit.start)].lower()
        words = between.split()
        if before and (
            any(w not in TRUCE_DAY_GLUE for w in words) or after_deadline_cue(ctx, mention.span[0])
        ):
            continue  # "by Saturday noon – the ceasefire will end": a deadline, not the truce's day
        if not before and (
            not any(w in words for w in ("of", "from", "on", "since"))
            or words == ["on"]
            or "," in between
            or any(w.startswith(TRUCE_ENDS) for w in words)
        ):
            continue  # "the truce expired on March 2", "a draft of a deal on Monday": not the truce's day
        resolved = resolve_date(mention, base, "past")
        if resolved is None or (base - resolved.date).days > history_days:
            continue
        return [
            sentence_event(
                doc_id,
                ctx,
                hit,
                number,
                type="AGREE",
                date=resolved.date.isoformat(),
                rule=f"{hit.rule.id}+day",
                reason=f"the truce is named with its day {mention.text!r}: background AGREE, no agent",
                extra={"dated": True},
            )
        ]
    return []
