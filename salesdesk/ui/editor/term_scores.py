"""How a term's values score, beside the worksheet's grid: an option term's options
(our score, our estimate of theirs), or a numeric term's score points per side."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.deal import DealSheet
from salesdesk.domain.terms import KIND_LABELS, Side, Term, TermKind
from salesdesk.i18n import _
from salesdesk.ui.editor.delegates import ChoiceDelegate
from salesdesk.ui.fields import error_label
from salesdesk.ui.models import terms as cols
from salesdesk.ui.models.edited_rows import EditedRows
from salesdesk.ui.models.options import LABEL, SCORE, THEIR_SCORE, OptionsModel
from salesdesk.ui.models.points import PointsModel
from salesdesk.ui.models.terms import TermsModel
from salesdesk.ui.session import DealSession

EDIT_TRIGGERS = (
    QAbstractItemView.EditTrigger.DoubleClicked
    | QAbstractItemView.EditTrigger.EditKeyPressed
    | QAbstractItemView.EditTrigger.AnyKeyPressed
)


def grid(model: EditedRows, name: str, parent: QWidget) -> QTableView:
    """A small grid filled from the keyboard: typing edits, Tab moves on."""
    table = QTableView(parent)
    table.setModel(model)
    table.setAccessibleName(name)
    table.setEditTriggers(EDIT_TRIGGERS)
    table.setItemDelegate(ChoiceDelegate(lambda _index: None, table))  # typing is kept
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    table.verticalHeader().setDefaultSectionSize(24)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


def start_typing(table: QTableView, row: int, column: int) -> None:
    index = table.model().index(row, column)
    table.setCurrentIndex(index)
    table.setFocus()
    table.edit(index)


class TermScoresPanel(QWidget):
    """The selected term's kind and what its values are worth (0–100) to each side."""

    def __init__(
        self, session: DealSession, terms: TermsModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.terms = terms
        self._term: Term | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        top.addWidget(self.title, 1)
        self.kind_label = QLabel(self.tr("Kind:"), self)
        top.addWidget(self.kind_label)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Kind of the term"))
        for kind in TermKind:
            self.kind.addItem(_(KIND_LABELS[kind]), kind.value)
        self.kind_label.setBuddy(self.kind)
        top.addWidget(self.kind)
        layout.addLayout(top)
        self.error = error_label(self)
        layout.addWidget(self.error)
        self.stack = QStackedWidget(self)
        layout.addWidget(self.stack, 1)

        self.nothing = QLabel(
            self.tr("Select a term in the grid to say how its values score."), self.stack
        )
        self.nothing.setWordWrap(True)
        self.nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.nothing)

        # An option term: its options.
        self.options_page = QWidget(self.stack)
        options_layout = QVBoxLayout(self.options_page)
        options_layout.setContentsMargins(0, 0, 0, 0)
        explain = QLabel(
            self.tr(
                "What each option is worth, 0–100: to us, and to them as we estimate it. "
                "Positions and offers choose among the options. Paste rows from a "
                "spreadsheet: option, our score, their score."
            ),
            self.options_page,
        )
        explain.setWordWrap(True)
        options_layout.addWidget(explain)
        self.options = OptionsModel(session.edit, self)
        self.options_table = grid(self.options, self.tr("Options of the term"), self.options_page)
        header = self.options_table.horizontalHeader()
        for section in (SCORE, THEIR_SCORE):  # the scores as wide as they need, labels the rest
            header.setSectionResizeMode(section, QHeaderView.ResizeMode.ResizeToContents)
        options_layout.addWidget(self.options_table, 1)
        buttons = QHBoxLayout()
        self.add_option = QPushButton(self.tr("Add option"), self.options_page)
        self.remove_option = QPushButton(self.tr("Remove option"), self.options_page)
        self.paste_options = QPushButton(self.tr("Paste"), self.options_page)
        self.paste_options.setToolTip(
            self.tr("Rows copied from a spreadsheet: option, our score, their score (est.)")
        )
        for button in (self.add_option, self.remove_option, self.paste_options):
            buttons.addWidget(button)
        buttons.addStretch(1)
        options_layout.addLayout(buttons)
        self.stack.addWidget(self.options_page)

        # A numeric term: its score points, ours and theirs.
        self.points_page = QWidget(self.stack)
        points_layout = QVBoxLayout(self.points_page)
        points_layout.setContentsMargins(0, 0, 0, 0)
        self.points_explain = QLabel(self.points_page)
        self.points_explain.setWordWrap(True)
        points_layout.addWidget(self.points_explain)
        sides = QHBoxLayout()
        self.points: dict[Side, PointsModel] = {}
        self.points_tables: dict[Side, QTableView] = {}
        self.remove_point: dict[Side, QPushButton] = {}
        self.straight: dict[Side, QPushButton] = {}
        for side, title in (
            (Side.US, self.tr("Our scores")),
            (Side.THEM, self.tr("Their scores (est.)")),
        ):
            column = QVBoxLayout()
            column.addWidget(QLabel(title, self.points_page))
            model = PointsModel(side, session.edit, self)
            table = grid(model, title, self.points_page)
            column.addWidget(table, 1)
            row = QHBoxLayout()
            remove = QPushButton(self.tr("Remove point"), self.points_page)
            remove.setToolTip(self.tr("Remove the selected score point"))
            straight = QPushButton(self.tr("Straight line"), self.points_page)
            straight.setToolTip(
                self.tr(
                    "No points: the score runs straight from the walk-away (0) to the opening (100)"
                )
            )
            row.addWidget(remove)
            row.addWidget(straight)
            row.addStretch(1)
            column.addLayout(row)
            sides.addLayout(column)
            self.points[side], self.points_tables[side] = model, table
            self.remove_point[side], self.straight[side] = remove, straight
            remove.clicked.connect(lambda _c=False, s=side: self._remove_point(s))
            straight.clicked.connect(lambda _c=False, s=side: self.points[s].clear())
            model.rejected.connect(self._show_error)
        points_layout.addLayout(sides, 1)
        self.stack.addWidget(self.points_page)

        self.kind.activated.connect(self._kind_chosen)
        self.add_option.clicked.connect(self._add_option)
        self.remove_option.clicked.connect(self._remove_option)
        self.paste_options.clicked.connect(self.paste)
        self.options.rejected.connect(self._show_error)
        paste = QShortcut(QKeySequence.StandardKey.Paste, self.options_table)
        paste.setContext(Qt.ShortcutContext.WidgetShortcut)
        paste.activated.connect(self.paste)
        self.show_term(None, None)

    # ------------------------------------------------------------ showing

    def show_term(self, sheet: DealSheet | None, term: Term | None) -> None:
        if term is None or self._term is None or term.uid != self._term.uid:
            self.error.hide()
        self._term = term
        self.options.show_term(sheet, term)
        for model in self.points.values():
            model.show_term(term)
        enabled = term is not None
        self.kind.setEnabled(enabled)
        if term is None:
            self.title.setText(self.tr("Scores of a term"))
            self.stack.setCurrentWidget(self.nothing)
            return
        self.title.setText(term.name)
        self.title.setToolTip(term.name)
        self.kind.setCurrentIndex(max(self.kind.findData(term.kind.value), 0))
        if term.is_options:
            self.stack.setCurrentWidget(self.options_page)
            return
        self.points_explain.setText(
            self.tr(
                "What a value is worth (0–100), read straight between points and flat "
                "beyond: a preference can rise and fall. No points: straight from the "
                "walk-away (0) to the opening (100)."
            )
        )
        self.stack.setCurrentWidget(self.points_page)
        for side, model in self.points.items():
            self.straight[side].setEnabled(bool(model.points()))
            self.remove_point[side].setEnabled(bool(model.points()))

    def term(self) -> Term | None:
        return self._term

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    # ------------------------------------------------------------ editing

    def _row(self) -> int | None:
        if self._term is None:
            return None
        for row, term in enumerate(self.terms.terms()):
            if term.uid == self._term.uid:
                return row
        return None

    def _kind_chosen(self, _index: int) -> None:
        row = self._row()
        if row is None:
            return
        self.error.hide()
        accepted = self.terms.setData(self.terms.index(row, cols.KIND), self.kind.currentData())
        if not accepted and self._term is not None:
            # Refused (a label without a number): the combo shows the kind it still is.
            self.kind.setCurrentIndex(max(self.kind.findData(self._term.kind.value), 0))

    def _add_option(self) -> None:
        start_typing(self.options_table, self.options.rowCount() - 1, LABEL)

    def _remove_option(self) -> None:
        index = self.options_table.currentIndex()
        if not index.isValid():
            return
        problem = self.options.remove(index.row())
        if problem:
            self._show_error(problem)
        else:
            self.error.hide()

    def paste(self) -> None:
        text = QApplication.clipboard().text()
        if not text.strip():
            self._show_error(self.tr("The clipboard holds nothing to paste."))
            return
        problem = self.options.paste(text)
        if problem:
            self._show_error(problem)
        else:
            self.error.hide()

    def _remove_point(self, side: Side) -> None:
        index = self.points_tables[side].currentIndex()
        if not index.isValid() or self.points[side].is_new_row(index.row()):
            return
        problem = self.points[side].remove(index.row())
        if problem:
            self._show_error(problem)
        else:
            self.error.hide()
