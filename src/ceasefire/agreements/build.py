"""Build an agreement from a filled-in template, so an analyst can add a ceasefire without code.

Two template forms (``ceasefire agreements template --format csv|yaml``):

- CSV: one row per provision, or per round of a provision with ``schedule`` = ``rounds`` (rows with the
  same ``provision_id`` are its rounds, in order). Columns are listed in :data:`CSV_COLUMNS`.
- YAML: the agreement format itself, where the top-level fields may be left out and given on the
  command line instead.

The agreement-level fields (id, title, effective date-time, parties …) come from :class:`Header`; a
field set there wins over the template. Errors name the CSV row and column, or the YAML line and field.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ceasefire.actors.model import ActorEntry
from ceasefire.agreements.load import (
    FieldPath,
    Locator,
    display_name,
    parse_yaml,
    render_path,
    validate_agreement_data,
    yaml_locator,
)
from ceasefire.agreements.schema import Agreement
from ceasefire.agreements.template import CSV_COLUMNS
from ceasefire.errors import AgreementError, UsageError

REQUIRED_COLUMNS = ("provision_id", "title", "action", "schedule")
# columns that belong to the provision (the same on every row of it)
_PROVISION_COLUMNS = (
    "title",
    "action",
    "refrain",
    "obligor",
    "beneficiary",
    "phase",
    "location",
    "conditions",
    "linked_to",
    "sources",
    "notes",
)
_SCHEDULE_COLUMNS = ("start", "end", "start_day", "end_day", "per")
_RATIO = re.compile(r"^ratio\s+(\d+)\s+([a-z]+)\s*=\s*(\d+)\s+([a-z]+)(?:\s+for\s+(.+))?$", re.IGNORECASE)
_PHASE = re.compile(r"^([a-z0-9][a-z0-9_-]*)=(\d+)-(\d+)$")


@dataclass(slots=True)
class Header:
    """Agreement-level fields from the command line; None/empty means "take it from the template"."""

    id: str | None = None
    title: str | None = None
    conflict: str | None = None
    effective: str | None = None
    signed: str | None = None
    timezone: str | None = None
    parties: list[str] = field(default_factory=list)
    mediators: list[str] = field(default_factory=list)
    guarantors: list[str] = field(default_factory=list)
    phases: list[str] = field(default_factory=list)  # "phase-1=1-42"
    sources: list[str] = field(default_factory=list)
    actors: list[ActorEntry] = field(default_factory=list)  # actors the registry lacks

    def fields(self) -> dict[str, Any]:
        """The set fields as agreement data (phases parsed)."""
        out: dict[str, Any] = {}
        for name in ("id", "title", "conflict", "effective", "signed", "timezone"):
            value = getattr(self, name)
            if value:
                out[name] = value
        for name in ("parties", "mediators", "guarantors", "sources"):
            values = getattr(self, name)
            if values:
                out[name] = list(values)
        if self.phases:
            out["phases"] = [_phase(spec) for spec in self.phases]
        if self.actors:
            out["actors"] = [entry.model_dump(exclude_defaults=True) for entry in self.actors]
        return out


def _phase(spec: str) -> dict[str, Any]:
    match = _PHASE.match(spec.strip())
    if not match:
        raise UsageError(f"--phases: {spec!r} is not ID=FIRST-LAST (e.g. phase-1=1-42)")
    pid, first, last = match.groups()
    return {
        "id": pid,
        "name": pid.replace("-", " ").capitalize(),
        "start_day": int(first),
        "end_day": int(last),
    }


def _flag_label(path: FieldPath) -> str | None:
    if path and path[0] in (
        "id",
        "title",
        "conflict",
        "effective",
        "signed",
        "timezone",
        "parties",
        "mediators",
        "guarantors",
        "phases",
        "sources",
        "actors",
    ):
        return f"--{path[0]}"
    return None


def split_list(text: str | None) -> list[str]:
    """'a, b,c' → ['a', 'b', 'c']."""
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def parse_conditions(text: str) -> list[dict[str, Any]]:
    """``ratio 1 hostage = 30 prisoner for civilians; free text`` → condition records."""
    out: list[dict[str, Any]] = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        match = _RATIO.match(part)
        if match:
            per, per_unit, give, give_unit, applies = match.groups()
            record: dict[str, Any] = {
                "kind": "ratio",
                "per": {"value": per, "unit": per_unit.lower()},
                "give": {"value": give, "unit": give_unit.lower()},
            }
            if applies:
                record["applies_to"] = applies.strip()
            out.append(record)
        elif part.lower().startswith("ratio"):
            raise ValueError(f"{part!r} is not 'ratio N UNIT = M UNIT [for WHOM]'")
        else:
            out.append({"kind": "text", "text": part})
    return out


class _CsvCells:
    """Field path → (file line, column) for the cells read, to locate validation errors."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.cells: dict[FieldPath, tuple[int, str]] = {}

    def put(self, path: FieldPath, line: int, column: str) -> None:
        self.cells.setdefault(path, (line, column))

    def locate(self, path: FieldPath) -> tuple[str, str]:
        flag = _flag_label(path)
        if flag is not None:
            return "command line", flag
        for end in range(len(path), 0, -1):
            found = self.cells.get(path[:end])
            if found is not None:
                line, column = found
                if end < len(path) and isinstance(path[-1], str) and path[-1] in CSV_COLUMNS:
                    column = path[-1]  # a missing field: name the column it belongs in
                return f"{self.where}:{line}", f"column {column!r} ({render_path(path)})"
        return self.where, render_path(path)


