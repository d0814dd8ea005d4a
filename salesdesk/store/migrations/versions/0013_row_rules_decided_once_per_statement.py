"""the team's row rules decided once per statement, not once per row

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01

Migration 0012's deal policies called `salesdesk_sees(owner_role)` for every row, and
that function looks the connected role up in `pg_roles`, `pg_database` and the settings
each time: at 100,000 deals a rep's `count(*)` took 17.5 s (a superuser's, which skips
the policies, 15 ms). Whether the connected role sees every deal (a manager, or a team
whose deals are team-visible) does not depend on the row: it is now asked once per
statement, as an uncorrelated sub-select PostgreSQL runs once (an InitPlan), and only a
row's owner is compared per row. The same rule as before; on SQLite nothing changes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# Whether the connected role sees every deal: a manager does; so does everyone while
# the team's deals are team-visible (the default).
SEES_ALL = """CREATE OR REPLACE FUNCTION salesdesk_sees_all() RETURNS boolean
    LANGUAGE sql STABLE SET search_path = public, pg_catalog AS $$
    SELECT salesdesk_manager()
        OR coalesce((SELECT value FROM setting WHERE key = 'team.visibility'),
                    'team') = 'team'
    $$"""


def _policies(sees: str, mine: str) -> list[str]:
    out = [f"DROP POLICY IF EXISTS {name} ON deal" for name in ("deal_read", "deal_add")]
    out += [f"DROP POLICY IF EXISTS {name} ON deal" for name in ("deal_change", "deal_remove")]
    out += [
        f"CREATE POLICY deal_read ON deal FOR SELECT USING ({sees})",
        f"CREATE POLICY deal_add ON deal FOR INSERT WITH CHECK ({mine})",
        f"CREATE POLICY deal_change ON deal FOR UPDATE USING ({sees}) WITH CHECK ({sees})",
        f"CREATE POLICY deal_remove ON deal FOR DELETE USING ({mine})",
        "DROP POLICY IF EXISTS deal_tombstone_of_deal ON deal_tombstone",
        f"CREATE POLICY deal_tombstone_of_deal ON deal_tombstone USING ({sees}) "
        f"WITH CHECK ({mine})",
    ]
    return out


# The sub-selects come first: when they hold, no row's owner is compared at all.
ONCE = _policies(
    "(SELECT salesdesk_sees_all()) OR owner_role = current_user",
    "(SELECT salesdesk_manager()) OR owner_role = current_user",
)
PER_ROW = _policies(
    "salesdesk_sees(owner_role)", "owner_role = current_user OR salesdesk_manager()"
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for statement in (SEES_ALL, *ONCE):
        bind.execute(sa.text(statement))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for statement in PER_ROW:
        bind.execute(sa.text(statement))
    bind.exec_driver_sql("DROP FUNCTION IF EXISTS salesdesk_sees_all()")
