"""RSS and Atom feeds (feedparser): one report per entry.

An entry's id is its GUID (or link); its text is the entry's content, else its summary, as plain
text; the outlet is the feed's title. feedparser has already sanitised the entry HTML."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any, BinaryIO

from ceasefire.config import LIMITS, Limits
from ceasefire.ingest.document import Document
from ceasefire.ingest.readers import id_from_name, stable_id
from ceasefire.ingest.readers.html import fragment_to_text, strip_markup
from ceasefire.ingest.rejected import Rejected
from ceasefire.ingest.validate import ISO_DATE, BadDate, parse_publication_date


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    html = max((c.get("value", "") for c in contents), key=len, default="") or entry.get("summary", "")
    return fragment_to_text(html) if html else ""


def _entry_date(entry: Any) -> str | None:
    """The entry's date. feedparser rolls impossible ISO dates over (02-31 → 03-03), so an ISO date
    is taken as written and checked; other forms come from feedparser's parsed time."""
    raw = entry.get("published") or entry.get("updated")
    if isinstance(raw, str) and ISO_DATE.match(raw):
        return raw
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return raw or None


def read_feed_stream(
    stream: BinaryIO, *, source: str, limits: Limits = LIMITS
) -> Iterator[Document | Rejected]:
    import feedparser

    data = stream.read(limits.max_line_bytes * 8 + 1)
    if not data.strip():
        yield Rejected(source, None, "empty", "the file holds no feed")
        return
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        reason = "bad_feed" if parsed.get("bozo") else "empty"
        detail = str(parsed.get("bozo_exception") or "the feed holds no entries")
        yield Rejected(source, None, reason, detail[:300])
        return
    outlet = strip_markup(parsed.feed.get("title", "")) or None
    for number, entry in enumerate(entries, 1):
        location = f"entry {number}"
        text = _entry_text(entry)
        title = strip_markup(entry.get("title", "")) or None
        if not text:
            yield Rejected(source, location, "missing_text", f"entry {title or number!r} has no text")
            continue
        try:
            published = parse_publication_date(_entry_date(entry))
        except BadDate as exc:
            yield Rejected(source, location, "bad_date", str(exc), raw=text[:500])
            continue
        link = entry.get("link") or None
        guid = entry.get("id") or None
        if guid and len(guid) <= 200 and "://" not in guid:
            doc_id = id_from_name(guid)
        elif guid or link:
            doc_id = stable_id("url", guid or link)
        else:
            doc_id = stable_id("feed", text)
        yield Document(
            id=doc_id,
            text=text,
            date=published,
            title=title,
            url=link,
            outlet=outlet,
            metadata={"feed_guid": guid} if guid else {},
            source=f"{source}:{location}",
        )