def _csv_rows(text: str, where: str) -> list[tuple[int, dict[str, str]]]:
    """``(line, {column: cell})`` per non-empty row; ``line`` is where the row starts in the file."""
    # Comment lines become blank lines, so csv's line count stays that of the file.
    cleaned = "".join("\n" if line.lstrip().startswith("#") else line for line in text.splitlines(True))
    reader = csv.reader(io.StringIO(cleaned))
    columns: list[str] = []
    header_line = 0
    rows: list[tuple[int, dict[str, str]]] = []
    previous = 0
    for cells in reader:
        line, previous = previous + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if not columns:
            columns, header_line = [cell.strip() for cell in cells], line
            _check_columns(columns, f"{where}:{line}")
            continue
        if len(cells) > len(columns):
            raise AgreementError(
                f"{len(cells)} cells but {len(columns)} columns (line {header_line})", where=f"{where}:{line}"
            )
        rows.append((line, {column: cell.strip() for column, cell in zip(columns, cells, strict=False)}))
    if not columns:
        raise AgreementError("no header row", where=where, hint="start with: " + ",".join(REQUIRED_COLUMNS))
    if not rows:
        raise AgreementError("no provision rows", where=where)
    return rows


def _check_columns(columns: list[str], where: str) -> None:
    for column in columns:
        if column not in CSV_COLUMNS:
            raise AgreementError(
                f"unknown column {column!r}", where=where, hint=f"columns: {', '.join(CSV_COLUMNS)}"
            )
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise AgreementError(f"missing column(s): {', '.join(missing)}", where=where)


def provisions_from_csv(text: str, where: str) -> tuple[list[dict[str, Any]], _CsvCells]:
    """Provision records from CSV text, with the cell map for error locations."""
    cells = _CsvCells(where)
    provisions: list[dict[str, Any]] = []
    first_row: dict[str, tuple[int, dict[str, str]]] = {}
    for line, row in _csv_rows(text, where):
        pid = row.get("provision_id", "")
        if not pid:
            raise AgreementError("column 'provision_id': empty", where=f"{where}:{line}")
        if pid not in first_row:
            first_row[pid] = (line, row)
            provisions.append(_provision(row, line, len(provisions), cells, where))
        else:
            _check_same(first_row[pid], row, line, where)
        index = next(i for i, p in enumerate(provisions) if p["id"] == pid)
        schedule = provisions[index]["schedule"]
        if schedule.get("kind") == "rounds":
            _add_round(schedule, row, line, index, cells)
        elif first_row[pid][0] != line:
            raise AgreementError(
                f"column 'provision_id': {pid!r} already used on line {first_row[pid][0]}",
                where=f"{where}:{line}",
                hint="only provisions with schedule 'rounds' take several rows",
            )
    return provisions, cells


