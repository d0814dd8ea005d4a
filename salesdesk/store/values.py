"""Stored figures read back and written, with the standard library alone: an exact
decimal as its count of 1/10 000 (store.types), an option term's value as its option's
number (store.preferences). Shared by the SQLAlchemy store and the quick reader.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from salesdesk.domain.money import MAX_SCALE, tidy
from salesdesk.domain.terms import Term, Value

__all__ = ["decode", "encode", "from_stored", "utc_naive"]


def from_stored(value: int) -> Decimal:
    """The Decimal an ExactDecimal column's integer stands for."""
    return tidy(Decimal(int(value)).scaleb(-MAX_SCALE))


def encode(term: Term | None, value: Value | None) -> Decimal | None:
    """The stored figure of a value: a number as it is, a label as its option's number."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if term is None:
        return None
    for number, option in enumerate(term.options):
        if option.label == value:
            return Decimal(number)
    return None  # a label of no option: nothing the term can hold


def decode(term: Term | None, stored: Decimal | None) -> Value | None:
    """A stored figure back as the term's value (an option's label for an option term)."""
    if stored is None or term is None or not term.is_options:
        return stored
    number = int(stored)
    return term.options[number].label if 0 <= number < len(term.options) else None


def utc_naive(moment: datetime | None) -> datetime | None:
    """A time as the domain keeps it, naive in UTC: a server's `timestamptz` is read
    aware (the session is in UTC), SQLite's naive already."""
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)
