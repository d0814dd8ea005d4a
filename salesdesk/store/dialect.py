"""What differs between SQLite and PostgreSQL, said once for every subject of the store.

The INSERT that knows ON CONFLICT (both engines do, each in its own dialect), the time
of a change by the database's clock, a server's transaction-wide advisory lock and its
`SET LOCAL` settings. SQLite is the rep's own file on the rep's own machine: there the
laptop's clock is the database's, and one writer at a time needs no lock of ours.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import literal_column, select
from sqlalchemy import text as sql_text
from sqlmodel import Session

__all__ = [
    "advisory_xact_lock",
    "clock",
    "day_of",
    "insert_for",
    "insert_or_ignore",
    "is_postgresql",
    "server_now",
    "server_today",
    "set_local",
    "utc_now",
]


def utc_now() -> datetime:
    return datetime.now(UTC)


def is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def insert_for(session: Session, table: Any) -> Any:
    """The INSERT of the database's dialect, which knows ON CONFLICT (both engines do)."""
    if is_postgresql(session):
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table)


def insert_or_ignore(session: Session, table: Any, values: dict[str, Any], key: str) -> None:
    """INSERT … ON CONFLICT (key) DO NOTHING: two saves adding the same row both succeed."""
    stmt = insert_for(session, table).values(**values)
    session.execute(stmt.on_conflict_do_nothing(index_elements=[key]))


def server_now(session: Session) -> Any:
    """The time of a change by the database's clock (a team server's `now()`, into a
    `timestamptz`, never a laptop's); SQLite is on the rep's own machine, whose clock is
    the database's."""
    if is_postgresql(session):
        return literal_column("now()")
    return utc_now()


def clock(session: Session) -> datetime:
    """What the database's clock reads now (aware, UTC): a team server's, or on SQLite
    the machine's own."""
    if is_postgresql(session):
        found = session.execute(select(literal_column("now()"))).scalar_one()
        return found.astimezone(UTC) if isinstance(found, datetime) else utc_now()
    return utc_now()


def server_today(session: Session) -> date | None:
    """A team server's day (UTC: the session's time zone), or None on SQLite, where the
    caller's day is the machine's."""
    if not is_postgresql(session):
        return None
    found: date | None = session.info.get("server_today")
    if found is None:  # asked once per session (one unit of work), not at every use
        found = session.execute(select(literal_column("current_date"))).scalar_one()
        session.info["server_today"] = found
    return found


def advisory_xact_lock(session: Session, key: int, wait_ms: int) -> None:
    """On a server, wait up to `wait_ms` for the advisory lock `key` (any 64-bit number),
    held until the transaction ends."""
    session.execute(
        sql_text("SELECT set_config('lock_timeout', :ms, true)"), {"ms": f"{wait_ms}ms"}
    )
    session.execute(sql_text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def set_local(session: Session, setting: str, value: str) -> None:
    """A server's planner or session setting for the rest of this transaction only
    (`setting` and `value` are ours, never a user's text)."""
    session.execute(sql_text(f"SET LOCAL {setting} = {value}"))


# A day given by a laptop may be the server's next one (time zones ahead of UTC), no later.
ZONE_SLACK = timedelta(days=1)


def day_of(session: Session, today: date) -> date:
    """The day a change on the database counts from: the caller's, but on a team server
    never past the server's next day, so a laptop whose clock is ahead decides nothing
    there (a meeting in the server's future is not a contact yet)."""
    server_day = server_today(session)
    return today if server_day is None else min(today, server_day + ZONE_SLACK)
