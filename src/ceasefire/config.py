"""Settings from flags, then environment, then defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB_FILE = "ceasefire.db"
ENV_DB = "CEASEFIRE_DB"


def database_url(flag: str | None = None) -> str:
    """The database URL: ``--db`` wins, then ``CEASEFIRE_DB``, then ``./ceasefire.db``.

    A bare path (no ``://``) is taken as a SQLite file.
    """
    value = flag or os.environ.get(ENV_DB) or DEFAULT_DB_FILE
    if "://" not in value:
        value = f"sqlite:///{Path(value).expanduser()}"
    return value


@dataclass(frozen=True)
class Limits:
    """Ingestion limits; a report over them is quarantined with the reason."""

    max_report_bytes: int = 2_000_000
    max_line_bytes: int = 4_000_000
    batch_size: int = 500


LIMITS = Limits()
