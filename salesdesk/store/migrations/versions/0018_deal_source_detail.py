"""deal source detail (what else a CRM export said of the deal: its account and owner
ids, the lost reason)

Revision ID: 0018
Revises: 0014
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN of a nullable text: no table recreate, so no cascade or
    # collation trap, and every existing deal reads as having no detail.
    op.add_column("deal", sa.Column("source_detail", sa.Text(), nullable=True))


def downgrade() -> None:
    # SQLite 3.35+ drops a column in place; a batch recreate of "deal" would cascade
    # into every table that hangs from it.
    op.drop_column("deal", "source_detail")
