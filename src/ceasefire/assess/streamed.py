"""Status and ledger straight from the store, without holding every stored event in memory.

``prepare`` over ``load_reviewed_events`` keeps, per event, the stored row as an :class:`Event` inside a
:class:`StoredEvent`, its :class:`StoryEvent` and the evidence sentence: ~1.6 KB per event. Here the
events are streamed from the store in batches (in ``load_events`` order, reviews applied batch by
batch), each report's events are scoped to the agreement as they come (``scope.ReportScope``), and
each kept event is held only as one row of 32-bit and 64-bit numbers in the block of its fusion key
(type, object, negated): 60 bytes, strings, days and reports' facts held once, evidence left out.
Fusion runs one key at a time (it never compares tellings of different keys), over that key's
tellings made :class:`StoryEvent` again, and each story keeps its tellings as positions in the block
(``_Tellings``, read as StoryEvents). Linking, the status and the ledger then run exactly as in
:mod:`ceasefire.assess.context`; the evidence is read back for the stories a status shows. The
results are the same (``tests/test_assess_streamed.py``).

What still grows with the store: the blocks, one entry per report, the stories (their source lists)
and, while a key is fused, that key's tellings as objects.
"""

from __future__ import annotations

import dataclasses
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, overload

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
    blocks: dict[tuple[str, str | None, bool], _Block]  # the in-scope tellings by fusion key, compact
    reports: int  # reports read (published by the day), in scope or not
    events: int  # events read, in scope or not
    tellings: int  # in-scope events kept

    def items(self) -> list[StoryEvent]:
        """Every kept telling (evidence left out), key by key: to inspect; assessment never holds them all."""
        return [item for block in self.blocks.values() for item in block.all()]


_NONE = -(2**63)  # no quantity


class _Table:
    """What many tellings share, held once: strings by number, reports' facts by number, days."""

    __slots__ = ("day_of", "docs", "last_doc", "string_index", "strings")

    def __init__(self) -> None:
        self.strings: list[str | None] = [None]
        self.string_index: dict[str, int] = {}
        self.docs: list[tuple[Any, ...]] = []
        self.last_doc: tuple[int, int] = (-1, -1)  # (row id, number) of the report read last
        self.day_of: dict[int, date] = {}

    def s(self, value: str | None) -> int:
        if value is None:
            return 0
        found = self.string_index.get(value)
        if found is None:
            found = self.string_index[value] = len(self.strings)
            self.strings.append(value)
        return found

    def doc(self, stored: StoredEvent) -> int:
        """The number of the event's report; a report's events come together (``load_events`` order)."""
        if stored.document_pk == self.last_doc[0]:
            return self.last_doc[1]
        published = stored.published
        day = self.day(published.toordinal()) if published is not None else None
        outlet = self.s(stored.outlet)
        self.docs.append((stored.event.doc_id, day, stored.cluster_id, stored.url, outlet))
        self.last_doc = (stored.document_pk, len(self.docs) - 1)
        return self.last_doc[1]

    def day(self, ordinal: int) -> date | None:
        if not ordinal:
            return None
        found = self.day_of.get(ordinal)
        if found is None:
            found = self.day_of[ordinal] = date.fromordinal(ordinal)
        return found


class _Block:
    """The tellings of one fusion key (type, object, negated) in columns of machine numbers (60 bytes
    a telling instead of ~450 as objects); :meth:`item` makes one a StoryEvent again."""

    __slots__ = (
        "actor",
        "date",
        "doc",
        "id",
        "location",
        "mode",
        "object",
        "provision",
        "quantity",
        "source",
        "span_end",
        "span_start",
        "table",
        "target",
        "type",
        "unit",
    )

    def __init__(self, table: _Table, type_: str, object_: str | None) -> None:
        self.table, self.type, self.object = table, type_, object_
        self.id, self.quantity = array("q"), array("q")
        # 32-bit numbers: report and string numbers, day ordinals and character offsets fit
        self.doc, self.date, self.span_start, self.span_end = array("i"), array("i"), array("i"), array("i")
        self.actor, self.target, self.mode, self.unit = array("i"), array("i"), array("i"), array("i")
        self.location, self.source, self.provision = array("i"), array("i"), array("i")

    def __len__(self) -> int:
        return len(self.id)

    def add(self, stored: StoredEvent) -> None:
        t, event = self.table, stored.event
        quantity = event.quantity
        self.id.append(stored.id)
        self.doc.append(t.doc(stored))
        self.date.append(date.fromisoformat(event.date).toordinal() if event.date else 0)
        self.quantity.append(quantity.value if quantity else _NONE)
        self.unit.append(t.s(quantity.unit) if quantity else 0)
        self.span_start.append(event.span[0])
        self.span_end.append(event.span[1])
        self.actor.append(t.s(event.actor))
        self.target.append(t.s(event.target))
        self.mode.append(t.s(event.mode))
        self.location.append(t.s(event.location))
        self.source.append(t.s(event.source))
        self.provision.append(t.s(event.extra.get("provision") or None))

    def item(self, i: int, attached: str = "dated") -> StoryEvent:
        t = self.table
        s = t.strings
        doc_id, published, cluster_id, url, outlet = t.docs[self.doc[i]]
        quantity = self.quantity[i]
        return StoryEvent(
            event_id=self.id[i],
            doc_id=doc_id,
            published=published,
            cluster=f"c{cluster_id}" if cluster_id is not None else f"d{doc_id}",
            type=self.type,
            actor=s[self.actor[i]],
            target=s[self.target[i]],
            object=self.object,
            mode=s[self.mode[i]],  # type: ignore[arg-type]
            date=t.day(self.date[i]),
            quantity=None if quantity == _NONE else quantity,
            unit=s[self.unit[i]],
            location=s[self.location[i]],
            source=s[self.source[i]],
            evidence="",
            span=(self.span_start[i], self.span_end[i]),
            url=url,
            outlet=s[outlet],
            attached=attached,
            provision=s[self.provision[i]],
        )

    def all(self) -> list[StoryEvent]:
        return [self.item(i) for i in range(len(self))]


