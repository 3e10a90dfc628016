"""ingestion: exact-copy aliases, MinHash signatures and LSH bands, quarantine fingerprints

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("doc_id", sa.String(length=255), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("outlet", sa.String(length=255), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("doc_id", name="uq_document_aliases_doc_id"),
    )
    op.create_index("ix_document_aliases_document_id", "document_aliases", ["document_id"])
    op.create_table(
        "minhash_signatures",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id"),
    )
    op.create_table(
        "minhash_bands",
        sa.Column("band_key", sa.BigInteger(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("band_key", "document_id"),
        sqlite_with_rowid=False,  # clustered on the key: lookups and inserts touch one b-tree
    )
    op.create_index("ix_minhash_bands_document_id", "minhash_bands", ["document_id"])
    with op.batch_alter_table("quarantine", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fingerprint", sa.String(length=64), nullable=True))
        batch_op.create_index("ix_quarantine_fingerprint", ["fingerprint"], unique=False)
    op.create_index("ix_documents_published", "documents", ["published"])


def downgrade() -> None:
    op.drop_index("ix_documents_published", table_name="documents")
    with op.batch_alter_table("quarantine", schema=None) as batch_op:
        batch_op.drop_index("ix_quarantine_fingerprint")
        batch_op.drop_column("fingerprint")
    op.drop_index("ix_minhash_bands_document_id", table_name="minhash_bands")
    op.drop_table("minhash_bands")
    op.drop_table("minhash_signatures")
    op.drop_index("ix_document_aliases_document_id", table_name="document_aliases")
    op.drop_table("document_aliases")
