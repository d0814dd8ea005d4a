"""One side's BATNA on the worksheet: what happens without an agreement, a value on one
term (it feeds the per-term checks), and its score on the package scale (0–100), typed
or computed from a BATNA package the rep fills, a value per weighted term."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain.deal import Batna, DealSheet
from salesdesk.domain.display import sheet_places
from salesdesk.domain.money import format_number
from salesdesk.domain.scoring import batna_score
from salesdesk.domain.terms import Term, Value
from salesdesk.i18n import language
from salesdesk.ui.editor.delegates import ChoiceDelegate, label_choices
from salesdesk.ui.fields import AmountField, CommitLineEdit, error_label, set_text
from salesdesk.ui.models.batna_package import PACKAGE_VALUE, PackageModel
from salesdesk.ui.models.edited_rows import side_of
from salesdesk.ui.session import DealSession


class BatnaForm(QGroupBox):
    """One side's BATNA: what they would do without us, its value and its score."""

    def __init__(
        self, title: str, attribute: str, session: DealSession, parent: QWidget | None = None
    ) -> None:
        super().__init__(title, parent)
        self.session = session
        self.attribute = attribute
        self.side = side_of(attribute)
        self._terms: list[Term] = []
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        self.description = CommitLineEdit(self)
        self.description.setAccessibleName(title + " — " + self.tr("description"))
        self.description.setPlaceholderText(self.tr("What happens without an agreement"))
        form.addRow(self.tr("Description"), self.description)
        self.term = QComboBox(self)
        self.term.setAccessibleName(title + " — " + self.tr("term measured"))
        form.addRow(self.tr("Measured on"), self.term)
        # A number for a numeric term, one of its options for an option term.
        self.value_stack = QStackedWidget(self)
        self.value = AmountField(self.value_stack)
        self.value.setAccessibleName(title + " — " + self.tr("value"))
        self.value_option = QComboBox(self.value_stack)
        self.value_option.setAccessibleName(title + " — " + self.tr("option"))
        self.value_stack.addWidget(self.value)
        self.value_stack.addWidget(self.value_option)
        self.value_stack.setSizePolicy(self.value.sizePolicy())
        form.addRow(self.tr("Value"), self.value_stack)
        self.score = AmountField(self)
        self.score.setAccessibleName(title + " — " + self.tr("score"))
        self.score.edit.setPlaceholderText("0–100")
        self.score.setToolTip(
            self.tr(
                "What the alternative is worth on the same 0–100 scale as a package: "
                "typed, or left empty to take its package's score"
            )
        )
        form.addRow(self.tr("Score"), self.score)
        self.package_note = QLabel(self)
        self.package_note.setWordWrap(True)
        outer.addWidget(self.package_note)
        self.package = PackageModel(attribute, session.edit, self)
        self.package_table = QTableView(self)
        self.package_table.setModel(self.package)
        self.package_table.setAccessibleName(title + " — " + self.tr("package"))
        self.package_table.setItemDelegateForColumn(
            PACKAGE_VALUE,
            ChoiceDelegate(
                lambda index: label_choices(self.package.options(index.row())), self.package_table
            ),
        )
        self.package_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.package_table.verticalHeader().hide()
        self.package_table.verticalHeader().setDefaultSectionSize(24)
        header = self.package_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        outer.addWidget(self.package_table, 1)
        self.error = error_label(self)
        outer.addWidget(self.error)
        self.description.committed.connect(
            lambda text: self._set("description", text.strip(), self.tr("description"))
        )
        self.value.committed.connect(lambda v: self._set("value", v, self.tr("value")))
        self.value_option.activated.connect(self._option_chosen)
        self.score.committed.connect(self._on_score)
        self.term.activated.connect(lambda _i: self._term_chosen())
        self.package.rejected.connect(self._show_error)

    def batna(self, sheet: DealSheet) -> Batna:
        batna: Batna = getattr(sheet, self.attribute)
        return batna

    def show_sheet(self, sheet: DealSheet) -> None:
        batna = self.batna(sheet)
        self._terms = list(sheet.terms)
        set_text(self.description, batna.description)
        self.description.setToolTip(batna.description)
        if not self.description.hasFocus():
            self.description.setCursorPosition(0)  # the start of a long description shows
        self.term.blockSignals(True)
        self.term.clear()
        self.term.addItem(self.tr("(no term)"), None)
        for term in sheet.terms:
            self.term.addItem(term.name, term.name)
        self.term.setCurrentIndex(max(self.term.findData(batna.term), 0))
        self.term.blockSignals(False)
        # A number with its term's decimals, as the grid and the brief show it (1.10).
        places = sheet_places(sheet).get(batna.term or "")
        self._show_value(sheet.term(batna.term), batna.value, places)
        self.score.set_value(batna.score)
        self.package.show_sheet(sheet)
        if not self.package.bad_cells():
            self.error.hide()
        # Untyped, the score is its BATNA package's, when it has one; a value on one term
        # is no package score, and the empty field asks for one.
        derived = batna_score(Batna(package=batna.package), sheet.terms, self.side)
        lang = language()
        self.score.edit.setPlaceholderText(
            self.tr("needed: 0–100")
            if batna.needs_score
            else "0–100"
            if derived is None
            else self.tr("{score} (from its package)").format(score=format_number(derived, lang, 2))
        )
        self.package_note.setText(self._package_text(batna, derived))

    def _package_text(self, batna: Batna, derived: Decimal | None) -> str:
        missing = self.package.missing()
        if batna.needs_score:
            lead = self.tr(
                "Valued on one term only, the BATNA has no score on the package scale: "
                "type one, or fill its package below."
            )
        elif batna.score is not None and derived is not None:
            return self.tr("The typed score counts; its package scores {score}.").format(
                score=format_number(derived, language(), 2)
            )
        elif derived is not None:
            return self.tr("Its score is its package's: {score}.").format(
                score=format_number(derived, language(), 2)
            )
        else:
            lead = self.tr("Or give the alternative as a package, a value per term:")
        if batna.package and missing:
            return (
                lead
                + " "
                + self.tr("Still without a value: {terms}.").format(terms=", ".join(missing))
            )
        return lead

    def _show_value(
        self, term: Term | None, value: Value | None, places: int | None = None
    ) -> None:
        if term is not None and term.is_options:
            combo = self.value_option
            combo.blockSignals(True)
            combo.clear()
            for text, data in label_choices([o.label for o in term.options]) or []:
                combo.addItem(text, data)
            found = combo.findData(value if isinstance(value, str) else "")
            combo.setCurrentIndex(max(found, 0))
            if found < 0 and isinstance(value, str):  # a label of no option: shown, kept
                combo.addItem(value, value)
                combo.setCurrentIndex(combo.count() - 1)
            combo.blockSignals(False)
            self.value_stack.setCurrentWidget(combo)
            return
        self.value.set_value(value if isinstance(value, Decimal) else None, places)
        self.value_stack.setCurrentWidget(self.value)

    def _option_chosen(self, _index: int) -> None:
        label = self.value_option.currentData()
        self._set("value", label or None, self.tr("value"))

    def _term_chosen(self) -> None:
        name = self.term.currentData()
        new = next((t for t in self._terms if t.name == name), None)

        def change(sheet: DealSheet) -> None:
            batna = self.batna(sheet)
            batna.term = name
            # A value keeps its meaning only on a term of the same kind: a number is no
            # option, and an option's label no number (the rep gives it anew).
            if not _fits(new, batna.value):
                batna.value = None

        self.session.edit(
            self.tr("Edit {what} of {batna}").format(what=self.tr("term"), batna=self.title()),
            change,
        )

    def _on_score(self, score: Decimal | None) -> None:
        if score is not None and not 0 <= score <= 100:
            self.score.show_error(self.tr("A score lies between 0 and 100."))
            return
        self._set("score", score, self.tr("score"))

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _set(self, field: str, value: Any, label: str) -> None:
        def change(sheet: DealSheet) -> None:
            setattr(self.batna(sheet), field, value)

        self.session.edit(
            self.tr("Edit {what} of {batna}").format(what=label, batna=self.title()),
            change,
            merge_key=f"{self.attribute}.{field}",
        )


def _fits(term: Term | None, value: Value | None) -> bool:
    """Whether a BATNA's value can stand on that term: a label of its options, or a number."""
    if value is None or term is None:
        return True
    if term.is_options:
        return isinstance(value, str) and term.option(value) is not None
    return isinstance(value, Decimal)
