"""A meeting as a calendar sees it: which changes make it an update of the same event.

A calendar matches an event by its UID (the meeting's stable uid) and takes the copy
with the highest SEQUENCE. Every change of what a calendar shows of the event's time
and place — date, time, length, title, location — raises the meeting's sequence; a
sequence coming from elsewhere (a package, a sync) is kept when higher, never lowered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from salesdesk.domain.deal import Meeting

# What a calendar shows of when and where a meeting is.
SCHEDULE_FIELDS = ("date", "time", "minutes", "title", "location")
# A meeting lasts from a minute to a day.
MINUTES_RANGE = (1, 24 * 60)
# A meeting's length when none is given.
DEFAULT_MINUTES = 60
# The largest sequence a package may carry (a 32-bit column, a calendar's integer).
MAX_SEQUENCE = 2**31 - 1


def schedule(meeting: Meeting) -> tuple[object, ...]:
    return tuple(getattr(meeting, name) for name in SCHEDULE_FIELDS)


def next_sequence(stored: Meeting | None, incoming: Meeting) -> int:
    """The sequence `incoming` is saved with over `stored` (None: a new meeting here)."""
    if stored is None:
        return max(incoming.sequence, 0)
    sequence = max(stored.sequence, incoming.sequence)
    if schedule(stored) != schedule(incoming):
        sequence = max(stored.sequence + 1, incoming.sequence)
    return sequence


@dataclass(frozen=True, slots=True)
class CancelledMeeting:
    """A meeting deleted from its deal, as a calendar last saw it: exported again, its
    event is sent as cancelled, under the same UID with a higher sequence."""

    deal_id: int
    uid: str
    date: date
    time: time | None = None
    minutes: int | None = None
    title: str = ""
    location: str = ""
    sequence: int = 0


def cancelled(deal_id: int, meeting: Meeting) -> CancelledMeeting:
    """What is remembered of a meeting the moment it is deleted."""
    return CancelledMeeting(
        deal_id=deal_id,
        uid=meeting.uid,
        date=meeting.date,
        time=meeting.time,
        minutes=meeting.minutes,
        title=meeting.title,
        location=meeting.location,
        sequence=meeting.sequence + 1,
    )
