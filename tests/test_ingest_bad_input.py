"""Bad input goes to the quarantine with its reason and location; nothing else in the batch is lost."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine
from typer.testing import CliRunner

from ceasefire.cli import _register, app, main
from ceasefire.config import Limits
from ceasefire.ingest.pipeline import ingest_paths
from ceasefire.store.documents import count_documents, get_document
from ceasefire.store.quarantine import list_quarantine

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def _line(doc_id: str, text: str | None = None, date: str | None = "2025-02-01") -> str:
    return json.dumps({"id": doc_id, "date": date, "text": text or f"Report {doc_id} about the truce."})


def _write_bad_batch(tmp_path: Path) -> Path:
    """A folder of inputs (beside, not holding, the test database)."""
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [
        _line("ok-1"),
        '{"id": "broken", "text": "no closing brace"',
        _line("ok-2", date=None),  # a missing date is allowed
        _line("bad-day", date="2025-02-30"),
        _line("too-old", date="1900-01-01"),
        _line("far-future", date="2999-01-01"),
        _line("too-big", text="x" * 5000),
        "[1, 2, 3]",
        _line("no-text", text="   "),
        _line("ok-3"),
    ]
    raw = (
        "\n".join(lines).encode() + b"\n" + b'{"id": "latin1", "text": "caf\xe9"}\n' + _line("ok-4").encode()
    )
    (folder / "mixed.jsonl").write_bytes(raw)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "bad_utf8.txt").write_bytes(b" date 2025-02-01 Title\n\nBody with a bad byte \xff here.\n")
    (folder / "good.txt").write_text(" date 2025-02-01 A good one\n\nThe truce held overnight.\n")
    (folder / "sheet.xlsx").write_bytes(b"PK\x03\x04 not a supported format")
    return folder


def test_every_bad_case_is_quarantined_with_reason_and_location(engine: Engine, tmp_path: Path) -> None:
    folder = _write_bad_batch(tmp_path)
    summary = ingest_paths(engine, [folder], limits=Limits(max_report_bytes=4000), batch_size=3)
    assert sorted(summary.doc_ids) == ["good", "ok-1", "ok-2", "ok-3", "ok-4"]
    assert summary.accepted == 5
    assert dict(summary.quarantined) == {
        "bad_json": 1,
        "bad_date": 3,
        "too_large": 1,
        "not_object": 1,
        "missing_text": 1,
        "bad_utf8": 2,
        "empty": 1,
        "binary": 1,
        "unknown_format": 1,
    }
    with engine.connect() as conn:
        assert count_documents(conn) == 5
        entries = list_quarantine(conn)
        ok2 = get_document(conn, "ok-2")
    assert ok2 is not None and ok2.date is None
    where = {(Path(e.source).name, e.location, e.reason) for e in entries}
    assert ("mixed.jsonl", "line 2", "bad_json") in where
    assert ("mixed.jsonl", "line 4", "bad_date") in where
    assert ("mixed.jsonl", "line 7", "too_large") in where
    assert ("mixed.jsonl", "line 11", "bad_utf8") in where
    assert ("bad_utf8.txt", "byte 45", "bad_utf8") in where
    assert ("blob.txt", None, "binary") in where
    assert ("empty.txt", None, "empty") in where
    assert all(e.detail for e in entries)
    assert any(e.raw and "no closing brace" in e.raw for e in entries)


def test_reingesting_bad_input_adds_no_second_quarantine_row(engine: Engine, tmp_path: Path) -> None:
    folder = _write_bad_batch(tmp_path)
    first = ingest_paths(engine, [folder], limits=Limits(max_report_bytes=4000))
    second = ingest_paths(engine, [folder], limits=Limits(max_report_bytes=4000))
    assert second.accepted == 0 and second.duplicates == first.accepted
    assert second.quarantined == first.quarantined  # still reported, so the exit code stays 10
    with engine.connect() as conn:
        assert len(list_quarantine(conn)) == first.quarantined_total


def test_cli_summary_exit_code_and_quarantine_commands(db_url: str, tmp_path: Path) -> None:
    folder = _write_bad_batch(tmp_path)
    runner = CliRunner()
    if not any(command.name == "ingest" for command in app.registered_commands):
        _register()
    result = runner.invoke(app, ["ingest", str(folder), "--db", db_url, "--json"], standalone_mode=False)
    assert isinstance(result.exception, Exception) and getattr(result.exception, "exit_code", None) == 10
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["accepted"] == 6 and summary["quarantined"]["bad_json"] == 1  # default size limit

    listed = runner.invoke(app, ["quarantine", "list", "--db", db_url, "--json", "--reason", "bad_json"])
    assert listed.exit_code == 0
    (entry,) = json.loads(listed.stdout)["data"]
    shown = runner.invoke(app, ["quarantine", "show", str(entry["id"]), "--db", db_url])
    assert shown.exit_code == 0 and "no closing brace" in shown.stdout and "line 2" in shown.stdout

    # fix the broken line, retry: the entry is resolved and the report accepted
    mixed = folder / "mixed.jsonl"
    mixed.write_bytes(mixed.read_bytes().replace(b'"no closing brace"', b'"now closed"}'))
    retried = runner.invoke(app, ["quarantine", "retry", str(entry["id"]), "--db", db_url])
    assert retried.exit_code == 0, retried.stdout
    assert "resolved: 1" in retried.stdout
    open_bad_json = runner.invoke(
        app, ["quarantine", "list", "--db", db_url, "--json", "--reason", "bad_json"]
    )
    assert json.loads(open_bad_json.stdout)["count"] == 0


def test_main_prints_one_line_and_documented_exit_codes(db_url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(" date 2025-02-01 Fine\n\nThe truce held.\n")
    for argv, code in (
        (["ingest", str(folder), "--db", db_url, "--quiet"], 0),
        (["ingest", str(folder / "missing"), "--db", db_url, "--quiet"], 3),
    ):
        try:
            main(argv)
            exit_code = 0
        except SystemExit as exc:
            exit_code = int(exc.code or 0)
        assert exit_code == code
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip().count("\n") == 0 and "no such file or folder" in err
    (folder / "bad.jsonl").write_text("{not json}\n")
    try:
        main(["ingest", str(folder), "--db", db_url, "--quiet"])
    except SystemExit as exc:
        assert exc.code == 10
