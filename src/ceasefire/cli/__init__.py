"""The ``ceasefire`` command: a thin shell over the library. Each command group lives in its own
module with a ``register(app)`` function; this module wires them and turns errors into one line
and a documented exit code (README, "Exit codes")."""

from __future__ import annotations

import sys

import typer
from rich.console import Console
from rich.markup import escape

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
    """Console-script entry point. Typer handles usage errors and exits itself (standalone mode);
    our own errors become one line on stderr and their documented exit code."""
    err = Console(stderr=True, highlight=False)
    _register()
    try:
        app(args=argv, standalone_mode=True)
    except CeasefireError as exc:
        err.print(f"[red]error[/red] {escape(exc.render())}", markup=True, soft_wrap=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
