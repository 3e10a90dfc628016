"""The command modules, in the order they appear in ``ceasefire --help``."""

from __future__ import annotations

from ceasefire.cli import agreements, assess, db, ingest, scale

MODULES = [agreements, db, ingest, scale, assess]
