"""meeting customer note (the only free text in the customer copy of a brief)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: no table recreate, so no cascade or collation trap.
    op.add_column(
        "meeting",
        sa.Column("customer_note", sa.String(), nullable=False, server_default=""),
    )


def downgrade() -> None:
    # SQLite 3.35+ drops a column in place; a batch recreate of "meeting" would cascade
    # into meeting_attendee.
    op.drop_column("meeting", "customer_note")
