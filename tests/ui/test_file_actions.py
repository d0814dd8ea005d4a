import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from salesdesk.domain.listing import DealQuery
from salesdesk.store import deal_list
from salesdesk.ui.import_dialog import ImportDialog
from tests.ui.conftest import TODAY, deal_ids

HUBSPOT = (
    "Record ID;Deal Name;Deal Stage;Close Date;Amount;Associated Company\n"
    "7;Grand contrat;Contract sent;27/11/2026;25 000,00 €;Société X\n"
    "8;Petit contrat;Closed won;28/11/2026;1 000,00 €;Société Y\n"
)


@pytest.fixture
def dialogs(file_dialogs, tmp_path):
    """File dialogs answer with files in the test's folder."""
    chosen: dict[str, Path] = {}

    def answer(_title: str, proposed: str, saving: bool) -> str:
        if not saving:
            return str(chosen["open"])
        chosen["save"] = tmp_path / Path(proposed).name
        return str(chosen["save"])

    file_dialogs.answer = answer
    return chosen


def test_import_from_a_crm_with_preview(window, dialogs, tmp_path, monkeypatch, qtbot):
    path = tmp_path / "hubspot.csv"
    path.write_bytes(HUBSPOT.encode("cp1252"))
    dialogs["open"] = path
    seen: dict[str, object] = {}

    def run(dialog: ImportDialog) -> int:
        seen["source"] = dialog.source.text()
        seen["rows"] = dialog.preview.rowCount()
        seen["summary"] = dialog.summary.text()
        dialog.do_import()
        return 1

    monkeypatch.setattr(ImportDialog, "exec", run)
    window.acts.import_crm.trigger()
    assert seen["source"] == "HubSpot export, 2 rows."
    assert seen["rows"] == 2 and "2 deals will be created" in str(seen["summary"])
    assert {"Grand contrat", "Petit contrat"} <= set(deal_ids(window))
    assert "2 created" in window.statusBar().currentMessage()


def test_any_csv_can_be_mapped_and_the_mapping_is_kept(db, tmp_path, qtbot, qtmodeltester):
    path = tmp_path / "other.csv"
    path.write_text("Affaire;Client;Montant\nToiture;Saint-Éloi;12 000\n", encoding="utf-8")
    dialog = ImportDialog(db, path, "EUR")
    qtbot.addWidget(dialog)
    assert dialog.own_mapping.isChecked()  # not a known CRM: the rep maps the columns
    assert not dialog.import_button.isEnabled()
    dialog.combos["title"].setCurrentIndex(dialog.combos["title"].findData("Affaire"))
    dialog.combos["account"].setCurrentIndex(dialog.combos["account"].findData("Client"))
    dialog.combos["amount"].setCurrentIndex(dialog.combos["amount"].findData("Montant"))
    assert dialog.import_button.isEnabled() and dialog.preview.rowCount() == 1
    qtmodeltester.check(dialog.preview)
    dialog.do_import()
    assert [d.title for d in deal_list.query_deals(db, DealQuery(), TODAY)] == ["Toiture"]
    again = ImportDialog(db, path, "EUR")
    qtbot.addWidget(again)
    assert again.combos["amount"].currentData() == "Montant"  # remembered
    assert "0 deals will be created, 0 updated, 1 left" in again.summary.text()


def test_a_bad_file_shows_its_problems_and_cannot_be_imported(db, tmp_path, qtbot):
    path = tmp_path / "bad.csv"
    path.write_text("Deal Name,Deal Stage,Amount\nA,Contract sent,12x\n", encoding="utf-8")
    dialog = ImportDialog(db, path, "EUR")
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    assert "line 2, column 3" in dialog.problems.toPlainText()


