"""The ``ceasefire`` command: a thin shell over the library. Each command group lives in its own
module with a ``register(app)`` function; this module wires them and turns errors into one line
and a documented exit code (README, "Exit codes")."""

from __future__ import annotations

import sys

import click
import typer
from rich.console import Console

from ceasefire.errors import CeasefireError

app = typer.Typer(
    name="ceasefire",
    help="Monitor how a ceasefire agreement is implemented, from news reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    from ceasefire.cli import commands

    for module in commands.MODULES:
        module.register(app)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    err = Console(stderr=True, highlight=False)
    _register()
    try:
        app(args=argv, standalone_mode=False)
    except CeasefireError as exc:
        err.print(f"[red]error[/red] {exc.render()}", markup=True, soft_wrap=True)
        sys.exit(exc.exit_code)
    except click.exceptions.NoArgsIsHelpError as exc:
        # click raises this (exit 2) after printing nothing when a group is called bare
        err.print(exc.format_message()) if exc.format_message() else None
        sys.exit(0)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        err.print("aborted")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
