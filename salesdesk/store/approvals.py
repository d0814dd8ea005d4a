"""Approvals: concessions over a rep's authority, waiting for a manager's decision.

A manager approves or declines; who decided is the connected role, when is the
database's clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select, update
from sqlmodel import Session, col

from salesdesk.domain.ledger import EntryStatus
from salesdesk.i18n import _
from salesdesk.store import dialect, roles, settings, team
from salesdesk.store import tables as t
from salesdesk.store.engine import Database
from salesdesk.store.errors import NotFound

__all__ = ["ApprovalRequest", "Decision", "approvals_waiting", "decide_approval", "decisions_in"]


@dataclass(frozen=True, slots=True)
class ApprovalRequest:
    """A concession over its rep's authority, waiting for a manager."""

    deal_id: int
    deal_title: str
    owner_role: str
    entry_uid: str
    what: str
    cost: Decimal | None
    round: int | None


@dataclass(frozen=True, slots=True)
class Decision:
    """Where a concession stands with the managers: whether it needs approval, and the
    decision made on it (approved or declined, by whom, when)."""

    needs_approval: bool
    approved: bool
    declined: bool
    by: str
    at: datetime | None


def decisions_in(session: Session, deal_id: int) -> dict[str, Decision]:
    """The decisions on a deal's concessions, by the entries' uids (a sync reads them
    without loading the whole deal)."""
    entry = t.metadata.tables["ledger_entry"]
    rows = session.execute(
        select(
            entry.c.uid,
            entry.c.needs_approval,
            entry.c.approved,
            entry.c.declined,
            entry.c.approved_by,
            entry.c.approved_at,
        ).where(entry.c.deal_id == deal_id)
    )
    return {
        str(uid): Decision(bool(needs), bool(approved), bool(declined), by or "", at)
        for uid, needs, approved, declined, by, at in rows
    }


_LIVE = (EntryStatus.PLANNED.value, EntryStatus.OFFERED.value, EntryStatus.ACCEPTED.value)


def approvals_waiting(db: Database) -> list[ApprovalRequest]:
    """Every concession waiting for approval in the deals the connected user sees (a
    manager: the team's), oldest deal first."""
    entry = t.metadata.tables["ledger_entry"]
    stmt = (
        select(
            col(t.Deal.id),
            col(t.Deal.title),
            col(t.Deal.owner_role),
            entry.c.uid,
            entry.c.what,
            entry.c.cost,
            entry.c.round,
        )
        .join(entry, entry.c.deal_id == col(t.Deal.id))
        .where(
            entry.c.needs_approval.is_(True),
            entry.c.approved.is_(False),
            entry.c.declined.is_(False),
            entry.c.status.in_(_LIVE),
        )
        .order_by(col(t.Deal.id), entry.c.position)
    )
    with db.reading() as session:
        return [ApprovalRequest(*row) for row in session.execute(stmt)]


def decide_approval(db: Database, deal_id: int, entry_uid: str, approve: bool) -> None:
    """A manager approves or declines a concession: who is the connected role (on a
    rep's own SQLite file, their profile's name), when is the database's clock. The
    deal's version moves, so the rep's window shows it at once."""
    if not team.is_manager(db):
        raise team.TeamError(_("Only a manager approves or declines a concession."))
    entry = t.metadata.tables["ledger_entry"]
    with db.transaction() as session:
        who = roles.session_user(session) or settings.read_profile(session, "").name
        # The deal first: on a server, a concession written in a transaction that has
        # not yet written its deal advances the deal itself (migration 0023).
        session.execute(
            update(t.Deal)
            .where(col(t.Deal.id) == deal_id)
            .values(version=col(t.Deal.version) + 1, updated_at=dialect.server_now(session))
        )
        done = session.execute(
            update(entry)
            .where(entry.c.deal_id == deal_id, entry.c.uid == entry_uid)
            .values(
                approved=approve,
                declined=not approve,
                approved_by=who,
                approved_at=dialect.server_now(session),
            )
        )
        if done.rowcount == 0:  # type: ignore[attr-defined]
            raise NotFound(_("There is no such concession in deal {id}.").format(id=deal_id))
