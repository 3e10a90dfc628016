"""Optional compiled build of the hot extraction modules with mypyc (``make compile``).

    .venv/bin/python scripts/compile_extract.py           # compile MODULES in place, record sources
    .venv/bin/python scripts/compile_extract.py --remove  # remove every binary and the record

The binaries (``src/ceasefire/extract/*.so``, mypyc's shared ``src/*__mypyc*.so``) and the C sources
(``build/mypyc``) are git-ignored. Before compiling, the SHA-256 of each module's source is recorded
next to the binaries; importing ``ceasefire.extract`` refuses binaries whose source changed since
(``ceasefire/extract/compiled.py``). Events are the same either way (docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
PACKAGE = SRC / "ceasefire" / "extract"
BUILD = ROOT / "build" / "mypyc"
# chosen by profile (cProfile over Extractor.pipe): the modules on the per-report path
MODULES = [
    "pipeline",
    "dedupe",
    "tokens",
    "triggers",
    "mentions",
    "roles",
    "complements",
    "lookback",
    "dates",
    "date_lexicon",
    "numbers",
    "unit_lexicon",
    "filters",
    "anchors",
    "provenance",
    "truce_day",
    "voice",
    "targets",
    "event",
    "attackers",
]


def _guard():  # type: ignore[no-untyped-def]
    """The guard module, loaded by path: importing the package would run its check on half-built binaries."""
    spec = importlib.util.spec_from_file_location("_ceasefire_compiled_guard", PACKAGE / "compiled.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def remove() -> None:
    guard = _guard()
    for binary in guard.binaries(PACKAGE).values():
        binary.unlink()
    for shared in SRC.glob("*__mypyc*"):
        shared.unlink()
    (PACKAGE / guard.RECORD).unlink(missing_ok=True)
    shutil.rmtree(BUILD, ignore_errors=True)
    for leftover in ("build", ".mypy_cache"):  # setuptools' and mypy's working directories
        shutil.rmtree(SRC / leftover, ignore_errors=True)


def compile_modules(modules: list[str]) -> None:
    from mypyc.build import mypycify
    from setuptools import setup

    remove()
    _guard().write_record(modules, PACKAGE)
    os.chdir(SRC)  # module names come from the paths: ceasefire/extract/tokens.py -> ceasefire.extract.tokens
    paths = [f"ceasefire/extract/{name}.py" for name in modules]
    extensions = mypycify(
        ["--config-file", str(ROOT / "pyproject.toml"), *paths],
        target_dir=str(BUILD),
        group_name="ceasefire_extract",
    )
    setup(
        name="ceasefire-extract-compiled",
        ext_modules=extensions,
        script_args=["build_ext", "--inplace", "--build-temp", str(BUILD / "temp")],
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--remove", action="store_true", help="remove the binaries and the record")
    parser.add_argument("modules", nargs="*", default=MODULES, help="module names under ceasefire/extract")
    args = parser.parse_args(argv)
    if args.remove:
        remove()
    else:
        compile_modules(args.modules)
    return 0


if __name__ == "__main__":
    sys.exit(main())
