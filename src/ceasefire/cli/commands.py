"""The command modules, in the order they appear in ``ceasefire --help``."""

from __future__ import annotations

from ceasefire.cli import agreements, assess, db, ingest, scale
from ceasefire.cli import extract as extract_cli
from ceasefire.cli import serve, users

MODULES = [agreements, db, ingest, scale, assess, extract_cli, serve, users]
