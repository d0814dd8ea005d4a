"""one deal per CRM record and owner: unique (source system, source id, owner role)

Revision ID: 0019
Revises: 0017
Create Date: 2026-12-06

Under private visibility a rep cannot see the deals another rep imported from the same
CRM export, so his import found the record missing, created it, and the server refused
it on the unique record id ("the record exists"), every time. A record is now one deal
per owner: each rep imports his own; under team visibility an import still finds the
deal a colleague imported and updates it, as before. On a rep's own SQLite file every
deal has the same (empty) owner: nothing changes there.
"""

from alembic import op

revision = "0019"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_deal_source", table_name="deal")
    op.create_index(
        "ix_deal_source", "deal", ["source_system", "source_id", "owner_role"], unique=True
    )


def downgrade() -> None:
    op.drop_index("ix_deal_source", table_name="deal")
    op.create_index("ix_deal_source", "deal", ["source_system", "source_id"], unique=True)
