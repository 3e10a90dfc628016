"""``ceasefire users add|list|revoke|token``: accounts and API tokens for the web server."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ceasefire.cli.options import DbOption
from ceasefire.errors import UsageError


def _password(from_stdin: bool) -> str:
    if from_stdin:
        value = sys.stdin.readline().rstrip("\r\n")
        if not value:
            raise UsageError("no password on standard input")
        return value
    first = typer.prompt("Password", hide_input=True)
    again = typer.prompt("Repeat password", hide_input=True)
    if first != again:
        raise UsageError("the passwords differ")
    return first


def register(app: typer.Typer) -> None:
    users_app = typer.Typer(help="Users, roles and API tokens of the web server.", no_args_is_help=True)

    @users_app.command("add")
    def add(
        name: str,
        role: Annotated[str, typer.Option(help="viewer, analyst or admin.")] = "viewer",
        password_stdin: Annotated[
            bool, typer.Option("--password-stdin", help="Read the password from standard input.")
        ] = False,
        db: DbOption = None,
    ) -> None:
        """Add a user (the password is asked for, or read from stdin)."""
        from ceasefire.store.engine import open_db
        from ceasefire.store.users import add_user

        password = _password(password_stdin)
        with open_db(db).begin() as conn:
            user = add_user(conn, name, role, password)
        Console().print(f"added {user.name} ({user.role})")

    @users_app.command("list")
    def list_(db: DbOption = None) -> None:
        """List users with their role and state."""
        from ceasefire.store.engine import open_db
        from ceasefire.store.users import list_users

        with open_db(db).connect() as conn:
            users = list_users(conn)
        table = Table("name", "role", "active", "created")
        for u in users:
            table.add_row(u.name, u.role, "yes" if u.active else "revoked", u.created_at.isoformat()[:19])
        Console().print(table)

    @users_app.command("revoke")
    def revoke(name: str, db: DbOption = None) -> None:
        """Deactivate a user: their sessions and API tokens stop working at once."""
        from ceasefire.store.engine import open_db
        from ceasefire.store.users import revoke_user

        with open_db(db).begin() as conn:
            revoke_user(conn, name)
        Console().print(f"revoked {name}")

    @users_app.command("token")
    def token(
        name: str,
        label: Annotated[str | None, typer.Option(help="What the token is for.")] = None,
        db: DbOption = None,
    ) -> None:
        """Create an API token for a user; it is printed once (send it as 'Authorization: Bearer …')."""
        from ceasefire.store.engine import open_db
        from ceasefire.store.users import create_token

        with open_db(db).begin() as conn:
            value = create_token(conn, name, label)
        typer.echo(value)

    app.add_typer(users_app, name="users")
