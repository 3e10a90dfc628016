"""The optional compiled build (``make compile``) never runs a binary older than its source: the guard
in ceasefire/extract/compiled.py, checked on import of ceasefire.extract."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from ceasefire.extract.compiled import RECORD, binaries, check_binaries, stale_binaries, write_record

SUFFIX = EXTENSION_SUFFIXES[0]  # e.g. .cpython-311-x86_64-linux-gnu.so


@pytest.fixture
def package(tmp_path: Path) -> Path:
    (tmp_path / "rules.py").write_text("LIMIT = 3\n", encoding="utf-8")
    (tmp_path / "other.py").write_text("X = 1\n", encoding="utf-8")
    return tmp_path


def _fake_binary(package: Path, name: str) -> Path:
    path = package / f"{name}{SUFFIX}"
    path.write_bytes(b"not really an extension")
    return path


def test_nothing_compiled_nothing_to_check(package: Path) -> None:
    assert binaries(package) == {}
    assert stale_binaries(package) == []
    check_binaries(package)


def test_a_binary_without_record_is_stale(package: Path) -> None:
    _fake_binary(package, "rules")
    assert binaries(package) == {"rules": package / f"rules{SUFFIX}"}
    [why] = stale_binaries(package)
    assert "no record" in why


def test_recorded_binary_is_current_until_its_source_changes(package: Path) -> None:
    _fake_binary(package, "rules")
    write_record(["rules"], package)
    assert (package / RECORD).exists()
    assert stale_binaries(package) == []
    (package / "other.py").write_text("X = 2\n", encoding="utf-8")  # not compiled: no matter
    assert stale_binaries(package) == []
    (package / "rules.py").write_text("LIMIT = 4\n", encoding="utf-8")
    [why] = stale_binaries(package)
    assert "rules.py changed" in why
    with pytest.raises(ImportError, match=r"make compile.*make uncompile"):
        check_binaries(package)


def test_a_binary_whose_source_is_gone_is_stale(package: Path) -> None:
    _fake_binary(package, "rules")
    write_record(["rules"], package)
    (package / "rules.py").unlink()
    [why] = stale_binaries(package)
    assert "no longer exists" in why


def test_a_broken_record_counts_as_none(package: Path) -> None:
    _fake_binary(package, "rules")
    (package / RECORD).write_text("{not json", encoding="utf-8")
    assert len(stale_binaries(package)) == 1


def test_importing_the_package_refuses_a_stale_binary(tmp_path: Path) -> None:
    """End to end: a copy of the package with a binary whose source changed cannot be imported."""
    source = Path(__file__).resolve().parent.parent / "src" / "ceasefire"
    copy = tmp_path / "ceasefire"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("*.so", "__pycache__", RECORD))
    extract = copy / "extract"
    _fake_binary(extract, "lookback")
    write_record(["lookback"], extract)
    code = "import ceasefire.extract"
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr  # recorded and unchanged: accepted (not loaded by this import)
    with (extract / "lookback.py").open("a", encoding="utf-8") as f:
        f.write("\n# an edit after compiling\n")
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode != 0
    assert "ImportError" in run.stderr and "lookback" in run.stderr and "make compile" in run.stderr
