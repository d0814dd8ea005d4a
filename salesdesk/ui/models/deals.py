"""The deal list: a virtual table model that asks the database for what is shown.

Rows come a page at a time (`fetchMore`), filtered and sorted by the database, so
100,000 deals cost what one screen of them costs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from salesdesk.domain.display import format_date
from salesdesk.domain.listing import DealQuery, DealSummary, SortKey
from salesdesk.domain.stages import STAGE_LABELS, STATUS_LABELS
from salesdesk.i18n import _, language
from salesdesk.ui.models.roles import OBJECT_ROLE, SORT_ROLE

COL_TITLE, COL_ACCOUNT, COL_STAGE, COL_PHASE, COL_STATUS, COL_VALUE, COL_NEXT = range(7)
SORT_KEYS = (
    SortKey.TITLE,
    SortKey.ACCOUNT,
    SortKey.STAGE,
    SortKey.PHASE,
    SortKey.STATUS,
    SortKey.VALUE,
    SortKey.NEXT_CONTACT,
)
PAGE = 200
DEAL_ROLE = OBJECT_ROLE

Index = QModelIndex | QPersistentModelIndex
Fetch = Callable[[DealQuery, int, int], list[DealSummary]]


class DealListModel(QAbstractTableModel):
    """Rows from `fetch(query, offset, limit)`; `set_query` refetches from the start."""

    def __init__(self, fetch: Fetch | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self.query = DealQuery()
        self._rows: list[DealSummary] = []
        self._more = False
        self._headers = [
            self.tr("Title"),
            self.tr("Account"),
            self.tr("Stage"),
            self.tr("Phase"),
            self.tr("Status"),
            self.tr("Value"),
            self.tr("Next contact"),
        ]

    # ------------------------------------------------------------ loading

    def set_fetch(self, fetch: Fetch | None) -> None:
        self._fetch = fetch
        self.reload()

    def set_query(self, query: DealQuery) -> None:
        self.query = query
        self.reload()

    def set_rows(self, rows: list[DealSummary]) -> None:
        """Show fixed rows (no database): used by tests and before the database opens."""
        self._fetch = None
        self.beginResetModel()
        self._rows, self._more = list(rows), False
        self.endResetModel()

    def reload(self, keep: int | None = None) -> None:
        """Refetch from the first row, at least `keep` rows (to keep the scroll position)."""
        self.beginResetModel()
        self._rows, self._more = [], False
        if self._fetch is not None:
            wanted = max(PAGE, keep or 0)
            self._rows = self._fetch(self.query, 0, wanted)
            self._more = len(self._rows) == wanted
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or self._fetch is None:
            return
        page = self._fetch(self.query, len(self._rows), PAGE)
        self._more = len(page) == PAGE
        if page:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def row_of(self, deal_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == deal_id), None)

    def deal_at(self, row: int) -> DealSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # ------------------------------------------------------------ Qt model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(SORT_KEYS):
            descending = order == Qt.SortOrder.DescendingOrder
            self.set_query(replace(self.query, sort=SORT_KEYS[column], descending=descending))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == OBJECT_ROLE:
            return row
        if role == SORT_ROLE:
            return (
                row.title,
                row.account,
                row.stage.number,
                row.phase,
                row.status.value,
                row.value,
                row.next_contact_due,
            )[col]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_PHASE, COL_VALUE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_NEXT and row.overdue:
            return self.tr("Contact overdue")
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_NEXT and row.overdue:
            # Readable in light and dark palettes alike.
            dark = QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
            return QColor("#ff8a80") if dark else QColor("#b00020")
        return None

    @staticmethod
    def _display(row: DealSummary, col: int) -> str:
        lang = language()
        if col == COL_TITLE:
            return row.title
        if col == COL_ACCOUNT:
            return row.account
        if col == COL_STAGE:
            return _(STAGE_LABELS[row.stage])
        if col == COL_PHASE:
            return str(row.phase)
        if col == COL_STATUS:
            return _(STATUS_LABELS[row.status])
        if col == COL_VALUE:
            # Imported on first use: the money module is not needed to show the window.
            from salesdesk.domain.money import format_money

            return "" if row.value is None else format_money(row.value, row.currency, lang)
        text = format_date(row.next_contact_due, lang)
        return f"{text} ⚠" if row.overdue else text


def today_fetch(
    fetch: Callable[[DealQuery, date, int, int], list[DealSummary]], today: date
) -> Fetch:
    return lambda query, offset, limit: fetch(query, today, offset, limit)
