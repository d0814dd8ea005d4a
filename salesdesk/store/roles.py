"""Who is connected, as a session sees it: the server's role, never the app's say.

On a rep's own SQLite file there are no roles: the connected user is '' and owns
every deal. Whether a role is a manager, and the team's group roles, are `team`'s.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import literal_column, select
from sqlmodel import Session

from salesdesk.store import dialect

__all__ = ["connected_role", "session_user"]


def session_user(session: Session) -> str:
    """The connected role ('' on SQLite)."""
    if dialect.is_postgresql(session):
        return str(session.execute(select(literal_column("current_user"))).scalar())
    return ""


def connected_role(session: Session) -> Any:
    """The role a new deal belongs to: the server's `current_user` (never the app's say)."""
    if dialect.is_postgresql(session):
        return literal_column("current_user")
    return ""
