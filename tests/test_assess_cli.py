"""The assessment commands on a small database: JSON in the SPEC shapes, CSV and tables."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime

import pytest
import typer
from sqlalchemy import Engine, insert
from typer.testing import CliRunner

from ceasefire.cli import assess
from ceasefire.errors import UsageError
from ceasefire.extract.event import Event, Quantity
from ceasefire.store.events import replace_events
from ceasefire.store.tables import documents

REPORTS = [
    ("d1", "2025-02-10", [("SUSPEND", "hamas", "israel", "RELEASE", "2025-02-10", None, None)]),
    ("d2", "2025-02-11", [("THREATEN", "israel", "hamas", "ATTACK", "2025-02-11", None, None)]),
    ("d2", "2025-02-11", [("ACCUSE", "israel", "hamas", "AGREE", "2025-02-11", None, None)]),
    ("d3", "2025-02-15", [("RELEASE", "hamas", "israel", None, "2025-02-15", 3, "hostage")]),
    ("d4", "2025-02-15", [("RELEASE", "israel", "palestinians", None, "2025-02-15", 369, "prisoner")]),
]


@pytest.fixture
def filled(engine: Engine, db_url: str) -> str:
    with engine.begin() as conn:
        pks: dict[str, int] = {}
        found: dict[str, list[Event]] = {}
        for doc_id, published, rows in REPORTS:
            if doc_id not in pks:
                result = conn.execute(
                    insert(documents).values(
                        doc_id=doc_id,
                        content_hash=f"h-{doc_id}",
                        text="A report written for this test.",
                        published=date.fromisoformat(published),
                        metadata={},
                        ingested_at=datetime.now(UTC),
                    )
                )
                pks[doc_id] = int(result.inserted_primary_key[0])
            for kind, actor, target, obj, day, value, unit in rows:
                found.setdefault(doc_id, []).append(
                    Event(
                        doc_id=doc_id,
                        type=kind,
                        actor=actor,
                        target=target,
                        object=obj,
                        date=day,
                        quantity=Quantity(value, unit) if value is not None and unit else None,
                        evidence="A sentence written for this test.",
                        span=(0, 10),
                        rule="test",
                    )
                )
        for doc_id, events in found.items():
            replace_events(conn, pks[doc_id], events)
    return db_url


def _app() -> typer.Typer:
    app = typer.Typer()
    assess.register(app)
    return app


def run(*args: str) -> str:
    result = CliRunner().invoke(_app(), list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_ledger_json_is_exactly_spec_rows(filled: str) -> None:
    rows = json.loads(run("ledger", "gaza-2025", "--db", filled, "--format", "json"))
    assert rows == [
        {"date": "2025-02-15", "party": "hamas", "unit": "hostage", "count": 3},
        {"date": "2025-02-15", "party": "israel", "unit": "prisoner", "count": 369},
    ]
    early = json.loads(
        run("ledger", "gaza-2025", "--db", filled, "--as-of", "2025-02-14", "--format", "json")
    )
    assert early == []


def test_status_json_and_csv(filled: str) -> None:
    spec = json.loads(run("status", "gaza-2025", "--as-of", "2025-02-12", "--db", filled, "--format", "json"))
    assert spec["ceasefire"] == "at_risk"
    round6 = next(o for o in spec["obligations"] if o["provision"] == "hostage-round-6")
    assert round6["status"] == "suspended" and round6["evidence"] == ["d1"]
    table = list(
        csv.DictReader(
            io.StringIO(run("status", "gaza-2025", "--as-of", "2025-02-16", "--db", filled, "-f", "csv"))
        )
    )
    assert next(r for r in table if r["provision"] == "hostage-round-6")["status"] == "fulfilled"


def test_risk_claims_due_timeline(filled: str) -> None:
    series = json.loads(
        run("risk", "gaza-2025", "--from", "2025-02-10", "--to", "2025-02-12", "--db", filled, "-f", "json")
    )
    assert [d["date"] for d in series] == ["2025-02-10", "2025-02-11", "2025-02-12"]
    assert all(
        0 <= d["risk"] <= 1 and {"type", "actor", "weight", "evidence"} <= set(d["drivers"][0])
        for d in series
    )
    claims = json.loads(run("claims", "gaza-2025", "--as-of", "2025-02-12", "--db", filled, "-f", "json"))
    assert [c["kind"] for c in claims] == ["accusation"] and claims[0]["verified"] is False
    due = json.loads(
        run("due", "gaza-2025", "--as-of", "2025-02-12", "--days", "5", "--db", filled, "-f", "json")
    )
    assert any(d["id"] == "hostage-round-6" and d["status"] == "suspended" for d in due)
    assert "hostage-round-6" in run("timeline", "gaza-2025", "--db", filled, "-f", "csv")
    assert "ceasefire" in run("status", "gaza-2025", "--as-of", "2025-02-12", "--db", filled)
    assert "rounds" in run("ledger", "gaza-2025", "--db", filled)


def test_bad_date_is_a_usage_error(filled: str) -> None:
    result = CliRunner().invoke(_app(), ["status", "gaza-2025", "--as-of", "12/02/2025", "--db", filled])
    assert isinstance(result.exception, UsageError)
