"""SQLAlchemy Core tables. The schema is created and changed only by Alembic migrations
(``store/migrations``); this module describes it for queries."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(32), nullable=False),  # ingest, extract, assess, demo
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("status", String(16), nullable=False, default="running"),  # running, done, failed
    Column("params", JSON, nullable=False, default=dict),
    Column("counts", JSON, nullable=False, default=dict),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_id", String(255), nullable=False, unique=True),  # the report's own id (SPEC §1)
    Column("content_hash", String(64), nullable=False, index=True),  # sha256 of normalised text
    Column("text", Text, nullable=False),  # as given; every span refers to it
    Column("published", Date, index=True),
    Column("title", Text),
    Column("url", Text),
    Column("outlet", String(255)),
    Column("dateline_places", JSON),
    Column("dateline_date", Date),
    Column("dateline_agency", String(64)),
    Column("metadata", JSON, nullable=False, default=dict),
    Column("source", Text),  # file:line or URL it was read from
    Column("cluster_id", Integer, index=True),  # near-duplicate story cluster (wire copies)
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

quarantine = Table(
    "quarantine",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", Text, nullable=False),  # file path or "<stdin>"
    Column("location", String(64)),  # line number, row, byte offset
    Column("reason", String(64), nullable=False),  # stable reason code
    Column("detail", Text, nullable=False),
    Column("raw", Text),  # the offending input (truncated), for retry
    Column("status", String(16), nullable=False, default="open"),  # open, retried, resolved
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("fingerprint", String(64), index=True),  # migration 0002: one open row per distinct rejection
)

# Migration 0002: exact copies under another id (one more source of a story), and the near-duplicate
# index (MinHash signatures and LSH band keys) kept in the database so it survives across runs.
document_aliases = Table(
    "document_aliases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("doc_id", String(255), nullable=False, unique=True),
    Column("published", Date),
    Column("title", Text),
    Column("url", Text),
    Column("outlet", String(255)),
    Column("source", Text),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
minhash_signatures = Table(
    "minhash_signatures",
    metadata,
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("signature", LargeBinary, nullable=False),
)
minhash_bands = Table(
    "minhash_bands",
    metadata,
    Column("band_key", BigInteger, nullable=False),
    Column(
        "document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    PrimaryKeyConstraint("band_key", "document_id"),
    sqlite_with_rowid=False,
)


events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("doc_id", String(255), nullable=False, index=True),
    Column("type", String(16), nullable=False, index=True),
    Column("actor", String(64), index=True),
    Column("target", String(64)),
    Column("object", String(16)),
    Column("mode", String(16), nullable=False),
    Column("date", Date, index=True),
    Column("quantity_value", Integer),
    Column("quantity_unit", String(16)),
    Column("location", String(128)),
    Column("source", String(64)),
    Column("evidence", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("sentence", Integer, nullable=False, default=0),
    Column("trigger", Text),
    Column("trigger_start", Integer),
    Column("trigger_end", Integer),
    Column("rule", String(128), nullable=False),
    Column("reason", Text),
    Column("extra", JSON, nullable=False, default=dict),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Index("ix_events_doc_type", "document_id", "type"),
)

agreements = Table(
    "agreements",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text, nullable=False),
    Column("effective", DateTime(timezone=True)),
    Column("data", JSON, nullable=False),  # the validated agreement, as loaded
    Column("source", Text),  # the YAML file it came from
    Column("loaded_at", DateTime(timezone=True), nullable=False),
)

provisions = Table(
    "provisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("agreement_id", String(64), ForeignKey("agreements.id", ondelete="CASCADE"), nullable=False),
    Column("provision_id", String(128), nullable=False),
    Column("action", String(16), nullable=False),
    Column("obligor", String(64)),
    Column("beneficiary", String(64)),
    Column("phase", String(64)),
    Column("data", JSON, nullable=False),
    UniqueConstraint("agreement_id", "provision_id", name="uq_provision"),
)
