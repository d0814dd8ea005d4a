"""Dates and labels as people read them, in English or French."""

from __future__ import annotations

import re
from datetime import date

from salesdesk.domain.errors import InputError
from salesdesk.i18n import _


def format_date(value: date | None, lang: str = "en") -> str:
    """`29/11/2026` in French, `29 Nov 2026` in English; empty for no date."""
    if value is None:
        return ""
    if lang == "fr":
        return value.strftime("%d/%m/%Y")
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return f"{value.day} {months[value.month - 1]} {value.year}"


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
