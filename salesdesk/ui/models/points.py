"""One side's score points of a numeric term (value → score), edited in place; a last,
empty row takes a new point, scored where the term scores it now."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from PySide6.QtCore import QObject, Qt

from salesdesk.domain.deal import DealSheet
from salesdesk.domain.errors import InputError
from salesdesk.domain.money import format_number
from salesdesk.domain.preferences import check_points
from salesdesk.domain.terms import ScorePoint, Side, Term, value_score
from salesdesk.i18n import N_, _, language
from salesdesk.interop.paste import parse_position
from salesdesk.ui.models.edited_rows import (
    Edit,
    GrowingRows,
    Index,
    parse_score,
    score_text,
)

VALUE, POINT_SCORE = range(2)

_CENT = Decimal("0.01")


class PointsModel(GrowingRows):
    """One side's score points of a numeric term, by value; the last row takes a new one."""

    headers = (N_("Value"), N_("Score"))
    new_row_hint = N_("New…")

    def __init__(self, side: Side, edit: Edit, parent: QObject | None = None) -> None:
        super().__init__(edit, parent)
        self.side = side
        self._term: Term | None = None

    def show_term(self, term: Term | None) -> None:
        shown = term if term is not None and not term.is_options else None
        other = shown is None or self._term is None or shown.uid != self._term.uid

        def apply() -> None:
            self._term = shown

        count = 0 if shown is None else len(shown.points_of(self.side)) + 1
        self._change(count, apply, reset=other)

    def points(self) -> list[ScorePoint]:
        if self._term is None:
            return []
        return sorted(self._term.points_of(self.side), key=lambda p: p.value)

    def is_new_row(self, row: int) -> bool:
        return self._term is not None and row == len(self.points())

    def label(self) -> str:
        return _("our score points") if self.side is Side.US else _("their score points (est.)")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._term is None or not 0 <= index.row() < self._count:
            return None
        styled = self._styled(index, role)
        if styled is not None:
            return styled
        row, column = index.row(), index.column()
        if self.is_new_row(row):
            return self._new_row_data(column, role)
        point = self.points()[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == VALUE:
                return format_number(point.value, language())
            return score_text(point.score)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._term is None:
            return False
        row, column = index.row(), index.column()
        text = "" if value is None else str(value)
        where = _("{term}, {points}, line {row}, {column}").format(
            term=self._term.name, points=self.label(), row=row + 1, column=_(self.headers[column])
        )
        try:
            points = self._changed(row, column, text)
            if points is not None:
                check_points(points, self.label())
        except InputError as exc:
            return self._refuse(index, text, where, exc.message)
        self._accepted(index)
        if points is not None:
            self._put(points, _("Edit {what} of {term}"))
        return True

    def _changed(self, row: int, column: int, text: str) -> list[ScorePoint] | None:
        """The side's points after the edit, or None when nothing changes."""
        assert self._term is not None
        points = self.points()
        if column == VALUE:
            value = parse_position(text, language())
            if value is None:
                if self.is_new_row(row):
                    return None
                raise InputError(_("a score point needs a value"))
            if self.is_new_row(row):
                return self._with_new(value)
            if points[row].value == value:
                return None
            points[row] = ScorePoint(value, points[row].score)
        else:
            score = parse_score(text)
            if points[row].score == score:
                return None
            points[row] = ScorePoint(points[row].value, score)
        return sorted(points, key=lambda p: p.value)

    def _with_new(self, value: Decimal) -> list[ScorePoint]:
        """A new point scores what the term gives that value now, so the curve keeps its
        shape until its score is typed; the first one also takes the straight line's two
        ends (walk-away 0, opening 100), so a curve has its two points at once."""
        assert self._term is not None
        points = self.points()
        if any(p.value == value for p in points):
            raise InputError(_("Two score points have the same value"))
        if not points:
            opening, _target, walk_away = self._term.positions(self.side)
            for end, mark in ((walk_away, Decimal(0)), (opening, Decimal(100))):
                if (
                    isinstance(end, Decimal)
                    and end != value
                    and all(p.value != end for p in points)
                ):
                    points.append(ScorePoint(end, mark))
        score = value_score(self._term, value, self.side)
        now = Decimal(0) if score is None else score.quantize(_CENT, rounding=ROUND_HALF_UP)
        points.append(ScorePoint(value, now))
        if len(points) < 2:
            raise InputError(
                _(
                    "A score curve needs at least two points: "
                    "give the term its opening and walk-away first"
                )
            )
        return sorted(points, key=lambda p: p.value)

    def _put(self, points: Sequence[ScorePoint], text: str) -> None:
        assert self._term is not None
        name, side = self._term.name, self.side
        kept = list(points)

        def change(sheet: DealSheet) -> None:
            term = sheet.term(name)
            if term is None:
                return
            if side is Side.US:
                term.points = list(kept)
            else:
                term.their_points = list(kept)

        self._edit(text.format(what=self.label(), term=name), change, f"points.{side.value}")

    def remove(self, row: int) -> str | None:
        """Take out a point; a message instead when the curve would keep only one."""
        points = self.points()
        if self._term is None or not 0 <= row < len(points):
            return None
        if len(points) == 2:
            return _(
                "A score curve needs at least two points: use “Straight line” to remove the curve"
            )
        del points[row]
        self._put(points, _("Remove a point of {what} of {term}"))
        return None

    def clear(self) -> None:
        """Back to the straight line from walk-away (0) to opening (100)."""
        if self._term is not None and self.points():
            self._put([], _("Straight line for {what} of {term}"))
