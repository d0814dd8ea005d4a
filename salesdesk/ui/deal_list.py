"""The deal list panel: search as you type, filters, and the virtual table."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPalette, QStaticText
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
_GROUPS = (QPalette.ColorGroup.Disabled, QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
_DISABLED, _ACTIVE_GROUP, _INACTIVE = (group.value for group in _GROUPS)
_TEXT = QPalette.ColorRole.Text.value
_SELECTED_TEXT = QPalette.ColorRole.HighlightedText.value
_PLACEHOLDER = QPalette.ColorRole.PlaceholderText.value
_HIGHLIGHT = QPalette.ColorRole.Highlight.value
_OVERDUE = -1  # the overdue colour's place among the palette's
# A desktop's theme or font changed for the whole app, or for the list alone.
_FONT_CHANGES = (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange)
_PALETTE_CHANGES = (
    QEvent.Type.PaletteChange,
    QEvent.Type.ApplicationPaletteChange,
    QEvent.Type.StyleChange,
)


class _Laid:
    """A cell's text elided to its column: drawn as it is the first time, laid out once
    for good (a QStaticText) when it shows again (a stage, a date, a row painted again)."""

    __slots__ = ("advance", "static", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.advance: float | None = None  # its width, once it is right-aligned
        self.static: QStaticText | None = None


class DealRowDelegate(QStyledItemDelegate):
    """Paints the list's cells from the model in one call each, with their text elided
    once and kept: a page scrolled to costs a few milliseconds of painting, not the full
    item-view machinery's per-cell text layout. Rows whose page is still being read show
    a light "…".

    The font, its metrics and the palette's colours are taken once (again after a font
    or palette change, `forget_texts` / `forget_colours`): read from the style option at
    each cell they cost more than the cell's own text. Most cells of a page scrolled to
    are new texts (titles, accounts, amounts), shown once: they are drawn at once, and
    only a text shown again is laid out to be kept (laying out and then drawing a text
    costs twice its plain drawing)."""

    def __init__(self, model: DealListModel, view: QTableView) -> None:
        super().__init__(view)
        self._model = model
        self._texts: dict[tuple[str, int], _Laid] = {}
        self._margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
        self._font: QFont | None = None  # the view's, taken at the first cell painted
        self._metrics = QFontMetricsF(view.font())
        self._colours: dict[tuple[int, int], Any] = {}  # (group, role): QColor or QBrush
        view.installEventFilter(self)  # told of the view's font and palette changes

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _FONT_CHANGES:
            self.forget_texts()
        elif kind in _PALETTE_CHANGES:
            self.forget_colours()
        return False

    def forget_texts(self) -> None:
        """Lay texts out again (the font or the language changed)."""
        self._texts.clear()
        self._font = None

    def forget_colours(self) -> None:
        """Take the colours again (the palette changed: a dark theme, a style)."""
        self._colours.clear()

    def _colour(self, group: int, role: int, option: QStyleOptionViewItem) -> Any:
        colours = self._colours
        if not colours:
            palette = option.palette
            for each in _GROUPS:
                for kind in (_TEXT, _SELECTED_TEXT, _PLACEHOLDER):
                    colours[each.value, kind] = palette.color(each, QPalette.ColorRole(kind))
                colours[each.value, _HIGHLIGHT] = palette.brush(each, QPalette.ColorRole.Highlight)
                colours[each.value, _OVERDUE] = overdue_colour()
        return colours[group, role]

    def _laid(self, text: str, width: int, font: QFont) -> _Laid:
        key = (text, width)
        laid = self._texts.get(key)
        if laid is None:
            if len(self._texts) >= TEXT_CACHE:
                self._texts.clear()
            elided = self._metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            laid = self._texts[key] = _Laid(elided)
        elif laid.static is None:
            laid.static = static = QStaticText(laid.text)
            static.setTextFormat(Qt.TextFormat.PlainText)  # a title is never markup
            static.prepare(font=font)
        return laid

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
        group = (
            _DISABLED if not state & _ENABLED else _ACTIVE_GROUP if state & _ACTIVE else _INACTIVE
        )
        selected = state & _SELECTED
        if selected:
            painter.fillRect(rect, self._colour(group, _HIGHLIGHT, option))
        cell = self._model.cell(index.row(), index.column())
        if cell is None:
            if index.column() != 0:
                return
            text, right, role = "…", False, _PLACEHOLDER
        else:
            text, right, overdue = cell
            if not text:
                return
            role = _SELECTED_TEXT if selected else _OVERDUE if overdue else _TEXT
        width = rect.width() - 2 * self._margin
        if width <= 0:
            return
        font = self._font
        if font is None:
            font = self._font = QFont(option.font)
            self._metrics = QFontMetricsF(font)
        laid = self._laid(text, width, font)
        metrics = self._metrics
        if right:
            if laid.advance is None:
                laid.advance = metrics.horizontalAdvance(laid.text)
            left = rect.right() - self._margin - laid.advance + 1
        else:
            left = rect.x() + self._margin
        top = rect.y() + (rect.height() - metrics.height()) / 2
        # No save() and restore(): every cell sets the font and the pen it draws with,
        # and the view sets its own for the grid.
        painter.setFont(font)
        painter.setPen(self._colour(group, role, option))
        if laid.static is None:
            painter.drawText(QPointF(left, top + metrics.ascent()), laid.text)
        else:
            painter.drawStaticText(QPointF(left, top), laid.static)


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
