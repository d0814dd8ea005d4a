"""a server's search reads the search keys alone, and the planner sees the pattern

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01

Search at 100,000 deals on a server took two to four times SQLite's time where the
matches are many or the text short, for three reasons measured there:
- a short or broad search reads deal rows, and the search key sits behind twenty
  other columns: every key took 55 ms to read, where SQLite takes 30. A B-tree of the
  keys alone (with the id and owner, so no deal row is read: an index-only scan) takes
  30 ms for every key and 0.6 ms for a broad search's first thousand matches.
- `salesdesk_matching` was planned once for any pattern, so a broad search collected
  every match from the trigram index (19,761 for "aud", 4-5 ms) before keeping the first
  thousand. It is now planned for the pattern it is given (a custom plan), and PostgreSQL
  picks the trigram index for few matches, the key scan for many.
- one and two letters, which no trigram can narrow, were searched by the app itself
  through the deal rows (and, for a rep, through the row rules); the function now scans
  the keys for them too, as the rules allow.
The same rule of who sees what as 0013's function: every deal for a manager, the
database's owner or a superuser, or while the team's deals are team-visible; else a
rep's own deals; nothing for a role that may not read deals. On SQLite nothing changes.
"""

import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic import op

from salesdesk.store import search_index

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

SCAN = search_index.SCAN_BYTES

# `session_user`, not `current_user`: inside a function that runs as its owner the
# current user is the owner. A pattern of fewer than three characters (once its escapes
# are read) is compared as an expression, which keeps the trigram index out: it could
# not narrow it and would only slow it. Sequential scans of the deal rows are off: the
# key scan reads the same keys in a third of the time, though the planner's costs do
# not tell them apart. Keys too long for the key scan are looked at only when there are
# any (the tiny index of them answers at once), and only through that index: the
# planner cannot know how few they are, and searched them through the trigram index,
# 23 ms for nothing on a broad count.
MATCHING = f"""CREATE OR REPLACE FUNCTION salesdesk_matching(pattern text, most integer)
    RETURNS SETOF integer
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = public, pg_catalog
    SET plan_cache_mode = force_custom_plan
    SET enable_seqscan = off AS $$
DECLARE
    who name := session_user;
    everyone boolean;
    short boolean := length(regexp_replace(pattern, '\\\\(.)', '\\1', 'g')) < 5;
    found integer := 0;
BEGIN
    IF NOT has_table_privilege(who, 'deal', 'SELECT') THEN
        RETURN;
    END IF;
    everyone := coalesce((SELECT pg_has_role(who, oid, 'MEMBER') FROM pg_roles
                           WHERE rolname = 'salesdesk_manager'), true)
        OR coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = who), false)
        OR who = (SELECT pg_get_userbyid(datdba) FROM pg_database
                   WHERE datname = current_database())
        OR coalesce((SELECT value FROM setting WHERE key = 'team.visibility'),
                    'team') = 'team';
    IF short THEN
        RETURN QUERY SELECT id FROM deal WHERE octet_length(search_key) <= {SCAN}
           AND (search_key || '') LIKE pattern AND (everyone OR owner_role = who)
         LIMIT most;
    ELSE
        RETURN QUERY SELECT id FROM deal WHERE octet_length(search_key) <= {SCAN}
           AND search_key LIKE pattern AND (everyone OR owner_role = who)
         LIMIT most;
    END IF;
    GET DIAGNOSTICS found = ROW_COUNT;
    IF (most IS NULL OR found < most)
       AND EXISTS (SELECT FROM deal WHERE octet_length(search_key) > {SCAN}) THEN
        RETURN QUERY SELECT id FROM deal WHERE octet_length(search_key) > {SCAN}
           AND (search_key || '') LIKE pattern AND (everyone OR owner_role = who)
         LIMIT most - found;
    END IF;
END
$$"""


def _previous_matching() -> str:
    """0013's function, read from that migration, so the downgrade restores it as it was."""
    path = next(Path(__file__).parent.glob("0013_*.py"))
    spec = importlib.util.spec_from_file_location("salesdesk_migration_0013", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.MATCHING)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for statement in (*search_index.CREATE_SCAN, MATCHING):
        bind.exec_driver_sql(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    bind.execute(sa.text(_previous_matching()))
    for statement in search_index.DROP_SCAN:
        bind.exec_driver_sql(statement)
