"""The deal list panel: search as you type, filters, and the virtual table."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPointF, Qt, Signal
from PySide6.QtGui import QPainter, QPalette, QStaticText
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.listing import DealQuery
from salesdesk.domain.stages import PHASES, STAGE_LABELS, STATUS_LABELS, DealStatus, Stage
from salesdesk.i18n import _
from salesdesk.ui.combos import choice
from salesdesk.ui.models.deals import COL_NEXT, COL_OWNER, DealListModel, overdue_colour

TEXT_CACHE = 20_000  # laid-out cell texts kept (a few pages' worth of cells, many times over)
_ENABLED = QStyle.StateFlag.State_Enabled.value
_ACTIVE = QStyle.StateFlag.State_Active.value
_SELECTED = QStyle.StateFlag.State_Selected.value


class DealRowDelegate(QStyledItemDelegate):
    """Paints the list's cells from the model in one call each, with their text laid out
    once (elided to the column's width) and kept: a page scrolled to costs a few
    milliseconds of painting, not the full item-view machinery's per-cell text layout.
    Rows whose page is still being read show a light "…"."""

    def __init__(self, model: DealListModel, view: QTableView) -> None:
        super().__init__(view)
        self._model = model
        self._texts: dict[tuple[str, int], QStaticText] = {}
        self._margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1

    def forget_texts(self) -> None:
        """Lay texts out again (the font or the language changed)."""
        self._texts.clear()

    def _static(self, text: str, width: int, option: QStyleOptionViewItem) -> QStaticText:
        key = (text, width)
        static = self._texts.get(key)
        if static is None:
            if len(self._texts) >= TEXT_CACHE:
                self._texts.clear()
            elided = option.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            static = self._texts[key] = QStaticText(elided)
            static.setTextFormat(Qt.TextFormat.PlainText)  # a title is never markup
            static.prepare(font=option.font)
        return static

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if option.direction == Qt.LayoutDirection.RightToLeft:
            super().paint(painter, option, index)
            return
        rect = option.rect
        # The state's bits as a plain int: each test on PySide's flag objects costs more
        # than the rest of the cell (a page scrolled to paints a few hundred cells).
        state = option.state.value
        palette = option.palette
        group = (
            QPalette.ColorGroup.Disabled
            if not state & _ENABLED
            else QPalette.ColorGroup.Active
            if state & _ACTIVE
            else QPalette.ColorGroup.Inactive
        )
        selected = bool(state & _SELECTED)
        if selected:
            painter.fillRect(rect, palette.brush(group, QPalette.ColorRole.Highlight))
        cell = self._model.cell(index.row(), index.column())
        if cell is None:
            if index.column() != 0:
                return
            text, right, overdue = "…", False, False
            colour = palette.color(group, QPalette.ColorRole.PlaceholderText)
        else:
            text, right, overdue = cell
            if not text:
                return
            colour = palette.color(
                group,
                QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text,
            )
            if overdue and not selected:
                colour = overdue_colour()
        width = rect.width() - 2 * self._margin
        if width <= 0:
            return
        static = self._static(text, width, option)
        size = static.size()
        x = rect.right() - self._margin - size.width() + 1 if right else rect.x() + self._margin
        y = rect.y() + (rect.height() - size.height()) / 2
        painter.save()
        painter.setFont(option.font)
        painter.setPen(colour)
        painter.drawStaticText(QPointF(x, y), static)
        painter.restore()


class DealListPanel(QWidget):
    """The search box, the filters and the list. What the rep types or picks is asked
    of the list's thread at once, each keystroke (`DealListModel.search`): the answer
    shows when read, and an answer typed over meanwhile never shows."""

    deal_selected = Signal(int)
    # The filters were applied at once (`apply_filters`): the list shows them now.
    query_changed = Signal()

    def __init__(self, model: DealListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search title or account (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search deals"))
        # The owner filter (a team's server) sits beside the search: in the filter row
        # it made the window wider than a 1280-pixel laptop screen in French.
        searching = QHBoxLayout()
        searching.addWidget(self.search, 1)
        layout.addLayout(searching)

        filters = QHBoxLayout()
        self.stage = QComboBox(self)
        self.stage.addItem(self.tr("All stages"), None)
        for stage in Stage:
            self.stage.addItem(f"{stage.number}. {_(STAGE_LABELS[stage])}", stage.value)
        self.stage.setAccessibleName(self.tr("Filter by stage"))
        self.phase = QComboBox(self)
        self.phase.addItem(self.tr("All phases"), None)
        for phase in PHASES:
            self.phase.addItem(self.tr("Phase {n}").format(n=phase), phase)
        self.phase.setAccessibleName(self.tr("Filter by phase"))
        self.status = QComboBox(self)
        self.status.addItem(self.tr("Any status"), None)
        for status in DealStatus:
            self.status.addItem(_(STATUS_LABELS[status]), status.value)
        self.status.setAccessibleName(self.tr("Filter by status"))
        self.overdue = QCheckBox(self.tr("Overdue"), self)
        # A manager on a team's server: one rep's deals (shown once owners are known).
        self.owner = QComboBox(self)
        self.owner.addItem(self.tr("All owners"), None)
        self.owner.setAccessibleName(self.tr("Filter by owner"))
        self.owner.hide()
        for combo in (self.stage, self.phase, self.status, self.owner):
            # Narrow enough for a laptop screen; the open list shows the whole names.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
        searching.addWidget(self.owner)
        for widget in (self.stage, self.phase, self.status, self.overdue):
            filters.addWidget(widget)
        filters.addStretch(1)
        layout.addLayout(filters)

        self.table = QTableView(self)
        self.table.setModel(model)
        self.table.setAccessibleName(self.tr("Deals"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(COL_NEXT, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(False)
        self.delegate = DealRowDelegate(model, self.table)
        self.table.setItemDelegate(self.delegate)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((190, 160, 140, 50, 60, 110, 120, 100)):
            header.resizeSection(column, width)
        layout.addWidget(self.table, 1)

        self._kept: int | None = None  # the deal selected as a search's rows came
        self.search.textChanged.connect(lambda _t: self.search_now())
        for combo in (self.stage, self.phase, self.status, self.owner):
            combo.currentIndexChanged.connect(lambda _i: self.search_now())
        self.overdue.toggled.connect(lambda _b: self.search_now())
        model.modelAboutToBeReset.connect(self._remember_selected)
        model.answered.connect(self._answered)
        self.table.selectionModel().currentRowChanged.connect(self._on_row)
        # A row already current (the deal left for Today) opens again on a click, a double
        # click or Enter.
        self.table.clicked.connect(self._on_activated)
        self.table.activated.connect(self._on_activated)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self.delegate.forget_texts()
        super().changeEvent(event)

    def _on_activated(self, index: QModelIndex) -> None:
        self._on_row(index, None)

    def forget_current(self) -> None:
        """Nothing highlighted, nothing current: any row then opens its deal."""
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        selection.clearCurrentIndex()
        selection.clearSelection()
        selection.blockSignals(False)
        self.table.viewport().update()

    def _query(self) -> DealQuery:
        """What the search box and the filters ask for, in the list's order."""
        return replace(
            self.model.wanted,
            text=self.search.text(),
            stage=choice(self.stage, Stage),
            phase=self.phase.currentData(),
            status=choice(self.status, DealStatus),
            overdue_only=self.overdue.isChecked(),
            owner=self.owner.currentData(),
        )

    def search_now(self) -> None:
        """The rep typed or picked a filter: the list's thread is asked."""
        if self.model.query == self._query() and self.model.wanted == self.model.query:
            return
        self.model.search(self._query())

    def _remember_selected(self) -> None:
        self._kept = self.selected_deal()

    def _answered(self) -> None:
        kept, self._kept = self._kept, None
        if kept is not None:
            # Kept selected if it is on the first page; looking further at every
            # keystroke would cost more than the keystroke.
            self.select(kept, emit=False, anywhere=False)

    def apply_filters(self) -> None:
        """Show what the search box and the filters ask for, read here and now."""
        current = self.selected_deal()
        self.model.set_query(self._query())
        if current is not None:
            self.select(current, emit=False, anywhere=False)
        self.query_changed.emit()

    def set_owners(self, owners: list[str]) -> None:
        """The owners to filter by; none (a rep's own file): no owner filter nor column."""
        chosen = self.owner.currentData()
        self.owner.blockSignals(True)
        self.owner.clear()
        self.owner.addItem(self.tr("All owners"), None)
        for owner in owners:
            self.owner.addItem(owner, owner)
        found = self.owner.findData(chosen)
        self.owner.setCurrentIndex(max(found, 0))
        self.owner.blockSignals(False)
        self.owner.setVisible(bool(owners))
        self.table.setColumnHidden(COL_OWNER, not owners)

    def selected_deal(self) -> int | None:
        index = self.table.currentIndex()
        row = self.model.deal_at(index.row()) if index.isValid() else None
        return row.id if row else None

    def select(self, deal_id: int, emit: bool = True, anywhere: bool = True) -> bool:
        """Select the deal's row; `anywhere`: also beyond the rows fetched so far."""
        row = self.model.locate(deal_id) if anywhere else self.model.row_of(deal_id)
        if row is None:
            return False
        self.table.blockSignals(not emit)
        self.table.selectionModel().blockSignals(not emit)
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        self.table.selectionModel().blockSignals(False)
        self.table.blockSignals(False)
        return True

    def _on_row(self, current: object, _previous: object) -> None:
        if isinstance(current, QModelIndex) and current.isValid():
            deal = self.model.deal_at(current.row())
            if deal is not None:
                self.deal_selected.emit(deal.id)
