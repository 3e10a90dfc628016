"""The tables the code describes are exactly the tables the migrations build (no drift either way)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine

from ceasefire.store import reviews, users
from ceasefire.store.tables import metadata


def test_migrations_match_the_table_descriptions(engine: Engine) -> None:
    assert reviews.event_reviews.metadata is users.users.metadata is metadata  # all tables in one schema
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []
