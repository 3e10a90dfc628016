"""When reports disagree on whether a step was done: the rule shared by the status and the ledger.

A fulfilment is not taken as fact when more independent sources say the step was held back (told
as not done, or suspended by the obligor on or after its day) than say it was done. A part told as
not done (one named hostage of four) does not deny the whole. When as many sources say each, the
later news wins (held back after it was said to be done; done after a hold-back); with
``ties_against`` (a step said to resume after a declared halt) the hold-back wins any tie.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from ceasefire.assess.story import Story


def outweighing(
    done: Sequence[Story], against: Sequence[Story], slack_days: int, ties_against: bool = False
) -> list[Story]:
    """The stories that outweigh the fulfilment told by ``done`` (empty when it stands)."""
    dated = [s.date for s in done if s.date]
    if not dated:
        return []
    first = min(dated) - timedelta(days=slack_days)
    most = max((s.quantity or 0 for s in done), default=0)
    done_ids = {s.id for s in done}  # a late step is linked as "delays" too: it does not deny itself
    counted = [
        s
        for s in against
        if s.id not in done_ids and s.date and s.date >= first and (s.quantity is None or s.quantity >= most)
    ]
    said_done = {e.cluster for s in done for e in s.events if e.mode == "occurred"}
    said_not = {e.cluster for s in counted for e in s.events}
    if not counted or len(said_not) < len(said_done):
        return []
    if len(said_not) > len(said_done) or ties_against:
        return counted
    # a tie goes to the later news: held back after it was said to be done, or done after a hold-back
    latest_against = max(s.date for s in counted if s.date)
    return counted if latest_against >= max(dated) else []
