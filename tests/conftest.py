"""Shared fixtures. ``db_url``/``engine`` give each test a fresh, migrated database: SQLite in a temp
folder by default; PostgreSQL when ``CEASEFIRE_TEST_PG`` holds a server URL (CI sets it), each test in
its own schema. When that variable is set and the server is unreachable the tests fail, never skip."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from ceasefire.store import engine as store_engine

PG_ENV = "CEASEFIRE_TEST_PG"
REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def _pg_url_with_schema(base: str, schema: str) -> str:
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    base = os.environ.get(PG_ENV)
    if not base:
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as conn:  # fails loudly when CI set the URL and the server is down
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _pg_url_with_schema(base, schema)
    finally:
        store_engine._opened.cache_clear()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = store_engine.create(db_url)
    store_engine.upgrade(engine)
    yield engine
    engine.dispose()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests that use a database fixture get the ``db`` mark, so CI can rerun them on PostgreSQL."""
    for item in items:
        if {"db_url", "engine"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.db)