def _provision(row: dict[str, str], line: int, index: int, cells: _CsvCells, where: str) -> dict[str, Any]:
    base: FieldPath = ("provisions", index)
    cells.put(base, line, "provision_id")
    record: dict[str, Any] = {"id": row["provision_id"]}
    cells.put((*base, "id"), line, "provision_id")
    for column in _PROVISION_COLUMNS:
        value = row.get(column, "")
        if not value:
            continue
        cells.put((*base, column), line, column)
        if column == "conditions":
            try:
                record[column] = parse_conditions(value)
            except ValueError as exc:
                raise AgreementError(f"column 'conditions': {exc}", where=f"{where}:{line}") from exc
        elif column in ("linked_to", "sources"):
            record[column] = value.split()
        else:
            record[column] = value
    kind = row.get("schedule", "")
    schedule: dict[str, Any] = {"kind": kind}
    cells.put((*base, "schedule"), line, "schedule")
    cells.put((*base, "schedule", "kind"), line, "schedule")
    if kind == "rounds":
        schedule["rounds"] = []
    else:
        columns = (*_SCHEDULE_COLUMNS, "date", "day")
        for column in columns:
            if row.get(column):
                schedule[column] = row[column]
                cells.put((*base, "schedule", column), line, column)
        if row.get("quantity") or row.get("unit"):
            record["quantity"] = {"value": row.get("quantity") or None, "unit": row.get("unit") or None}
            cells.put((*base, "quantity"), line, "quantity")
            cells.put((*base, "quantity", "value"), line, "quantity")
            cells.put((*base, "quantity", "unit"), line, "unit")
    record["schedule"] = schedule
    return record


def _add_round(
    schedule: dict[str, Any], row: dict[str, str], line: int, index: int, cells: _CsvCells
) -> None:
    number = len(schedule["rounds"])
    base: FieldPath = ("provisions", index, "schedule", "rounds", number)
    cells.put(base, line, "round_id")
    item: dict[str, Any] = {}
    for column, key in (("round_id", "id"), ("date", "date"), ("day", "day"), ("round_note", "note")):
        if row.get(column):
            item[key] = row[column]
            cells.put((*base, key), line, column)
    if row.get("quantity") or row.get("unit"):
        item["quantity"] = {"value": row.get("quantity") or None, "unit": row.get("unit") or None}
        cells.put((*base, "quantity", "value"), line, "quantity")
        cells.put((*base, "quantity", "unit"), line, "unit")
    schedule["rounds"].append(item)


def _check_same(first: tuple[int, dict[str, str]], row: dict[str, str], line: int, where: str) -> None:
    first_line, first_values = first
    for column in (*_PROVISION_COLUMNS, "schedule"):
        value = row.get(column, "")
        if value and value != first_values.get(column, ""):
            raise AgreementError(
                f"column {column!r}: {value!r} differs from line {first_line} of the same provision",
                where=f"{where}:{line}",
                hint="provision columns may be left empty on the rows of later rounds",
            )


def build_agreement(path: Path, header: Header) -> Agreement:
    """Validate a filled-in CSV or YAML template merged with ``header``."""
    where = display_name(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise AgreementError(f"cannot read: {exc.strerror or exc}", where=where) from exc
    fields = header.fields()
    suffix = path.suffix.lower()
    if suffix == ".csv":
        provisions, cells = provisions_from_csv(text, where)
        data: dict[str, Any] = {**fields, "provisions": provisions}
        data.setdefault("conflict", data.get("title"))
        return validate_agreement_data(data, cells.locate, where)
    if suffix in (".yaml", ".yml"):
        parsed, lines = parse_yaml(text, where)
        if parsed is None:
            parsed = {}
        if not isinstance(parsed, dict):
            raise AgreementError("the YAML template must be a mapping", where=where)
        data = {**parsed, **fields}
        data.setdefault("conflict", data.get("title"))
        base = yaml_locator(lines, where)

        def locate(path: FieldPath) -> tuple[str, str]:
            flag = _flag_label(path)
            return ("command line", flag) if flag and path[0] in fields else base(path)

        locator: Locator = locate
        return validate_agreement_data(data, locator, where)
    raise UsageError(f"--from: {path} is neither .csv nor .yaml")


def agreement_yaml(agreement: Agreement, origin: str) -> str:
    """The agreement as a YAML file, with a short header saying where it came from."""
    data = agreement.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    data["effective"] = agreement.effective.isoformat()
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return (
        f"# Agreement {agreement.id}, built with 'ceasefire agreements new' from {origin}.\n"
        "# Validate after editing: ceasefire agreements validate FILE\n\n" + body
    )
