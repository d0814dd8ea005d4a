"""a rep acting as his group role is held to limits, not freed of them

Revision ID: 0025
Revises: 0021
Create Date: 2026-12-06

The guard on concessions reads the writer's authority limits for `current_user`. A rep
may `SET ROLE salesdesk_rep` (his group): no limit is set for the group, so with
deals team-visible the rep wrote a 90,000 concession on his own deal under a 1,000
limit, needing no approval (the third attack on the team server, issue 23). A role
that cannot log in (a group) now has no authority at all: every concession of ours
it writes with a cost needs a manager's approval. A login role's limits read as before.

Plain SQL: nothing here reads the application's code.
"""

from alembic import op

revision = "0025"
down_revision = "0021"
branch_labels = None
depends_on = None

SAFE_PATH = "pg_catalog, public, pg_temp"

# As in 0015, with a group's limit 0.
AFTER = f"""CREATE OR REPLACE FUNCTION public.salesdesk_limit(what text, who name)
    RETURNS numeric LANGUAGE sql STABLE SET search_path = {SAFE_PATH} AS $$
    SELECT CASE WHEN NOT coalesce((SELECT r.rolcanlogin FROM pg_catalog.pg_roles r
                                    WHERE r.rolname = who), false) THEN 0
                WHEN v ~ '^[0-9]+(\\.[0-9]+)?$' THEN v::numeric END
      FROM (SELECT coalesce(
                (SELECT s.value FROM public.setting s
                  WHERE s.key = 'profile.' || what || '@' || who),
                (SELECT s.value FROM public.setting s WHERE s.key = 'profile.' || what)) AS v) x
    $$"""

BEFORE = f"""CREATE OR REPLACE FUNCTION public.salesdesk_limit(what text, who name)
    RETURNS numeric LANGUAGE sql STABLE SET search_path = {SAFE_PATH} AS $$
    SELECT CASE WHEN v ~ '^[0-9]+(\\.[0-9]+)?$' THEN v::numeric END
      FROM (SELECT coalesce(
                (SELECT s.value FROM public.setting s
                  WHERE s.key = 'profile.' || what || '@' || who),
                (SELECT s.value FROM public.setting s WHERE s.key = 'profile.' || what)) AS v) x
    $$"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(AFTER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(BEFORE)
