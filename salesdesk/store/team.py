"""A team on one PostgreSQL server: who sees what is the server's job.

Each rep connects as their own role. `init` (run once, by the database's owner: the
team's lead) makes two group roles and grants them, table by table, no more than the
row rules cover. Row-level
security is the schema's (migration 0012, on every server database): a deal belongs
to the role that created it (`deal.owner_role`, set by the server), and whether the
others see it follows the team's visibility setting (`team`: every rep; `private`: its
owner and the managers). The rows of a deal (terms,
offers, ledger, meetings, interactions, people taking part) follow their deal; people
and accounts are seen through a deal the reader sees (or by who made them). Server
settings are written by managers and the lead only, a rep's profile by that rep (or a
manager); approvals are set by managers only, and a concession over a rep's authority
needs one whatever the rep's app says. The schema is upgraded by the lead alone
(`salesdesk team upgrade`).

Roles are server-wide: `init` and the migrations succeed whether they exist or not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError

from salesdesk.domain.profile import Profile
from salesdesk.i18n import _
from salesdesk.store import roles, settings
from salesdesk.store.engine import Database
from salesdesk.store.errors import StoreError

REP = "salesdesk_rep"
MANAGER = "salesdesk_manager"
VISIBILITY_KEY = "team.visibility"
VISIBILITIES = ("team", "private")


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


# What each group may do on each table: no more than the row rules cover (migrations
# 0012, 0015). Accounts and people are added by reps and removed by the server (an
# account goes with its last deal); tombstones and the change counter are the server's.
GRANTS: dict[str, tuple[str, ...]] = {
    "SELECT, INSERT, UPDATE, DELETE": (
        "deal",
        "term",
        "term_option",
        "term_point",
        "batna",
        "batna_value",
        "ledger_entry",
        "offer",
        "offer_value",
        "meeting",
        "meeting_attendee",
        "cancelled_meeting",
        "interaction",
        "deal_stakeholder",
        "checklist_tick",
        "setting",
    ),
    "SELECT, INSERT, UPDATE": ("stakeholder",),
    "SELECT, INSERT": ("account",),
    "SELECT": ("deal_tombstone", "deal_change", "alembic_version"),
}


def _init_statements(database: str) -> list[str]:
    """Roles and grants: the policies, functions and triggers are the schema's own
    (migrations 0012 and 0015), there whoever set the team up."""
    both = f"{REP}, {MANAGER}"
    return [
        # Group roles, made once per server (a second database finds them there).
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{REP}') THEN "
        f"CREATE ROLE {REP} NOLOGIN; END IF; END $$",
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{MANAGER}') THEN "
        f"CREATE ROLE {MANAGER} NOLOGIN; END IF; END $$",
        f'GRANT CONNECT ON DATABASE "{database}" TO {both}',
        f"GRANT USAGE ON SCHEMA public TO {both}",
        # Only the owner makes objects beside the team's: a rep's function there could
        # stand in for a built-in one the team's functions call. New databases are so
        # since PostgreSQL 15; an older server only warns when the owner may not.
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        # Run again on a team set up by an earlier release: its wider grants go first.
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {both}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM {both}",
        *(f"GRANT {rights} ON {', '.join(tables)} TO {both}" for rights, tables in GRANTS.items()),
        # Sequences are used (an insert takes the next id), never read: their last value
        # would count every rep's rows (migration 0023).
        f"REVOKE SELECT ON ALL SEQUENCES IN SCHEMA public FROM {both}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {both}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON SEQUENCES FROM {both}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO {both}",
    ]


def init(db: Database) -> None:
    """Group roles and grants; run again safely (after an upgrade, say)."""
    _server(db)
    try:
        with db.engine.begin() as conn:
            database = str(conn.exec_driver_sql("SELECT current_database()").scalar())
            for statement in _init_statements(database):
                conn.execute(text(statement))
    except ProgrammingError as exc:
        raise _not_allowed(exc, REP) from None


def is_lead(db: Database) -> bool:
    """The team's lead: the database's owner (who set the team up), or a superuser."""
    if db.is_sqlite:
        return True
    with db.engine.connect() as conn:
        return bool(
            conn.exec_driver_sql(
                "SELECT current_user = (SELECT pg_get_userbyid(datdba) FROM pg_database "
                "WHERE datname = current_database()) OR (SELECT rolsuper FROM pg_roles "
                "WHERE rolname = current_user)"
            ).scalar()
        )


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
    _server(db)
    if visibility not in VISIBILITIES:
        raise TeamError(
            _("visibility must be one of: {allowed}").format(allowed=", ".join(VISIBILITIES))
        )
    settings.write_setting(db, VISIBILITY_KEY, visibility)


def visibility(db: Database) -> str:
    return settings.read_setting(db, VISIBILITY_KEY) or "team"


# ---------------------------------------------------------------- profiles


def save_profile(db: Database, profile: Profile, *, for_user: str | None = None) -> None:
    """Write the connected rep's profile (or, for a manager, `for_user`'s limits).

    On a team's server the cadence and the authority limits are a manager's to set: a
    rep changing them is refused with a clear message; their own name, company and
    currency are theirs alone.
    """
    manager = is_manager(db)
    with db.transaction() as session:
        me = roles.session_user(session)
        user = me if for_user is None else for_user
        if user != me and not manager:
            raise TeamError(_("Only a manager sets another rep's authority limits."))
        stored = settings.profile_values(settings.read_profile(session, user))
        for name, value in settings.profile_values(profile).items():
            if user != me and name not in settings.MANAGED:
                continue  # a manager sets limits, never another rep's name
            if name in settings.MANAGED and not manager:
                if value != stored[name]:
                    raise TeamError(
                        _("The contact cadence and authority limits are set by a manager.")
                    )
                continue
            settings.upsert_setting(session, settings.profile_key(name, user), value)


# ---------------------------------------------------------------- members and limits


@dataclass(frozen=True, slots=True)
class Member:
    """A role on the team, the name its profile gives, and its authority limits."""

    role: str
    name: str
    manager: bool
    max_concession_cost: Decimal | None
    max_discount_pct: Decimal | None


KEEP = object()  # a limit left as it is


def members(db: Database) -> list[Member]:
    """The team's reps and managers (members of the group roles), by role name."""
    _server(db)
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT m.rolname, bool_or(g.rolname = :manager) FROM pg_auth_members am "
                "JOIN pg_roles g ON g.oid = am.roleid JOIN pg_roles m ON m.oid = am.member "
                "WHERE g.rolname IN (:rep, :manager) GROUP BY m.rolname ORDER BY m.rolname"
            ),
            {"rep": REP, "manager": MANAGER},
        ).all()
    found = []
    for role, manager in rows:
        profile = settings.load_profile(db, str(role))
        found.append(
            Member(
                str(role),
                display_name(db, str(role)),
                bool(manager),
                profile.max_concession_cost,
                profile.max_discount_pct,
            )
        )
    return found