def test_export_and_import_a_deal_package(window, dialogs, monkeypatch):
    window.open_deal(deal_ids(window)["Renouvellement cartons 2027"])
    window.acts.export_deal.trigger()
    package = json.loads(dialogs["save"].read_text(encoding="utf-8"))
    assert package["format"] == "salesdesk.deal/1" and package["title"].startswith("Renouv")
    dialogs["open"] = dialogs["save"]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    window.acts.import_deal.trigger()  # keep both
    titles = [d.title for d in deal_list.query_deals(window.workspace.db, DealQuery(), TODAY)]
    assert titles.count("Renouvellement cartons 2027") == 2


def test_export_the_list_and_the_meetings(window, dialogs):
    window.acts.export_list.trigger()
    lines = dialogs["save"].read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6 and lines[0].startswith("id,title,account")
    window.acts.export_ics.trigger()
    ics = dialogs["save"].read_text(encoding="utf-8")
    assert ics.count("BEGIN:VEVENT") == 5  # the meetings from today on


def test_back_up_then_restore(window, dialogs, monkeypatch, qtbot):
    window.acts.backup.trigger()
    backup = dialogs["save"]
    assert backup.exists()
    window.acts.new.trigger()
    assert deal_list.count_deals(window.workspace.db, DealQuery(), TODAY) == 6
    dialogs["open"] = backup
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.acts.restore.trigger()
    assert deal_list.count_deals(window.workspace.db, DealQuery(), TODAY) == 5
    assert window.model.rowCount() == 5
    assert "previous database was kept" in window.statusBar().currentMessage()


def test_file_dialogs_open_in_the_folder_used_last(window, file_dialogs, tmp_path):
    elsewhere = tmp_path / "exports"
    elsewhere.mkdir()
    proposed: list[str] = []

    def save(_title: str, where: str, _saving: bool) -> str:
        proposed.append(where)
        return str(elsewhere / "deals.csv")

    file_dialogs.answer = save
    window.acts.export_list.trigger()
    assert not proposed[0].startswith(str(elsewhere))  # the first time: home
    window.acts.export_ics.trigger()
    assert Path(proposed[1]).parent == elsewhere  # then where the last file went


def test_the_preview_shows_an_assumed_currency_that_can_be_changed(db, tmp_path, qtbot):
    path = tmp_path / "hubspot.csv"
    path.write_text(
        "Record ID,Deal Name,Deal Stage,Close Date,Amount,Last Activity Date\n"
        "301,Racks,contractsent,2027-01-20,4000,2026-11-20\n",
        encoding="utf-8",
    )
    dialog = ImportDialog(db, path, "EUR")
    qtbot.addWidget(dialog)
    headers = [
        dialog.preview.headerData(c, Qt.Orientation.Horizontal)
        for c in range(dialog.preview.columnCount())
    ]
    cell = {h: dialog.preview.index(0, c).data() for c, h in enumerate(headers)}
    assert cell["Currency"] == "EUR (assumed)"
    assert cell["Last contact"] == "20 Nov 2026" and cell["Phase"] == "5"
    dialog.currency.setCurrentText("GBP")
    assert dialog.preview.index(0, headers.index("Currency")).data() == "GBP (assumed)"
    dialog.do_import()
    assert deal_list.query_deals(db, DealQuery(text="racks"), TODAY)[0].currency == "GBP"


def test_server_backups_without_the_tools_are_off_and_say_why(window, monkeypatch):
    from salesdesk.interop import server_backup
    from salesdesk.store.engine import Database

    monkeypatch.setattr(Database, "is_sqlite", property(lambda self: False))
    monkeypatch.setattr(server_backup, "pg_tool", lambda name: None)
    window.set_deal_actions(False)
    for action in (window.acts.backup, window.acts.restore):
        assert not action.isEnabled()
        assert action.toolTip().startswith("Backups of a PostgreSQL database need pg_dump")
    monkeypatch.setattr(server_backup, "pg_tool", lambda name: f"/usr/bin/{name}")
    window.set_deal_actions(False)
    assert window.acts.backup.isEnabled() and window.acts.restore.isEnabled()
    assert window.acts.backup.toolTip() == "Back up now"
