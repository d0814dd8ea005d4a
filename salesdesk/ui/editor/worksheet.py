"""Worksheet tab: the negotiated terms, both BATNAs, the warnings and the range chart."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.analysis import Analysis
from salesdesk.domain.deal import Batna, DealSheet
from salesdesk.domain.display import sheet_places
from salesdesk.domain.errors import InputError
from salesdesk.domain.money import format_number
from salesdesk.domain.scoring import batna_score
from salesdesk.domain.terms import DIRECTION_LABELS, Direction, Side, Term
from salesdesk.i18n import _, language
from salesdesk.interop.paste import terms_from_paste
from salesdesk.ui.chart_view import ChartView
from salesdesk.ui.colors import error_style
from salesdesk.ui.fields import AmountField, CommitLineEdit, error_label, set_text
from salesdesk.ui.models.terms import DIRECTION, NAME, UNIT, TermsModel
from salesdesk.ui.session import DealSession
from salesdesk.warning_text import warning_message


class DirectionDelegate(QStyledItemDelegate):
    """A combo box for the direction column instead of free text."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        combo = QComboBox(parent)
        for direction in Direction:
            combo.addItem(_(DIRECTION_LABELS[direction]), direction.value)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class BatnaForm(QGroupBox):
    """One side's BATNA: what they would do without us, its value and its score."""

    def __init__(
        self, title: str, attribute: str, session: DealSession, parent: QWidget | None = None
    ) -> None:
        super().__init__(title, parent)
        self.session = session
        self.attribute = attribute
        form = QFormLayout(self)
        self.description = CommitLineEdit(self)
        self.description.setAccessibleName(title + " — " + self.tr("description"))
        self.description.setPlaceholderText(self.tr("What happens without an agreement"))
        form.addRow(self.tr("Description"), self.description)
        self.term = QComboBox(self)
        self.term.setAccessibleName(title + " — " + self.tr("term measured"))
        form.addRow(self.tr("Measured on"), self.term)
        self.value = AmountField(self)
        self.value.setAccessibleName(title + " — " + self.tr("value"))
        form.addRow(self.tr("Value"), self.value)
        self.score = AmountField(self)
        self.score.setAccessibleName(title + " — " + self.tr("score"))
        self.score.edit.setPlaceholderText("0–100")
        form.addRow(self.tr("Score"), self.score)
        self.description.committed.connect(
            lambda text: self._set("description", text.strip(), self.tr("description"))
        )
        self.value.committed.connect(lambda v: self._set("value", v, self.tr("value")))
        self.score.committed.connect(self._on_score)
        self.term.activated.connect(
            lambda _i: self._set("term", self.term.currentData(), self.tr("term"))
        )

    def batna(self, sheet: DealSheet) -> Batna:
        batna: Batna = getattr(sheet, self.attribute)
        return batna

    def show_sheet(self, sheet: DealSheet) -> None:
        batna = self.batna(sheet)
        set_text(self.description, batna.description)
        self.description.setToolTip(batna.description)
        if not self.description.hasFocus():
            self.description.setCursorPosition(0)  # the start of a long description shows
        # An option's label has no place in an amount field (the options editor is to come).
        value = batna.value if isinstance(batna.value, Decimal) else None
        self.value.set_value(value, sheet_places(sheet).get(batna.term or ""))
        self.score.set_value(batna.score)
        # Untyped, the score is its BATNA package's, when it has one; a value on one term
        # is no package score, and the empty field asks for one.
        side = Side.US if self.attribute == "batna_ours" else Side.THEM
        derived = batna_score(Batna(package=batna.package), sheet.terms, side)
        self.score.edit.setPlaceholderText(
            self.tr("needed: 0–100")
            if batna.needs_score
            else "0–100"
            if derived is None
            else self.tr("{score} (from its package)").format(
                score=format_number(derived, language(), 2)
            )
        )
        self.term.blockSignals(True)
        self.term.clear()
        self.term.addItem(self.tr("(no term)"), None)
        for term in sheet.terms:
            self.term.addItem(term.name, term.name)
        self.term.setCurrentIndex(max(self.term.findData(batna.term), 0))
        self.term.blockSignals(False)

    def _on_score(self, score: Decimal | None) -> None:
        if score is not None and not 0 <= score <= 100:
            self.score.show_error(self.tr("A score lies between 0 and 100."))
            return
        self._set("score", score, self.tr("score"))

    def _set(self, field: str, value: Any, label: str) -> None:
        def change(sheet: DealSheet) -> None:
            setattr(self.batna(sheet), field, value)

        self.session.edit(
            self.tr("Edit {what} of {batna}").format(what=label, batna=self.title()),
            change,
            merge_key=f"{self.attribute}.{field}",
        )


