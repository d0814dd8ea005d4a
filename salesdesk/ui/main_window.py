"""The main window: the deal list (the full editor arrives with the desktop app issue)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTableView, QWidget

from salesdesk.ui.models.deals import COL_NEXT, SORT_ROLE, DealListModel


class PythonSortProxy(QSortFilterProxyModel):
    """Sorts on the raw Python value of SORT_ROLE (Decimal, date…), empty values last."""

    def lessThan(
        self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex
    ) -> bool:
        a: Any = left.data(SORT_ROLE)
        b: Any = right.data(SORT_ROLE)
        if a is None or b is None:
            return a is not None and b is None
        return bool(a < b)


class MainWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("SalesDesk")
        self.resize(1000, 600)
        self.model = DealListModel(self)
        self.proxy = PythonSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_NEXT, Qt.SortOrder.AscendingOrder)
        self.table.setAccessibleName(self.tr("Deals"))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.setCentralWidget(self.table)
        self.statusBar().showMessage(self.tr("Opening the database…"))

    def open_database(self, target: str | None, today: date) -> None:
        # The store (SQLAlchemy, SQLModel) is imported here, after the window is shown.
        from salesdesk.interop.demo import add_samples
        from salesdesk.store import repository as repo
        from salesdesk.store.engine import open_database
        from salesdesk.store.errors import StoreError

        try:
            db = open_database(target)
            try:
                if db.created:
                    add_samples(db, today)
                profile = repo.load_profile(db)
                rows = repo.list_deals(db, today, profile.cadence)
            finally:
                db.close()
        except StoreError as exc:
            QMessageBox.critical(self, self.tr("SalesDesk"), str(exc))
            self.statusBar().showMessage(str(exc))
            return
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.statusBar().showMessage(self.tr("%n deal(s)", "", len(rows)))
