"""What every assessment view starts from: the agreement's obligations and the stories and links
known on a day (only reports published on or before it)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from ceasefire.agreements.obligations import Obligation, expand_obligations
from ceasefire.agreements.schema import Agreement
from ceasefire.assess.fuse import fuse_events
from ceasefire.assess.link import Link, link_stories
from ceasefire.assess.rules import AssessRules, default_rules
from ceasefire.assess.scope import scoped
from ceasefire.assess.sides import SideOf, side_resolver
from ceasefire.assess.story import Story
from ceasefire.store.events import StoredEvent


@dataclass(slots=True)
class Assessment:
    agreement: Agreement
    as_of: date | None
    rules: AssessRules
    side_of: SideOf
    obligations: list[Obligation]
    stories: list[Story]
    links: list[Link]
    _by_story: dict[str, Story] = field(default_factory=dict)
    _by_obligation: dict[str, list[Link]] = field(default_factory=dict)
    _by_story_links: dict[str, list[Link]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_story = {s.id: s for s in self.stories}
        by_obligation: dict[str, list[Link]] = defaultdict(list)
        by_story: dict[str, list[Link]] = defaultdict(list)
        for link in self.links:
            by_obligation[link.obligation_id].append(link)
            by_story[link.story_id].append(link)
        self._by_obligation = dict(by_obligation)
        self._by_story_links = dict(by_story)

    def story(self, story_id: str) -> Story:
        return self._by_story[story_id]

    def links_for(self, obligation_id: str) -> list[Link]:
        return self._by_obligation.get(obligation_id, [])

    def links_of(self, story_id: str) -> list[Link]:
        return self._by_story_links.get(story_id, [])

    def is_party(self, actor: str | None) -> bool:
        return actor is not None and self.side_of(actor) in self.agreement.parties


def published_by(events: Sequence[StoredEvent], as_of: date | None) -> list[StoredEvent]:
    """Only reports published on or before ``as_of`` (undated reports only without a cut-off)."""
    if as_of is None:
        return list(events)
    return [e for e in events if e.published is not None and e.published <= as_of]


def prepare(
    agreement: Agreement,
    stored_events: Sequence[StoredEvent],
    as_of: date | None,
    rules: AssessRules | None = None,
    side_of: SideOf | None = None,
) -> Assessment:
    rules = rules or default_rules()
    side_of = side_of or side_resolver(agreement)
    events = scoped(agreement, published_by(stored_events, as_of), side_of)
    obligations = expand_obligations(agreement)
    stories = fuse_events(events, rules, side_of)
    links = link_stories(agreement, obligations, stories, rules)
    return Assessment(agreement, as_of, rules, side_of, obligations, stories, links)
