"""CRM export files the import tests share, built in each vendor's documented layout.

Dynamics 365 exports to Excel only (Microsoft Learn, "Export data to Excel"): the
workbook's first columns are the hidden `(Do Not Modify) Opportunity`,
`(Do Not Modify) Row Checksum` and `(Do Not Modify) Modified On`, then the view's
columns by display name. Written by openpyxl with typed cells (dates as dates, numbers
as numbers, a percentage column as fractions shown in %).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

DYNAMICS_HIDDEN = [
    "(Do Not Modify) Opportunity",
    "(Do Not Modify) Row Checksum",
    "(Do Not Modify) Modified On",
]
DYNAMICS_VIEW = [
    "Topic",
    "Potential Customer",
    "Est. Close Date",
    "Est. Revenue",
    "Probability",
    "Status",
    "Sales Stage",
    "Currency",
]


def dynamics_workbook(
    rows: Sequence[Sequence[object]], view: Sequence[str] = DYNAMICS_VIEW
) -> bytes:
    """A Dynamics 365 Excel export of opportunities with these rows (the hidden columns
    first); a `Probability` column is formatted as a percentage."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "My Open Opportunities"
    header = [*DYNAMICS_HIDDEN, *view]
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    if "Probability" in header:
        column = header.index("Probability") + 1
        for line in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            for cell in line:
                cell.number_format = "0%"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
