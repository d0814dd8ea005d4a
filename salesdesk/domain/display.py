"""Dates, labels and a term's figures as people read them, in English or French."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from salesdesk.domain.dates import format_date as format_date  # its home; said here too
from salesdesk.domain.deal import DealSheet
from salesdesk.domain.errors import InputError
from salesdesk.domain.money import ISO_CODES, SYMBOLS, minor_digits
from salesdesk.domain.terms import POSITION_FIELDS, step_of
from salesdesk.i18n import _


def money_currency(unit: str) -> str | None:
    """The currency of a money unit (`€/carton` → EUR), or None when the unit is not money."""
    head = unit.split("/", 1)[0].strip()
    if head in SYMBOLS:
        return SYMBOLS[head]
    if head.upper() in ISO_CODES and head.isalpha():
        return head.upper()
    return None


def places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def term_places(unit: str, values: Iterable[Decimal | None]) -> int:
    """Decimals for every value of a term: the most any of `values` uses, at least the
    currency's minor digits for money (48.00 and 44.50, not 48 and 44.5)."""
    most = max((places(v) for v in values if v is not None), default=0)
    currency = money_currency(unit)
    if currency is not None:
        most = max(most, minor_digits(currency))
    return most


def sheet_places(sheet: DealSheet) -> dict[str, int]:
    """Per numeric term, the decimals its values show with, on screen as in the brief
    (`preferences.value_text`): from its positions, its step, the offers and the BATNA
    valued on it. An option term's values are labels: it has none."""
    numeric = [t for t in sheet.terms if not t.is_options]
    shown: dict[str, list[Decimal | None]] = {
        t.name: [*(t.number(f) for f in POSITION_FIELDS), step_of(t)] for t in numeric
    }
    for offer in sheet.offers:
        for name, value in offer.values.items():
            if name in shown and isinstance(value, Decimal):
                shown[name].append(value)
    for batna in (sheet.batna_ours, sheet.batna_theirs):
        if batna.term in shown and isinstance(batna.value, Decimal):
            shown[batna.term].append(batna.value)
    units = {t.name: t.unit for t in numeric}
    return {name: term_places(units[name], values) for name, values in shown.items()}


def label(text: str) -> str:
    """Translate a label marked with N_() in a table of the domain."""
    return _(text)


_MONTHS = {
    # English and French names and their usual abbreviations, accents optional.
    **{
        m: i + 1
        for i, m in enumerate(
            ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
        )
    },
    "sept": 9,
    **{
        m: i + 1
        for i, m in enumerate(
            (
                "january", "february", "march", "april", "may", "june",
                "july", "august", "september", "october", "november", "december",
            )
        )
    },
    **{
        m: i + 1
        for i, m in enumerate(
            (
                "janvier", "fevrier", "mars", "avril", "mai", "juin",
                "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
            )
        )
    },
    "janv": 1, "fev": 2, "fevr": 2, "avr": 4, "juil": 7, "dec.": 12,
}  # fmt: skip


def _fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def date_example(lang: str = "en", order: str = "dmy") -> str:
    """How a date may be typed, for a placeholder: `31/03/2027` or `3/31/2027`."""
    return "3/31/2027" if order == "mdy" and lang != "fr" else "31/03/2027"


def parse_typed_date(text: str, lang: str = "en", order: str = "dmy") -> date:
    """A date as a person types it: in the locale's order (`31/03/2027`, `31.3.27`, `3/31/2027`
    with `order="mdy"`), with a month name (`31 Mar 2027`, `31 mars 2027`) or in ISO
    (`2027-03-31`). A date that does not exist (`31/02/2027`) is refused with its reason."""
    raw = text.strip()
    example = date_example(lang, order)
    if not raw:
        raise InputError(_("The date is empty."))
    tokens = [t for t in re.split(r"[\s/.\-,]+", _fold(raw)) if t]
    numbers: list[int] = []
    month_name: int | None = None
    for token in tokens:
        if token.isdigit():
            numbers.append(int(token))
        elif token.rstrip(".") in _MONTHS and month_name is None:
            month_name = _MONTHS[token.rstrip(".")]
        elif ordinal := re.fullmatch(r"(\d{1,2})(st|nd|rd|th|er)", token):
            numbers.append(int(ordinal.group(1)))
        else:
            raise InputError(
                _("'{text}' is not a date: write it like {example}.").format(
                    text=raw, example=example
                )
            )
    first_is_year = bool(tokens) and tokens[0].isdigit() and len(tokens[0]) == 4
    try:
        if month_name is not None and len(numbers) == 2:
            day, year = (numbers[1], numbers[0]) if first_is_year else (numbers[0], numbers[1])
            month = month_name
        elif month_name is None and len(numbers) == 3:
            if first_is_year:
                year, month, day = numbers
            elif order == "mdy" and lang != "fr":
                month, day, year = numbers
            else:
                day, month, year = numbers
        else:
            raise ValueError
    except ValueError:
        raise InputError(
            _("'{text}' is not a date: write it like {example}.").format(text=raw, example=example)
        ) from None
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        if month_name is None and not first_is_year and month > 12 >= day:
            # Typed the other way round (3/31 where 31/3 is read): say which order is read.
            raise InputError(
                _(
                    "'{text}' is not a date that exists: write it in this order, like {example}."
                ).format(text=raw, example=example)
            ) from None
        raise InputError(
            _("'{text}' is not a date that exists: check the day and the month.").format(text=raw)
        ) from None
