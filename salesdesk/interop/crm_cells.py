"""A CRM export's cells read as a deal's fields: amounts, probabilities, dates and
stages, each column decided once from all its values (see crm_values), every problem
collected with its line and column."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from salesdesk.domain.errors import InputError
from salesdesk.domain.money import SYMBOLS, check_scale, parse_amount, parse_number
from salesdesk.domain.stages import DealStatus, Stage
from salesdesk.i18n import _
from salesdesk.interop.crm_read import Cell, Problem, Table
from salesdesk.interop.crm_sources import Crm, StageHow, read_stage
from salesdesk.interop.crm_values import (
    DateOrder,
    Marks,
    NotADate,
    decide_date_order,
    decide_marks,
    is_numeric_date,
    lang_for,
    parse_date,
)
from salesdesk.interop.exports import FORMULA_START

# A currency written in an amount, as parse_amount reads it: a symbol or an ISO code.
_CURRENCY_WRITTEN = re.compile(
    "|".join(re.escape(symbol) for symbol in sorted(SYMBOLS, key=len, reverse=True))
    + r"|\b[A-Z]{3}\b"
)


class CellReader:
    """Reads one table's rows into deals, collecting every problem."""

    def __init__(
        self,
        table: Table,
        crm: Crm,
        columns: dict[str, int],
        id_fields: frozenset[str],
        *,
        date_order_hint: str | None,
        decimal_mark: str | None,
        default_currency: str,
        stage_map: Mapping[str, Stage] | None,
    ) -> None:
        self.table = table
        self.crm = crm
        self.columns = columns
        self.id_fields = id_fields
        self.default_currency = default_currency
        self.stage_map = stage_map
        self.rows = [(line, self._resolve(row)) for line, row in table.rows]
        self.problems: list[Problem] = []
        self._stages: dict[tuple[str, str, int | None], tuple[Stage, DealStatus, StageHow]] = {}
        self.marks = self._marks("amount", decimal_mark)
        self.probability_marks = self._marks("probability", decimal_mark)
        self.dates = self._date_order(date_order_hint)

    def _resolve(self, row: Sequence[Cell]) -> dict[str, Cell]:
        """A row's cells by field, texts stripped."""
        out: dict[str, Cell] = {}
        own = self.crm is Crm.SALESDESK
        for name, index in self.columns.items():
            if index >= len(row):
                continue
            value = row[index]
            if isinstance(value, str):
                value = value.strip()
                if own and value[:1] == "'" and value[1:].startswith(FORMULA_START):
                    value = value[1:]  # our export's guard against formulas, taken off
            out[name] = value
        return out

    def cell(self, row: Mapping[str, Cell], name: str) -> Cell:
        return row.get(name, "")

    def text(self, row: Mapping[str, Cell], name: str) -> str:
        value = self.cell(row, name)
        if isinstance(value, Decimal):
            return format(value.normalize(), "f") if value == value.to_integral() else str(value)
        return value.isoformat() if isinstance(value, date) else value

    def written(self, name: str) -> list[tuple[int, str]]:
        return [
            (line, value)
            for line, row in self.rows
            if isinstance(value := self.cell(row, name), str) and value
        ]

    def column(self, name: str) -> int:
        return self.columns.get(name, 0) + 1

    def _marks(self, name: str, forced: str | None) -> Marks:
        if name not in self.columns:
            return Marks(None)
        marks, problems = decide_marks(
            self.written(name),
            column=self.column(name),
            forced=forced,
            file_separator=self.table.separator,
        )
        self.problems += problems
        return marks

    def _date_order(self, forced: str | None) -> DateOrder:
        written = [
            (line, value)
            for name in ("close_date", "last_contact")
            for line, value in self.written(name)
        ]
        needs = any(is_numeric_date(value) for _line, value in written)
        decided, problems = decide_date_order(
            written, column=self.column("close_date"), forced=forced if needs else None
        )
        self.problems += problems
        if needs and decided.order is None and not problems:
            first = min(line for line, value in written if is_numeric_date(value))
            self.problems.append(
                Problem(
                    first,
                    self.column("close_date"),
                    _(
                        "the dates cannot tell day-first from month-first (like 03/04/2026): "
                        "say which (--date-order dmy or mdy)"
                    ),
                )
            )
        return decided

    def stage(
        self, raw: str, status: str, probability: int | None
    ) -> tuple[Stage, DealStatus, StageHow]:
        """`read_stage`, once per distinct stage, status and probability of the file."""
        key = (raw, status, probability)
        found = self._stages.get(key)
        if found is None:
            found = read_stage(self.crm, raw, status, probability, self.stage_map)
            self._stages[key] = found
        return found

    def fail(self, line: int, name: str, reason: str) -> None:
        self.problems.append(Problem(line, self.column(name), reason))

    def amount(
        self, line: int, row: Mapping[str, Cell], currency: str
    ) -> tuple[Decimal | None, str, bool]:
        """The value, its currency, and whether the row states the currency."""
        stated = bool(currency)
        value = self.cell(row, "amount")
        if isinstance(value, date):
            self.fail(line, "amount", _("{value} is a date, not an amount").format(value=value))
            return None, currency, stated
        if isinstance(value, Decimal):
            try:
                return check_scale(value), currency, stated
            except InputError as exc:
                self.fail(line, "amount", exc.message)
                return None, currency, stated
        if not value:
            return None, currency, stated
        lang = lang_for(self.marks.mark)
        try:
            money = parse_amount(value, lang=lang, default_currency=currency or "EUR")
            # A symbol or code in the amount ($, €, £, USD) states the currency too.
            stated = stated or bool(_CURRENCY_WRITTEN.search(value))
            return check_scale(money.amount), money.currency if stated else "", stated
        except InputError as exc:
            self.fail(line, "amount", exc.message)
            return None, currency, stated

    def probability(self, line: int, row: Mapping[str, Cell]) -> int | None:
        value = self.cell(row, "probability")
        if value == "" or isinstance(value, date):
            return None
        try:
            number = (
                value
                if isinstance(value, Decimal)
                else parse_number(value.rstrip("%").strip(), lang_for(self.probability_marks.mark))
            )
            if not 0 <= number <= 100:
                raise InputError(_("a probability is between 0 and 100"))
            return int(number.quantize(Decimal(1), rounding=ROUND_HALF_UP))
        except InputError as exc:
            self.fail(line, "probability", exc.message)
            return None

    def date(self, line: int, row: Mapping[str, Cell], name: str) -> date | None:
        value = self.cell(row, name)
        if isinstance(value, date):
            return value
        if isinstance(value, Decimal):
            self.fail(line, name, _("{value} is a number, not a date").format(value=value))
            return None
        if not value or (is_numeric_date(value) and self.dates.order is None):
            return None
        try:
            return parse_date(value, self.dates.order)
        except NotADate as exc:
            self.fail(line, name, str(exc))
            return None
        except ValueError as exc:
            self.fail(
                line,
                name,
                _("{value!r} is not a date that exists ({reason})").format(value=value, reason=exc),
            )
            return None

    def phase(self, line: int, row: Mapping[str, Cell]) -> int | None:
        text = self.text(row, "phase")
        if not text:
            return None
        if text in {"1", "2", "3", "4", "5"}:
            return int(text)
        self.fail(line, "phase", _("{value!r} is not a phase (1 to 5)").format(value=text))
        return None
