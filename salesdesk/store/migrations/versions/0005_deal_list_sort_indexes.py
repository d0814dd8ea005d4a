"""deal list sort indexes (next contact descending, value, phase, status)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from alembic import op

CREATE_SORTS = (
    "CREATE INDEX ix_deal_next_contact_order_desc "
    "ON deal ((next_contact_due IS NULL), next_contact_due DESC, id DESC)",
    "CREATE INDEX ix_deal_value_order ON deal ((value IS NULL), value, id)",
    "CREATE INDEX ix_deal_value_order_desc ON deal ((value IS NULL), value DESC, id DESC)",
    "CREATE INDEX ix_deal_phase_order ON deal (phase, id)",
    "CREATE INDEX ix_deal_status_order ON deal (status, id)",
)
DROP_SORTS = (
    "DROP INDEX ix_deal_next_contact_order_desc",
    "DROP INDEX ix_deal_value_order",
    "DROP INDEX ix_deal_value_order_desc",
    "DROP INDEX ix_deal_phase_order",
    "DROP INDEX ix_deal_status_order",
)

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in CREATE_SORTS:
        op.execute(statement)


def downgrade() -> None:
    for statement in DROP_SORTS:
        op.execute(statement)
