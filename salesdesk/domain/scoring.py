"""Scoring a package (a value per term) on the 0–100 scale, from either side."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from salesdesk.domain.terms import Side, Term, positions_in_order

if TYPE_CHECKING:
    from salesdesk.domain.deal import Batna

HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


def round_score(value: Decimal) -> Decimal:
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def term_score(term: Term, value: Decimal, side: Side = Side.US) -> Decimal | None:
    """How far `value` goes from the side's walk-away (0) to its opening (100), clamped.

    Every move away from the opening costs points, so a concession always shows.
    """
    opening, _, walk_away = term.positions(side)
    if opening is None or walk_away is None:
        return None
    if opening == walk_away:
        return HUNDRED if term.at_least_as_good(value, walk_away, side) else Decimal(0)
    raw = HUNDRED * (value - walk_away) / (opening - walk_away)
    return min(HUNDRED, max(Decimal(0), raw))


def package_score(
    terms: Iterable[Term], values: Mapping[str, Decimal], side: Side = Side.US
) -> Decimal | None:
    """Σ weight·s / Σ weight over the weighted terms, two decimals.

    None when a weighted term has no value, lacks its opening or walk-away, or has
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


def target_score(terms: Sequence[Term], side: Side = Side.US) -> Decimal | None:
    """The score of the side's target on every term: the mark "at target" is compared with."""
    values: dict[str, Decimal] = {}
    for term in terms:
        target = term.positions(side)[1]
        if target is not None:
            values[term.name] = target
    return package_score(terms, values, side)


def batna_score(batna: Batna, terms: Sequence[Term], side: Side = Side.US) -> Decimal | None:
    """A BATNA's score: the typed one, else the per-term score of its value on its term."""
    if batna.score is not None:
        return batna.score
    if batna.value is None or batna.term is None:
        return None
    term = next((t for t in terms if t.name == batna.term), None)
    if term is None or not positions_in_order(term, side):
        return None
    score = term_score(term, batna.value, side)
    return None if score is None else round_score(score)
