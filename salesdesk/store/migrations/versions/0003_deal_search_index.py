"""deal search index (SQLite FTS5, trigram)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from alembic import op

from salesdesk.store import search_index

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in search_index.CREATE:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in search_index.DROP:
        op.execute(statement)
