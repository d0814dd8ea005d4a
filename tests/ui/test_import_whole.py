"""The app's CRM import: contact dates refreshed in the import's transaction; a file
that cannot be read unambiguously is refused with its lines."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from salesdesk.store import contacts
from salesdesk.ui.import_dialog import ImportDialog
from tests.ui.conftest import answer_files, deal_ids

CSV = (
    "Record ID;Deal Name;Deal Stage;Close Date;Amount;Associated Company\n"
    "7;Grand contrat;Contract sent;27/11/2026;25 000,00 €;Société X\n"
)


def _open(monkeypatch, path) -> None:
    answer_files(monkeypatch, path)


def test_imported_deals_get_their_next_contact_in_the_same_transaction(
    window, tmp_path, monkeypatch
):
    path = tmp_path / "hubspot.csv"
    path.write_text(CSV, encoding="utf-8")
    _open(monkeypatch, path)
    calls: list[object] = []
    monkeypatch.setattr(contacts, "refresh_contact_dates", lambda *a: calls.append(a) or 0)

    def run(dialog: ImportDialog) -> int:
        dialog.do_import()
        return 1

    monkeypatch.setattr(ImportDialog, "exec", run)
    with window.workspace.db.engine.begin() as conn:  # as on a day the start-up refresh has not run
        conn.exec_driver_sql("DELETE FROM setting WHERE key = 'contacts.refreshed'")
    window.acts.import_crm.trigger()
    assert "Grand contrat" in deal_ids(window)
    with window.workspace.db.engine.connect() as conn:
        stamp = conn.exec_driver_sql(
            "SELECT value FROM setting WHERE key = 'contacts.refreshed'"
        ).scalar()
    assert stamp is not None and stamp.startswith(window.workspace.today().isoformat())
    assert calls == []  # no second transaction after the import


def test_a_file_with_an_unpaired_quote_is_refused_with_its_line(window, tmp_path, monkeypatch):
    path = tmp_path / "broken.csv"
    path.write_text(CSV + '8;"Broken;Contract sent;;1;Y\n', encoding="utf-8")
    _open(monkeypatch, path)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    before = set(deal_ids(window))
    window.acts.import_crm.trigger()
    assert len(said) == 1 and "line 3, column 1: the quotes do not pair up" in said[0]
    assert set(deal_ids(window)) == before
