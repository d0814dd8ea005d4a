"""one deal per CRM record: unique (source system, source id)

Revision ID: 0009
Revises: 0006
Create Date: 2026-11-30

Databases that already hold several deals for one CRM record (two imports that ran
at once) keep the record id on the most recently updated deal of each group; the
others lose it and stay as ordinary deals. Nothing is deleted.
"""

import logging

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

log = logging.getLogger("salesdesk.store.migrations")

_NEWER_TWIN = """
    deal.source_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM deal AS other
        WHERE other.source_system = deal.source_system
          AND other.source_id = deal.source_id
          AND (other.updated_at > deal.updated_at
               OR (other.updated_at = deal.updated_at AND other.id > deal.id)))
"""


def upgrade() -> None:
    bind = op.get_bind()
    cleared = bind.execute(sa.text(f"SELECT count(*) FROM deal WHERE {_NEWER_TWIN}")).scalar_one()
    if cleared:
        bind.execute(sa.text(f"UPDATE deal SET source_id = NULL WHERE {_NEWER_TWIN}"))
        log.warning(
            "%d deal(s) shared a CRM record id with a more recently updated deal: "
            "their record id was cleared (they stay as ordinary deals)",
            cleared,
        )
    op.drop_index("ix_deal_source", table_name="deal")
    op.create_index("ix_deal_source", "deal", ["source_system", "source_id"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_deal_source", table_name="deal")
    op.create_index("ix_deal_source", "deal", ["source_system", "source_id"], unique=False)
