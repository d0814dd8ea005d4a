"""Files for other programs: the deal list as CSV (meetings as iCalendar: interop.calendar)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from typing import Any

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
