"""A team on one PostgreSQL server: who sees what is the server's job.

Each rep connects as their own role. `init` (run once, by the database's owner) makes
two group roles, grants them reading and writing deals and nothing more, and turns on
row-level security: a deal belongs to the role that created it (`deal.owner_role`, set
by the server), and whether the others see it follows the team's visibility setting
(`team`: every rep; `private`: its owner and the managers). The rows of a deal (terms,
offers, ledger, meetings, interactions, people taking part) follow their deal. Team
settings (visibility, cadence, authority limits) are written by managers only.

Roles are server-wide: `init` and the migrations succeed whether they exist or not.
"""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError

from salesdesk.i18n import _
from salesdesk.store.engine import Database
from salesdesk.store.errors import StoreError

REP = "salesdesk_rep"
MANAGER = "salesdesk_manager"
VISIBILITY_KEY = "team.visibility"
VISIBILITIES = ("team", "private")
# Settings only a manager may write; the others are each rep's own (their profile).
TEAM_KEYS = ("team.%", "profile.cadence", "profile.max_%")

# Rows that belong to a deal through their deal_id, and those one step further.
DEAL_ROWS = ("term", "batna", "ledger_entry", "offer", "meeting", "interaction", "deal_stakeholder")
INDIRECT_ROWS = {
    "offer_value": ("offer", "offer_id"),
    "meeting_attendee": ("meeting", "meeting_id"),
}


class TeamError(StoreError):
    pass


def _role_name(role: str) -> str:
    """A role name as typed on the command line, refused unless it is a plain name."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]{0,62}", role):
        raise TeamError(
            _("{role} is not a role name (letters, digits, _ . - ; at most 63)").format(role=role)
        )
    return '"' + role + '"'


def _server(db: Database) -> None:
    if db.is_sqlite:
        raise TeamError(
            _("Team roles live on a PostgreSQL server; this database is a SQLite file.")
        )


def current_user(db: Database) -> str:
    """Who is connected: the PostgreSQL role, or '' on a rep's own SQLite file."""
    if db.is_sqlite:
        return ""
    with db.engine.connect() as conn:
        return str(conn.exec_driver_sql("SELECT current_user").scalar())


def is_manager(db: Database) -> bool:
    """Managers see every deal; on SQLite the rep is their own manager."""
    if db.is_sqlite:
        return True
    with db.engine.connect() as conn:
        return bool(
            conn.execute(
                text(
                    "SELECT pg_has_role(current_user, :m, 'member') OR "
                    "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user) OR "
                    "current_user = (SELECT pg_get_userbyid(datdba) FROM pg_database "
                    "WHERE datname = current_database())"
                ),
                {"m": MANAGER},
            ).scalar()
            if _roles_exist(conn)
            else True
        )


def _roles_exist(conn: object) -> bool:
    return bool(
        conn.exec_driver_sql(  # type: ignore[attr-defined]
            f"SELECT count(*) = 2 FROM pg_roles WHERE rolname IN ('{REP}', '{MANAGER}')"
        ).scalar()
    )


