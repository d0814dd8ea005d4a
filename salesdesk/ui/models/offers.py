"""The offers grid: each side's package per round, a value per term, and its scores."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from salesdesk.domain.analysis import Analysis, ScoredOffer
from salesdesk.domain.deal import DealSheet
from salesdesk.domain.display import sheet_places
from salesdesk.domain.errors import InputError
from salesdesk.domain.money import format_number
from salesdesk.domain.preferences import value_text
from salesdesk.domain.terms import Side, Term, Value
from salesdesk.i18n import _, language
from salesdesk.interop.paste import parse_position
from salesdesk.ui.models.rows import ALERT_BACKGROUND, ALERT_TEXT, Index

ROUND, SIDE = 0, 1
FIRST_TERM = 2


def side_label(side: Side) -> str:
    return _("ours") if side is Side.US else _("theirs")


def left_text(points: Decimal, side: Side) -> str:
    """A cell's words for what an offer leaves on the table."""
    if points <= 0:
        return _("nothing: on the frontier")
    amount = format_number(points, language(), 2)
    return (
        _("{points} for them").format(points=amount)
        if side is Side.US
        else _("{points} for us").format(points=amount)
    )


def left_sentence(points: Decimal, side: Side) -> str:
    """What an offer leaves on the table, in the rep's words."""
    if points <= 0:
        return _(
            "On the efficient frontier: no package is better for one side without being "
            "worse for the other."
        )
    amount = format_number(points, language(), 2)
    if side is Side.US:
        return _(
            "A package exists that is as good for us and {points} points better for them: "
            "offer it, and ask for something in return."
        ).format(points=amount)
    return _(
        "A package exists that is as good for them and {points} points better for us: propose it."
    ).format(points=amount)


