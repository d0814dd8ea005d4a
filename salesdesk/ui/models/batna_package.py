"""A BATNA as a package: a value per weighted term, and what each is worth to the
BATNA's side; the BATNA's score is then the package's."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt

from salesdesk.domain.deal import Batna, DealSheet
from salesdesk.domain.errors import InputError
from salesdesk.domain.package_search import package_terms
from salesdesk.domain.preferences import value_text
from salesdesk.domain.terms import Side, Term, Value, value_score
from salesdesk.i18n import N_, _, language
from salesdesk.interop.paste import parse_position
from salesdesk.ui.models.edited_rows import (
    Edit,
    EditedRows,
    Index,
    score_text,
    side_of,
)

TERM, PACKAGE_VALUE, VALUE_SCORE = range(3)


class PackageModel(EditedRows):
    """A BATNA as a package: a value per weighted term, and what each is worth to the
    BATNA's side; its score is the package's."""

    headers = (N_("Term"), N_("Value"), N_("Score for us"))

    def __init__(self, attribute: str, edit: Edit, parent: QObject | None = None) -> None:
        super().__init__(edit, parent)
        self.attribute = attribute
        self.side = side_of(attribute)
        if self.side is Side.THEM:
            self.headers = (N_("Term"), N_("Value"), N_("Score for them (est.)"))
        self._terms: list[Term] = []
        self._package: dict[str, Value] = {}

    def show_sheet(self, sheet: DealSheet) -> None:
        batna: Batna = getattr(sheet, self.attribute)
        terms = package_terms(sheet.terms)
        package = dict(batna.package or {})

        def apply() -> None:
            self._terms, self._package = terms, package

        other = [t.name for t in terms] != [t.name for t in self._terms]
        self._change(len(terms), apply, reset=other)

    def missing(self) -> list[str]:
        """The weighted terms the package gives no value yet."""
        return [t.name for t in self._terms if t.name not in self._package]

    def options(self, row: int) -> list[str] | None:
        if 0 <= row < len(self._terms) and self._terms[row].is_options:
            return [o.label for o in self._terms[row].options]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == PACKAGE_VALUE else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._terms):
            return None
        styled = self._styled(index, role)
        if styled is not None:
            return styled
        term = self._terms[index.row()]
        value = self._package.get(term.name)
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == TERM:
                return term.name
            if column == PACKAGE_VALUE:
                return "" if value is None else value_text(value, language())
            if value is None or term.weight_of(self.side) <= 0:
                return ""
            return score_text(value_score(term, value, self.side))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == VALUE_SCORE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == VALUE_SCORE:
            return (
                _("What this value is worth to us (0–100)")
                if self.side is Side.US
                else _("What this value is worth to them, as we estimate it (0–100)")
            )
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or index.column() != PACKAGE_VALUE
        ):
            return False
        term = self._terms[index.row()]
        text = "" if value is None else str(value)
        try:
            parsed = self._parse(term, text)
        except InputError as exc:
            where = _("{term}, value of the BATNA package").format(term=term.name)
            return self._refuse(index, text, where, exc.message)
        self._accepted(index)
        if self._package.get(term.name) == parsed:
            return True
        name, attribute = term.name, self.attribute

        def change(sheet: DealSheet) -> None:
            batna: Batna = getattr(sheet, attribute)
            package = dict(batna.package or {})
            if parsed is None:
                package.pop(name, None)
            else:
                package[name] = parsed
            batna.package = package or None

        self._edit(_("Edit the BATNA package: {term}").format(term=name), change, None)
        return True

    @staticmethod
    def _parse(term: Term, text: str) -> Value | None:
        if not term.is_options:
            return parse_position(text, language())
        label = text.strip()
        if label and term.option(label) is None:
            raise InputError(
                _("“{label}” is none of the options of {term}").format(label=label, term=term.name)
            )
        return label or None
