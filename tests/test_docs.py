"""The README names every command the CLI has (a new command without docs fails here)."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from ceasefire.cli import _register, app

README = Path(__file__).resolve().parent.parent / "README.md"


def _commands() -> list[list[str]]:
    _register()
    found: list[list[str]] = []

    def walk(command: object, path: list[str]) -> None:
        subs = getattr(command, "commands", None)
        if subs:
            for name, sub in subs.items():
                walk(sub, [*path, name])
        else:
            found.append(path)

    walk(typer.main.get_command(app), [])
    return found


def test_every_command_is_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    missing = []
    for path in _commands():
        group, name = (path[0], path[-1]) if len(path) > 1 else (None, path[0])
        if group:
            pattern = rf"ceasefire {group} [^`]*\b{name}\b"
        else:
            pattern = rf"ceasefire {name}\b"
        if not re.search(pattern, text):
            missing.append(" ".join(path))
    assert not missing, f"commands missing from README.md: {missing}"


def test_readme_quick_start_is_two_make_commands() -> None:
    text = README.read_text(encoding="utf-8")
    block = text.split("## Quick start", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    lines = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert lines == ["make demo", "make test"]
