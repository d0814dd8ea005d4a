"""A package typed term by term: a number field or a choice of options per term, with
what was on the table before beside it. The debrief (their counter-offer), the next
offer before it is recorded and the rehearsal's offers are typed here.

Numbers are read in the app's language (`1 234,5` in French); a number that cannot be
read is named with its term, and nothing is taken until it is corrected.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from salesdesk.domain.errors import InputError
from salesdesk.domain.next_offer import term_value_text
from salesdesk.domain.terms import Term, Value
from salesdesk.i18n import language
from salesdesk.interop.paste import parse_position


class PackageForm(QWidget):
    """One row per term: its name and unit, the value before, and the value typed."""

    edited = Signal()

    def __init__(self, before_title: str, value_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._titles = (before_title, value_title)
        self._terms: list[Term] = []
        self._inputs: dict[str, QLineEdit | QComboBox] = {}
        self._befores: dict[str, QLabel] = {}

    def set_terms(self, terms: Sequence[Term]) -> None:
        """Build a row per term (only when the terms change: typing is kept)."""
        if [(t.name, t.kind, [o.label for o in t.options]) for t in terms] == [
            (t.name, t.kind, [o.label for o in t.options]) for t in self._terms
        ]:
            self._terms = list(terms)
            return
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._terms = list(terms)
        self._inputs.clear()
        self._befores.clear()
        self._grid.addWidget(QLabel("<b>" + self.tr("Term") + "</b>", self), 0, 0)
        self._grid.addWidget(QLabel("<b>" + self._titles[0] + "</b>", self), 0, 1)
        self._grid.addWidget(QLabel("<b>" + self._titles[1] + "</b>", self), 0, 2)
        for row, term in enumerate(self._terms, start=1):
            name = QLabel(f"{term.name} ({term.unit})" if term.unit else term.name, self)
            before = QLabel(self)
            field: QLineEdit | QComboBox
            if term.is_options:
                field = QComboBox(self)
                field.addItem("—", None)
                for option in term.options:
                    field.addItem(option.label, option.label)
                field.currentIndexChanged.connect(lambda _i: self.edited.emit())
            else:
                field = QLineEdit(self)
                field.textEdited.connect(lambda _t: self.edited.emit())
            field.setAccessibleName(term.name)
            name.setBuddy(field)
            self._grid.addWidget(name, row, 0)
            self._grid.addWidget(before, row, 1)
            self._grid.addWidget(field, row, 2)
            self._inputs[term.name] = field
            self._befores[term.name] = before
        self._grid.setColumnStretch(2, 1)

    def first_field(self) -> QWidget | None:
        return next(iter(self._inputs.values()), None)

    def set_values(
        self, values: Mapping[str, Value], before: Mapping[str, Value] | None = None
    ) -> None:
        lang = language()
        for term in self._terms:
            field = self._inputs[term.name]
            value = values.get(term.name)
            if isinstance(field, QComboBox):
                field.setCurrentIndex(max(field.findData(value), 0))
            else:
                field.setText("" if value is None else term_value_text(term, value, lang))
            old = None if before is None else before.get(term.name)
            self._befores[term.name].setText(
                "" if old is None else term_value_text(term, old, lang)
            )

    def values(self) -> dict[str, Value]:
        """The values typed (a term left empty is left out). Raises InputError naming
        the term whose number cannot be read."""
        out: dict[str, Value] = {}
        for term in self._terms:
            field = self._inputs[term.name]
            if isinstance(field, QComboBox):
                label = field.currentData()
                if label is not None:
                    out[term.name] = label
                continue
            try:
                number = parse_position(field.text(), language())
            except InputError as exc:
                field.setFocus()
                raise InputError(f"{term.name}: {exc.message}", term.name) from None
            if number is not None:
                out[term.name] = number
        return out

    def input(self, term: str) -> QLineEdit | QComboBox:
        return self._inputs[term]

    def numbers(self) -> dict[str, Decimal]:
        return {k: v for k, v in self.values().items() if isinstance(v, Decimal)}
