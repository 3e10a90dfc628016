"""Which party an actor acts for (PIJ hands over hostages on Hamas's side), from the actor registry
plus the agreement's own ``actors:`` section."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from ceasefire.agreements.schema import Agreement

SideOf = Callable[[str], str]


def identity_side(actor_id: str) -> str:
    return actor_id


def side_resolver(agreement: Agreement | None = None) -> SideOf:
    """``side_of(actor_id)`` from the builtin actor registry and the agreement's actors."""
    actors = tuple(entry.model_dump_json() for entry in agreement.actors) if agreement is not None else ()
    return _resolver(actors)


@lru_cache(maxsize=16)
def _resolver(actors: tuple[str, ...]) -> SideOf:
    from ceasefire.actors.model import ActorEntry
    from ceasefire.actors.registry import ActorRegistry

    registry = ActorRegistry.load(extra=[ActorEntry.model_validate_json(text) for text in actors])
    return registry.side_of
