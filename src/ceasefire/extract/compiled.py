"""Guard for the optional compiled build (``make compile``, mypyc): no stale binary may run.

``make compile`` turns some extraction modules into C extensions next to their sources and records
a SHA-256 of each compiled module's source in ``RECORD``. Python prefers an extension over the
``.py`` of the same name, so a binary built from an older source would silently run old rules. On
import of ``ceasefire.extract`` every binary found here is checked against its record: a binary with
no record, no source, or a source changed since it was compiled stops the import with an
ImportError naming the modules and the fix (``make compile`` again, or ``make uncompile``).

Writing for the compiled build: the data classes made per report (tokens, sentences, hits,
mentions, contexts, events) write their ``__init__`` out. mypyc compiles a class body's methods, but
the methods ``@dataclass`` generates at import are ordinary Python functions, so each object built
from compiled code ran an interpreted ``__init__`` (a quarter of a microsecond for a token, hundreds
of tokens a report). Written out, it is compiled; ``dataclasses`` keeps an ``__init__`` it finds and
still supplies ``__repr__``, ``__eq__`` and ``replace``.

This module stays pure Python (it is never compiled) and costs one directory listing on import when
nothing is compiled.
"""

from __future__ import annotations

import hashlib
import json
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

RECORD = "compiled-sources.json"
PACKAGE_DIR = Path(__file__).resolve().parent


def source_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def binaries(package_dir: Path = PACKAGE_DIR) -> dict[str, Path]:
    """Extension modules this interpreter would import from the package: {module name: file}."""
    out: dict[str, Path] = {}
    for path in package_dir.iterdir():
        for suffix in EXTENSION_SUFFIXES:
            if path.name.endswith(suffix):
                out[path.name[: -len(suffix)]] = path
                break
    return out


def write_record(modules: list[str], package_dir: Path = PACKAGE_DIR) -> Path:
    """Record the digest of each module's source (called by the build, before compiling)."""
    record = {name: source_digest(package_dir / f"{name}.py") for name in sorted(modules)}
    path = package_dir / RECORD
    path.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    return path


def stale_binaries(package_dir: Path = PACKAGE_DIR) -> list[str]:
    """Why each binary must not be used, one line per binary; empty when all are current."""
    found = binaries(package_dir)
    if not found:
        return []
    try:
        record = json.loads((package_dir / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = {}
    out: list[str] = []
    for name, binary in sorted(found.items()):
        source = package_dir / f"{name}.py"
        if name not in record:
            out.append(f"{binary.name}: no record of the source it was compiled from")
        elif not source.exists():
            out.append(f"{binary.name}: its source {source.name} no longer exists")
        elif source_digest(source) != record[name]:
            out.append(f"{binary.name}: {source.name} changed since it was compiled")
    return out


def check_binaries(package_dir: Path = PACKAGE_DIR) -> None:
    stale = stale_binaries(package_dir)
    if stale:
        raise ImportError(
            "stale compiled extraction modules in "
            f"{package_dir} (they would run old rules):\n  "
            + "\n  ".join(stale)
            + "\nRun `make compile` again to rebuild them, or `make uncompile` to use pure Python."
        )
