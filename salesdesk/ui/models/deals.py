"""The deal list as a Qt table model over plain `DealSummary` rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from salesdesk.domain.display import format_date
from salesdesk.domain.money import format_money
from salesdesk.domain.stages import STAGE_LABELS, STATUS_LABELS
from salesdesk.i18n import _, language
from salesdesk.store.repository import DealSummary

COL_TITLE, COL_ACCOUNT, COL_STAGE, COL_PHASE, COL_STATUS, COL_VALUE, COL_NEXT = range(7)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
DEAL_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


class DealListModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DealSummary] = []
        self._headers = [
            self.tr("Title"),
            self.tr("Account"),
            self.tr("Stage"),
            self.tr("Phase"),
            self.tr("Status"),
            self.tr("Value"),
            self.tr("Next contact"),
        ]

    def set_rows(self, rows: Sequence[DealSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == DEAL_ROLE:
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
                return "" if row.value is None else format_money(row.value, row.currency, lang)
            if col == COL_NEXT:
                text = format_date(row.next_contact_due, lang)
                return f"{text} ⚠" if row.overdue else text
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_PHASE, COL_VALUE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_NEXT and row.overdue:
            return self.tr("Contact overdue")
        return None
