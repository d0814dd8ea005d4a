"""Scoring a package (a value per term) on the 0–100 scale, from either side."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from salesdesk.domain.terms import Side, Term, positions_in_order

HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


def round_score(value: Decimal) -> Decimal:
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def term_score(term: Term, value: Decimal, side: Side = Side.US) -> Decimal | None:
    """How far `value` goes from the side's walk-away (0) to its target (100), clamped."""
    _, target, walk_away = term.positions(side)
    if target is None or walk_away is None:
        return None
    if target == walk_away:
        return HUNDRED if term.at_least_as_good(value, walk_away, side) else Decimal(0)
    raw = HUNDRED * (value - walk_away) / (target - walk_away)
    return min(HUNDRED, max(Decimal(0), raw))


def package_score(
    terms: Iterable[Term], values: Mapping[str, Decimal], side: Side = Side.US
) -> Decimal | None:
    """Σ weight·s / Σ weight over the weighted terms, two decimals.

    None when a weighted term has no value, lacks its target or walk-away, or has
    its positions out of order — a score built on those would mislead.
    """
    total_weight = 0
    total = Decimal(0)
    for term in terms:
        weight = term.weight_of(side)
        if weight <= 0:
            continue
        value = values.get(term.name)
        if value is None or not positions_in_order(term, side):
            return None
        score = term_score(term, value, side)
        if score is None:
            return None
        total_weight += weight
        total += weight * score
    if total_weight == 0:
        return None
    return round_score(total / total_weight)
