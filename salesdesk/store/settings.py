"""Settings kept in the database: the profile, plain key/value settings, its own id.

Business settings live in the database so the command line sees them. On a team's
server each rep has a profile of their own beside the team's values; who may write
which of them is the team's rule (`team.save_profile`).
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlmodel import Session, col

from salesdesk.domain.ids import new_uid
from salesdesk.domain.profile import Profile
from salesdesk.store import dialect, roles
from salesdesk.store import tables as t
from salesdesk.store.engine import Database
from salesdesk.store.profile_rows import _PERSONAL, MANAGED, profile_from_settings, profile_key

__all__ = [
    "DATABASE_ID_KEY",
    "MANAGED",
    "_PERSONAL",
    "database_id",
    "get_setting",
    "load_profile",
    "profile_key",
    "profile_values",
    "read_profile",
    "read_setting",
    "set_setting",
    "upsert_setting",
    "write_setting",
]

# ---------------------------------------------------------------- profile


def load_profile(db: Database, user: str | None = None) -> Profile:
    """The connected user's profile, or `user`'s (a role on a team's server)."""
    with db.reading() as session:
        return read_profile(session, user)


def read_profile(session: Session, user: str | None = None) -> Profile:
    user = roles.session_user(session) if user is None else user
    rows = dict(session.execute(select(col(t.Setting.key), col(t.Setting.value))).all())

    return profile_from_settings(rows, user)


def profile_values(profile: Profile) -> dict[str, str]:
    return {
        "name": profile.name,
        "company": profile.company,
        "currency": profile.currency,
        "cadence": ",".join(str(d) for d in profile.cadence),
        "max_concession_cost": ""
        if profile.max_concession_cost is None
        else str(profile.max_concession_cost),
        "max_discount_pct": ""
        if profile.max_discount_pct is None
        else str(profile.max_discount_pct),
        "time_zone": profile.time_zone,
    }


# ---------------------------------------------------------------- plain settings


def read_setting(db: Database, key: str) -> str | None:
    with db.reading() as session:
        found = session.execute(select(col(t.Setting.value)).where(col(t.Setting.key) == key))
        value = found.scalar()
    return None if value is None else str(value)


def write_setting(db: Database, key: str, value: str) -> None:
    with db.transaction() as session:
        upsert_setting(session, key, value)


def get_setting(db: Database, key: str) -> str | None:
    with db.reading() as session:
        found = session.execute(select(col(t.Setting.value)).where(col(t.Setting.key) == key))
        value = found.scalar()
    return None if value is None else str(value)


def set_setting(db: Database, key: str, value: str | None) -> None:
    """Write a business setting (None removes it)."""
    with db.transaction() as session:
        if value is None:
            session.execute(delete(t.Setting).where(col(t.Setting.key) == key))
        else:
            upsert_setting(session, key, value)


def upsert_setting(session: Session, key: str, value: str) -> None:
    """Write a setting whether or not it exists, race-free."""
    stmt = dialect.insert_for(session, t.Setting).values(key=key, value=value)
    session.execute(
        stmt.on_conflict_do_update(index_elements=["key"], set_={"value": stmt.excluded.value})
    )


def database_id(db: Database) -> str:
    """This database's own id (made with it, or by migration 0010 for an older one)."""
    with db.reading() as session:
        found = session.execute(
            select(col(t.Setting.value)).where(col(t.Setting.key) == DATABASE_ID_KEY)
        ).scalar()
    if found:
        return str(found)
    with db.transaction() as session:
        dialect.insert_or_ignore(
            session, t.Setting, {"key": DATABASE_ID_KEY, "value": new_uid()}, "key"
        )
        return str(
            session.execute(
                select(col(t.Setting.value)).where(col(t.Setting.key) == DATABASE_ID_KEY)
            ).scalar_one()
        )


DATABASE_ID_KEY = "database.id"
