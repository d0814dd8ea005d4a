"""An option term's choices, each with our score and our estimate of theirs (0–100),
edited in place; a last, empty row takes a new option as it is typed, and rows pasted
from a spreadsheet are taken all or none."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject, Qt

from salesdesk.domain.deal import DealSheet
from salesdesk.domain.errors import InputError
from salesdesk.domain.kind_change import option_uses, rename_option
from salesdesk.domain.limits import NAME, check_text
from salesdesk.domain.preferences import check_options
from salesdesk.domain.terms import Term, TermOption
from salesdesk.i18n import N_, _
from salesdesk.ui.models.edited_rows import (
    Edit,
    GrowingRows,
    Index,
    parse_score,
    score_text,
)

LABEL, SCORE, THEIR_SCORE = range(3)


class OptionsModel(GrowingRows):
    """An option term's choices; the last row, empty, takes a new one."""

    headers = (N_("Option"), N_("Our score"), N_("Their score (est.)"))
    new_row_hint = N_("Type a new option…")

    def __init__(self, edit: Edit, parent: QObject | None = None) -> None:
        super().__init__(edit, parent)
        self._term: Term | None = None
        self._sheet: DealSheet | None = None

    def show_term(self, sheet: DealSheet | None, term: Term | None) -> None:
        shown = term if term is not None and term.is_options else None
        other = shown is None or self._term is None or shown.uid != self._term.uid
        self._sheet = sheet

        def apply() -> None:
            self._term = shown

        self._change(0 if shown is None else len(shown.options) + 1, apply, reset=other)

    def term(self) -> Term | None:
        return self._term

    def options(self) -> list[TermOption]:
        return [] if self._term is None else list(self._term.options)

    def is_new_row(self, row: int) -> bool:
        return self._term is not None and row == len(self._term.options)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._term is None or not 0 <= index.row() < self._count:
            return None
        styled = self._styled(index, role)
        if styled is not None:
            return styled
        row, column = index.row(), index.column()
        if self.is_new_row(row):
            return self._new_row_data(column, role)
        option = self._term.options[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == LABEL:
                return option.label
            return score_text(option.score if column == SCORE else option.their_score)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != LABEL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _where(self, row: int, column: int) -> str:
        assert self._term is not None
        return _("{term}, option {row}, {column}").format(
            term=self._term.name, row=row + 1, column=_(self.headers[column])
        )

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._term is None:
            return False
        row, column = index.row(), index.column()
        text = "" if value is None else str(value)
        name = self._term.name
        try:
            if column == LABEL:
                change, what = self._label_change(row, text)
            else:
                change, what = self._score_change(row, column, text)
        except InputError as exc:
            return self._refuse(index, text, self._where(row, column), exc.message)
        self._accepted(index)
        if change is not None:
            self._edit(_("Edit {what} of {term}").format(what=what, term=name), change, None)
        return True

    def _label_change(
        self, row: int, text: str
    ) -> tuple[Callable[[DealSheet], object] | None, str]:
        assert self._term is not None
        name = self._term.name
        label = check_text(text.strip(), _("an option's label"), NAME)
        new_row = self.is_new_row(row)
        if not label:
            if new_row:
                return None, ""
            raise InputError(_("An option needs a label"))
        others = [o.label for i, o in enumerate(self._term.options) if i != row]
        if label in others:
            raise InputError(_("Two options are called '{label}'").format(label=label))
        if new_row:

            def add(sheet: DealSheet) -> None:
                term = sheet.term(name)
                if term is not None:
                    term.options.append(TermOption(label, Decimal(0), Decimal(0)))

            return add, _("its options")
        old = self._term.options[row].label
        if old == label:
            return None, ""
        return (lambda sheet: rename_option(sheet, name, old, label)), _("its options")

    def _score_change(
        self, row: int, column: int, text: str
    ) -> tuple[Callable[[DealSheet], object] | None, str]:
        assert self._term is not None
        name = self._term.name
        score = parse_score(text) if text.strip() else Decimal(0)
        options = list(self._term.options)
        old = options[row]
        options[row] = (
            TermOption(old.label, score, old.their_score)
            if column == SCORE
            else TermOption(old.label, old.score, score)
        )
        check_options(options, _(self.headers[column]))
        if options[row] == old:
            return None, ""

        def change(sheet: DealSheet) -> None:
            term = sheet.term(name)
            if term is not None and len(term.options) == len(options):
                term.options[row] = options[row]

        return change, _(self.headers[column]).lower()

    def remove(self, row: int) -> str | None:
        """Take out an option; a message instead when a value still chooses it."""
        if self._term is None or not 0 <= row < len(self._term.options):
            return None
        name, label = self._term.name, self._term.options[row].label
        uses = option_uses(self._sheet, name, label) if self._sheet is not None else []
        if uses:
            return _("“{label}” is chosen in {places}: choose another option there first").format(
                label=label, places=", ".join(uses)
            )

        def change(sheet: DealSheet) -> None:
            term = sheet.term(name)
            if term is not None:
                term.options = [o for o in term.options if o.label != label]

        self._edit(
            _("Remove option “{label}” of {term}").format(label=label, term=name), change, None
        )
        return None

    def paste(self, text: str) -> str | None:
        """Rows of a spreadsheet, `label, our score, their score`: every row is taken (a
        known label has its scores replaced), or none is, and the message says why."""
        if self._term is None:
            return None
        rows = [line.split("\t") for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
        if rows and len(rows[0]) > 1 and not _is_number(rows[0][1]):
            rows = rows[1:]  # the spreadsheet's header
            first = 2
        else:
            first = 1
        options = list(self._term.options)
        by_label = {o.label: i for i, o in enumerate(options)}
        for number, cells in enumerate(rows, start=first):
            where = _("line {n}").format(n=number)
            try:
                if len(cells) > 3:
                    raise InputError(
                        _("has {n} columns, the options have {m}").format(n=len(cells), m=3)
                    )
                label = check_text(cells[0].strip(), _("an option's label"), NAME)
                if not label:
                    raise InputError(_("An option needs a label"))
                scores: list[Decimal | None] = []
                for column, cell in ((SCORE, cells[1:2]), (THEIR_SCORE, cells[2:3])):
                    where = _("line {n}, {column}").format(n=number, column=_(self.headers[column]))
                    score = parse_score(cell[0]) if cell and cell[0].strip() else None
                    if score is not None:
                        check_options([TermOption(label, score, score)])
                    scores.append(score)
                where = _("line {n}").format(n=number)
                known = by_label.get(label)
                old = (
                    options[known]
                    if known is not None
                    else TermOption(label, Decimal(0), Decimal(0))
                )
                option = TermOption(
                    label,
                    old.score if scores[0] is None else scores[0],
                    old.their_score if scores[1] is None else scores[1],
                )
                check_options([option])
            except InputError as exc:
                return _("Nothing was pasted: {where}: {reason}").format(
                    where=where, reason=exc.message
                )
            if known is None:
                by_label[label] = len(options)
                options.append(option)
            else:
                options[known] = option
        try:
            check_options(options)
        except InputError as exc:
            return _("Nothing was pasted: {reason}").format(reason=exc.message)
        name = self._term.name

        def change(sheet: DealSheet) -> None:
            term = sheet.term(name)
            if term is not None:
                term.options = list(options)

        self._edit(_("Paste options of {term}").format(term=name), change, None)
        return None


def _is_number(text: str) -> bool:
    try:
        parse_score(text)
    except InputError:
        return False
    return True
