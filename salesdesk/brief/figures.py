"""How the brief prints figures: one format per kind, in English and in French.

- a term's values all carry the same decimals: the most that any of them uses, and at
  least the currency's minor digits when the term is money (its unit is a currency code
  or symbol, alone or per something: EUR, €, £, $, €/carton);
- thousands grouped with a comma in English (480,000), a narrow no-break space in French;
- scores always with two decimals;
- dates as `format_date`, never broken across lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

# A term's decimals are the app's grids' too: one rule, kept with the other displays.
from salesdesk.domain.display import format_date
from salesdesk.domain.display import money_currency as money_currency
from salesdesk.domain.display import places as places
from salesdesk.domain.display import term_places as term_places
from salesdesk.domain.money import format_number
from salesdesk.domain.terms import Value

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"


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


def numbers_of(values: Sequence[Value | None]) -> list[Decimal | None]:
    """The numbers among values (option labels have no decimals to count)."""
    return [v for v in values if isinstance(v, Decimal)]
