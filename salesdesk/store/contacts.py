"""Keeping in touch: the change token, the next-contact dates, Today's lists.

The stored next-contact dates are recomputed once a day (days pass: a meeting dated
in the future becomes a contact) or when the cadence changes; Today shows the deals
whose contact is due and the meetings ahead.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlmodel import Session, col

from salesdesk.domain.listing import DealQuery, DealSummary, UpcomingMeeting
from salesdesk.domain.stages import DealStatus
from salesdesk.store import deal_list, dialect, roles, settings
from salesdesk.store import tables as t
from salesdesk.store.engine import Database

__all__ = [
    "change_token",
    "contact_dates_fresh",
    "contacts_due",
    "count_contacts_due",
    "meetings_between",
    "meetings_to_debrief",
    "refresh_contact_dates",
    "refresh_contact_dates_in",
    "upcoming_meetings",
]


def change_token(db: Database) -> int:
    """Changes when any deal is added, removed or saved, whoever did it: the database's
    change counter, advanced by a trigger in the writing transaction itself (migration
    0012), so two saves a moment apart are two changes, and a change is seen only once
    it is committed. Never a clock."""
    with db.reading() as session:
        return int(session.execute(select(col(t.DealChange.n))).scalar_one())


def _refresh_stamp(today: date, cadence: Sequence[int]) -> str:
    return f"{today.isoformat()} {','.join(str(d) for d in cadence)}"


def _refresh_key(session: Session) -> str:
    """The refresh's stamp: each rep's own on a server (a rep refreshes the deals he
    sees; one rep's refresh under private visibility is not everyone's)."""
    role = roles.session_user(session)
    return f"{_REFRESH_KEY}@{role}" if role else _REFRESH_KEY


def contact_dates_fresh(db: Database, today: date, cadence: Sequence[int]) -> bool:
    """Whether the next-contact dates were already recomputed today with this cadence."""
    with db.reading() as session:
        done = session.execute(
            select(col(t.Setting.value)).where(col(t.Setting.key) == _refresh_key(session))
        ).scalar()
        return bool(done == _refresh_stamp(dialect.day_of(session, today), cadence))


def refresh_contact_dates(db: Database, today: date, cadence: Sequence[int]) -> int:
    """Recompute the stored next-contact dates once a day (days pass: a meeting dated in
    the future becomes a contact) or when the cadence changed; returns how many changed.

    It may run beside the app's own saves (on a thread at start), so it reads outside
    the write transaction: a deal saved meanwhile already has its date computed by the
    save, and is left as the save wrote it."""
    if contact_dates_fresh(db, today, cadence):
        return 0
    with db.reading() as session:
        stored = _stored_dates(session)
        today = dialect.day_of(session, today)
    changed = _changes(stored, deal_list.list_deals(db, today, cadence))
    with db.transaction() as session:
        _write_dates(session, changed, _refresh_stamp(today, cadence))
    return len(changed)


def refresh_contact_dates_in(session: Session, today: date, cadence: Sequence[int]) -> int:
    """The refresh inside the caller's transaction (an import's, so it is all or nothing)."""
    today = dialect.day_of(session, today)
    summaries = deal_list.list_rows(session, deal_list.list_query(today), today, cadence)
    changed = _changes(_stored_dates(session), summaries)
    _write_dates(session, changed, _refresh_stamp(today, cadence))
    return len(changed)


def _stored_dates(session: Session) -> dict[int, date | None]:
    return dict(session.execute(select(col(t.Deal.id), col(t.Deal.next_contact_due))).all())


def _changes(
    stored: dict[int, date | None], summaries: Sequence[DealSummary]
) -> list[dict[str, Any]]:
    """The dates to write, each guarded by the one read (a save meanwhile keeps its own)."""
    return [
        {"deal_id": s.id, "due": s.next_contact_due, "was": stored.get(s.id)}
        for s in summaries
        if stored.get(s.id) != s.next_contact_due
    ]


def _write_dates(session: Session, changed: list[dict[str, Any]], stamp: str) -> None:
    deal = t.metadata.tables["deal"]
    if changed:
        session.execute(
            update(deal)
            .where(
                deal.c.id == bindparam("deal_id"),
                deal.c.next_contact_due.is_not_distinct_from(bindparam("was")),
            )
            .values(next_contact_due=bindparam("due")),
            changed,
        )
    settings.upsert_setting(session, _refresh_key(session), stamp)


_REFRESH_KEY = "contacts.refreshed"


def upcoming_meetings(db: Database, today: date, days: int = 7) -> list[UpcomingMeeting]:
    """Meetings from today to `days` days ahead, soonest first."""
    from datetime import timedelta

    return meetings_between(db, today, today + timedelta(days=days))


def contacts_due(db: Database, today: date, limit: int = 500) -> list[DealSummary]:
    """Open deals whose next contact is due today or overdue, most overdue first."""
    # Walked in the list's order index, stopping at `limit` (due dates are never empty
    # here, so that order is the due date's).
    stmt = (
        deal_list.filtered(DealQuery(), today)
        .where(*_due_conditions(today))
        .order_by(*deal_list.list_order(DealQuery()))
        .limit(limit)
    )
    with db.reading() as session:
        return [deal_list.summary(row, today) for row in session.execute(stmt)]


def count_contacts_due(db: Database, today: date) -> int:
    stmt = select(func.count()).select_from(t.Deal).where(*_due_conditions(today))
    with db.reading() as session:
        return int(session.execute(stmt).scalar_one())


def _due_conditions(today: date) -> list[Any]:
    # Compared as an expression, the status cannot steer SQLite to its own index, which
    # finds most deals open and then sorts them all (0.2 s at 100,000 deals, not 3 ms).
    status = col(t.Deal.status).op("||")("")
    return [status == DealStatus.OPEN.value, col(t.Deal.next_contact_due) <= today]


def _meetings(start: date, end: date) -> Any:
    return (
        select(
            col(t.Meeting.deal_id),
            col(t.Deal.title),
            col(t.Account.name),
            col(t.Meeting.date),
            col(t.Meeting.time),
            col(t.Meeting.title),
            col(t.Meeting.round),
            col(t.Deal.owner_role),
            col(t.Meeting.uid),
        )
        .join(t.Deal, col(t.Deal.id) == col(t.Meeting.deal_id))
        .join(t.Account, col(t.Account.id) == col(t.Deal.account_id))
        .where(col(t.Meeting.date) >= start, col(t.Meeting.date) <= end)
        .order_by(col(t.Meeting.date), col(t.Meeting.time), col(t.Meeting.id))
    )


def meetings_between(db: Database, start: date, end: date) -> list[UpcomingMeeting]:
    """Meetings dated from `start` to `end` included, in date and time order."""
    with db.reading() as session:
        return [UpcomingMeeting(*row) for row in session.execute(_meetings(start, end))]


# How far back Today looks for meetings still to debrief.
DEBRIEF_DAYS = 30


def meetings_to_debrief(db: Database, today: date, limit: int = 50) -> list[UpcomingMeeting]:
    """Meetings of open deals held in the last DEBRIEF_DAYS days (before today) whose
    outcome is not written yet, the most recent first: the day after a meeting, its
    debrief is due."""
    from datetime import timedelta

    stmt = (
        _meetings(today - timedelta(days=DEBRIEF_DAYS), today - timedelta(days=1))
        .where(
            func.trim(col(t.Meeting.outcome)) == "",
            col(t.Deal.status) == DealStatus.OPEN.value,
        )
        .order_by(None)
        .order_by(col(t.Meeting.date).desc(), col(t.Meeting.time).desc(), col(t.Meeting.id))
        .limit(limit)
    )
    with db.reading() as session:
        return [UpcomingMeeting(*row) for row in session.execute(stmt)]
