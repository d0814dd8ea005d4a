from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from salesdesk.store.repository import list_deals
from salesdesk.ui.main_window import MainWindow
from salesdesk.ui.models.deals import COL_NEXT, COL_TITLE, COL_VALUE, SORT_ROLE, DealListModel

TODAY = date(2026, 11, 29)


def test_deal_list_model_is_a_well_behaved_qt_model(qtmodeltester, db):
    from salesdesk.interop.demo import add_samples

    add_samples(db, TODAY)
    model = DealListModel()
    model.set_rows(list_deals(db, TODAY))
    qtmodeltester.check(model)
    assert model.rowCount() == 4
    titles = {model.index(r, COL_TITLE).data() for r in range(4)}
    assert "Renouvellement cartons 2027" in titles
    values = {model.index(r, COL_VALUE).data() for r in range(4)}
    assert "£186,000.00" in values
    overdue = [
        model.index(r, COL_NEXT).data()
        for r in range(4)
        if model.index(r, COL_NEXT).data(Qt.ItemDataRole.ToolTipRole)
    ]
    assert overdue == ["26 Nov 2026 ⚠"]
    assert model.index(0, COL_NEXT).data(SORT_ROLE) is not None


def test_first_start_creates_the_database_with_the_samples(qtbot, tmp_path):
    path = tmp_path / "first.db"
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.open_database(str(path), TODAY)
    assert path.exists()
    assert window.proxy.rowCount() == 4
    # sorted by next contact due, earliest first
    first = window.proxy.index(0, COL_TITLE).data()
    assert first == "Warehouse scanners and support"
    assert "4 deal" in window.statusBar().currentMessage()


def test_a_foreign_file_gets_a_dialog_and_is_untouched(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "foreign.db"
    path.write_text("not ours")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_database(str(path), TODAY)
    assert shown and "not a SalesDesk database" in shown[0]
    assert path.read_text() == "not ours"
    assert window.proxy.rowCount() == 0