class OffersModel(QAbstractTableModel):
    rejected = Signal(str)

    def __init__(
        self,
        edit: Callable[[str, Callable[[DealSheet], object], str | None], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._edit = edit
        self._terms: list[str] = []
        self._sheet_terms: list[Term] = []
        self._rows: list[tuple[int, ScoredOffer]] = []  # (index in sheet.offers, scored)
        self._batna: Decimal | None = None
        self._target: Decimal | None = None
        self._walk_past: set[tuple[int, str]] = set()
        self._places: dict[str, int] = {}  # a term's decimals, as the brief prints them

    # Columns after the terms.
    @property
    def score_column(self) -> int:
        return FIRST_TERM + len(self._terms)

    @property
    def their_score_column(self) -> int:
        return self.score_column + 1

    @property
    def left_column(self) -> int:
        """What the offer leaves on the table: how much better the frontier is for the other
        side, at no loss to the offer's maker."""
        return self.score_column + 2

    @property
    def target_column(self) -> int:
        return self.score_column + 3

    @property
    def batna_column(self) -> int:
        return self.score_column + 4

    def show_sheet(self, sheet: DealSheet, analysis: Analysis) -> None:
        terms = [t.name for t in sheet.terms]
        self._sheet_terms = list(sheet.terms)
        rows = sorted(
            enumerate(analysis.offers), key=lambda item: (item[1].offer.round, item[1].offer.side)
        )
        self._walk_past = {
            (i, t.name)
            for i, item in rows
            for t in sheet.terms
            if item.offer.side is Side.US
            and (v := item.offer.values.get(t.name)) is not None
            and t.past_walk_away(v)
        }
        self._batna = analysis.batna_score
        self._target = analysis.target_score
        self._places = sheet_places(sheet)
        if terms != self._terms or len(rows) != len(self._rows):
            self.beginResetModel()
            self._terms, self._rows = terms, rows
            self.endResetModel()
            return
        self._rows = rows
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, self.batna_column))

    def offer_index(self, row: int) -> int:
        return self._rows[row][0]

    def scored(self, row: int) -> ScoredOffer:
        return self._rows[row][1]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.batna_column + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tip(section)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == ROUND:
            return _("Round")
        if section == SIDE:
            return _("Side")
        if section < self.score_column:
            return self._terms[section - FIRST_TERM]
        if section == self.score_column:
            return _("Score for us")
        if section == self.their_score_column:
            return _("Score for them (est.)")
        if section == self.left_column:
            return _("Left on the table")
        if section == self.target_column:
            return _("Against our target")
        return _("Against our BATNA")

    def _header_tip(self, section: int) -> str | None:
        if section == self.left_column:
            return _(
                "How much better a package could be for the other side at no loss to the "
                "offer's maker: 0 on the efficient frontier"
            )
        if section == self.target_column and self._target is not None:
            return _("Our target scores {score}").format(
                score=format_number(self._target, language(), 2)
            )
        if section == self.batna_column and self._batna is not None:
            return _("Our BATNA scores {score}").format(
                score=format_number(self._batna, language(), 2)
            )
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and (
            index.column() == ROUND or FIRST_TERM <= index.column() < self.score_column
        ):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def options(self, column: int) -> list[str] | None:
        """The labels an option term's column chooses among; None for a number."""
        if not FIRST_TERM <= column < self.score_column:
            return None
        name = self._terms[column - FIRST_TERM]
        term = next((t for t in self._sheet_terms if t.name == name), None)
        return [o.label for o in term.options] if term is not None and term.is_options else None

    def _parse_value(self, name: str, text: str) -> Value | None:
        """A number, or for an option term one of its labels."""
        term = next((t for t in self._sheet_terms if t.name == name), None)
        if term is None or not term.is_options:
            return parse_position(text, language())
        label = text.strip()
        if label and term.option(label) is None:
            raise InputError(
                _("“{label}” is none of the options of {term}").format(label=label, term=name)
            )
        return label or None

    def _raw(self, row: int, column: int) -> Any:
        item = self._rows[row][1]
        if column == ROUND:
            return item.offer.round
        if column == SIDE:
            return item.offer.side.value
        if column < self.score_column:
            return item.offer.values.get(self._terms[column - FIRST_TERM])
        if column == self.score_column:
            return item.score
        if column == self.their_score_column:
            return item.their_score
        if column == self.left_column:
            return item.left_on_table
        reference = self._target if column == self.target_column else self._batna
        if item.score is None or reference is None:
            return None
        return item.score - reference

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = index.row(), index.column()
        raw = self._raw(row, column)
        offer_index, item = self._rows[row]
        below = column == self.batna_column and raw is not None and raw < 0
        past = (
            FIRST_TERM <= column < self.score_column
            and (offer_index, self._terms[column - FIRST_TERM]) in self._walk_past
        )
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == SIDE:
                return side_label(item.offer.side)
            if raw is None:
                return ""
            if column == ROUND:
                return str(raw)
            if column in (self.target_column, self.batna_column):
                sign = "+" if raw > 0 else ""
                return sign + format_number(raw, language(), 2)
            if column == self.left_column:
                return left_text(raw, item.offer.side)
            if column >= self.score_column:  # scores: two decimals
                return format_number(raw, language(), 2)
            name = self._terms[column - FIRST_TERM]
            return value_text(raw, language(), self._places.get(name))
        if role == Qt.ItemDataRole.TextAlignmentRole and column != SIDE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and (
            below or past
        ):
            colour = ALERT_BACKGROUND if role == Qt.ItemDataRole.BackgroundRole else ALERT_TEXT
            return QBrush(QColor(colour))
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.left_column and raw is not None:
                return left_sentence(raw, item.offer.side)
            if below:
                return _("This offer scores below our BATNA: we would be better off without a deal")
            if past:
                return _("Past our walk-away")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row, column = index.row(), index.column()
        offer_index = self._rows[row][0]
        text = str(value)
        try:
            if column == ROUND:
                stripped = text.strip()
                if not stripped.isdigit() or int(stripped) < 1:
                    raise InputError(
                        _("'{text}' is not a round: a whole number from 1").format(text=text)
                    )
                parsed_round = int(stripped)

                def change(sheet: DealSheet) -> None:
                    sheet.offers[offer_index].round = parsed_round

                label = _("Round")
            elif FIRST_TERM <= column < self.score_column:
                name = self._terms[column - FIRST_TERM]
                parsed = self._parse_value(name, text)

                def change(sheet: DealSheet) -> None:
                    values = sheet.offers[offer_index].values
                    if parsed is None:
                        values.pop(name, None)
                    else:
                        values[name] = parsed

                label = name
            else:
                return False
        except InputError as exc:
            self.rejected.emit(
                _("Offer of round {round}, {column}: {reason}").format(
                    round=self._rows[row][1].offer.round,
                    column=self.headerData(column, Qt.Orientation.Horizontal),
                    reason=exc.message,
                )
            )
            return False
        self._edit(_("Edit offer: {what}").format(what=label), change, None)
        return True
