"""a server's search reads the search keys alone and is planned for its pattern; the
team's functions find only the schema's own tables; long account keys fit their column

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
rep's own deals; nothing for a role that may not read deals.

The team's functions (0012, 0013) named `public, pg_catalog` as their search path, and
PostgreSQL then looks in the session's temporary schema first: a rep's temporary table
called `setting` or `pg_roles` stood in for the real one, and made the rep see every
deal, or a manager. Every one of them now searches `pg_catalog, public, pg_temp`, the
temporary schema last. The search function also refuses a pattern that ends in an
escape character before reading any deal: LIKE raised an error only when a key matched
the rest of it, which told a rep whether another rep's deal held a word.

An account is known by its folded name, a column of 300 characters; a name of 200 can
unfold past it (“ﷺ” into 18 characters, “㈱” into 3), and a server refused such an
account with a traceback. Such keys keep their start and a digest of the whole; an
account saved that way on SQLite (which does not enforce the length) is given its key.
"""

import hashlib
import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# A B-tree entry holds at most 2,704 bytes: keys longer than this many bytes are left
# out of the key scan's index, to a second, tiny index of them.
SCAN = 2000
CREATE_SCAN = (
    "CREATE INDEX IF NOT EXISTS ix_deal_search_scan ON deal (search_key) "
    f"INCLUDE (id, owner_role) WHERE octet_length(search_key) <= {SCAN}",
    "CREATE INDEX IF NOT EXISTS ix_deal_search_long ON deal (id) "
    f"WHERE octet_length(search_key) > {SCAN}",
)
DROP_SCAN = ("DROP INDEX IF EXISTS ix_deal_search_scan", "DROP INDEX IF EXISTS ix_deal_search_long")
# An account is known by its folded name, in a column of this many characters.
ACCOUNT_KEY_LENGTH = 300
SAFE_PATH = "pg_catalog, public, pg_temp"
FUNCTIONS = (
    "salesdesk_matching(text, integer)",
    "salesdesk_manager()",
    "salesdesk_sees(text)",
    "salesdesk_sees_all()",
    "salesdesk_guard_approval()",
    "salesdesk_count_change()",
)

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
    SET search_path = {SAFE_PATH}
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
    IF pattern ~ '(^|[^\\\\])(\\\\\\\\)*\\\\$' THEN
        RAISE EXCEPTION 'a search pattern may not end in an escape character';
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


def _migration(number: str) -> ModuleType:
    """An earlier migration of this folder (frozen history)."""
    path = next(Path(__file__).parent.glob(f"{number}_*.py"))
    spec = importlib.util.spec_from_file_location(f"salesdesk_migration_{number}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _previous_matching() -> str:
    """0013's function, read from that migration, so the downgrade restores it as it was."""
    return str(_migration("0013").MATCHING)


def account_key(name: str, fold: Callable[[str], str]) -> str:
    """The key an account is known by, as the app computed it at this revision: its
    name folded (as 0002 folds search keys); a name that unfolds past the column keeps
    its start and a digest of the whole, so two such names stay two accounts."""
    key = fold(name)
    if len(key) <= ACCOUNT_KEY_LENGTH:
        return key
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return f"{key[: ACCOUNT_KEY_LENGTH - len(digest) - 1]}#{digest}"


def _search_paths(path: str) -> list[str]:
    return [f"ALTER FUNCTION {name} SET search_path = {path}" for name in FUNCTIONS]


def upgrade() -> None:
    bind = op.get_bind()
    long_keys = bind.execute(
        sa.text("SELECT id, name FROM account WHERE length(name_key) > :most"),
        {"most": ACCOUNT_KEY_LENGTH},
    ).all()
    fold = _migration("0002").search_key
    for account_id, name in long_keys:
        bind.execute(
            sa.text("UPDATE account SET name_key = :key WHERE id = :id"),
            {"key": account_key(name, fold), "id": account_id},
        )
    if bind.dialect.name != "postgresql":
        return
    for statement in (*CREATE_SCAN, MATCHING, *_search_paths(SAFE_PATH)):
        bind.exec_driver_sql(statement)


def downgrade() -> None:
    # The long account keys stay as they are: 0013 reads them the same way.
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    bind.execute(sa.text(_previous_matching()))
    for statement in DROP_SCAN:
        bind.exec_driver_sql(statement)
    # The safer search path stays, for 0013's search function too: its functions work
    # the same with it, and undoing the fix of a leak would only reopen it.
    for statement in _search_paths(SAFE_PATH):
        bind.exec_driver_sql(statement)
