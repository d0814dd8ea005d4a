"""deal list stage index (the stage's place on the path)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from alembic import op

from salesdesk.store import search_index

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(search_index.CREATE_STAGE)


def downgrade() -> None:
    op.execute(search_index.DROP_STAGE)
