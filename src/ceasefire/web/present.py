"""Turn stored records into response models: events with their review, report text cut into segments."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

from sqlalchemy import Connection

from ceasefire.extract.event import Event
from ceasefire.store.events import StoredEvent
from ceasefire.store.reviews import Review, fingerprint, latest_reviews, reviewed_event
from ceasefire.web.models import EventOut, QuantityOut, ReviewOut, Segment

COMPARED = ("type", "actor", "target", "object", "mode", "date", "quantity", "location")


def review_out(review: Review) -> ReviewOut:
    return ReviewOut(**review.summary())


def _spec(event: Event) -> dict[str, object]:
    out = event.to_spec()
    return {k: out[k] for k in COMPARED}


def event_out(stored: StoredEvent, review: Review | None) -> EventOut:
    """The event as reviewed (a rejected event keeps its extracted values and says so in ``review``)."""
    original = stored.event
    shown = reviewed_event(original, review) or original
    changed = review is not None and review.action == "correct"
    return EventOut(
        id=stored.id,
        fingerprint=fingerprint(original),
        doc_id=original.doc_id,
        type=shown.type,
        actor=shown.actor,
        target=shown.target,
        object=shown.object,
        mode=shown.mode,
        date=shown.date,  # type: ignore[arg-type]
        quantity=QuantityOut(value=shown.quantity.value, unit=shown.quantity.unit)
        if shown.quantity
        else None,
        location=shown.location,
        source=shown.source,
        evidence=original.evidence,
        span=original.span,
        trigger=original.trigger,
        trigger_span=original.trigger_span,
        rule=original.rule,
        reason=original.reason,
        provision=shown.extra.get("provision"),
        published=stored.published,
        title=stored.title,
        review=review_out(review) if review else None,
        extracted={**_spec(original), "provision": original.extra.get("provision")} if changed else None,
    )


def events_out(conn: Connection, stored: Sequence[StoredEvent]) -> list[EventOut]:
    reviews = latest_reviews(conn, {s.event.doc_id for s in stored}) if stored else {}
    return [event_out(s, reviews.get(fingerprint(s.event))) for s in stored]


def segments(text: str, spans: Iterable[tuple[int, int, int]], focus: int | None = None) -> list[Segment]:
    """Cut ``text`` at every span edge; each piece says which events' spans cover it.

    ``spans`` are (start, end, event id). Pieces are plain text: the template escapes them and wraps
    marked ones in <mark>, so nothing from the report is ever rendered as HTML.
    """
    clean = [(max(0, s), min(len(text), e), i) for s, e, i in spans if e > s and s < len(text)]
    edges = sorted({0, len(text), *(s for s, _, _ in clean), *(e for _, e, _ in clean)})
    out: list[Segment] = []
    for start, end in itertools.pairwise(edges):
        if end <= start:
            continue
        covering = [i for s, e, i in clean if s <= start and end <= e]
        out.append(
            Segment(
                text=text[start:end],
                mark=bool(covering),
                focus=focus is not None and focus in covering,
                events=covering,
            )
        )
    return out
