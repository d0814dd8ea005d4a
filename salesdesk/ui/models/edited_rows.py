"""What the small grids of a term's preferences share: refused cells kept in red with
their reason, and rows that grow by one as a new one is typed."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from salesdesk.domain.deal import DealSheet
from salesdesk.domain.errors import InputError
from salesdesk.domain.money import format_number, parse_number, tidy
from salesdesk.domain.terms import Side
from salesdesk.i18n import _, language
from salesdesk.ui.models.rows import ALERT_BACKGROUND, ALERT_TEXT, Index

Edit = Callable[[str, Callable[[DealSheet], object], str | None], None]
HINT_TEXT = "#7f7f7f"


def score_text(score: Decimal | None) -> str:
    return "" if score is None else format_number(score, language(), 2)


def parse_score(text: str) -> Decimal:
    """A score as typed (`72.5`, `72,5` in French, `72.5 %`); its range is checked by
    the domain's rules, which say what is wrong."""
    stripped = text.strip().rstrip("%").strip()
    try:
        return tidy(parse_number(stripped, language()))
    except InputError:
        raise InputError(
            _("'{score}' is not a score: a number from 0 to 100 with two decimals at most").format(
                score=text
            )
        ) from None


def side_of(attribute: str) -> Side:
    return Side.US if attribute == "batna_ours" else Side.THEM


class EditedRows(QAbstractTableModel):
    """Rows of a term or a BATNA, with refused cells kept in red with their reason."""

    rejected = Signal(str)  # a translated message naming the term, the row and the column
    headers: tuple[str, ...] = ()

    def __init__(self, edit: Edit, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._edit = edit
        self._bad: dict[tuple[int, int], tuple[str, str]] = {}
        self._count = 0

    def _change(self, count: int, apply: Callable[[], None], *, reset: bool = False) -> None:
        """Show new rows (`apply` puts them in place): the whole grid anew with `reset`
        (another term), else rows added or taken at the end and the others refreshed in
        place, so a cell being typed in keeps its place and its editor."""
        old = self._count
        if reset:
            self.beginResetModel()
            apply()
            self._count = count
            self._bad.clear()
            self.endResetModel()
            return
        if count > old:
            self.beginInsertRows(QModelIndex(), old, count - 1)
            apply()
            self._count = count
            self.endInsertRows()
        elif count < old:
            self.beginRemoveRows(QModelIndex(), count, old - 1)
            apply()
            self._count = count
            self.endRemoveRows()
        else:
            apply()
        kept = min(old, count)
        if kept:
            self.dataChanged.emit(self.index(0, 0), self.index(kept - 1, len(self.headers) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _(self.headers[section])
        return str(section + 1)

    def _refuse(self, index: Index, text: str, where: str, reason: str) -> bool:
        message = f"{where}: {reason}"
        self._bad[(index.row(), index.column())] = (text, message)
        self.dataChanged.emit(index, index)
        self.rejected.emit(message)
        return False

    def _accepted(self, index: Index) -> None:
        if self._bad.pop((index.row(), index.column()), None) is not None:
            self.dataChanged.emit(index, index)

    def bad_cells(self) -> dict[tuple[int, int], tuple[str, str]]:
        return dict(self._bad)

    def _styled(self, index: Index, role: int) -> Any:
        """What a refused cell shows: its text, in red, with its reason."""
        bad = self._bad.get((index.row(), index.column()))
        if bad is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return bad[0]
        if role == Qt.ItemDataRole.ToolTipRole:
            return bad[1]
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(ALERT_BACKGROUND))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(ALERT_TEXT))
        return None


class GrowingRows(EditedRows):
    """Edited rows ending with an empty one that takes a new row, begun in its first
    column (an option's label, a point's value)."""

    new_row_hint = ""  # what the empty row shows in its first column, marked with N_

    def is_new_row(self, row: int) -> bool:
        raise NotImplementedError

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_new_row(index.row()) and index.column() != 0:
            return base  # a new row starts in its first column
        return base | Qt.ItemFlag.ItemIsEditable

    def _new_row_data(self, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            return _(self.new_row_hint)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(HINT_TEXT))
        if role == Qt.ItemDataRole.EditRole:
            return ""
        return None
