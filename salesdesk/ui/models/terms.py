"""The worksheet grid: one row per negotiated term, edited in place.

Each accepted edit goes through the deal session as one undoable step. A value that
does not parse is kept in its cell, in red with the reason, and is not saved.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from salesdesk.domain.analysis import DealWarning, WarningCode
from salesdesk.domain.deal import DealSheet
from salesdesk.domain.display import sheet_places
from salesdesk.domain.errors import InputError
from salesdesk.domain.kind_change import to_numeric, to_options
from salesdesk.domain.money import format_number
from salesdesk.domain.preferences import value_text, weight_text, zone_text
from salesdesk.domain.terms import (
    DIRECTION_LABELS,
    FIELD_LABELS,
    KIND_LABELS,
    POSITION_FIELDS,
    Direction,
    Term,
    TermKind,
    Zopa,
    default_step,
    step_of,
    zopa,
)
from salesdesk.i18n import _, language
from salesdesk.interop.paste import parse_direction, parse_position, parse_weight
from salesdesk.ui.models.rows import ALERT_BACKGROUND, ALERT_TEXT, Index
from salesdesk.warning_text import warning_message

NAME, UNIT, KIND, DIRECTION, WEIGHT, THEIR_WEIGHT = range(6)
FIRST_POSITION = 6
ZOPA = FIRST_POSITION + len(POSITION_FIELDS)
STEP = ZOPA + 1  # the granularity of the term's values; shown greyed when it is the default
# Column → Term attribute, ZOPA excepted. A pasted row fills them in the same order,
# the kind aside (pasted terms are numbers).
FIELDS = ("name", "unit", "kind", "direction", "weight", "their_weight", *POSITION_FIELDS)
# The positions an option term chooses among its labels.
LABEL_COLUMNS = range(FIRST_POSITION, FIRST_POSITION + 6)
OURS = ("opening", "target", "walk_away")
THEIRS = ("their_opening", "their_target", "their_walk_away")
WARNING_BACKGROUND = QColor(ALERT_BACKGROUND)
WARNING_TEXT = QColor(ALERT_TEXT)
DEFAULT_TEXT = "#7f7f7f"  # a value the app chose, not the rep


def field_label(column: int) -> str:
    if column == ZOPA:
        return _("ZOPA")
    if column == STEP:
        return _(FIELD_LABELS["step"])
    return _(FIELD_LABELS[FIELDS[column]])


def two_lines(label: str, longest: int = 12) -> str:
    """A long header on two lines, broken at the space nearest the middle: the many
    columns of the worksheet stay narrow."""
    if len(label) <= longest or " " not in label:
        return label
    middle = len(label) // 2
    spaces = [i for i, c in enumerate(label) if c == " "]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return label[:cut] + "\n" + label[cut + 1 :]


def flagged_fields(term: Term, warnings: list[DealWarning]) -> dict[str, list[str]]:
    """The fields of a term a warning concerns, each with the warnings' messages."""
    marks: dict[str, list[str]] = {}

    def mark(fields: tuple[str, ...], message: str) -> None:
        for name in fields:
            marks.setdefault(name, []).append(message)

    lang = language()
    for warning in warnings:
        message = warning_message(warning, lang)
        if warning.code is WarningCode.WEIGHTS_NOT_100:
            mark(("weight",), message)
        if warning.term != term.name:
            continue
        if warning.code is WarningCode.POSITIONS_OUT_OF_ORDER:
            mark(THEIRS if warning.params.get("side") == "them" else OURS, message)
        elif warning.code is WarningCode.NO_ZOPA:
            mark(("walk_away", "their_walk_away", "zopa"), message)
        elif warning.code in (
            WarningCode.WALK_AWAY_WORSE_THAN_BATNA,
            WarningCode.CONCESSIONS_PAST_WALK_AWAY,
        ):
            mark(("walk_away",), message)
        elif warning.code is WarningCode.THEIR_WALK_AWAY_PAST_BATNA:
            mark(("their_walk_away",), message)
    return marks


def parse_kind(text: str) -> TermKind:
    """A kind as typed or chosen: its code, or its label in either language."""
    key = text.strip().casefold()
    for kind in TermKind:
        names = {kind.value, _(KIND_LABELS[kind]).casefold(), KIND_LABELS[kind]}
        if key in {n.casefold() for n in names}:
            return kind
    if key.startswith(("num", "nomb", "a num", "un nomb")):
        return TermKind.NUMERIC
    if key.startswith("option"):
        return TermKind.OPTIONS
    raise InputError(
        _("'{text}' is not a kind: choose “{number}” or “{options}”").format(
            text=text,
            number=_(KIND_LABELS[TermKind.NUMERIC]),
            options=_(KIND_LABELS[TermKind.OPTIONS]),
        )
    )


