"""`ceasefire serve` hands uvicorn the app factory on the chosen database; migration 0003 goes down
and up again cleanly."""

from __future__ import annotations

from typing import Any

import pytest
import typer
from sqlalchemy import Engine, inspect
from typer.testing import CliRunner

from ceasefire.cli import serve as serve_cli
from ceasefire.store import engine as store_engine

SERVER_TABLES = {"users", "api_tokens", "event_reviews", "audit_log"}


def _app() -> typer.Typer:
    app = typer.Typer()
    serve_cli.register(app)

    @app.command("noop")
    def noop() -> None:  # a second command keeps `serve` a named subcommand
        pass

    return app


def test_serve_runs_uvicorn_with_the_factory(monkeypatch: pytest.MonkeyPatch, db_url: str) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda target, **kw: seen.update(target=target, **kw))
    monkeypatch.delenv("CEASEFIRE_SECRET", raising=False)
    result = CliRunner().invoke(_app(), ["serve", "--port", "8123", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert seen["target"] == "ceasefire.web.app:app_from_env" and seen["factory"] is True
    assert (seen["host"], seen["port"], seen["workers"]) == ("127.0.0.1", 8123, 1)

    from ceasefire.web.app import app_from_env

    monkeypatch.setenv("CEASEFIRE_DB", db_url)
    app = app_from_env()
    assert any(getattr(r, "path", "") == "/static/plotly.min.js" for r in app.routes)
    app.state.engine.dispose()


def test_serve_needs_a_shared_secret_for_several_workers(
    monkeypatch: pytest.MonkeyPatch, db_url: str
) -> None:
    monkeypatch.delenv("CEASEFIRE_SECRET", raising=False)
    result = CliRunner().invoke(_app(), ["serve", "--workers", "2", "--db", db_url])
    assert result.exit_code == 2 and "CEASEFIRE_SECRET" in result.output


def test_server_migration_goes_down_and_up(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    assert set(inspect(engine).get_table_names()) >= SERVER_TABLES
    cfg = Config()
    cfg.set_main_option("script_location", str(store_engine.MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
    assert not SERVER_TABLES & set(inspect(engine).get_table_names())
    store_engine.upgrade(engine)
    assert set(inspect(engine).get_table_names()) >= SERVER_TABLES