class _Tellings(Sequence[StoryEvent]):
    """A story's tellings kept as positions in their block (``~position``: attached while undated),
    made StoryEvents when read."""

    __slots__ = ("block", "positions")

    def __init__(self, block: _Block, positions: array[int]) -> None:
        self.block, self.positions = block, positions

    def __len__(self) -> int:
        return len(self.positions)

    def _item(self, position: int) -> StoryEvent:
        if position < 0:
            return self.block.item(~position, "undated")
        return self.block.item(position)

    @overload
    def __getitem__(self, index: int) -> StoryEvent: ...
    @overload
    def __getitem__(self, index: slice) -> list[StoryEvent]: ...
    def __getitem__(self, index: int | slice) -> StoryEvent | list[StoryEvent]:
        if isinstance(index, slice):
            return [self._item(p) for p in self.positions[index]]
        return self._item(self.positions[index])

    def __iter__(self) -> Iterator[StoryEvent]:
        return (self._item(p) for p in self.positions)


def story_events(
    conn: Connection,
    agreement: Agreement,
    as_of: date | None,
    side_of: SideOf | None = None,
    *,
    reviewed: bool = True,
    batch_size: int = 2000,
) -> StreamedEvents:
    """The tellings ``prepare`` fuses (reports published by ``as_of``, in scope), streamed from the
    store into compact blocks, one per fusion key, each in ``load_events`` order."""
    scope = ReportScope(agreement, side_of or side_resolver(agreement))
    stream = stream_reviewed_events if reviewed else stream_events
    table = _Table()
    blocks: dict[tuple[str, str | None, bool], _Block] = {}
    report: list[Any] = []
    reports = events = kept = 0

    def close() -> None:
        nonlocal kept
        for stored in scope.report(report):
            e = stored.event
            key = (e.type, e.object, e.mode == "negated")
            block = blocks.get(key)
            if block is None:
                block = blocks[key] = _Block(table, e.type, e.object)
            block.add(stored)
            kept += 1

    for batch in stream(conn, published_on_or_before=as_of, batch_size=batch_size):
        events += len(batch)
        for stored in batch:
            if report and stored.event.doc_id != report[0].event.doc_id:
                close()
                reports += 1
                report = []
            report.append(stored)
    if report:
        close()
        reports += 1
    return StreamedEvents(blocks, reports, events, kept)


def fuse_blocks(
    blocks: dict[tuple[str, str | None, bool], _Block], rules: AssessRules, side_of: SideOf
) -> list[Story]:
    """``fuse_events`` over all the tellings, one fusion key at a time (fusion never compares tellings
    of different keys, so the stories are the same); each story keeps its tellings as positions."""
    stories: list[Story] = []
    for block in blocks.values():
        items = block.all()
        position = {item.event_id: i for i, item in enumerate(items)}
        found = fuse_story_events(items, rules, side_of)
        del items
        for story in found:
            kept = array("i", (_position(position[e.event_id], e.attached) for e in story.events))
            story.events = _Tellings(block, kept)  # type: ignore[assignment]
        stories += found
    stories.sort(key=lambda s: (s.date or date.max, s.type, s.party or "", s.target or "", s.id))
    return stories


def _position(position: int, attached: str) -> int:
    return position if attached == "dated" else ~position


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
    stories = fuse_blocks(streamed.blocks, rules, side_of)
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
