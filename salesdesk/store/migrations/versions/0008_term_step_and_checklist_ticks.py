"""term step (the granularity of its values) and ticked checklist items per deal

Revision ID: 0008
Revises: 0006
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A nullable column is added in place: no table recreate, no cascade to fear. The
    # step is the app's ExactDecimal, stored as a BIGINT count of 1/10,000.
    op.add_column("term", sa.Column("step", sa.BigInteger(), nullable=True))
    op.create_table(
        "checklist_tick",
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("item", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["deal_id"], ["deal.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("deal_id", "stage", "item"),
    )


def downgrade() -> None:
    op.drop_table("checklist_tick")
    with op.batch_alter_table("term") as batch_op:
        batch_op.drop_column("step")
