"""Numbers and dates of a CRM export, decided per column from all its values.

The file decides, never the app's language: a column's decimal mark is told by a value
that can only be read one way (`12,5`, `1,234.50`, `1.234.567`); when every value has
exactly three digits after its only mark (`1,500`, `12,000`), the file's separator
tells (a comma-separated file comes from a locale with a decimal point, a semicolon
one from a locale with a decimal comma), or the currency's place (`$1,500`, `1.500 €`);
what stays ambiguous is refused with the option to say it (--decimal-comma or
--decimal-point). Dates likewise: a day or month above 12 tells the order, or
--date-order says it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from salesdesk.i18n import _
from salesdesk.interop.crm_read import Problem

_GROUP_MARKS = " \u00a0\u202f\u2009'’"
_NUMBER_CHARS = re.compile(r"[^\d.,\s\u00a0\u202f\u2009'’]")
_SYMBOL_BEFORE = re.compile(r"^\s*[-−(]?\s*(?:[A-Z]{3}|[^\d\s.,()+−-]{1,3})\s*\d")
_SYMBOL_AFTER = re.compile(r"\d\s*(?:[A-Z]{3}|[^\d\s.,()%]{1,3})\s*\)?\s*$")

AMBIGUOUS = "?"


def mark_of(text: str) -> str | None:
    """What one value says of its decimal mark: `.` or `,`; `?` when it could be either
    (`1,500`); None when it has no mark at all."""
    s = _NUMBER_CHARS.sub("", text).strip()
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        return "." if s.rfind(".") > s.rfind(",") else ","
    if not (dots or commas):
        return None
    sep, other = (".", ",") if dots else (",", ".")
    if s.count(sep) > 1:
        return other  # a repeated mark groups thousands
    before, after = s.split(sep)
    before_digits = "".join(c for c in before if c.isdigit())
    if any(c in _GROUP_MARKS for c in before.strip()):
        return sep  # grouped by spaces or apostrophes: the mark is the decimal
    if len(after.strip()) != 3 or not after.strip().isdigit():
        return sep
    if before_digits in ("", "0") or len(before_digits) > 3:
        return sep
    return AMBIGUOUS


def _currency_hint(text: str) -> str | None:
    """`$1,500` and `US$ 1,500` write the currency first, as decimal-point locales do;
    `1.500 €` after, as decimal-comma locales do."""
    if _SYMBOL_BEFORE.search(text):
        return "."
    if _SYMBOL_AFTER.search(text) and "%" not in text:
        return ","
    return None


@dataclass(frozen=True)
class Marks:
    """A column's decimal mark and what decided it."""

    mark: str | None  # "." or ","; None when no value has a mark to decide
    how: str = ""  # "values", "separator", "currency", "option"
    line: int = 0  # the line whose value told it (how == "values")


def decide_marks(
    values: Sequence[tuple[int, str]],
    *,
    column: int,
    forced: str | None = None,
    file_separator: str | None = None,
) -> tuple[Marks, list[Problem]]:
    """The decimal mark of a column of written numbers (line, text)."""
    told: dict[str, int] = {}
    ambiguous: int | None = None
    hints: set[str] = set()
    problems: list[Problem] = []
    for line, text in values:
        vote = mark_of(text)
        if vote == AMBIGUOUS:
            ambiguous = ambiguous or line
        elif vote is not None:
            told.setdefault(vote, line)
            if forced is not None and vote != forced:
                against = (
                    _("{value!r} is written with a decimal comma, against --decimal-point")
                    if vote == ","
                    else _("{value!r} is written with a decimal point, against --decimal-comma")
                )
                problems.append(Problem(line, column, against.format(value=text)))
        hint = _currency_hint(text)
        if hint is not None:
            hints.add(hint)
    if forced is not None:
        return Marks(forced, "option"), problems[:1]
    if len(told) == 2:
        comma, point = told[","], told["."]
        return Marks(None), [
            Problem(
                max(comma, point),
                column,
                _(
                    "the column mixes decimal commas (line {comma}) and decimal points "
                    "(line {point}): correct the file, or say which (--decimal-comma or "
                    "--decimal-point)"
                ).format(comma=comma, point=point),
            )
        ]
    if told:
        mark = next(iter(told))
        return Marks(mark, "values", told[mark]), []
    if ambiguous is None:
        return Marks(None), []
    if file_separator in (",", ";"):
        return Marks("." if file_separator == "," else ",", "separator"), []
    if len(hints) == 1:
        return Marks(next(iter(hints)), "currency"), []
    example = next(text for line, text in values if line == ambiguous)
    return Marks(None), [
        Problem(
            ambiguous,
            column,
            _(
                "{value!r} could be a thousand or a decimal, and no value of the column "
                "tells which: say which (--decimal-comma or --decimal-point)"
            ).format(value=example),
        )
    ]


def lang_for(mark: str | None) -> str:
    """The language whose reading of an ambiguous number is the column's mark."""
    return "fr" if mark == "," else "en"


# ---------------------------------------------------------------- dates

_TIME = r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?)?"
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})" + _TIME + r"$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")


def is_numeric_date(text: str) -> bool:
    return bool(_DMY.match(text.strip()))


@dataclass(frozen=True)
class DateOrder:
    order: str | None  # "dmy", "mdy", or None when no date needs it
    how: str = ""  # "values", "option"
    line: int = 0
    example: str = ""


def date_order(values: Sequence[str]) -> str | None:
    """`dmy` or `mdy` when a value tells (a part above 12), else None."""
    decided = decide_date_order([(0, v) for v in values], column=0)[0]
    return decided.order


def decide_date_order(
    values: Sequence[tuple[int, str]], *, column: int, forced: str | None = None
) -> tuple[DateOrder, list[Problem]]:
    """The day/month order of a file's dates (line, text): told by a part above 12."""
    if forced is not None:
        return DateOrder(forced, "option"), []
    told: dict[str, tuple[int, str]] = {}
    for line, text in values:
        match = _DMY.match(text.strip())
        if match:
            first, second = int(match[1]), int(match[2])
            if first > 12:
                told.setdefault("dmy", (line, text.strip()))
            elif second > 12:
                told.setdefault("mdy", (line, text.strip()))
    if len(told) == 2:
        (dmy_line, dmy), (mdy_line, mdy) = told["dmy"], told["mdy"]
        return DateOrder(None), [
            Problem(
                max(dmy_line, mdy_line),
                column,
                _(
                    "the dates disagree: {dmy} (line {dmy_line}) is day-first, {mdy} "
                    "(line {mdy_line}) month-first"
                ).format(dmy=dmy, dmy_line=dmy_line, mdy=mdy, mdy_line=mdy_line),
            )
        ]
    if told:
        order, (line, text) = next(iter(told.items()))
        return DateOrder(order, "values", line, text), []
    return DateOrder(None), []


class NotADate(ValueError):
    """The text is not written as a date at all (rather than a date that does not exist)."""


def parse_date(text: str, order: str | None) -> date:
    value = text.strip()
    iso = _ISO.match(value)
    if iso:
        return date(int(iso[1]), int(iso[2]), int(iso[3]))
    match = _DMY.match(value)
    if not match:
        raise NotADate(_("{value!r} is not a date (write it like 2026-12-31)").format(value=text))
    a, b, year = int(match[1]), int(match[2]), int(match[3])
    day, month = (a, b) if order == "dmy" else (b, a)
    return date(year, month, day)