class WorksheetTab(QWidget):
    def __init__(
        self,
        session: DealSession,
        price_effect: Callable[[Term | None], None],
        save_template: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._price_effect = price_effect
        self.model = TermsModel(session.edit, self)
        self._sheet: DealSheet | None = None

        outer = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add term"), self)
        self.remove_button = QPushButton(self.tr("Remove term"), self)
        self.paste_button = QPushButton(self.tr("Paste from spreadsheet"), self)
        self.paste_button.setToolTip(
            self.tr(
                "Rows copied from a spreadsheet, columns in the worksheet's order: "
                "term, unit, better for us, weight, their weight, then the positions"
            )
        )
        self.template_button = QPushButton(self.tr("Save as template…"), self)
        self.price_button = QPushButton(self.tr("Price effect…"), self)
        for button in (
            self.add_button,
            self.remove_button,
            self.paste_button,
            self.template_button,
            self.price_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        outer.addLayout(buttons)

        # The sum of the weights under the buttons, not beside them: in French the row
        # of buttons alone takes most of a 1280-pixel screen beside the deal list.
        status = QHBoxLayout()
        self.error = error_label(self)
        status.addWidget(self.error, 1)
        status.addStretch(0)
        self.weights = QLabel(self)
        self.weights.setAccessibleName(self.tr("Sum of the weights"))
        status.addWidget(self.weights)
        outer.addLayout(status)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        outer.addWidget(splitter, 1)
        top = QSplitter(Qt.Orientation.Horizontal, splitter)
        self.table = QTableView(top)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Negotiated terms"))
        self.table.setItemDelegateForColumn(DIRECTION, DirectionDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(78)
        header.resizeSection(NAME, 150)
        header.resizeSection(DIRECTION, 110)
        header.resizeSection(UNIT, 70)
        for column in range(self.model.columnCount()):
            # Wide enough for the header's longest line, in English and in French.
            header.resizeSection(
                column, max(header.sectionSize(column), header.sectionSizeHint(column))
            )
        warnings_box = QGroupBox(self.tr("Watch out"), top)
        warnings_layout = QVBoxLayout(warnings_box)
        self.warnings = QListWidget(warnings_box)
        self.warnings.setWordWrap(True)
        self.warnings.setAccessibleName(self.tr("Warnings"))
        warnings_layout.addWidget(self.warnings)
        top.setStretchFactor(0, 4)
        top.setStretchFactor(1, 1)

        # The BATNAs and the chart share the width; the rep can give either more.
        bottom = QSplitter(Qt.Orientation.Horizontal, splitter)
        batnas_box = QWidget(bottom)
        batnas = QVBoxLayout(batnas_box)
        batnas.setContentsMargins(0, 0, 0, 0)
        self.batna_ours = BatnaForm(self.tr("Our BATNA"), "batna_ours", session, bottom)
        self.batna_theirs = BatnaForm(
            self.tr("Their BATNA (estimated)"), "batna_theirs", session, bottom
        )
        batnas.addWidget(self.batna_ours)
        batnas.addWidget(self.batna_theirs)
        batnas.addStretch(1)
        for form in (self.batna_ours, self.batna_theirs):
            form.setMinimumWidth(260)
        self._drawn_rows: list[tuple[Any, ...]] = []
        self.chart = ChartView(
            self._range_figure,
            self.tr("The range chart appears once a term has two positions."),
            bottom,
            update=self._redraw_rows,
            fit_width=True,
        )
        self.chart.setAccessibleName(self.tr("Negotiation range chart"))
        # Narrower, a term's labels would need more lanes than its row has.
        self.chart.setMinimumWidth(320)
        bottom.addWidget(batnas_box)
        bottom.addWidget(self.chart)
        bottom.setStretchFactor(0, 2)
        bottom.setStretchFactor(1, 3)
        bottom.setSizes([500, 500])
        bottom.setCollapsible(1, False)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([260, 420])

        self.add_button.clicked.connect(self.add_term)
        self.remove_button.clicked.connect(self.remove_term)
        self.paste_button.clicked.connect(self.paste)
        self.template_button.clicked.connect(save_template)
        self.price_button.clicked.connect(lambda: self._price_effect(self.current_term()))
        self.model.rejected.connect(self._show_error)
        self.warnings.itemActivated.connect(self._go_to_warning)
        self.warnings.itemClicked.connect(self._go_to_warning)
        paste = QShortcut(QKeySequence.StandardKey.Paste, self.table)
        paste.setContext(Qt.ShortcutContext.WidgetShortcut)
        paste.activated.connect(self.paste)

    # ------------------------------------------------------------ showing

    def show_sheet(self, sheet: DealSheet, analysis: Analysis) -> None:
        self._sheet = sheet
        self.model.show_sheet(sheet, analysis.warnings)
        if not self.model.bad_cells():
            self.error.hide()
        weights = [t.weight for t in sheet.terms if t.weight is not None]
        total = sum(weights)
        if weights and total != 100:
            self.weights.setText(self.tr("Weights: {total} / 100").format(total=total))
            self.weights.setStyleSheet(error_style() + " font-weight: bold;")
        else:
            self.weights.setText(self.tr("Weights: {total} / 100").format(total=total))
            self.weights.setStyleSheet("")
        self.warnings.clear()
        for warning in analysis.warnings:
            item = QListWidgetItem("⚠ " + warning_message(warning, language()), self.warnings)
            item.setData(Qt.ItemDataRole.UserRole, warning.term)
            item.setToolTip(warning_message(warning, language()))
        if not analysis.warnings:
            QListWidgetItem(self.tr("Nothing to watch out for."), self.warnings)
        self.batna_ours.show_sheet(sheet)
        self.batna_theirs.show_sheet(sheet)
        self.chart.schedule()

    def _range_figure(self) -> Any:
        if self._sheet is None:
            return None
        from salesdesk.brief.charts import charted_terms, range_figure, range_key

        self._drawn_rows = [range_key(t) for t in charted_terms(self._sheet.terms)]
        return range_figure(self._sheet.terms, language(), self.chart.width_inches())

    def _redraw_rows(self, figure: Any) -> list[Any] | None:
        """While the rows stay the same, only the terms that changed are drawn again."""
        if self._sheet is None:
            return None
        from salesdesk.brief.charts import charted_terms, range_key, redraw_range_rows

        changed = redraw_range_rows(figure, self._sheet.terms, self._drawn_rows, language())
        if changed is not None:
            self._drawn_rows = [range_key(t) for t in charted_terms(self._sheet.terms)]
        return changed

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _go_to_warning(self, item: QListWidgetItem) -> None:
        name = item.data(Qt.ItemDataRole.UserRole)
        for row, term in enumerate(self.model.terms()):
            if term.name == name:
                self.table.setCurrentIndex(self.model.index(row, NAME))
                self.table.setFocus()
                return

    def current_term(self) -> Term | None:
        index = self.table.currentIndex()
        return self.model.term(index.row()) if index.isValid() else None

    # ------------------------------------------------------------ editing

    def add_term(self) -> None:
        names = {t.name for t in self.model.terms()}
        number = len(names) + 1
        name = self.tr("New term {n}").format(n=number)
        while name in names:
            number += 1
            name = self.tr("New term {n}").format(n=number)

        def change(sheet: DealSheet) -> None:
            sheet.terms.append(Term(name=name))

        self.session.edit(self.tr("Add term"), change)
        row = self.model.rowCount() - 1
        if row >= 0:
            index = self.model.index(row, NAME)
            self.table.setCurrentIndex(index)
            self.table.edit(index)

    def remove_term(self) -> None:
        term = self.current_term()
        if term is None:
            return

        def change(sheet: DealSheet) -> None:
            sheet.terms = [t for t in sheet.terms if t.name != term.name]

        self.session.edit(self.tr("Remove term {term}").format(term=term.name), change)

    def paste(self) -> None:
        text = QApplication.clipboard().text()
        if not text.strip():
            self._show_error(self.tr("The clipboard holds nothing to paste."))
            return
        try:
            pasted = terms_from_paste(text, language())
        except InputError as exc:
            self._show_error(self.tr("Nothing was pasted: {reason}").format(reason=str(exc)))
            return
        if not pasted:
            return

        def change(sheet: DealSheet) -> None:
            by_name = {t.name: i for i, t in enumerate(sheet.terms)}
            for term in pasted:
                if term.name in by_name:
                    sheet.terms[by_name[term.name]] = term
                else:
                    sheet.terms.append(term)

        self.session.edit(
            self.tr("Paste {n} terms").format(n=len(pasted))
            if len(pasted) > 1
            else self.tr("Paste a term"),
            change,
        )
        self.error.hide()
