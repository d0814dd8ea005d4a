"""Files for other programs: the deal list as CSV, meetings as iCalendar (.ics)."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from salesdesk.domain.deal import DealSheet, Meeting
from salesdesk.domain.listing import CrmFields, DealSummary
from salesdesk.domain.money import money_str

CSV_COLUMNS = (
    "id",
    "title",
    "account",
    "stage",
    "phase",
    "status",
    "value",
    "currency",
    "close_date",
    "probability",
    "owner",
    "source_system",
    "source_id",
    "next_contact_due",
    "overdue",
)


def summary_record(row: DealSummary) -> dict[str, Any]:
    """A deal-list row as `deals --json` prints it (DESIGN.md's contract)."""
    return {
        "id": row.id,
        "title": row.title,
        "account": row.account,
        "stage": row.stage.value,
        "phase": row.phase,
        "status": row.status.value,
        "value": None if row.value is None else money_str(row.value, row.currency),
        "currency": row.currency,
        "next_contact_due": row.next_contact_due.isoformat() if row.next_contact_due else None,
        "overdue": row.overdue,
    }


_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What makes a spreadsheet read a cell as a formula (OWASP's CSV injection list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: a leading `=`, `+`, `-`, `@`, tab or CR gets
    a `'` before it (numbers of ours excepted), control characters are dropped."""
    text = "" if value is None else str(value)
    if isinstance(value, bool | int) or _NUMBER.fullmatch(text):
        return text
    if text.startswith(FORMULA_START):
        text = "'" + text
    return _CONTROL.sub("", text)


def deals_csv(rows: Sequence[DealSummary], crm: Mapping[int, CrmFields] | None = None) -> str:
    """The deal list as UTF-8 CSV: the `deals --json` fields and the deal's CRM fields,
    readable by any spreadsheet and by `salesdesk import` (a SalesDesk source).

    The app's File menu and `salesdesk deals --csv` both write it; cells that a
    spreadsheet would run as formulas are neutralised.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        record = summary_record(row)
        record["overdue"] = "yes" if row.overdue else "no"
        fields = (crm or {}).get(row.id, CrmFields())
        record.update(
            close_date=fields.close_date.isoformat() if fields.close_date else None,
            probability=fields.probability,
            owner=fields.owner,
            source_system=fields.source_system,
            source_id=fields.source_id,
        )
        writer.writerow([csv_cell(record[c]) for c in CSV_COLUMNS])
    return out.getvalue()


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


def _event(sheet: DealSheet, meeting: Meeting, stamp: str) -> list[str]:
    key = f"{sheet.uid}|{meeting.date.isoformat()}|{meeting.round}|{meeting.title}"
    uid = hashlib.sha1(key.encode("utf-8")).hexdigest() + "@salesdesk"
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp}"]
    if meeting.time is not None:
        start = datetime.combine(meeting.date, meeting.time)
        end = start + timedelta(hours=1)
        lines += [f"DTSTART:{start:%Y%m%dT%H%M%S}", f"DTEND:{end:%Y%m%dT%H%M%S}"]
    else:
        lines += [
            f"DTSTART;VALUE=DATE:{meeting.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{meeting.date + timedelta(days=1):%Y%m%d}",
        ]
    title = meeting.title or sheet.title
    lines.append(f"SUMMARY:{_escape(f'{title} — {sheet.account}')}")
    description = "\n\n".join(
        part
        for part in (sheet.title, meeting.objectives, meeting.agenda, ", ".join(meeting.attendees))
        if part
    )
    if description:
        lines.append(f"DESCRIPTION:{_escape(description)}")
    lines.append("END:VEVENT")
    return lines


def meetings_ics(sheets: Sequence[DealSheet], now: datetime | None = None) -> str:
    """The meetings of the given deals as one iCalendar file (floating local times)."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//SalesDesk//SalesDesk//EN",
        "CALSCALE:GREGORIAN",
    ]
    for sheet in sheets:
        for meeting in sheet.meetings:
            lines += _event(sheet, meeting, stamp)
    lines.append("END:VCALENDAR")
    return "".join(f"{folded}\r\n" for line in lines for folded in _fold(line))
