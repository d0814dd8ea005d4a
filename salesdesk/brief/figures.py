"""How the brief prints figures: one format per kind, in English and in French.

- a term's values all carry the same decimals: the most that any of them uses, and at
  least the currency's minor digits when the term is money (its unit is a currency code
  or symbol, alone or per something: EUR, €, £, $, €/carton);
- thousands grouped with a comma in English (480,000), a narrow no-break space in French;
- scores always with two decimals;
- dates as `format_date`, never broken across lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from salesdesk.domain.display import format_date
from salesdesk.domain.money import ISO_CODES, SYMBOLS, format_number, minor_digits

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"


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
    currency's minor digits for money."""
    most = max((places(v) for v in values if v is not None), default=0)
    currency = money_currency(unit)
    if currency is not None:
        most = max(most, minor_digits(currency))
    return most


def number(value: Decimal | None, lang: str, decimals: int | None = None) -> str:
    return "" if value is None else format_number(value, lang, decimals)


def score(value: Decimal | None, lang: str) -> str:
    return "" if value is None else format_number(value, lang, 2)


def day(value: date | None, lang: str) -> str:
    """A date that never breaks across lines."""
    return format_date(value, lang).replace(" ", NBSP)


def unbreakable(text: str) -> str:
    """`text` with its spaces made no-break (a range "30 000 – 45 000" stays on one line)."""
    return text.replace(" ", NBSP)
