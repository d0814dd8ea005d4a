"""a meeting's length, location and calendar sequence, the meetings cancelled since
they were sent to a calendar, and a deal's customer language

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06

Columns are added in place (nullable, or with a server default): no table is
recreated, so no cascade can fire. On PostgreSQL the cancelled meetings follow their
deal's row-level security, as the deal's other rows do (migration 0012).
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

# What migration 0012 gives every row of a deal: visible when its deal is.
POLICY = (
    "ALTER TABLE cancelled_meeting ENABLE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS cancelled_meeting_of_deal ON cancelled_meeting",
    "CREATE POLICY cancelled_meeting_of_deal ON cancelled_meeting USING "
    "(EXISTS (SELECT 1 FROM deal WHERE deal.id = cancelled_meeting.deal_id))",
)
# A team set up before this migration: its groups may change the cancelled meetings as
# they may the meetings (migration 0015 grants no table a later migration adds).
GRANT = (
    "DO $$ BEGIN IF (SELECT count(*) FROM pg_roles WHERE rolname IN ('salesdesk_rep', "
    "'salesdesk_manager')) = 2 THEN GRANT SELECT, INSERT, UPDATE, DELETE ON "
    "cancelled_meeting TO salesdesk_rep, salesdesk_manager; END IF; END $$"
)


def upgrade() -> None:
    op.add_column("deal", sa.Column("customer_language", sa.String(length=5), nullable=True))
    op.add_column("meeting", sa.Column("minutes", sa.Integer(), nullable=True))
    op.add_column("meeting", sa.Column("location", sa.String(), nullable=False, server_default=""))
    op.add_column(
        "meeting", sa.Column("sequence", sa.Integer(), nullable=False, server_default="0")
    )
    op.create_table(
        "cancelled_meeting",
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=64), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("time", sa.Time(), nullable=True),
        sa.Column("minutes", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("location", sa.String(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["deal_id"], ["deal.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("deal_id", "uid"),
    )
    op.create_index("ix_cancelled_meeting_date", "cancelled_meeting", ["date"])
    if op.get_bind().dialect.name == "postgresql":
        for statement in (*POLICY, GRANT):
            op.execute(statement)


def downgrade() -> None:
    op.drop_index("ix_cancelled_meeting_date", table_name="cancelled_meeting")
    op.drop_table("cancelled_meeting")
    # Dropped in place (SQLite 3.35+): a batch recreate of `deal` would cascade.
    for column in ("sequence", "location", "minutes"):
        op.drop_column("meeting", column)
    op.drop_column("deal", "customer_language")
