"""Open a database by URL and bring its schema to the latest migration."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from ceasefire.config import database_url
from ceasefire.errors import StoreError

MIGRATIONS = Path(__file__).parent / "migrations"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


SQLITE_CACHE_KIB = 64 * 1024  # page cache of a bulk-writing connection: fixed, whatever the store's size


def enlarge_cache(conn: Connection) -> None:
    """Give a SQLite connection that writes in bulk a larger page cache (a no-op elsewhere).

    Ingestion's LSH band keys are random, so each report touches ~14 random pages of
    ``minhash_bands``, and each batch of events adds rows to five indexes of ``events``; with
    SQLite's default 2 MB cache those pages are read again from the OS once a store holds a few
    tens of thousands of reports."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")


def create(url: str | None = None) -> Engine:
    """An engine for ``url`` (or the configured database) without touching the schema."""
    resolved = database_url(url)
    try:
        parsed = make_url(resolved)
    except ArgumentError as exc:
        raise StoreError(
            f"not a database URL: {resolved!r}", hint="use sqlite:///FILE or postgresql://…"
        ) from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(resolved)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        resolved = str(parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False))
    return create_engine(resolved, pool_pre_ping=True)


def upgrade(engine: Engine) -> None:
    """Apply every pending Alembic migration."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except OperationalError as exc:
        raise StoreError(f"cannot open or migrate the database: {exc.orig}", where=str(engine.url)) from exc
    except SQLAlchemyError as exc:
        raise StoreError(f"migration failed: {exc}", where=str(engine.url)) from exc


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(cfg).get_current_head()


@lru_cache(maxsize=16)
def _opened(url: str) -> Engine:
    engine = create(url)
    upgrade(engine)
    return engine


def open_db(url: str | None = None) -> Engine:
    """An engine with the schema at head. Engines are cached per URL (in-memory SQLite excluded)."""
    resolved = database_url(url)
    if resolved in ("sqlite://", "sqlite:///:memory:"):
        from sqlalchemy.pool import StaticPool

        engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        upgrade(engine)
        return engine
    return _opened(resolved)
