"""The counterpart, read from their offers, beside our typed estimates of them.

Per term: how firmly they hold it (the share of the distance between the first offers
they have not given up), the weight that makes for them against the one we typed, and
where their shrinking concessions lead against the walk-away we estimated. The reading
never changes the worksheet by itself: the rep adopts it for a term, or for all, and
each adoption is one undoable step. An offer of theirs already past the walk-away we
estimated is said (the `estimate_contradicted` warning).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.analysis import Analysis, WarningCode
from salesdesk.domain.counterpart import Reading, TermReading, adopt, read_counterpart
from salesdesk.domain.deal import DealSheet
from salesdesk.domain.money import format_number
from salesdesk.domain.next_offer import term_value_text
from salesdesk.domain.terms import Term, Value
from salesdesk.i18n import _, language
from salesdesk.ui.models.rows import MEASURED_ROWS, Column, RowsModel
from salesdesk.ui.session import DealSession
from salesdesk.warning_text import warning_message


@dataclass(frozen=True)
class Row:
    reading: TermReading
    term: Term


def _walk_away(term: Term, value: Value | None) -> str:
    if value is None:
        return "—"
    return term_value_text(term, value, language())


def reading_model(parent: QWidget | None = None) -> RowsModel[Row]:
    lang = language()
    return RowsModel[Row](
        [
            Column(_("Term"), lambda r: r.term.name),
            Column(
                _("Held firm"),
                lambda r: format_number(r.reading.firmness * 100, lang, 0) + " %",
                align_right=True,
                tooltip=lambda r: _("{n} of their offers give it a value").format(
                    n=r.reading.values
                ),
            ),
            Column(
                _("Their weight (typed)"),
                lambda r: (
                    "" if r.term.their_weight is None else format_number(r.term.their_weight, lang)
                ),
                align_right=True,
            ),
            Column(
                _("Their weight (read)"),
                lambda r: format_number(r.reading.weight, lang, 2),
                align_right=True,
            ),
            Column(
                _("Their walk-away (typed)"),
                lambda r: _walk_away(r.term, r.term.their_walk_away),
                align_right=True,
            ),
            Column(
                _("Likely walk-away"),
                lambda r: _walk_away(r.term, r.reading.walk_away),
                align_right=True,
                tooltip=lambda r: (
                    None
                    if r.reading.walk_away is not None
                    else _("Their concessions on it do not shrink steadily over three offers")
                ),
            ),
        ],
        parent,
    )


class CounterpartTab(QWidget):
    def __init__(self, session: DealSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.reading: Reading | None = None
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("What their offers tell"))
        layout.addWidget(self.summary)
        self.model = reading_model(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Their offers, read term by term"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(MEASURED_ROWS)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 2)
        buttons = QHBoxLayout()
        self.adopt_button = QPushButton(self.tr("&Adopt for this term"), self)
        self.adopt_all_button = QPushButton(self.tr("Adopt for &every term"), self)
        for button in (self.adopt_button, self.adopt_all_button):
            button.setToolTip(
                self.tr(
                    "Take the weight read (and the likely walk-away, where one is read) as "
                    "our estimate of theirs on the Worksheet"
                )
            )
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        explain = QLabel(
            self.tr(
                "A term they hold firm on matters more to them; where their concessions "
                "shrink round after round, they lead to their likely walk-away. Nothing "
                "changes on the Worksheet until you adopt it."
            ),
            self,
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.contradictions = QListWidget(self)
        self.contradictions.setAccessibleName(self.tr("Estimates their offers contradict"))
        self.contradictions.setWordWrap(True)
        layout.addWidget(self.contradictions, 1)
        self.adopt_button.clicked.connect(self.adopt_selected)
        self.adopt_all_button.clicked.connect(self.adopt_all)
        self.table.activated.connect(lambda _index: self.adopt_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._enable())

    def show_sheet(self, sheet: DealSheet, analysis: Analysis) -> None:
        row = self.table.currentIndex().row()
        self.reading = reading = read_counterpart(sheet)
        by_name = {t.name: t for t in sheet.terms}
        self.model.set_rows([Row(r, by_name[r.term]) for r in reading.terms if r.term in by_name])
        if 0 <= row < self.model.rowCount():
            self.table.selectRow(row)
        if reading.terms:
            self.summary.setText(self.tr("Read from %n offer(s) of theirs.", "", reading.offers))
        else:
            self.summary.setText(
                self.tr("Read from %n offer(s) of theirs.", "", reading.offers)
                + " "
                + self.tr(
                    "Two offers of theirs that move on a term are needed to read what they "
                    "value: record their offers round by round (the debrief does)."
                )
            )
        self.contradictions.clear()
        for warning in analysis.warnings:
            if warning.code is WarningCode.ESTIMATE_CONTRADICTED:
                self.contradictions.addItem("⚠ " + warning_message(warning, language()))
        self.contradictions.setVisible(self.contradictions.count() > 0)
        self._enable()

    def _enable(self) -> None:
        self.adopt_button.setEnabled(self.table.currentIndex().isValid())
        self.adopt_all_button.setEnabled(self.model.rowCount() > 0)

    def adopt_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid() or self.reading is None:
            return
        name = self.model.row(index.row()).term.name
        reading = self.reading
        self.session.edit(
            self.tr("Adopt their offers' reading of {term}").format(term=name),
            lambda s: adopt(s, reading, [name]),
        )

    def adopt_all(self) -> None:
        if self.reading is None or not self.reading.terms:
            return
        reading = self.reading
        self.session.edit(
            self.tr("Adopt their offers' reading of every term"), lambda s: adopt(s, reading)
        )
