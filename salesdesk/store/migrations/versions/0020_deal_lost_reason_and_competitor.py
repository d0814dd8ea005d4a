"""deal lost reason and competitor (why a closed deal was lost, and to whom: the
review's words, typed in the debrief or imported from a CRM)

Revision ID: 0020
Revises: 0016
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs of nullable texts: no table recreate, so no cascade or collation
    # trap, and every existing deal reads as having neither.
    op.add_column("deal", sa.Column("lost_reason", sa.String(length=500), nullable=True))
    op.add_column("deal", sa.Column("competitor", sa.String(length=200), nullable=True))


def downgrade() -> None:
    # SQLite 3.35+ drops a column in place; a batch recreate of "deal" would cascade
    # into every table that hangs from it.
    op.drop_column("deal", "competitor")
    op.drop_column("deal", "lost_reason")
