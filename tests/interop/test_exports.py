import csv
import io
from datetime import UTC, date, datetime

from salesdesk.domain.analysis import analyse
from salesdesk.domain.listing import DealSummary
from salesdesk.domain.stages import DealStatus, Stage
from salesdesk.interop.calendar import meetings_ics
from salesdesk.interop.demo import sample_sheets
from salesdesk.interop.exports import deals_csv

TODAY = date(2026, 11, 29)


def test_deal_list_csv_reads_back_in_a_spreadsheet():
    from decimal import Decimal

    rows = [
        DealSummary(
            1,
            "u",
            "Renouvellement, 2027",
            "Société X",
            Stage.CONTRACT,
            5,
            DealStatus.OPEN,
            Decimal("480000"),
            "EUR",
            None,
            TODAY,
            False,
        )
    ]
    parsed = list(csv.DictReader(io.StringIO(deals_csv(rows))))
    assert parsed[0]["title"] == "Renouvellement, 2027"
    assert parsed[0]["value"] == "480000.00" and parsed[0]["next_contact_due"] == "2026-11-29"


def test_meetings_as_icalendar():
    sheet = sample_sheets(TODAY)["packaging-fr"]
    analyse(sheet, TODAY)
    text = meetings_ics([sheet], now=datetime(2026, 11, 29, 8, 0, tzinfo=UTC))
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 3
    unfolded = text.replace("\r\n ", "")
    assert "DTSTART:20261205T093000" in unfolded
    assert "SUMMARY:Troisième tour : conclusion — Société Lyonnaise d'Emballage" in unfolded
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    # the same meeting keeps its UID from one export to the next
    again = meetings_ics([sheet], now=datetime(2026, 12, 1, tzinfo=UTC))
    uids = [line for line in unfolded.splitlines() if line.startswith("UID:")]
    assert uids == [
        line for line in again.replace("\r\n ", "").splitlines() if line.startswith("UID:")
    ]
