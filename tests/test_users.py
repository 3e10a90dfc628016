"""Users, roles and API tokens: hashing, login checks, revocation, and the `ceasefire users` commands."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from ceasefire.errors import Conflict, InvalidRequest
from ceasefire.store.users import (
    add_user,
    authenticate,
    check_password,
    create_token,
    hash_password,
    list_audit,
    list_users,
    revoke_user,
    user_for_token,
    users,
)


def test_password_hash_is_salted_and_checks() -> None:
    first, second = hash_password("s3cret-pass"), hash_password("s3cret-pass")
    assert first != second and first.startswith("scrypt$")
    assert check_password("s3cret-pass", first)
    assert not check_password("s3cret-pasS", first)
    assert not check_password("s3cret-pass", "garbage")


def test_add_authenticate_and_roles(engine: Engine) -> None:
    with engine.begin() as conn:
        add_user(conn, "ana", "analyst", "long enough")
        stored = conn.execute(select(users.c.password_hash)).scalar_one()
    assert "long enough" not in stored
    with engine.connect() as conn:
        ana = authenticate(conn, "ana", "long enough")
        assert ana is not None and ana.can("viewer") and ana.can("analyst") and not ana.can("admin")
        assert authenticate(conn, "ana", "wrong password") is None
        assert authenticate(conn, "nobody", "long enough") is None


def test_bad_users_are_refused(engine: Engine) -> None:
    with engine.begin() as conn:
        add_user(conn, "ana", "analyst", "long enough")
    with engine.begin() as conn, pytest.raises(Conflict):
        add_user(conn, "ana", "viewer", "long enough")
    for name, role, password in (
        ("x y", "viewer", "long enough"),
        ("bo", "root", "long enough"),
        ("bo", "viewer", "short"),
    ):
        with engine.begin() as conn, pytest.raises(InvalidRequest):
            add_user(conn, name, role, password)


def test_tokens_are_hashed_and_die_with_revocation(engine: Engine) -> None:
    with engine.begin() as conn:
        add_user(conn, "bot", "viewer", "long enough")
        token = create_token(conn, "bot", "nightly export")
    with engine.connect() as conn:
        user = user_for_token(conn, token)
        assert user is not None and user.name == "bot"
        assert user_for_token(conn, token + "x") is None
    with engine.begin() as conn:
        revoke_user(conn, "bot")
    with engine.connect() as conn:
        assert user_for_token(conn, token) is None
        assert authenticate(conn, "bot", "long enough") is None
        actions = [e.action for e in list_audit(conn)]
    assert {"user.add", "token.create", "user.revoke"} <= set(actions)


def test_users_cli(db_url: str) -> None:
    import typer

    from ceasefire.cli import users as users_cli

    app = typer.Typer()
    users_cli.register(app)
    runner = CliRunner()
    added = runner.invoke(
        app,
        ["users", "add", "root", "--role", "admin", "--password-stdin", "--db", db_url],
        input="a long password\n",
    )
    assert added.exit_code == 0, added.output
    listed = runner.invoke(app, ["users", "list", "--db", db_url])
    assert "root" in listed.output and "admin" in listed.output
    token = runner.invoke(app, ["users", "token", "root", "--db", db_url])
    assert token.exit_code == 0 and token.output.strip().startswith("cfm_")
    revoked = runner.invoke(app, ["users", "revoke", "root", "--db", db_url])
    assert revoked.exit_code == 0
    from ceasefire.store.engine import open_db

    with open_db(db_url).connect() as conn:
        assert [u.active for u in list_users(conn)] == [False]
