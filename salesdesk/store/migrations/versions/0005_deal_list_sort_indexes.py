"""deal list sort indexes (next contact descending, value, phase, status)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from alembic import op

from salesdesk.store import search_index

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in search_index.CREATE_SORTS:
        op.execute(statement)


def downgrade() -> None:
    for statement in search_index.DROP_SORTS:
        op.execute(statement)
