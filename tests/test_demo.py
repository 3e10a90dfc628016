"""`ceasefire demo` builds a fresh database from the built-in reports and shows the overview."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ceasefire.pipeline import DEMO_REPORTS


def test_demo_reports_are_many_and_in_the_plain_text_form() -> None:
    reports = sorted(DEMO_REPORTS.glob("*.txt"))
    assert 30 <= len(reports) <= 60
    for report in reports:
        first = report.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first.startswith(" date 2025-"), report.name


def test_demo_command_builds_database_and_shows_overview(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = subprocess.run(
        [sys.executable, "-m", "ceasefire", "demo", "--db", str(db), "--as-of", "2025-02-12"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert db.exists()
    for heading in ("agreement", "exchange ledger so far", "provisions as of 2025-02-12", "latest disputes"):
        assert heading in out
    assert "gaza-2025" in out
    assert "hostage-round-6" in out
