"""deal list order index (next contact due, empty last)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from alembic import op

from salesdesk.store import search_index

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(search_index.CREATE_ORDER)


def downgrade() -> None:
    op.execute(search_index.DROP_ORDER)
