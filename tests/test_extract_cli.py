"""``ceasefire extract``, ``explain`` and ``rules check`` through the real CLI entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ceasefire.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_jsonl_follows_spec(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["extract", str(FIXTURES / "corpus.jsonl"), "--format", "jsonl"], capsys)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [row["doc_id"] for row in rows] == sorted(row["doc_id"] for row in rows)  # corpus order
    spec = ["doc_id", "type", "actor", "target", "object", "mode", "date", "quantity", "location", "source",
            "evidence", "span"]  # fmt: skip
    assert all(list(row)[: len(spec)] == spec for row in rows)
    assert {"doc_id": "fx-2", "type": "AID", "quantity": {"value": 600, "unit": "truck"}}.items() <= rows[
        -1
    ].items()


def test_extract_json_and_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["extract", str(FIXTURES / "corpus.jsonl"), "--format", "json"], capsys)
    assert code == 0 and isinstance(json.loads(out), list)
    code, out, _ = run(["extract", str(FIXTURES / "truce_report.txt"), "--format", "table"], capsys)
    assert code == 0 and "SUSPEND" in out


def test_extract_in_two_processes_prints_the_same_events(capsys: pytest.CaptureFixture[str]) -> None:
    corpus = str(FIXTURES / "corpus.jsonl")
    code, one, _ = run(["extract", corpus, "--format", "jsonl"], capsys)
    code2, two, _ = run(["extract", corpus, "--format", "jsonl", "--jobs", "2"], capsys)
    assert code == code2 == 0
    assert one.strip() and two == one
    code, _, err = run(["extract", corpus, "--engine", "dask", "--jobs", "2"], capsys)
    assert code == 2 and "--jobs" in err


def test_malformed_corpus_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["extract", str(FIXTURES / "broken.jsonl")], capsys)
    assert code == 3
    assert "broken.jsonl" in err and "Traceback" not in err


def test_explain_shows_rules(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        ["explain", "Hamas postponed the release of three hostages on Monday.", "--date", "2025-02-12"],
        capsys,
    )
    assert code == 0
    for needed in ("tokens", "Hamas", "suspend.verb", "release.verb", "SUSPEND", "2025-02-10"):
        assert needed in out


def test_explain_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["explain", "Hamas met Egypt.", "--date", "12/02/2025"], capsys)
    assert code == 2 and "YYYY-MM-DD" in err


def test_rules_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["rules", "check"], capsys)
    assert code == 0 and "triggers.yaml" in out and "actor files" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text("# 2026-11-27 test\ntriggers:\n  - id: x\n    type: PARTY\n    words: [dance]\n")
    code, _, err = run(["rules", "check", str(bad)], capsys)
    assert code == 5 and f"{bad}:3" in err.replace("\n", "") and "type" in err
