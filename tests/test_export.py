"""Exports on a small database written here: every kind in CSV, JSON Lines and Parquet, the ACLED-like
layout, streaming, the CLI, errors, and docs/exports.md describing every column."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import typer
from sqlalchemy import Engine, insert
from typer.testing import CliRunner

from ceasefire.cli import report as report_cli
from ceasefire.errors import UsageError
from ceasefire.extract.event import Event, Quantity
from ceasefire.report.columns import LAYOUTS
from ceasefire.report.export import export
from ceasefire.store.events import iter_events, replace_events
from ceasefire.store.tables import documents

DOCS = Path(__file__).resolve().parent.parent / "docs" / "exports.md"

# (doc_id, published, url, outlet, events: (type, actor, target, object, mode, date, qty, unit, place, text))
REPORTS = [
    (
        "x1",
        "2025-02-08",
        "https://example.org/x1",
        "Wire A",
        [
            (
                "RELEASE",
                "pij",
                "israel",
                None,
                "occurred",
                "2025-02-08",
                3,
                "hostage",
                "Khan Younis",
                "Freed.",
            ),
            (
                "RELEASE",
                "israel",
                "palestinians",
                None,
                "occurred",
                "2025-02-08",
                183,
                "prisoner",
                None,
                "Out.",
            ),
        ],
    ),
    (
        "x2",
        "2025-02-10",
        "https://example.org/x2",
        "Wire B",
        [("SUSPEND", "hamas", "israel", "RELEASE", "occurred", "2025-02-10", None, None, None, "Postponed.")],
    ),
    (
        "x3",
        "2025-02-12",
        "https://example.org/x3",
        "Wire A",
        [
            (
                "ATTACK",
                "israel",
                "palestinians",
                None,
                "occurred",
                None,
                4,
                "killed",
                "Rafah",
                "An air strike.",
            ),
            (
                "ATTACK",
                "israel",
                "hamas",
                None,
                "occurred",
                "2025-02-12",
                None,
                None,
                "Gaza",
                "Gunmen exchanged fire.",
            ),
            (
                "ACCUSE",
                "hamas",
                "israel",
                "AID",
                "occurred",
                "2025-02-12",
                None,
                None,
                None,
                'Said "x", y;z.',
            ),
        ],
    ),
]
N_EVENTS = 6


def fill(engine: Engine) -> None:
    with engine.begin() as conn:
        for doc_id, published, url, outlet, rows in REPORTS:
            pk = conn.execute(
                insert(documents).values(
                    doc_id=doc_id,
                    content_hash=f"hash-{doc_id}",
                    text="A report written for the export tests.",
                    published=date.fromisoformat(published),
                    title=f"Title of {doc_id}",
                    url=url,
                    outlet=outlet,
                    cluster_id=None,
                    metadata={},
                    ingested_at=datetime.now(UTC),
                )
            ).inserted_primary_key[0]
            found = [
                Event(
                    doc_id=doc_id,
                    type=kind,
                    actor=actor,
                    target=target,
                    object=obj,
                    mode=mode,
                    date=day,
                    quantity=Quantity(value, unit) if value is not None and unit else None,
                    location=place,
                    evidence=evidence,
                    span=(5, 5 + len(evidence)),
                    rule=f"test.{kind.lower()}",
                    trigger=kind.lower(),
                    trigger_span=(6, 9),
                )
                for kind, actor, target, obj, mode, day, value, unit, place, evidence in rows
            ]
            replace_events(conn, int(pk), found)


@pytest.fixture
def small(engine: Engine) -> Engine:
    fill(engine)
    return engine


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def run_export(small: Engine, kind: str, fmt: str, **options: object) -> str:
    out = io.StringIO()
    export(kind, small, out, fmt, **options)  # type: ignore[arg-type]
    return out.getvalue()


def test_events_csv_has_spec_fields_codes_and_provenance(small: Engine) -> None:
    text = run_export(small, "events", "csv")
    header = text.splitlines()[0].split(",")
    assert header[:12] == [
        "doc_id", "type", "actor", "target", "object", "mode", "date", "quantity", "location", "source",
        "evidence", "span",
    ]  # fmt: skip
    rows = csv_rows(text)
    assert len(rows) == N_EVENTS
    suspend = next(r for r in rows if r["type"] == "SUSPEND")
    assert (suspend["plover"], suspend["cameo"], suspend["object"]) == ("SANCTION", "16", "RELEASE")
    assert (suspend["published"], suspend["date"], suspend["url"]) == (
        "2025-02-10",
        "2025-02-10",
        "https://example.org/x2",
    )
    assert (suspend["rule"], suspend["trigger"], suspend["trigger_start"]) == ("test.suspend", "suspend", "6")
    assert suspend["span"] == "[5,15]" and suspend["quantity"] == ""
    release = next(r for r in rows if r["type"] == "RELEASE" and r["actor"] == "israel")
    assert json.loads(release["quantity"]) == {"value": 183, "unit": "prisoner"}
    assert (release["quantity_value"], release["quantity_unit"], release["cameo"]) == (
        "183",
        "prisoner",
        "08",
    )
    accuse = next(r for r in rows if r["type"] == "ACCUSE")
    assert accuse["evidence"] == 'Said "x", y;z.' and accuse["title"] == "Title of x3"


def test_events_jsonl_keeps_nested_values(small: Engine) -> None:
    lines = [json.loads(line) for line in run_export(small, "events", "jsonl").splitlines()]
    assert len(lines) == N_EVENTS
    first = lines[0]
    assert list(first)[:12] == [c.name for c in LAYOUTS["events"]][:12]
    assert first["quantity"] == {"value": 3, "unit": "hostage"} and first["span"] == [5, 11]
    assert first["published"] == "2025-02-08" and first["plover"] == "CONCEDE"
    undated = next(e for e in lines if e["type"] == "ATTACK" and e["date"] is None)
    assert undated["quantity_unit"] == "killed"


def test_events_parquet_types_and_values(small: Engine, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    assert export("events", small, out, "parquet") == N_EVENTS
    table = pq.read_table(out)
    assert table.schema.field("date").type == "date32[day]"
    assert table.schema.field("quantity_value").type == "int64"
    rows = table.to_pylist()
    assert [r["type"] for r in rows] == ["RELEASE", "RELEASE", "SUSPEND", "ATTACK", "ATTACK", "ACCUSE"]
    assert rows[2]["date"] == date(2025, 2, 10) and json.loads(rows[0]["span"]) == [5, 11]


def test_events_as_of_and_streaming_in_pages(small: Engine) -> None:
    rows = csv_rows(run_export(small, "events", "csv", as_of=date(2025, 2, 10)))
    assert {r["doc_id"] for r in rows} == {"x1", "x2"}
    with small.connect() as conn:
        paged = [e.id for e in iter_events(conn, page_size=2)]
    assert len(paged) == N_EVENTS and paged == sorted(paged)


def test_acled_layout_maps_types_actors_places_and_fatalities(small: Engine) -> None:
    rows = csv_rows(run_export(small, "events", "csv", layout="acled"))
    assert list(rows[0])[:5] == ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type"]
    by_note = {r["notes"]: r for r in rows}
    strike = by_note["An air strike."]
    assert (strike["disorder_type"], strike["event_type"], strike["sub_event_type"]) == (
        "Political violence",
        "Violence against civilians",
        "Attack",
    )
    assert (strike["fatalities"], strike["civilian_targeting"], strike["inter2"]) == (
        "4",
        "Civilian targeting",
        "Civilians",
    )
    assert (strike["country"], strike["iso"], strike["location"]) == ("Palestine", "275", "Rafah")
    assert strike["event_id_cnty"] == f"PSE{strike['event_id']}"
    assert (strike["event_date"], strike["year"], strike["time_precision"]) == ("2025-02-12", "2025", "2")
    clash = by_note["Gunmen exchanged fire."]
    assert (clash["event_type"], clash["sub_event_type"], clash["fatalities"]) == (
        "Battles",
        "Armed clash",
        "0",
    )
    assert (clash["actor1"], clash["inter1"], clash["actor2"], clash["interaction"]) == (
        "Israel",
        "State forces",
        "Hamas",
        "State forces-Rebel group",
    )
    freed = by_note["Freed."]
    assert (freed["event_type"], freed["sub_event_type"]) == ("Strategic developments", "Agreement")
    assert freed["assoc_actor_1"] == "Hamas" and freed["source"] == "Wire A"
    assert freed["tags"] == "mode=occurred; quantity=3 hostage"
    assert by_note["Postponed."]["sub_event_type"] == "Change to group/activity"
    assert by_note["Out."]["event_id_cnty"].startswith("XXX")  # no place, no country


def test_stories_ledger_and_provisions(small: Engine, tmp_path: Path) -> None:
    stories = [
        json.loads(x) for x in run_export(small, "stories", "jsonl", agreement="gaza-2025").splitlines()
    ]
    suspend = next(s for s in stories if s["type"] == "SUSPEND")
    assert suspend["sources"] == ["x2"] and suspend["urls"] == ["https://example.org/x2"]
    assert "suspends:hostage-round-6" in suspend["relations"] and suspend["plover"] == "SANCTION"
    release = next(s for s in stories if s["type"] == "RELEASE" and s["party"] == "hamas")
    assert release["actor"] == "pij" and release["variants"][0]["value"] == 3
    assert release["tellings"][0]["doc_id"] == "x1"

    ledger = csv_rows(run_export(small, "ledger", "csv", agreement="gaza-2025"))
    assert [(r["date"], r["party"], r["unit"], r["count"]) for r in ledger] == [
        ("2025-02-08", "hamas", "hostage", "3"),
        ("2025-02-08", "israel", "prisoner", "183"),
    ]
    assert (ledger[0]["rounds"], ledger[0]["round_due"], ledger[0]["agreed"]) == (
        "hostage-round-5",
        "2025-02-08",
        "3",
    )
    assert ledger[0]["sources"] == "x1" and ledger[0]["urls"] == "https://example.org/x1"

    out = tmp_path / "provisions.parquet"
    count = export("provisions", small, out, "parquet", agreement="gaza-2025")
    rows = {r["provision"]: r for r in pq.read_table(out).to_pylist()}
    assert count == len(rows) and rows["hostage-round-6"]["as_of"] == date(2025, 2, 12)  # the last report day
    round6 = rows["hostage-round-6"]
    assert (round6["status"], round6["due"], round6["agreed_value"]) == ("suspended", date(2025, 2, 15), 3)
    assert round6["evidence"] == ["x2"] and round6["plover"] == "CONCEDE"
    assert rows["hostage-round-5"]["status"] == "fulfilled" and rows["hostage-round-5"]["done_value"] == 3
    early = csv_rows(run_export(small, "provisions", "csv", agreement="gaza-2025", as_of=date(2025, 2, 9)))
    assert next(r for r in early if r["provision"] == "hostage-round-6")["status"] == "not_due"


def test_errors_are_named(small: Engine) -> None:
    with pytest.raises(UsageError, match="needs an agreement"):
        run_export(small, "stories", "csv")
    with pytest.raises(UsageError, match="events only"):
        run_export(small, "ledger", "csv", layout="acled", agreement="gaza-2025")
    with pytest.raises(UsageError, match="needs a file"):
        run_export(small, "events", "parquet")


def test_cli_export(small: Engine, db_url: str, tmp_path: Path) -> None:
    app = typer.Typer()
    report_cli.register(app)
    runner = CliRunner()
    result = runner.invoke(app, ["export", "events", "--format", "jsonl", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == N_EVENTS
    out = tmp_path / "acled.parquet"
    args = ["export", "events", "-f", "parquet", "--layout", "acled", "--out", str(out), "--db", db_url]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert pq.read_table(out).num_rows == N_EVENTS
    result = runner.invoke(app, ["export", "ledger", "-f", "parquet", "--db", db_url])
    assert result.exit_code != 0 and isinstance(result.exception, UsageError)


def test_docs_describe_every_column() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for layout, columns in LAYOUTS.items():
        for column in columns:
            assert f"| `{column.name}` |" in text, f"docs/exports.md lacks {layout} column {column.name}"