class TermsModel(QAbstractTableModel):
    """Rows are the open sheet's terms; `edit(text, change)` records an undoable change."""

    rejected = Signal(str)  # a translated message naming the row and column

    def __init__(
        self,
        edit: Callable[[str, Callable[[DealSheet], object], str | None], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._edit = edit
        self._terms: list[Term] = []
        self._marks: list[dict[str, list[str]]] = []
        self._bad: dict[tuple[int, int], tuple[str, str]] = {}
        self._sheet: DealSheet | None = None
        self._zopas: dict[str, Zopa | None] = {}
        self._places: dict[str, int] = {}  # a term's decimals, as the brief prints them

    # ------------------------------------------------------------ showing

    def show_sheet(
        self,
        sheet: DealSheet,
        warnings: list[DealWarning],
        zopas: Mapping[str, Zopa | None] | None = None,
    ) -> None:
        """`zopas`: each term's ZOPA as the analysis found it (else computed here): a
        shaped term's takes a scan of its values, too slow to repeat at every paint."""
        self._sheet = sheet
        old_zopas = self._zopas
        self._zopas = dict(zopas) if zopas is not None else {t.name: zopa(t) for t in sheet.terms}
        terms = [replace(t) for t in sheet.terms]
        marks = [flagged_fields(t, warnings) for t in terms]
        self._places = sheet_places(sheet)
        if len(terms) != len(self._terms):
            self.beginResetModel()
            self._terms, self._marks = terms, marks
            self._bad = {k: v for k, v in self._bad.items() if k[0] < len(terms)}
            self.endResetModel()
            return
        changed = [
            row
            for row, (old, new) in enumerate(zip(self._terms, terms, strict=True))
            if old != new
            or self._marks[row] != marks[row]
            or old_zopas.get(old.name) != self._zopas.get(new.name)
        ]
        self._terms, self._marks = terms, marks
        if changed:
            # Same rows: refreshed in place, so the selection and the current cell stay;
            # only the rows that changed, so a cell being typed in keeps what is typed
            # when the analysis is shown again (the frontier mapped off the GUI thread).
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), STEP))

    def term(self, row: int) -> Term:
        return self._terms[row]

    def terms(self) -> list[Term]:
        return list(self._terms)

    def bad_cells(self) -> dict[tuple[int, int], tuple[str, str]]:
        return dict(self._bad)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._terms)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else STEP + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return two_lines(field_label(section))
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == ZOPA or not self._applies(index.row(), index.column()):
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def _applies(self, row: int, column: int) -> bool:
        """Whether the column means something for the term: an option term has no
        direction, step or market figures (its options' scores say what is better)."""
        if not 0 <= row < len(self._terms) or not self._terms[row].is_options:
            return True
        return column not in (DIRECTION, STEP) and column < FIRST_POSITION + 6

    def options(self, row: int) -> list[str] | None:
        """The labels a cell chooses among, or None when it holds a number or a text."""
        if 0 <= row < len(self._terms) and self._terms[row].is_options:
            return [o.label for o in self._terms[row].options]
        return None

    def _field(self, column: int) -> str:
        if column == ZOPA:
            return "zopa"
        return "step" if column == STEP else FIELDS[column]

    def _text(self, term: Term, column: int) -> str:
        lang = language()
        if column == NAME:
            return term.name
        if column == UNIT:
            return term.unit
        if column == KIND:
            return _(KIND_LABELS[term.kind])
        if column == DIRECTION:
            if term.is_options:
                return _("by its options")
            return _(DIRECTION_LABELS[term.direction])
        if column in (WEIGHT, THEIR_WEIGHT):
            weight = term.weight if column == WEIGHT else term.their_weight
            return weight_text(weight, lang)
        if column == ZOPA:
            zone = self._zopas.get(term.name)
            if zone is None:
                both = term.walk_away is not None and term.their_walk_away is not None
                return _("none") if both else ""
            return zone_text(zone, lang, self._places.get(term.name))
        if column == STEP:
            return "" if term.is_options else format_number(step_of(term), lang)
        value = getattr(term, FIELDS[column])
        return "" if value is None else value_text(value, lang, self._places.get(term.name))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._terms):
            return None
        row, column = index.row(), index.column()
        term = self._terms[row]
        bad = self._bad.get((row, column))
        marks = self._marks[row].get(self._field(column), [])
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if bad is not None:
                return bad[0]
            if role == Qt.ItemDataRole.EditRole and column == DIRECTION:
                return term.direction.value
            if role == Qt.ItemDataRole.EditRole and column == KIND:
                return term.kind.value
            return self._text(term, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if bad is not None:
                return bad[1]
            if column == STEP and term.step is None and not marks and not term.is_options:
                return _("From the positions' decimals; type a step to change it")
            if column == DIRECTION and term.is_options and not marks:
                return _("An option term is better where its options score more: see its scores")
            if column == KIND:
                return _("A number with a unit, or options to choose among (each scored 0–100)")
            if column in LABEL_COLUMNS and term.is_options and not marks:
                return self._text(term, column) or None  # a long label, whole
            return "\n".join(marks) or None
        if role == Qt.ItemDataRole.BackgroundRole and (bad is not None or marks):
            return QBrush(WARNING_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and (bad is not None or marks):
            return QBrush(WARNING_TEXT)
        if role == Qt.ItemDataRole.ForegroundRole and (
            (column == STEP and term.step is None) or not self._applies(row, column)
        ):
            return QBrush(QColor(DEFAULT_TEXT))
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= WEIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and marks:
            return "\n".join(marks)
        return None

    # ------------------------------------------------------------ editing

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() == ZOPA:
            return False
        row, column = index.row(), index.column()
        text = value.value if isinstance(value, Direction | TermKind) else str(value)
        try:
            parsed = self._parse(row, column, text)
        except InputError as exc:
            where = _("Term {row}, {column}").format(row=row + 1, column=field_label(column))
            message = f"{where}: {exc.message}"
            self._bad[(row, column)] = (text, message)
            self.dataChanged.emit(index, index)
            self.rejected.emit(message)
            return False
        had_bad = self._bad.pop((row, column), None) is not None
        field = self._field(column)
        name = self._terms[row].name
        if getattr(self._terms[row], field) == parsed:
            if had_bad:
                self.dataChanged.emit(index, index)
            return True
        if column == KIND:
            assert isinstance(parsed, TermKind)
            return self._change_kind(index, name, parsed)

        def change(sheet: DealSheet) -> None:
            target = sheet.term(name)
            if target is None:
                return
            old_name = target.name
            setattr(target, field, parsed)
            if field == "name":
                _rename_references(sheet, old_name, target.name)

        self._edit(
            _("Edit {column} of {term}").format(column=field_label(column), term=name), change, None
        )
        return True

    def _change_kind(self, index: Index, name: str, kind: TermKind) -> bool:
        """Numbers become options and back, everywhere the term has a value."""
        lang = language()
        convert = to_options if kind is TermKind.OPTIONS else to_numeric
        if self._sheet is not None:
            try:  # tried on a copy first: a label without a number refuses the change
                convert(copy.deepcopy(self._sheet), name, lang)
            except InputError as exc:
                message = _("Term {row}, {column}: {reason}").format(
                    row=index.row() + 1, column=field_label(KIND), reason=exc.message
                )
                self.rejected.emit(message)
                return False
        self._edit(
            _("Edit {column} of {term}").format(column=field_label(KIND), term=name),
            lambda sheet: convert(sheet, name, lang),
            None,
        )
        return True

    def _parse(self, row: int, column: int, text: str) -> object:
        if column == NAME:
            name = text.strip()
            if not name:
                raise InputError(_("a term needs a name"))
            if any(t.name == name for i, t in enumerate(self._terms) if i != row):
                raise InputError(_("another term is already called “{name}”").format(name=name))
            return name
        if column == UNIT:
            return text.strip()
        if column == DIRECTION:
            return parse_direction(text)
        if column == KIND:
            return parse_kind(text)
        if column in (WEIGHT, THEIR_WEIGHT):
            return parse_weight(text, language())
        if column == STEP:
            step = parse_position(text, language())
            if step is not None and step <= 0:
                raise InputError(_("a step must be more than zero"))
            if step is not None and step == default_step(self._terms[row]):
                return None  # the default stays a default, following the positions
            return step
        term = self._terms[row]
        if term.is_options and FIELDS[column] in POSITION_FIELDS[:6]:
            label = text.strip()
            if label and term.option(label) is None:
                raise InputError(
                    _("“{label}” is none of the options of {term}").format(
                        label=label, term=term.name
                    )
                )
            return label or None
        value: Decimal | None = parse_position(text, language())
        return value


def _rename_references(sheet: DealSheet, old: str, new: str) -> None:
    """A renamed term keeps its offers, ledger entries and BATNA."""
    for offer in sheet.offers:
        if old in offer.values:
            offer.values[new] = offer.values.pop(old)
    for entry in sheet.ledger:
        if entry.term == old:
            entry.term = new
    for batna in (sheet.batna_ours, sheet.batna_theirs):
        if batna.term == old:
            batna.term = new
        if batna.package and old in batna.package:
            batna.package[new] = batna.package.pop(old)
