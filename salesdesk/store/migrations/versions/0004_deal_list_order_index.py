"""deal list order index (next contact due, empty last)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from alembic import op

CREATE_ORDER = (
    "CREATE INDEX ix_deal_next_contact_order "
    "ON deal ((next_contact_due IS NULL), next_contact_due, id)"
)
DROP_ORDER = "DROP INDEX ix_deal_next_contact_order"

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(CREATE_ORDER)


def downgrade() -> None:
    op.execute(DROP_ORDER)
