"""Worksheet tab: the negotiated terms, how each scores, both BATNAs, the warnings and
the range chart."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.analysis import Analysis
from salesdesk.domain.deal import DealSheet
from salesdesk.domain.errors import InputError
from salesdesk.domain.preferences import weight_text
from salesdesk.domain.terms import DIRECTION_LABELS, KIND_LABELS, Direction, Term, TermKind
from salesdesk.i18n import _, language
from salesdesk.interop.paste import terms_from_paste
from salesdesk.ui.chart_view import ChartView
from salesdesk.ui.colors import error_style
from salesdesk.ui.editor.batna_form import BatnaForm
from salesdesk.ui.editor.delegates import ChoiceDelegate, label_choices
from salesdesk.ui.editor.term_scores import TermScoresPanel
from salesdesk.ui.fields import error_label
from salesdesk.ui.models.terms import DIRECTION, KIND, LABEL_COLUMNS, NAME, UNIT, TermsModel
from salesdesk.ui.session import DealSession
from salesdesk.warning_text import warning_message

# What a warning line about a BATNA without a score points to (not a term's name).
BATNA_LINE = "\x00batna:"


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
                "Rows copied from a spreadsheet: term, unit, better for us, weight, their "
                "weight, then the positions (numbers)"
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
        # A direction, a kind, or (an option term's positions) one of its labels: chosen.
        self.table.setItemDelegate(ChoiceDelegate(self._choices, self.table))
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
        header.resizeSection(KIND, 80)
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

        # The selected term's scores and both BATNAs, one at a time, share the width
        # with the chart; the rep can give either more.
        bottom = QSplitter(Qt.Orientation.Horizontal, splitter)
        self.details = QTabWidget(bottom)
        self.details.setDocumentMode(True)
        self.scores = TermScoresPanel(session, self.model, self.details)
        self.batna_ours = BatnaForm(self.tr("Our BATNA"), "batna_ours", session, self.details)
        self.batna_theirs = BatnaForm(
            self.tr("Their BATNA (estimated)"), "batna_theirs", session, self.details
        )
        self.details.addTab(self.scores, self.tr("Scores of the term"))
        self.details.addTab(self.batna_ours, self.tr("Our BATNA"))
        self.details.addTab(self.batna_theirs, self.tr("Their BATNA (est.)"))
        self.details.setMinimumWidth(300)
        batnas_box = self.details
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
        self.table.selectionModel().currentChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._follow_current)
        paste = QShortcut(QKeySequence.StandardKey.Paste, self.table)
        paste.setContext(Qt.ShortcutContext.WidgetShortcut)
        paste.activated.connect(self.paste)

    # ------------------------------------------------------------ showing

    def show_sheet(self, sheet: DealSheet, analysis: Analysis) -> None:
        self._sheet = sheet
        self.model.show_sheet(sheet, analysis.warnings, analysis.zopas)
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            # A term is always current: its scores show beside the grid from the start.
            self.table.setCurrentIndex(self.model.index(0, NAME))
        if not self.model.bad_cells():
            self.error.hide()
        weights = [t.weight for t in sheet.terms if t.weight is not None]
        total = sum(weights, Decimal(0))
        # Weights may have two decimals: the sum is written as the language writes it.
        self.weights.setText(
            self.tr("Weights: {total} / 100").format(total=weight_text(total, language()))
        )
        self.weights.setStyleSheet(
            error_style() + " font-weight: bold;" if weights and total != 100 else ""
        )
        self.warnings.clear()
        for side in analysis.batna_needs_score:
            text = (
                self.tr("Our BATNA needs a score (0–100): type one, or fill its package.")
                if side == "us"
                else self.tr("Their BATNA needs a score (0–100): type one, or fill its package.")
            )
            item = QListWidgetItem("⚠ " + text, self.warnings)
            item.setData(Qt.ItemDataRole.UserRole, BATNA_LINE + side)
            item.setToolTip(
                self.tr(
                    "A value on one term describes the alternative; compared with packages, "
                    "it needs its own score on the package scale."
                )
            )
        for warning in analysis.warnings:
            item = QListWidgetItem("⚠ " + warning_message(warning, language()), self.warnings)
            item.setData(Qt.ItemDataRole.UserRole, warning.term)
            item.setToolTip(warning_message(warning, language()))
        if not analysis.warnings and not analysis.batna_needs_score:
            QListWidgetItem(self.tr("Nothing to watch out for."), self.warnings)
        self.batna_ours.show_sheet(sheet)
        self.batna_theirs.show_sheet(sheet)
        self._follow_current()
        self.chart.schedule()

    def _choices(self, index: QModelIndex | QPersistentModelIndex) -> list[tuple[str, Any]] | None:
        column = index.column()
        if column == DIRECTION:
            return [(_(DIRECTION_LABELS[d]), d.value) for d in Direction]
        if column == KIND:
            return [(_(KIND_LABELS[k]), k.value) for k in TermKind]
        if column in LABEL_COLUMNS:
            return label_choices(self.model.options(index.row()))
        return None

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._follow_current()

    def _follow_current(self) -> None:
        """The scores panel shows the term of the grid's current row; a term just made an
        option term shows its options there, to be filled."""
        index = self.table.currentIndex()
        term = self.model.term(index.row()) if index.isValid() else None
        shown = self.scores.term()
        if term is not None and shown is not None and term.uid == shown.uid:  # noqa: SIM102
            if term.kind is not shown.kind:  # just changed: its options or points to fill
                self.details.setCurrentWidget(self.scores)
        self.scores.show_term(self._sheet, term)

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
        if isinstance(name, str) and name.startswith(BATNA_LINE):
            form = self.batna_ours if name == BATNA_LINE + "us" else self.batna_theirs
            self.details.setCurrentWidget(form)
            form.score.setFocus()
            return
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