def _init_statements(database: str) -> list[str]:
    tables = "ALL TABLES IN SCHEMA public"
    both = f"{REP}, {MANAGER}"
    sees = "salesdesk_sees(owner_role)"
    statements = [
        # Group roles, made once per server (a second database finds them there).
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{REP}') THEN "
        f"CREATE ROLE {REP} NOLOGIN; END IF; END $$",
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{MANAGER}') THEN "
        f"CREATE ROLE {MANAGER} NOLOGIN; END IF; END $$",
        f'GRANT CONNECT ON DATABASE "{database}" TO {both}',
        f"GRANT USAGE ON SCHEMA public TO {both}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {tables} TO {both}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {both}",
        f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {both}",
        # Tables a later migration adds are granted the same way.
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE "
        f"ON TABLES TO {both}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {both}",
        # The owner of a new deal is whoever the server says is connected.
        "ALTER TABLE deal ALTER COLUMN owner_role SET DEFAULT current_user",
        # Who sees a deal: its owner, the managers, everyone when the team shares.
        f"""CREATE OR REPLACE FUNCTION salesdesk_manager() RETURNS boolean
            LANGUAGE sql STABLE AS $$
            SELECT pg_has_role(current_user, '{MANAGER}', 'member')
            $$""",
        f"""CREATE OR REPLACE FUNCTION salesdesk_sees(owner text) RETURNS boolean
            LANGUAGE sql STABLE SET search_path = public AS $$
            SELECT owner = current_user
                OR pg_has_role(current_user, '{MANAGER}', 'member')
                OR coalesce((SELECT value FROM setting WHERE key = '{VISIBILITY_KEY}'),
                            'team') = 'team'
            $$""",
        "ALTER TABLE deal ENABLE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS deal_read ON deal",
        "DROP POLICY IF EXISTS deal_add ON deal",
        "DROP POLICY IF EXISTS deal_change ON deal",
        "DROP POLICY IF EXISTS deal_remove ON deal",
        f"CREATE POLICY deal_read ON deal FOR SELECT USING ({sees})",
        "CREATE POLICY deal_add ON deal FOR INSERT "
        "WITH CHECK (owner_role = current_user OR salesdesk_manager())",
        f"CREATE POLICY deal_change ON deal FOR UPDATE USING ({sees}) WITH CHECK ({sees})",
        "CREATE POLICY deal_remove ON deal FOR DELETE "
        "USING (owner_role = current_user OR salesdesk_manager())",
    ]
    for table in DEAL_ROWS:
        statements += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS {table}_of_deal ON {table}",
            # The deal's own policy decides: a deal not visible has no visible rows.
            f"CREATE POLICY {table}_of_deal ON {table} USING "
            f"(EXISTS (SELECT 1 FROM deal WHERE deal.id = {table}.deal_id))",
        ]
    for table, (parent, key) in INDIRECT_ROWS.items():
        statements += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS {table}_of_deal ON {table}",
            f"CREATE POLICY {table}_of_deal ON {table} USING "
            f"(EXISTS (SELECT 1 FROM {parent} WHERE {parent}.id = {table}.{key}))",
        ]
    team_keys = " OR ".join(f"key LIKE '{k}'" for k in TEAM_KEYS)
    statements += [
        "ALTER TABLE setting ENABLE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS setting_read ON setting",
        "DROP POLICY IF EXISTS setting_write ON setting",
        "CREATE POLICY setting_read ON setting FOR SELECT USING (true)",
        # Team settings by managers; the rest (a rep's profile) by anyone on the team.
        f"CREATE POLICY setting_write ON setting FOR ALL USING "
        f"(salesdesk_manager() OR NOT ({team_keys})) WITH CHECK "
        f"(salesdesk_manager() OR NOT ({team_keys}))",
    ]
    return statements


def init(db: Database) -> None:
    """Group roles, grants and policies; run again safely (after an upgrade, say)."""
    _server(db)
    try:
        with db.engine.begin() as conn:
            database = str(conn.exec_driver_sql("SELECT current_database()").scalar())
            for statement in _init_statements(database):
                conn.execute(text(statement))
    except ProgrammingError as exc:
        raise _not_allowed(exc, REP) from None


def _not_allowed(exc: ProgrammingError, role: str) -> StoreError | ProgrammingError:
    """One line for a lead whose role may not create or grant roles."""
    if getattr(exc.orig, "sqlstate", None) != "42501":
        return exc
    return TeamError(
        _(
            "The server refused to create or grant the role {role}: {reason}. Run this as "
            "a role with CREATEROLE (createuser --createrole LEAD, by the server's "
            "administrator)."
        ).format(role=role, reason=str(exc.orig).splitlines()[0])
    )


def _require_init(db: Database) -> None:
    with db.engine.connect() as conn:
        if not _roles_exist(conn):
            raise TeamError(_("Set the team up first: salesdesk team init"))


def add_member(db: Database, role: str, manager: bool) -> bool:
    """Make `role` a rep (or a manager); creates it as a login role when it does not
    exist (its password is then set by the server's administrator). True: created."""
    _server(db)
    _require_init(db)
    quoted = _role_name(role)
    try:
        with db.engine.begin() as conn:
            exists = conn.execute(
                text("SELECT count(*) FROM pg_roles WHERE rolname = :r"), {"r": role}
            ).scalar()
            if not exists:
                conn.exec_driver_sql(f"CREATE ROLE {quoted} LOGIN")
            conn.exec_driver_sql(f"GRANT {REP} TO {quoted}")
            if manager:
                conn.exec_driver_sql(f"GRANT {MANAGER} TO {quoted}")
    except ProgrammingError as exc:
        raise _not_allowed(exc, role) from None
    return not exists


def set_visibility(db: Database, visibility: str) -> None:
    """`team`: every rep sees every deal; `private`: each deal its owner and managers."""
    from salesdesk.store.repository import write_setting

    _server(db)
    if visibility not in VISIBILITIES:
        raise TeamError(
            _("visibility must be one of: {allowed}").format(allowed=", ".join(VISIBILITIES))
        )
    write_setting(db, VISIBILITY_KEY, visibility)


def visibility(db: Database) -> str:
    from salesdesk.store.repository import read_setting

    return read_setting(db, VISIBILITY_KEY) or "team"
