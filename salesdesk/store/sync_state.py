"""A laptop's per-deal sync state and the server's tombstones, read and written for
interop.sync in the caller's transactions. Sample deals never appear here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlmodel import Session, col

from salesdesk.domain.ids import new_uid
from salesdesk.store import tables as t
from salesdesk.store.engine import Database


@dataclass(frozen=True, slots=True)
class Held:
    """A deal as a database holds it: its row id and version."""

    id: int
    version: int


@dataclass(frozen=True, slots=True)
class State:
    server_version: int | None
    local_version: int | None
    conflict: int | None


def deals(db: Database) -> dict[str, Held]:
    """Every deal that travels (samples never do), by uid."""
    with db.reading() as session:
        rows = session.execute(
            select(col(t.Deal.uid), col(t.Deal.id), col(t.Deal.version)).where(
                col(t.Deal.sample).is_(None)
            )
        ).all()
    return {uid: Held(int(i), int(v)) for uid, i, v in rows}


def held(session: Session, uid: str) -> Held | None:
    row = session.execute(
        select(col(t.Deal.id), col(t.Deal.version)).where(
            col(t.Deal.uid) == uid, col(t.Deal.sample).is_(None)
        )
    ).first()
    return None if row is None else Held(int(row[0]), int(row[1]))


def tombstones(db: Database) -> dict[str, int]:
    with db.reading() as session:
        rows = session.execute(select(col(t.DealTombstone.uid), col(t.DealTombstone.version))).all()
    return {uid: int(v) for uid, v in rows}


def states(db: Database) -> dict[str, State]:
    with db.reading() as session:
        rows = session.execute(
            select(
                col(t.SyncState.deal_uid),
                col(t.SyncState.server_version),
                col(t.SyncState.local_version),
                col(t.SyncState.conflict),
            )
        ).all()
    return {uid: State(s, loc, c) for uid, s, loc, c in rows}


def base(db: Database, uid: str) -> str:
    with db.reading() as session:
        found = session.execute(
            select(col(t.SyncState.base)).where(col(t.SyncState.deal_uid) == uid)
        ).scalar()
    return str(found or "")


def record(session: Session, uid: str, **values: Any) -> None:
    """Create or update the deal's state (the columns given)."""
    row = session.get(t.SyncState, uid)
    if row is None:
        session.add(t.SyncState(deal_uid=uid, **values))
    else:
        for key, value in values.items():
            setattr(row, key, value)
    session.flush()


def renew_uid(session: Session, deal_id: int) -> str:
    """Give the deal a new uid: from now on it is another deal to a sync."""
    uid = new_uid()
    session.execute(update(t.Deal).where(col(t.Deal.id) == deal_id).values(uid=uid))
    return uid


def forget(session: Session, uid: str) -> None:
    session.execute(delete(t.SyncState).where(col(t.SyncState.deal_uid) == uid))


def waiting(db: Database) -> int:
    """Deals changed here since their last sync (new ones and deletions included)."""
    with db.reading() as session:
        changed = session.execute(
            select(func.count())
            .select_from(t.Deal)
            .outerjoin(t.SyncState, col(t.SyncState.deal_uid) == col(t.Deal.uid))
            .where(
                col(t.Deal.sample).is_(None),
                col(t.SyncState.local_version).is_(None)
                | (col(t.SyncState.local_version) != col(t.Deal.version)),
            )
        ).scalar_one()
        deleted = session.execute(
            select(func.count())
            .select_from(t.SyncState)
            .outerjoin(t.Deal, col(t.SyncState.deal_uid) == col(t.Deal.uid))
            .where(col(t.Deal.id).is_(None))
        ).scalar_one()
    return int(changed) + int(deleted)


def conflicts(db: Database) -> int:
    with db.reading() as session:
        found = session.execute(
            select(func.count()).where(col(t.SyncState.conflict).is_not(None))
        ).scalar_one()
    return int(found)
