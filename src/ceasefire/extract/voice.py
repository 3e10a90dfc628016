"""Whose voice a clause is in: two corrections of the doer that the nearest-name rule of roles.py gets
wrong in quoted threats and conditions.

- "we", "our", "us" in a quote are the one quoted ('"… we will strike," the minister said'), not the
  last party named before them (often the one threatened);
- in "If Hamas breaks the deal, the truce will end", Hamas is the subject of the condition, not the
  doer of the consequence after its comma.
"""

from __future__ import annotations

from dataclasses import replace

from ceasefire.extract.mentions import Mention
from ceasefire.extract.roles import Roles, SentenceContext
from ceasefire.extract.triggers import TriggerHit

FIRST_PERSON = frozenset({"we", "our", "us"})
CONDITIONS = frozenset({"if", "unless"})
FRONT = 2  # a condition opens the sentence when its word is among its first tokens (after a quote mark)


def _condition_span(ctx: SentenceContext) -> tuple[int, int] | None:
    """[if, comma) of a condition that opens the sentence, or None."""
    for k in ctx.where.get("conditional", ()):
        if k - ctx.sentence.first > FRONT:
            break
        if ctx.tokens[k].lower in CONDITIONS:
            comma = next((j for j in range(k, ctx.sentence.last) if ctx.tokens[j].text == ","), None)
            return (k, comma) if comma is not None else None
    return None


def in_voice(ctx: SentenceContext, hit: TriggerHit, roles: Roles, speaker: Mention | None) -> Roles:
    """The roles with the doer corrected for quoted first persons and fronted conditions."""
    if len(roles.actors) != 1 or roles.passive:
        return roles
    doer = roles.actors[0]
    if (
        speaker is not None
        and doer.how.startswith("anaphora")
        and doer.text.lower() in FIRST_PERSON
        and speaker.actor != doer.actor
    ):
        target = None if roles.target == speaker.actor else roles.target
        return replace(
            roles, actors=[speaker], target=target, actor_from=f"speaker {speaker.text!r} ('{doer.text}')"
        )
    if speaker is None and doer.how.startswith("anaphora") and doer.text.lower() in FIRST_PERSON:
        return replace(roles, actors=[], actor_from=f"'{doer.text}' of a voice cited as no party")
    span = _condition_span(ctx)
    if span is not None and span[1] < hit.first and span[0] < doer.first < span[1]:
        return replace(roles, actors=[], actor_from=f"{doer.text!r} is the subject of the condition only")
    return roles
