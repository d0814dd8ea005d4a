"""a laptop's sync state per deal, and the tombstones of deleted deals

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Two new tables: nothing existing is recreated.
    op.create_table(
        "sync_state",
        sa.Column("deal_uid", sa.String(length=64), nullable=False),
        sa.Column("server_version", sa.Integer(), nullable=True),
        sa.Column("local_version", sa.Integer(), nullable=True),
        sa.Column("base", sa.String(), nullable=False),
        sa.Column("conflict", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("deal_uid"),
    )
    op.create_table(
        "deal_tombstone",
        sa.Column("uid", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("uid"),
    )


def downgrade() -> None:
    op.drop_table("deal_tombstone")
    op.drop_table("sync_state")
