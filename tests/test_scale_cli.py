"""``ceasefire extract --engine dask`` end to end through the real command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ceasefire.cli import main
from ceasefire.extract.pipeline import Extractor
from ceasefire.ingest.read import read_paths
from ceasefire.scale.event_parquet import read_events
from scale_corpus import make_reports, write_jsonl


def _ceasefire(*args: str) -> subprocess.CompletedProcess[str]:
    """The console script in a child process (the LocalCluster spawns its workers from a real main)."""
    code = "import sys; from ceasefire.cli import main; main(sys.argv[1:])"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "reports.jsonl", [*make_reports(12, seed=2), '{"id": "broken"'])


@pytest.mark.slow
def test_extract_engine_dask_writes_the_single_process_events(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "events"
    dask = _ceasefire("extract", str(corpus), "--engine", "dask", "--workers", "1", "--out", str(out))
    assert dask.returncode == 10, dask.stderr  # one record rejected, the rest extracted
    assert "12 reports" in dask.stderr and "bad_json" in dask.stderr and "Traceback" not in dask.stderr
    clean = write_jsonl(tmp_path / "clean.jsonl", make_reports(12, seed=2))
    expected = [e.to_spec() for _, found in Extractor().pipe(read_paths([clean])) for e in found]  # type: ignore[arg-type]
    assert expected and [e.to_spec() for e in read_events(out)] == expected


def test_dask_options_need_each_other(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv, hint in (
        (["extract", str(corpus), "--engine", "dask"], "--out"),
        (["extract", str(corpus), "--out", "somewhere"], "--engine dask"),
    ):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 2
        assert hint in capsys.readouterr().err
