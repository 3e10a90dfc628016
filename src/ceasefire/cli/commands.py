"""The command modules, in the order they appear in ``ceasefire --help``."""

from __future__ import annotations

from ceasefire.cli import agreements, assess, db, ingest, report, scale, serve, users
from ceasefire.cli import extract as extract_cli
from ceasefire.cli import pipeline as pipeline_cli

MODULES = [pipeline_cli, agreements, ingest, extract_cli, assess, report, scale, serve, users, db]
