"""What a calendar needs of a deal's meetings beyond the rows: each meeting's sequence,
raised in the save that changes its date, time, length, title or location, and the
meetings deleted since they may have been sent to a calendar.

Every save goes through here — the app's, `import-deal`'s and a sync's — so a change
raises the sequence whichever way it comes, and a package's sequence never lowers it
(domain.meetings.next_sequence). A deleted meeting is remembered with its deal, date
and last sequence plus one; it is forgotten when it comes back (an undo, a sync), when
its deal is deleted, and a year after its date.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import delete, insert, select
from sqlmodel import Session, col

from salesdesk.domain.deal import Meeting
from salesdesk.domain.meetings import CancelledMeeting, cancelled, next_sequence
from salesdesk.store import tables as t
from salesdesk.store.engine import Database

# Cancellations dated longer ago than this are dropped: no calendar export reaches
# that far back.
KEEP = timedelta(days=366)


def _stored(session: Session, deal_id: int) -> dict[str, Meeting]:
    """What a calendar saw of the deal's stored meetings (their columns alone: a save
    reads them every time)."""
    table = t.metadata.tables["meeting"]
    out: dict[str, Meeting] = {}
    for row in session.execute(
        select(
            table.c.uid,
            table.c.date,
            table.c.time,
            table.c.minutes,
            table.c.title,
            table.c.location,
            table.c.sequence,
        ).where(table.c.deal_id == deal_id)
    ):
        if row.uid is None:
            continue
        meeting = Meeting(
            date=row.date,
            title=row.title,
            time=row.time,
            minutes=row.minutes,
            location=row.location,
            sequence=row.sequence,
        )
        meeting.uid = row.uid
        out[row.uid] = meeting
    return out


def before_saving(
    session: Session, deal_id: int | None, meetings: Sequence[Meeting], today: date
) -> None:
    """Call in the save's transaction, before the deal's meeting rows are written: sets
    each meeting's sequence and records the meetings the save removes as cancelled."""
    if deal_id is None:  # a new deal here: its meetings keep the sequence they came with
        for meeting in meetings:
            meeting.sequence = max(meeting.sequence, 0)
        return
    stored = _stored(session, deal_id)
    for meeting in meetings:
        meeting.sequence = next_sequence(stored.get(meeting.uid), meeting)
    kept = {m.uid for m in meetings}
    oldest = today - KEEP
    gone = [
        cancelled(deal_id, m) for uid, m in stored.items() if uid not in kept and m.date >= oldest
    ]
    replaced = {c.uid for c in gone}
    table = t.metadata.tables["cancelled_meeting"]
    # Most saves find no cancellation of the deal: one indexed look, nothing written.
    remembered = session.execute(
        select(table.c.uid, table.c.date).where(table.c.deal_id == deal_id)
    ).all()
    forget = sorted(
        uid for uid, day in remembered if uid in kept or uid in replaced or day < oldest
    )
    if forget:
        session.execute(delete(table).where(table.c.deal_id == deal_id, table.c.uid.in_(forget)))
    if gone:
        session.execute(
            insert(table),
            [
                {
                    "deal_id": deal_id,
                    "uid": c.uid,
                    "date": c.date,
                    "time": c.time,
                    "minutes": c.minutes,
                    "title": c.title,
                    "location": c.location,
                    "sequence": c.sequence,
                }
                for c in gone
            ],
        )


def cancelled_meetings_between(db: Database, start: date, end: date) -> list[CancelledMeeting]:
    """Meetings deleted from their deal and dated from `start` to `end`, in date order."""
    with db.reading() as session:
        rows = session.execute(
            select(t.CancelledMeeting)
            .where(
                col(t.CancelledMeeting.date) >= start,
                col(t.CancelledMeeting.date) <= end,
            )
            .order_by(col(t.CancelledMeeting.date), col(t.CancelledMeeting.time))
        ).scalars()
        return [
            CancelledMeeting(
                deal_id=int(row.deal_id or 0),
                uid=row.uid,
                date=row.date,
                time=row.time,
                minutes=row.minutes,
                title=row.title,
                location=row.location,
                sequence=row.sequence,
            )
            for row in rows
        ]