def display_names(db: Database) -> dict[str, str]:
    """Every role's display name from its profile, in one read (roles without a name
    are left out); none on a rep's own SQLite file."""
    if db.is_sqlite:
        return {}
    with db.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT key, value FROM setting WHERE key LIKE 'profile.name@%' AND value <> ''")
        ).all()
    return {str(key).split("@", 1)[1]: str(value) for key, value in rows}


def display_name(db: Database, role: str) -> str:
    """The display name `role` gave itself in its profile ('' when none)."""
    return settings.read_setting(db, f"profile.name@{role}") or ""


def set_limits(
    db: Database, role: str, *, amount: object = KEEP, discount: object = KEEP
) -> Member:
    """A manager sets a rep's authority limits: the largest concession cost they give
    without approval (`amount`) and the largest discount in percent (`discount`); None
    removes a limit. Refused for anyone but a manager (the server refuses it too)."""
    _server(db)
    _role_name(role)
    if not is_manager(db):
        raise TeamError(_("Only a manager sets a rep's authority limits."))
    for value, label in ((amount, _("amount")), (discount, _("discount"))):
        if isinstance(value, Decimal) and value < 0:
            raise TeamError(_("The {limit} limit cannot be negative.").format(limit=label))
    if isinstance(discount, Decimal) and discount > 100:
        raise TeamError(_("The discount limit is a percentage: at most 100."))
    team = {m.role: m for m in members(db)}
    if role not in team:
        raise TeamError(
            _("{role} is not on the team: add them first (salesdesk team add-rep {role})").format(
                role=role
            )
        )
    profile = settings.load_profile(db, role)
    if amount is not KEEP:
        profile.max_concession_cost = amount  # type: ignore[assignment]
    if discount is not KEEP:
        profile.max_discount_pct = discount  # type: ignore[assignment]
    save_profile(db, profile, for_user=role)
    return next(m for m in members(db) if m.role == role)
