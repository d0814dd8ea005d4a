"""A table model over a list of plain rows, its columns declared once.

Used by the small grids (people, meetings, interactions, the Today lists): each
declares its columns as (header, display getter) and hands in rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

# Columns sized to their contents look at this many rows, not at all of them: a list of
# 500 contacts due would otherwise be measured cell by cell before it shows.
MEASURED_ROWS = 40
ALERT_BACKGROUND = "#fde2e1"
ALERT_TEXT = "#b71c1c"

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str
    display: Callable[[R], str]
    align_right: bool = False
    tooltip: Callable[[R], str | None] | None = None


class RowsModel(QAbstractTableModel, Generic[R]):
    def __init__(
        self,
        columns: Sequence[Column[R]],
        parent: QObject | None = None,
        alert: Callable[[R], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[R] = []
        # A row needing attention is tinted, with the reason as its tooltip.
        self.alert = alert

    def set_rows(self, rows: Sequence[R]) -> None:
        """Show `rows`. The same rows again are refreshed in place, not reset: the editor
        shows every tab again at each edit, and a grid the edit did not touch keeps its
        selection and is spared a new layout (its cells are still read again, for what
        they show beyond the row, such as today's date)."""
        if len(rows) == len(self._rows) and all(
            new == old for new, old in zip(rows, self._rows, strict=True)
        ):
            self._rows = list(rows)
            if rows:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(rows) - 1, len(self.columns) - 1)
                )
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> R:
        return self._rows[index]

    def rows(self) -> list[R]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            reason = self.alert(row) if self.alert else None
            return reason or (column.tooltip(row) if column.tooltip else None)
        if role == Qt.ItemDataRole.BackgroundRole and self.alert and self.alert(row):
            return QBrush(QColor(ALERT_BACKGROUND))
        if role == Qt.ItemDataRole.ForegroundRole and self.alert and self.alert(row):
            return QBrush(QColor(ALERT_TEXT))
        return None
