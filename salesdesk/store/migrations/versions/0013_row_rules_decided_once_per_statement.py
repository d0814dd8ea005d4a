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

A rep's search could not use the trigram index either: PostgreSQL applies a row rule
before any condition that is not "leakproof", and LIKE is not, so every search read all
the deals (40-60 ms at 100,000, however few matched). `salesdesk_matching` answers a
search from the index as the function's owner and hands back only the ids of deals the
session's own role may see (by the same rule), and nothing at all to a role that may
not read deals; the deal list then reads those deals under the row rules as usual. The
caller is the session's role (`session_user`): inside a function that runs as its
owner, `current_user` is the owner.
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


# The ids of at most `most` deals whose search key is LIKE `pattern`, among those the
# session's role sees.
MATCHING = """CREATE OR REPLACE FUNCTION salesdesk_matching(pattern text, most integer)
    RETURNS SETOF integer
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
    SELECT id FROM deal
     WHERE search_key LIKE pattern
       AND (SELECT has_table_privilege(session_user, 'deal', 'SELECT'))
       AND ((SELECT coalesce(
                    (SELECT pg_has_role(session_user, oid, 'MEMBER') FROM pg_roles
                      WHERE rolname = 'salesdesk_manager'), true)
                 OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
                 OR session_user = (SELECT pg_get_userbyid(datdba) FROM pg_database
                                     WHERE datname = current_database())
                 OR coalesce((SELECT value FROM setting WHERE key = 'team.visibility'),
                             'team') = 'team')
            OR owner_role = session_user)
     LIMIT most
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
    for statement in (SEES_ALL, *ONCE, MATCHING):
        bind.execute(sa.text(statement))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for statement in PER_ROW:
        bind.execute(sa.text(statement))
    bind.exec_driver_sql("DROP FUNCTION IF EXISTS salesdesk_sees_all()")
    bind.exec_driver_sql("DROP FUNCTION IF EXISTS salesdesk_matching(text, integer)")
