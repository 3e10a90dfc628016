"""``ceasefire query``: named DuckDB summaries over Parquet event parts, and read-only expert SQL."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from ceasefire.cli import scale as scale_cli
from ceasefire.errors import InputFileError, UsageError
from ceasefire.extract.event import Event, Quantity
from ceasefire.scale.event_parquet import PartWriter, event_row
from ceasefire.scale.query import SUMMARIES, run_query

pytest.importorskip("duckdb")


def _events() -> list[Event]:
    return [
        Event(
            "d1",
            "RELEASE",
            actor="hamas",
            target="israel",
            date="2025-02-15",
            quantity=Quantity(3, "hostage"),
        ),
        Event(
            "d1",
            "RELEASE",
            actor="israel",
            target="palestinians",
            date="2025-02-15",
            quantity=Quantity(369, "prisoner"),
        ),
        Event("d2", "ACCUSE", actor="hamas", target="israel", object="ATTACK", date="2025-02-10"),
        Event("d2", "SUSPEND", actor="hamas", object="RELEASE", mode="planned", date="2025-02-15"),
        Event("d3", "ACCUSE", actor="israel", target="hamas", date="2025-02-11"),
        Event("d3", "CONSULT", actor="egypt", date=None),
        Event("d4", "ATTACK", actor=None, mode="negated", date="2025-02-11"),
    ]


@pytest.fixture
def events_dir(tmp_path: Path) -> Path:
    """Two part files, as a Dask run writes them."""
    out = tmp_path / "events"
    out.mkdir()
    events = _events()
    for part, chunk in enumerate((events[:3], events[3:])):
        writer = PartWriter(out / f"part-{part:05d}.parquet")
        writer.add(
            event_row(e, shard=0, part=part, doc_index=0, event_index=i, published="2025-02-16")
            for i, e in enumerate(chunk)
        )
        writer.close()
    return out


def test_by_type_counts_every_event(events_dir: Path) -> None:
    result = run_query(events_dir, "by-type")
    counts = {r["type"]: r["events"] for r in result.records()}
    assert counts == dict(Counter(e.type for e in _events()))
    assert {r["type"]: r["plover"] for r in result.records()}["SUSPEND"] == "SANCTION"


def test_by_day_splits_modes_and_skips_undated(events_dir: Path) -> None:
    rows = {str(r["date"]): r for r in run_query(events_dir, "by-day").records()}
    assert list(rows) == ["2025-02-10", "2025-02-11", "2025-02-15"]
    assert (rows["2025-02-15"]["occurred"], rows["2025-02-15"]["planned"]) == (2, 1)
    assert rows["2025-02-11"]["negated"] == 1


def test_top_dyads_and_quantities(events_dir: Path) -> None:
    top = run_query(events_dir, "top-dyads", limit=1).records()
    assert top == [{"actor": "hamas", "target": "israel", "type": "ACCUSE", "events": 1}]
    totals = {r["unit"]: r["total"] for r in run_query(events_dir, "quantities").records()}
    assert totals == {"hostage": 3, "prisoner": 369}


def test_every_summary_runs(events_dir: Path) -> None:
    for name in SUMMARIES:
        assert run_query(events_dir, name).columns


def test_expert_sql_reads_the_events_view(events_dir: Path) -> None:
    result = run_query(
        events_dir, sql="SELECT count(DISTINCT doc_id) AS reports FROM events WHERE actor = 'hamas'"
    )
    assert result.rows == [(2,)]


@pytest.mark.parametrize(
    "sql",
    [
        "COPY (SELECT 1) TO 'out.parquet'",
        "SELECT 1; SELECT 2",
        "SET enable_external_access = true",
        "ATTACH 'other.db'",
        "INSTALL httpfs",
        "CREATE TABLE t AS SELECT 1",
    ],
)
def test_expert_sql_is_one_select_only(events_dir: Path, sql: str) -> None:
    with pytest.raises(UsageError):
        run_query(events_dir, sql=sql)


def test_expert_sql_cannot_read_other_files(events_dir: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("a\n1\n")
    with pytest.raises(UsageError, match="disabled"):
        run_query(events_dir, sql=f"SELECT * FROM read_csv('{secret}')")


def test_events_as_glob_or_file(events_dir: Path) -> None:
    assert run_query(str(events_dir / "part-*.parquet"), "by-type").rows
    one = run_query(events_dir / "part-00000.parquet", sql="SELECT count(*) FROM events")
    assert one.rows == [(3,)]


def test_errors_name_the_problem(events_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no summary"):
        run_query(events_dir, "by-weather")
    with pytest.raises(UsageError, match="either"):
        run_query(events_dir)
    with pytest.raises(InputFileError, match="no such"):
        run_query(tmp_path / "missing", "by-type")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputFileError, match="no Parquet"):
        run_query(tmp_path / "empty", "by-type")


def test_cli_query_formats(events_dir: Path) -> None:
    app = typer.Typer()
    app.callback()(lambda: None)  # a group, as in the real `ceasefire` app
    scale_cli.register(app)
    runner = CliRunner()
    as_json = runner.invoke(app, ["query", "by-actor", "--events", str(events_dir), "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.stdout)[0] == {"actor": "hamas", "events": 3, "types": 3, "reports": 2}
    as_csv = runner.invoke(app, ["query", "by-type", "--events", str(events_dir), "-f", "csv"])
    assert as_csv.stdout.splitlines()[0] == "type,plover,cameo,events,reports"
    listing = runner.invoke(app, ["query"])
    assert "top-dyads" in listing.stdout
