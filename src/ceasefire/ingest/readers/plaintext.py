"""The plain-text report form of SPEC §1: a first line `` date YYYY-MM-DD Title``, then the body."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ceasefire.ingest.document import Document
from ceasefire.ingest.rejected import Rejected

HEADER = re.compile(r"^\s*date\s+(\S+)\s*(.*)$")


def parse_plaintext(text: str, *, doc_id: str, source: str) -> Document | Rejected:
    """One plain-text report. The whole text (header included) is kept, so offsets match the file."""
    if not text.strip():
        return Rejected(source, None, "empty", "the file holds no text")
    first = text.split("\n", 1)[0]
    match = HEADER.match(first)
    published: str | None = None
    title: str | None = None
    if match:
        try:
            published = date.fromisoformat(match.group(1)).isoformat()
        except ValueError:
            return Rejected(
                source,
                "line 1",
                "bad_date",
                f"header date {match.group(1)!r} is not YYYY-MM-DD",
                raw=first[:500],
            )
        title = match.group(2).strip() or None
    return Document(id=doc_id, text=text, date=published, title=title, source=source)


def read_plaintext(path: Path) -> Document | Rejected:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Rejected(str(path), None, "unreadable", str(exc))
    if b"\x00" in raw[:4096]:
        return Rejected(str(path), None, "binary", "the file holds NUL bytes; it is not a text report")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Rejected(str(path), f"byte {exc.start}", "bad_utf8", f"not valid UTF-8: {exc.reason}")
    return parse_plaintext(text, doc_id=path.stem, source=str(path))
