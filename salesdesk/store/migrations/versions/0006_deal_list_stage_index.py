"""deal list stage index (the stage's place on the path)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from alembic import op

# The eight stages' places on the path as they were, in literal SQL (an index can
# match literal values, not bound parameters).
CREATE_STAGE = (
    "CREATE INDEX ix_deal_stage_order ON deal ((CASE stage "
    "WHEN 'qualification' THEN 1 WHEN 'prospecting' THEN 2 WHEN 'needs' THEN 3 "
    "WHEN 'proposal' THEN 4 WHEN 'contract' THEN 5 WHEN 'rollout' THEN 6 "
    "WHEN 'expansion' THEN 7 WHEN 'loyalty' THEN 8 END), id)"
)
DROP_STAGE = "DROP INDEX ix_deal_stage_order"

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(CREATE_STAGE)


def downgrade() -> None:
    op.execute(DROP_STAGE)
