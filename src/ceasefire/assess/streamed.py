"""Status and ledger straight from the store, without holding every stored event in memory.

``prepare`` over ``load_reviewed_events`` keeps, per event, the stored row as an :class:`Event` inside a
:class:`StoredEvent`, its :class:`StoryEvent` and the evidence sentence: ~1.6 KB per event. Here the
events are streamed from the store in batches (in ``load_events`` order, reviews applied batch by
batch), each report's events are scoped to the agreement as they come (``scope.ReportScope``), and
each kept event is held only as a compact :class:`StoryEvent` whose strings and days are shared and
whose evidence is left out; the evidence is read back afterwards for the stories a status shows.
Fusion, linking, the status and the ledger then run exactly as in :mod:`ceasefire.assess.context`,
so the results are the same (``tests/test_assess_streamed.py``).

What still grows with the store: one compact telling per in-scope event (fusion compares every
telling; ~0.3 KB each) and the stories built from them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection

from ceasefire.agreements.obligations import expand_obligations
from ceasefire.agreements.schema import Agreement
from ceasefire.assess.context import Assessment
from ceasefire.assess.fuse import fuse_story_events
from ceasefire.assess.ledger import ledger_from_stories
from ceasefire.assess.ledger_report import Ledger
from ceasefire.assess.link import link_stories
from ceasefire.assess.rules import AssessRules, default_rules
from ceasefire.assess.scope import ReportScope
from ceasefire.assess.sides import SideOf, side_resolver
from ceasefire.assess.status import status_from
from ceasefire.assess.status_report import StatusReport
from ceasefire.assess.story import Story, StoryEvent
from ceasefire.store.events import StoredEvent, evidence_of, stream_events, stream_reviewed_events

__all__ = ["StreamedEvents", "ledger_from_store", "prepare_from_store", "status_from_store", "story_events"]


@dataclass(slots=True)
class StreamedEvents:
    items: list[StoryEvent]  # the in-scope tellings, evidence left out ("")
    reports: int  # reports read (published by the day), in scope or not
    events: int  # events read, in scope or not


class _Compact:
    """Builds compact tellings: one shared object per distinct string or day."""

    __slots__ = ("days", "docs", "values")

    def __init__(self) -> None:
        self.values: dict[Any, Any] = {}
        self.days: dict[str, date] = {}
        self.docs: dict[int, tuple[Any, ...]] = {}

    def _v(self, value: Any) -> Any:
        return value if value is None else self.values.setdefault(value, value)

    def _day(self, text: str | None) -> date | None:
        if not text:
            return None
        day = self.days.get(text)
        if day is None:
            day = self.days[text] = date.fromisoformat(text)
        return day

    def telling(self, stored: StoredEvent) -> StoryEvent:
        v, event = self._v, stored.event
        facts = self.docs.get(stored.document_pk)
        if facts is None:
            cluster = f"c{stored.cluster_id}" if stored.cluster_id is not None else f"d{event.doc_id}"
            facts = (v(stored.published), v(cluster), v(stored.url), v(stored.outlet))
            if len(self.docs) > 100_000:
                self.docs.clear()  # reports come in order: the facts of old ones are not asked again
            self.docs[stored.document_pk] = facts
        published, cluster, url, outlet = facts
        quantity = event.quantity
        return StoryEvent(
            event_id=stored.id,
            doc_id=v(event.doc_id),
            published=published,
            cluster=cluster,
            type=v(event.type),
            actor=v(event.actor),
            target=v(event.target),
            object=v(event.object),
            mode=v(event.mode),
            date=self._day(event.date),
            quantity=quantity.value if quantity else None,
            unit=v(quantity.unit) if quantity else None,
            location=v(event.location),
            source=v(event.source),
            evidence="",
            span=(event.span[0], event.span[1]),
            url=url,
            outlet=outlet,
            provision=v(event.extra.get("provision") or None),
        )


def story_events(
    conn: Connection,
    agreement: Agreement,
    as_of: date | None,
    side_of: SideOf | None = None,
    *,
    reviewed: bool = True,
    batch_size: int = 2000,
) -> StreamedEvents:
    """The tellings ``prepare`` fuses (reports published by ``as_of``, in scope), streamed from the store."""
    scope = ReportScope(agreement, side_of or side_resolver(agreement))
    stream = stream_reviewed_events if reviewed else stream_events
    compact = _Compact()
    items: list[StoryEvent] = []
    report: list[StoryEvent] = []
    reports = events = 0
    for batch in stream(conn, published_on_or_before=as_of, batch_size=batch_size):
        events += len(batch)
        for stored in batch:
            telling = compact.telling(stored)
            if report and telling.doc_id != report[0].doc_id:
                items += scope.report(report)
                reports += 1
                report = []
            report.append(telling)
    if report:
        items += scope.report(report)
        reports += 1
    return StreamedEvents(items, reports, events)


def prepare_from_store(
    conn: Connection,
    agreement: Agreement,
    as_of: date | None,
    rules: AssessRules | None = None,
    side_of: SideOf | None = None,
    *,
    reviewed: bool = True,
    streamed: StreamedEvents | None = None,
) -> Assessment:
    """``context.prepare(agreement, load_reviewed_events(conn, published_on_or_before=as_of), as_of)``
    without loading the events: the same stories and links, the tellings without their evidence
    (see :func:`with_evidence`)."""
    rules = rules or default_rules()
    side_of = side_of or side_resolver(agreement)
    if streamed is None:
        streamed = story_events(conn, agreement, as_of, side_of, reviewed=reviewed)
    obligations = expand_obligations(agreement)
    stories = fuse_story_events(streamed.items, rules, side_of)
    streamed.items.clear()  # the stories hold what they need
    links = link_stories(agreement, obligations, stories, rules)
    return Assessment(agreement, as_of, rules, side_of, obligations, stories, links)


def with_evidence(conn: Connection, stories: Iterable[Story]) -> None:
    """Read back the evidence sentences of these stories' tellings (left out while streaming)."""
    chosen = {id(s): s for s in stories}.values()
    missing = [e.event_id for s in chosen for e in s.events if not e.evidence]
    found = evidence_of(conn, missing)
    for story in chosen:
        story.events = [
            dataclasses.replace(e, evidence=found.get(e.event_id, e.evidence)) if not e.evidence else e
            for e in story.events
        ]


def status_from_store(
    conn: Connection, agreement: Agreement, as_of: date, *, assessment: Assessment | None = None
) -> StatusReport:
    """``assess_status`` over the store's reviewed events, streamed (see the module's docstring)."""
    a = assessment or prepare_from_store(conn, agreement, as_of)
    report = status_from(a, as_of)
    with_evidence(conn, [ref.story for item in report.obligations for ref in item.stories])
    return report


def ledger_from_store(
    conn: Connection, agreement: Agreement, as_of: date | None, *, assessment: Assessment | None = None
) -> Ledger:
    """``build_ledger`` over the store's reviewed events, streamed. Fusion keeps each type and object
    apart, so the ledger's stories (releases, suspended releases) are those of the whole assessment."""
    a = assessment or prepare_from_store(conn, agreement, as_of)
    stories = [s for s in a.stories if s.type == "RELEASE" or (s.type == "SUSPEND" and s.object == "RELEASE")]
    links = link_stories(agreement, a.obligations, stories, a.rules)
    return ledger_from_stories(agreement, stories, a.obligations, links, a.rules, as_of)
