"""The plain-text report form of SPEC §1: a first line `` date YYYY-MM-DD Title``, then the body."""

from __future__ import annotations

import re
from pathlib import Path
from typing import BinaryIO

from ceasefire.config import LIMITS, Limits
from ceasefire.ingest.document import Document
from ceasefire.ingest.rejected import Rejected
from ceasefire.ingest.validate import BadDate, parse_publication_date

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
            published = parse_publication_date(match.group(1))
        except BadDate as exc:
            return Rejected(source, "line 1", "bad_date", f"header: {exc}", raw=first[:500])
        title = match.group(2).strip() or None
    return Document(id=doc_id, text=text, date=published, title=title, source=source)


def decode_report(raw: bytes, source: str, limits: Limits = LIMITS) -> str | Rejected:
    """The text of a whole-file report, or why it is not one (empty, binary, too large, bad UTF-8)."""
    if not raw.strip():
        return Rejected(source, None, "empty", "the file holds no text")
    if len(raw) > limits.max_report_bytes:
        return Rejected(
            source, None, "too_large", f"over the limit of {limits.max_report_bytes:,} bytes per report"
        )
    if b"\x00" in raw[:8192]:
        return Rejected(source, None, "binary", "the file holds NUL bytes; it is not a text report")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Rejected(source, f"byte {exc.start}", "bad_utf8", f"not valid UTF-8: {exc.reason}")


def read_plaintext_stream(
    stream: BinaryIO, *, source: str, doc_id: str, limits: Limits = LIMITS
) -> Document | Rejected:
    text = decode_report(stream.read(limits.max_report_bytes + 1), source, limits)
    if isinstance(text, Rejected):
        return text
    return parse_plaintext(text, doc_id=doc_id, source=source)


def read_plaintext(path: Path) -> Document | Rejected:
    try:
        with path.open("rb") as handle:
            return read_plaintext_stream(handle, source=str(path), doc_id=path.stem)
    except OSError as exc:
        return Rejected(str(path), None, "unreadable", str(exc))
