"""Meetings as an iCalendar file (RFC 5545) that can be shared with the customer.

An event says only what the customer copy of the brief may say: the meeting's title,
the deal's title and account, the agenda, the meeting's note for the customer and the
names of those attending — never objectives, outcomes, notes, positions or amounts.
Its words are in the deal's customer language.

Times are the rep's: a meeting at 09:30 is 09:30 in the rep's time zone (the profile's,
else the machine's), written in UTC so every calendar places it right. An event lasts
the meeting's length (an hour when none is given) and says where it is. Its UID is the
meeting's own uid, its SEQUENCE the meeting's sequence (domain.meetings), so a moved
meeting updates the event; a deleted one is sent as cancelled.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from salesdesk import APP_NAME
from salesdesk.domain.deal import DealSheet, Meeting, people_named
from salesdesk.domain.meetings import DEFAULT_MINUTES, CancelledMeeting
from salesdesk.i18n import _, speaking

if TYPE_CHECKING:
    from salesdesk.store.engine import Database

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _escape(text: str) -> str:
    """RFC 5545 TEXT: every line break (CRLF, LF or a CR alone) escaped, other control
    characters dropped, so no reader can see an event boundary inside a title."""
    text = re.sub(r"\r\n|\r|\n", "\n", text).replace("\t", " ")
    text = _CONTROL.sub("", text)
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """RFC 5545 lines are at most 75 octets; longer ones continue after a space."""
    data = line.encode("utf-8")
    parts: list[str] = []
    while len(data) > 75:
        cut = 75 if not parts else 74
        while cut > 0 and (data[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
            cut -= 1
        parts.append(data[:cut].decode("utf-8"))
        data = data[cut:]
    parts.append(data.decode("utf-8"))
    return [parts[0], *(" " + p for p in parts[1:])]


@cache
def zone_names() -> list[str]:
    """The IANA time zones this machine knows (tzdata on Windows), sorted."""
    return sorted(available_timezones())


def rep_zone(name: str) -> tzinfo | None:
    """The rep's time zone by its name; None (the machine's rules) when empty or
    unknown here."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def starts_at(day: date, clock: time, zone: tzinfo | None) -> datetime:
    """A meeting's start as an instant: its day and time read in `zone`, or, without
    one, by the machine's own rules for that day (summer time included)."""
    if zone is not None:
        return datetime.combine(day, clock, tzinfo=zone)
    return datetime.combine(day, clock).astimezone()


def _summary(sheet: DealSheet, title: str) -> str:
    return f"{title or sheet.title} — {sheet.account}"


def _description(sheet: DealSheet, meeting: Meeting) -> str:
    """The customer-copy whitelist, in the customer's language."""
    parts = [f"{sheet.title} — {sheet.account}"]
    if meeting.agenda.strip():
        parts.append(_("Agenda:") + "\n" + meeting.agenda.strip())
    if meeting.customer_note.strip():
        parts.append(_("Note:") + "\n" + meeting.customer_note.strip())
    # The customer reads it: the attendees' names, nothing else of them.
    names = [p.name for p in people_named(sheet.stakeholders, meeting.attendees)]
    if names:
        parts.append(_("Attending: {names}").format(names=", ".join(names)))
    return "\n\n".join(parts)


def _event(
    seen: Meeting | CancelledMeeting,
    summary: str,
    description: str | None,
    status: str,
    stamp: str,
    zone: tzinfo | None,
) -> list[str]:
    """One VEVENT: a meeting as it is (CONFIRMED), or as it was (CANCELLED)."""
    if seen.time is None:
        times = [
            f"DTSTART;VALUE=DATE:{seen.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{seen.date + timedelta(days=1):%Y%m%d}",
        ]
    else:
        start = starts_at(seen.date, seen.time, zone)
        end = start + timedelta(minutes=seen.minutes or DEFAULT_MINUTES)
        times = [f"DTSTART:{_utc(start)}", f"DTEND:{_utc(end)}"]
    lines = [
        "BEGIN:VEVENT",
        f"UID:{_escape(seen.uid)}",
        f"DTSTAMP:{stamp}",
        f"SEQUENCE:{seen.sequence}",
        *times,
        f"SUMMARY:{_escape(summary)}",
    ]
    if description is not None:
        lines.append(f"DESCRIPTION:{_escape(description)}")
    if seen.location.strip():
        lines.append(f"LOCATION:{_escape(seen.location.strip())}")
    lines += [f"STATUS:{status}", "END:VEVENT"]
    return lines


def meetings_ics(
    sheets: Sequence[DealSheet],
    now: datetime | None = None,
    *,
    zone: tzinfo | None = None,
    cancelled: Sequence[tuple[DealSheet, CancelledMeeting]] = (),
) -> str:
    """The meetings of the given deals (each sheet with the meetings to write), and the
    cancelled ones, as one iCalendar file. `zone` is the rep's time zone (None: the
    machine's)."""
    stamp = _utc(now or datetime.now(UTC))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{APP_NAME}//{APP_NAME}//EN",
        "CALSCALE:GREGORIAN",
    ]
    for sheet in sheets:
        with speaking(sheet.customer_language):
            for meeting in sheet.meetings:
                summary = _summary(sheet, meeting.title)
                description = _description(sheet, meeting)
                lines += _event(meeting, summary, description, "CONFIRMED", stamp, zone)
    for sheet, gone in cancelled:
        with speaking(sheet.customer_language):
            summary = _("Cancelled: {meeting}").format(meeting=_summary(sheet, gone.title))
            lines += _event(gone, summary, None, "CANCELLED", stamp, zone)
    lines.append("END:VCALENDAR")
    return "".join(f"{folded}\r\n" for line in lines for folded in _fold(line))


@dataclass(frozen=True, slots=True)
class Written:
    text: str
    meetings: int
    cancelled: int


def calendar_file(
    db: Database,
    start: date,
    end: date,
    *,
    deal_id: int | None = None,
    now: datetime | None = None,
) -> Written:
    """The meetings dated from `start` to `end` (of one deal, or all), and those deleted
    since that were dated then, as the calendar file the command line and the app write;
    times in the rep's zone (the profile's, else the machine's)."""
    from salesdesk.store import contacts, deal_load, settings
    from salesdesk.store.meeting_calendar import cancelled_meetings_between

    profile = settings.load_profile(db)
    sheets: dict[int, DealSheet] = {}

    def sheet_of(found: int) -> DealSheet:
        if found not in sheets:
            sheets[found] = deal_load.load_deal(db, found)
        return sheets[found]

    if deal_id is not None:
        sheet_of(deal_id)  # a deal that does not exist is said, even without meetings
    for meeting in contacts.meetings_between(db, start, end):
        if deal_id is None or meeting.deal_id == deal_id:
            sheet_of(meeting.deal_id)
    live = []
    for sheet in sheets.values():
        meetings = [m for m in sheet.meetings if start <= m.date <= end]
        if meetings:
            live.append(replace(sheet, meetings=meetings))
    gone = [
        (sheet_of(c.deal_id), c)
        for c in cancelled_meetings_between(db, start, end)
        if deal_id is None or c.deal_id == deal_id
    ]
    text = meetings_ics(live, now, zone=rep_zone(profile.time_zone), cancelled=gone)
    return Written(text, sum(len(s.meetings) for s in live), len(gone))
