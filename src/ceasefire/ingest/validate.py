"""Checks every report passes before it is accepted: a usable text under the size limit, a possible
publication date, and the dateline read from its opening. Failures become ``Rejected`` records."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

from ceasefire.config import LIMITS, Limits
from ceasefire.ingest.dateline import find_dateline
from ceasefire.ingest.document import Document
from ceasefire.ingest.rejected import Rejected

EARLIEST = date(1945, 1, 1)  # no report on a ceasefire the project monitors is older
MAX_FUTURE_DAYS = 7  # time zones and embargoes; anything later is a wrong date
ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?\s*$")
SLASH_DATE = re.compile(r"^\s*(\d{4})/(\d{1,2})/(\d{1,2})\s*$")
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


class BadDate(ValueError):
    """A publication date that is not a date, or an impossible one."""


def _in_range(day: date, raw: Any) -> date:
    latest = date.today() + timedelta(days=MAX_FUTURE_DAYS + 1)  # +1: any time zone's today
    if day < EARLIEST or day > latest:
        raise BadDate(f"date {raw!r} is outside {EARLIEST.isoformat()}..{latest.isoformat()}")
    return day


def parse_publication_date(value: Any) -> str | None:
    """An ISO date from ``value`` (ISO date or datetime, YYYY/MM/DD, RFC 2822, or a date object).

    None or blank → None (a missing date is allowed). Anything else that is not a possible date
    raises BadDate."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return _in_range(value.date(), value).isoformat()
    if isinstance(value, date):
        return _in_range(value, value).isoformat()
    if not isinstance(value, str):
        raise BadDate(f"date {value!r} is not a string")
    if len(value) == 10:  # the common case, YYYY-MM-DD, without a regex
        try:
            return _in_range(date.fromisoformat(value), value).isoformat()
        except ValueError:
            pass
    match = ISO_DATE.match(value) or SLASH_DATE.match(value)
    if match:
        try:
            day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError as exc:
            raise BadDate(f"date {value!r} does not exist ({exc})") from exc
        return _in_range(day, value).isoformat()
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return _in_range(parsed.date(), value).isoformat()
    return _in_range(_parse_words(value), value).isoformat()


def _parse_words(value: str) -> date:
    """``13 February 2025``, ``Feb. 13, 2025``: dateparser on this one span, with a full date required."""
    if not YEAR.search(value):  # relative words ("yesterday") are not a publication date
        raise BadDate(f"date {value!r} has no year (use YYYY-MM-DD)")
    import dateparser  # slow to import; only needed for spelled-out dates

    parsed = dateparser.parse(
        value,
        languages=["en"],
        settings={
            "STRICT_PARSING": True,
            "REQUIRE_PARTS": ["day", "month", "year"],
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    if parsed is None:
        raise BadDate(f"date {value!r} is not a date (use YYYY-MM-DD)")
    return parsed.date()


def check_document(doc: Document, limits: Limits = LIMITS) -> Document | Rejected:
    """The document, completed with its dateline, or why it cannot be accepted."""
    where = doc.source or "<input>"
    source, _, location = where.rpartition(":") if ":" in where else (where, "", "")
    if not location.startswith(("line ", "row ", "entry ", "item ", "byte ")):
        source, location = where, ""
    loc = location or None
    raw_excerpt = doc.text[:500] if isinstance(doc.text, str) else None
    if not isinstance(doc.text, str) or not doc.text.strip():
        return Rejected(source, loc, "missing_text", f"report {doc.id!r} has no text")
    if (
        len(doc.text) * 4 > limits.max_report_bytes
        and len(doc.text.encode("utf-8")) > limits.max_report_bytes
    ):
        size = len(doc.text.encode("utf-8"))
        return Rejected(
            source,
            loc,
            "too_large",
            f"report {doc.id!r} is {size:,} bytes; the limit is {limits.max_report_bytes:,}",
            raw=raw_excerpt,
        )
    if CONTROL.search(doc.text):
        return Rejected(source, loc, "binary", f"report {doc.id!r} holds control characters", raw=None)
    try:
        doc.date = parse_publication_date(doc.date)
    except BadDate as exc:
        return Rejected(source, loc, "bad_date", f"report {doc.id!r}: {exc}", raw=raw_excerpt)
    if doc.dateline is None:
        doc.dateline = find_dateline(doc.text, doc.date)
    return doc
