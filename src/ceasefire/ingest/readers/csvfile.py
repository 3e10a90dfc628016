"""Spreadsheets as CSV (or TSV): one report per row, columns mapped to fields.

``columns`` maps a field (id, text, date, title, url, outlet) to a column name, e.g.
``{"text": "body", "date": "published"}``; a field not mapped is read from the column of its own name
when there is one. Other columns are kept as metadata. A mapping naming a column the file does not
have, or a file with no text column, is refused as a whole (reason ``unknown_columns``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import BinaryIO

from ceasefire.config import LIMITS, Limits
from ceasefire.ingest.document import Document
from ceasefire.ingest.readers import stable_id
from ceasefire.ingest.rejected import Rejected
from ceasefire.ingest.validate import BadDate, parse_publication_date

FIELDS = ("id", "text", "date", "title", "url", "outlet")


def _has_surrogates(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _resolve_columns(header: list[str], columns: dict[str, str]) -> dict[str, str] | str:
    """field → column, or the reason the mapping cannot work."""
    unknown_fields = sorted(set(columns) - set(FIELDS))
    if unknown_fields:
        return f"unknown field(s) {', '.join(unknown_fields)}; fields are {', '.join(FIELDS)}"
    missing = sorted(col for col in columns.values() if col not in header)
    if missing:
        return f"column(s) {', '.join(map(repr, missing))} not in the header {header!r}"
    resolved = {field: col for field in FIELDS if (col := columns.get(field, field)) in header}
    if "text" not in resolved:
        return f"no text column in {header!r} (map one with --column text=NAME)"
    return resolved


def read_csv_stream(
    stream: BinaryIO,
    *,
    source: str,
    columns: dict[str, str] | None = None,
    delimiter: str = ",",
    limits: Limits = LIMITS,
) -> Iterator[Document | Rejected]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    if csv.field_size_limit() < limits.max_report_bytes + 1:
        csv.field_size_limit(limits.max_report_bytes + 1)
    reader = csv.reader(text, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        yield Rejected(source, None, "empty", "the file holds no rows")
        return
    except csv.Error as exc:
        yield Rejected(source, "row 1", "bad_csv", f"cannot read the header: {exc}")
        return
    header = [h.strip() for h in header]
    resolved = _resolve_columns(header, columns or {})
    if isinstance(resolved, str):
        yield Rejected(source, "row 1", "unknown_columns", resolved, raw=",".join(header)[:500])
        return
    index = {name: i for i, name in enumerate(header)}
    mapped = set(resolved.values())
    row_number = 1
    while True:
        row_number += 1
        location = f"row {row_number}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Rejected(source, location, "too_large" if "limit" in str(exc) else "bad_csv", str(exc))
            continue
        if not any(cell.strip() for cell in row):
            continue
        if any(_has_surrogates(cell) for cell in row):
            yield Rejected(source, location, "bad_utf8", "the row is not valid UTF-8")
            continue
        if len(row) != len(header):
            yield Rejected(
                source,
                location,
                "bad_csv",
                f"{len(row)} cells for {len(header)} columns",
                raw=",".join(row)[:500],
            )
            continue
        values = {field: row[index[col]].strip() or None for field, col in resolved.items()}
        body = row[index[resolved["text"]]]
        if not body.strip():
            yield Rejected(
                source, location, "missing_text", "the text cell is empty", raw=",".join(row)[:500]
            )
            continue
        try:
            published = parse_publication_date(values.get("date"))
        except BadDate as exc:
            yield Rejected(source, location, "bad_date", str(exc), raw=",".join(row)[:500])
            continue
        doc_id = values.get("id") or (stable_id("url", values["url"]) if values.get("url") else None)
        yield Document(
            id=doc_id or stable_id("csv", body),
            text=body,
            date=published,
            title=values.get("title"),
            url=values.get("url"),
            outlet=values.get("outlet"),
            metadata={name: row[i] for name, i in index.items() if name not in mapped and row[i] != ""},
            source=f"{source}:{location}",
        )
