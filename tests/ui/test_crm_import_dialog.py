"""The app's CRM import with the files reps really have: an Excel workbook from
Dynamics 365, Excel's Unicode text whose amounts cannot tell their decimal mark, and
rows that share account and title.

Layouts: Dynamics 365 exports to Excel only (Microsoft Learn, "Export data to Excel":
hidden `(Do Not Modify)` columns, then the view's display names); Excel's "Unicode
Text" is UTF-16 with a byte order mark, tab-separated; a Salesforce report without its
Opportunity ID column (Help, "Export a Report").
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from salesdesk.domain.listing import DealQuery
from salesdesk.store import deal_list
from salesdesk.ui import file_dialogs
from salesdesk.ui.import_dialog import ImportDialog
from tests.crm_files import dynamics_workbook
from tests.ui.conftest import TODAY, deal_ids


def cells(dialog: ImportDialog, row: int = 0) -> dict[str, str]:
    model = dialog.preview
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return {h: model.index(row, c).data() for c, h in enumerate(headers)}


def test_a_dynamics_workbook_is_opened_from_the_file_menu(window, tmp_path, monkeypatch):
    view = [
        "Topic",
        "Potential Customer",
        "Est. Close Date",
        "Est. Revenue",
        "Sales Stage",
        "Currency",
    ]
    row = [
        "a1",
        "x",
        datetime(2026, 11, 2),
        "Telematics",
        "Contoso",
        date(2026, 12, 15),
        9225.225,
        "3-Propose",
        "Euro",
    ]
    path = tmp_path / "Opportunities.xlsx"
    path.write_bytes(dynamics_workbook([row], view))
    filters: list[str] = []

    def chosen(_parent, _title, file_filter):
        filters.append(file_filter)
        return str(path)

    monkeypatch.setattr(file_dialogs, "open_file_name", chosen)
    seen: dict[str, object] = {}

    def run(dialog: ImportDialog) -> int:
        seen["source"] = dialog.source.text()
        seen["cells"] = cells(dialog)
        dialog.do_import()
        return 1

    monkeypatch.setattr(ImportDialog, "exec", run)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    window.acts.import_crm.trigger()
    assert warned == [] and "*.xlsx" in filters[0]
    assert seen["source"] == "Dynamics 365 export, 1 row."
    shown = seen["cells"]
    assert isinstance(shown, dict)
    assert (shown["Value"], shown["Close date"], shown["Stage"]) == (
        "€9,225.225",
        "15 Dec 2026",
        "Proposal and refinement",
    )
    assert "Telematics" in deal_ids(window)


def test_amounts_that_cannot_tell_their_decimal_mark_wait_for_the_reps_choice(db, tmp_path, qtbot):
    path = tmp_path / "deals.txt"
    text = "Deal Name\tDeal Stage\tAmount\tCurrency\nRacks\tContract sent\t1,500\tEUR\n"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    dialog = ImportDialog(db, path, "EUR")
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    assert "--decimal-comma or --decimal-point" in dialog.problems.toPlainText()
    dialog.marks.setCurrentIndex(dialog.marks.findData("."))
    assert dialog.import_button.isEnabled()
    assert cells(dialog)["Value"] == "€1,500.00"
    assert "amounts read with a decimal point" in dialog.problems.toPlainText()
    dialog.do_import()
    [deal] = deal_list.query_deals(db, DealQuery(), TODAY)
    assert str(deal.value) == "1500"


def test_rows_sharing_account_and_title_are_both_created_and_named(db, tmp_path, qtbot):
    path = tmp_path / "report.csv"
    path.write_text(
        "Opportunity Name,Account Name,Amount,Stage\n"
        "Annual renewal,Acme,100,Prospecting\n"
        "Annual renewal,Acme,250,Closed Won\n",
        encoding="utf-8",
    )
    dialog = ImportDialog(db, path, "EUR")
    qtbot.addWidget(dialog)
    assert "2 deals will be created, 0 updated" in dialog.summary.text()
    assert "possible duplicates" in dialog.problems.toPlainText()
    assert "lines 2, 3" in dialog.problems.toPlainText()
    dialog.do_import()
    assert len(deal_list.query_deals(db, DealQuery(), TODAY)) == 2
