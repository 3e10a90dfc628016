"""``ceasefire agreements …`` as a user runs it: output, one-line errors and exit codes (4 = agreement)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CEASEFIRE = Path(sys.executable).parent / "ceasefire"

ACTORS = """\
actors:
  - {id: state-a, kind: state, name: State A}
  - {id: group-b, kind: group, name: Group B}
"""


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "CEASEFIRE_DB": f"sqlite:///{tmp_path / 'cli.db'}"}
    return subprocess.run(
        [str(CEASEFIRE), "agreements", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_list_shows_builtins_and_stored(tmp_path: Path) -> None:
    listed = run(tmp_path, "list")
    assert listed.returncode == 0, listed.stderr
    assert "gaza-2025" in listed.stdout and "lebanon-2024" in listed.stdout
    stored = run(tmp_path, "load", "lebanon-2024")
    assert stored.returncode == 0 and "stored lebanon-2024" in stored.stdout
    listed = run(tmp_path, "list")
    assert listed.stdout.count("lebanon-2024") == 2 and "stored" in listed.stdout


def test_show_json_resolves_due_dates(tmp_path: Path) -> None:
    shown = run(tmp_path, "show", "gaza-2025", "--format", "json")
    assert shown.returncode == 0, shown.stderr
    payload = json.loads(shown.stdout)
    assert payload["agreement"]["id"] == "gaza-2025"
    by_id = {item["id"]: item for item in payload["obligations"]}
    assert by_id["hostage-round-6"]["due"] == "2025-02-15"
    assert by_id["hostage-round-6"]["quantity"] == {"value": 3, "unit": "hostage"}
    assert by_id["withdraw-netzarim"]["due"] == "2025-02-09"
    assert by_id["aid-trucks"]["due"] is None and by_id["aid-trucks"]["per"] == "day"


def test_show_table_and_unknown_id(tmp_path: Path) -> None:
    shown = run(tmp_path, "show", "lebanon-2024")
    assert shown.returncode == 0
    assert "israel-withdrawal" in shown.stdout and "2025-02-18" in shown.stdout
    missing = run(tmp_path, "show", "atlantis-1999")
    assert missing.returncode == 4
    assert "unknown agreement 'atlantis-1999'" in missing.stderr and "gaza-2025" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_validate_reports_file_line_and_field(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(run(tmp_path, "template", "--format", "yaml").stdout, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        good.read_text(encoding="utf-8").replace("kind: recurring", "kind: often"), encoding="utf-8"
    )
    ok = run(tmp_path, "validate", "good.yaml")
    assert ok.returncode == 0 and ok.stdout.startswith("ok good.yaml: example-2025")
    failed = run(tmp_path, "validate", "good.yaml", "bad.yaml")
    assert failed.returncode == 4
    assert "ok good.yaml" in failed.stdout
    assert "bad.yaml:" in failed.stderr and "provisions[2].schedule.kind" in failed.stderr
    assert "Traceback" not in failed.stderr


def test_template_then_new_builds_a_valid_file(tmp_path: Path) -> None:
    template = run(tmp_path, "template", "--format", "csv", "--out", "t.csv")
    assert template.returncode == 0 and (tmp_path / "t.csv").exists()
    (tmp_path / "actors.yaml").write_text(ACTORS, encoding="utf-8")
    common = ("--id", "example-1", "--title", "Example", "--effective", "2025-01-19T08:30:00+02:00")
    made = run(
        tmp_path,
        "new",
        "--from",
        "t.csv",
        *common,
        "--parties",
        "state-a,group-b",
        "--phases",
        "phase-1=1-42",
        "--actors",
        "actors.yaml",
        "--out",
        "example-1.yaml",
    )
    assert made.returncode == 0, made.stderr
    assert run(tmp_path, "validate", "example-1.yaml").returncode == 0
    shown = json.loads(run(tmp_path, "show", "example-1.yaml", "--format", "json").stdout)
    assert {o["id"] for o in shown["obligations"]} >= {"captive-round-1", "captive-round-2", "pullback"}
    # without the actors file the made-up ids are unknown: one line, exit code 4
    unknown = run(
        tmp_path,
        "new",
        "--from",
        "t.csv",
        *common,
        "--parties",
        "state-a,group-b",
        "--phases",
        "phase-1=1-42",
    )
    assert unknown.returncode == 4 and "unknown actor 'state-a'" in unknown.stderr


def test_new_names_the_csv_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "p.csv").write_text(
        "provision_id,title,action,schedule,day,obligor\nleave,Leave the zone,WITHDRAW,day,twenty,israel\n",
        encoding="utf-8",
    )
    made = run(
        tmp_path, "new", "--from", "p.csv", "--id", "x-1", "--title", "X", "--effective",
        "2025-01-19T08:30:00+02:00", "--parties", "israel,hamas",
    )  # fmt: skip
    assert made.returncode == 4
    assert "p.csv:2: column 'day'" in made.stderr
