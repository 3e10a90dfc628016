"""The JSON Lines corpus form of SPEC §1: one article per line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ceasefire.config import LIMITS, Limits
from ceasefire.ingest.document import Document
from ceasefire.ingest.rejected import Rejected
from ceasefire.ingest.validate import BadDate, parse_publication_date

MAX_ID_CHARS = 255
KNOWN = {"id", "url", "date", "title", "text", "outlet"}


def _excerpt(record: Any) -> str:
    return json.dumps(record, ensure_ascii=False)[:500]


def parse_record(record: Any, *, source: str, location: str) -> Document | Rejected:
    if not isinstance(record, dict):
        return Rejected(
            source, location, "not_object", "each line must be a JSON object", raw=_excerpt(record)
        )
    doc_id, text = record.get("id"), record.get("text")
    if doc_id is None or isinstance(doc_id, (dict, list)) or str(doc_id).strip() == "":
        return Rejected(source, location, "missing_id", "the record has no 'id'", raw=_excerpt(record))
    if len(str(doc_id)) > MAX_ID_CHARS:
        return Rejected(source, location, "bad_id", f"id longer than {MAX_ID_CHARS} characters")
    if not isinstance(text, str) or not text.strip():
        return Rejected(
            source, location, "missing_text", f"record {doc_id!r} has no 'text'", raw=_excerpt(record)
        )
    try:
        published = parse_publication_date(record.get("date"))
    except BadDate as exc:
        return Rejected(source, location, "bad_date", f"record {doc_id!r}: {exc}", raw=_excerpt(record))
    strings = {
        k: record.get(k) if isinstance(record.get(k), str) else None for k in ("title", "url", "outlet")
    }
    extra = {k: v for k, v in record.items() if k not in KNOWN}
    return Document(
        id=str(doc_id),
        text=text,
        date=published,
        title=strings["title"],
        url=strings["url"],
        outlet=strings["outlet"],
        metadata=extra,
        source=f"{source}:{location}",
    )


def _lines(stream: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """Lines of at most ``limit`` bytes; a longer line is skipped to its end and yields None."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # skip the rest of the over-long line without holding it
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


def read_jsonl_stream(
    stream: BinaryIO, *, source: str, limits: Limits = LIMITS
) -> Iterator[Document | Rejected]:
    for number, raw in enumerate(_lines(stream, limits.max_line_bytes), 1):
        location = f"line {number}"
        if raw is None:
            yield Rejected(
                source,
                location,
                "too_large",
                f"line longer than the limit of {limits.max_line_bytes:,} bytes",
            )
            continue
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
        except (json.JSONDecodeError, RecursionError) as exc:
            detail = (
                f"{exc.msg} (column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else "too deep"
            )
            yield Rejected(source, location, "bad_json", f"not JSON: {detail}", raw=line[:500])
            continue
        yield parse_record(record, source=source, location=location)


def read_json_stream(
    stream: BinaryIO, *, source: str, limits: Limits = LIMITS
) -> Iterator[Document | Rejected]:
    """A ``.json`` file: an array of report objects (locations ``item N``), or JSON Lines."""
    head = stream.peek(64).lstrip() if hasattr(stream, "peek") else b""  # type: ignore[attr-defined]
    if not head.startswith(b"["):
        yield from read_jsonl_stream(stream, source=source, limits=limits)
        return
    data = stream.read(limits.max_line_bytes * 8 + 1)
    if len(data) > limits.max_line_bytes * 8:
        yield Rejected(source, None, "too_large", "JSON array over the size limit; write it as JSON Lines")
        return
    try:
        records = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        yield Rejected(source, f"byte {exc.start}", "bad_utf8", f"not valid UTF-8: {exc.reason}")
        return
    except (json.JSONDecodeError, RecursionError) as exc:
        where = f"line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else None
        yield Rejected(
            source, where, "bad_json", f"not JSON: {exc}", raw=data[:500].decode("utf-8", "replace")
        )
        return
    for number, record in enumerate(records, 1):
        yield parse_record(record, source=source, location=f"item {number}")


def read_jsonl(path: Path) -> Iterator[Document | Rejected]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Rejected(str(path), None, "unreadable", str(exc))
        return
    with handle:
        yield from read_jsonl_stream(handle, source=str(path))
