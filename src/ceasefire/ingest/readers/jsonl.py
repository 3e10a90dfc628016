"""The JSON Lines corpus form of SPEC §1: one article per line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from ceasefire.ingest.document import Document
from ceasefire.ingest.rejected import Rejected

KNOWN = {"id", "url", "date", "title", "text"}


def parse_record(record: Any, *, source: str, location: str) -> Document | Rejected:
    if not isinstance(record, dict):
        return Rejected(
            source, location, "not_object", "each line must be a JSON object", raw=str(record)[:500]
        )
    doc_id, text = record.get("id"), record.get("text")
    if doc_id is None or str(doc_id).strip() == "":
        return Rejected(
            source, location, "missing_id", "the record has no 'id'", raw=json.dumps(record)[:500]
        )
    if not isinstance(text, str) or not text.strip():
        return Rejected(
            source, location, "missing_text", f"record {doc_id!r} has no 'text'", raw=json.dumps(record)[:500]
        )
    published = record.get("date")
    if published is not None:
        try:
            published = date.fromisoformat(str(published)[:10]).isoformat()
        except ValueError:
            return Rejected(
                source,
                location,
                "bad_date",
                f"record {doc_id!r}: date {published!r} is not ISO",
                raw=json.dumps(record)[:500],
            )
    extra = {k: v for k, v in record.items() if k not in KNOWN}
    return Document(
        id=str(doc_id),
        text=text,
        date=published,
        title=record.get("title"),
        url=record.get("url"),
        metadata=extra,
        source=f"{source}:{location}",
    )


def iter_jsonl_lines(lines: Iterator[bytes], source: str) -> Iterator[Document | Rejected]:
    for number, raw in enumerate(lines, 1):
        location = f"line {number}"
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield Rejected(
                source,
                location,
                "bad_utf8",
                f"not valid UTF-8 at byte {exc.start}: {exc.reason}",
                raw=raw[:500].decode("utf-8", "replace"),
            )
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejected(
                source, location, "bad_json", f"not JSON: {exc.msg} (column {exc.colno})", raw=line[:500]
            )
            continue
        yield parse_record(record, source=source, location=location)


def read_jsonl(path: Path) -> Iterator[Document | Rejected]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Rejected(str(path), None, "unreadable", str(exc))
        return
    with handle:
        yield from iter_jsonl_lines(iter(handle), str(path))
