"""Column types that keep money and measures exact on every database."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Integer
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from salesdesk.domain.money import MAX_SCALE
from salesdesk.store.values import from_stored

_FACTOR = Decimal(10) ** MAX_SCALE


def to_stored(value: Decimal) -> int:
    """The integer ExactDecimal keeps for `value`; raises ValueError rather than round."""
    scaled = value * _FACTOR
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{value} has more than {MAX_SCALE} decimal places")
    return int(scaled)


class ExactDecimal(TypeDecorator[Decimal]):
    """A Decimal stored as a signed count of 1/10 000.

    SQLite's NUMERIC affinity stores REAL and silently loses digits; an integer
    count is exact on SQLite and PostgreSQL alike and still sorts numerically.
    """

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            if isinstance(value, float):
                raise TypeError("refusing to store a float as an exact decimal")
            value = Decimal(value)
        return to_stored(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return from_stored(value)


class ExactSmallDecimal(ExactDecimal):
    """An ExactDecimal in a 32-bit column: small figures (a weight of 0–100 with two
    decimals is at most 1,000,000 here), stored where whole numbers used to be."""

    impl = Integer  # type: ignore[assignment]
    cache_ok = True
