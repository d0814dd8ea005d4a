"""Scoring a package (a value per term) on the 0–100 scale, from either side."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from salesdesk.domain.terms import HUNDRED, Side, Term, Value, positions_in_order, value_score

if TYPE_CHECKING:
    from salesdesk.domain.deal import Batna

__all__ = ["HUNDRED", "batna_score", "package_score", "round_score", "target_score", "term_score"]

_CENT = Decimal("0.01")


def round_score(value: Decimal) -> Decimal:
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def term_score(term: Term, value: Value, side: Side = Side.US) -> Decimal | None:
    """What `value` is worth to the side on this term (0–100, exact).

    For a numeric term without points, every move away from the opening costs points,
    so a concession always shows.
    """
    return value_score(term, value, side)


def exact_package_score(
    terms: Iterable[Term], values: Mapping[str, Value], side: Side = Side.US
) -> Decimal | None:
    """Σ weight·s / Σ weight over the weighted terms, exact (not rounded)."""
    total_weight = Decimal(0)
    total = Decimal(0)
    for term in terms:
        weight = term.weight_of(side)
        if weight <= 0:
            continue
        value = values.get(term.name)
        if value is None or not positions_in_order(term, side):
            return None
        score = value_score(term, value, side)
        if score is None:
            return None
        total_weight += weight
        total += weight * score
    if total_weight == 0:
        return None
    return total / total_weight


def package_score(
    terms: Iterable[Term], values: Mapping[str, Value], side: Side = Side.US
) -> Decimal | None:
    """Σ weight·s / Σ weight over the weighted terms, two decimals rounded half up.

    None when a weighted term has no value, cannot be scored, or has its positions
    out of order — a score built on those would mislead.
    """
    exact = exact_package_score(terms, values, side)
    return None if exact is None else round_score(exact)


def target_score(terms: Sequence[Term], side: Side = Side.US) -> Decimal | None:
    """The score of the side's target on every term: the mark "at target" is compared with."""
    values: dict[str, Value] = {}
    for term in terms:
        target = term.positions(side)[1]
        if target is not None:
            values[term.name] = target
    return package_score(terms, values, side)


def batna_score(batna: Batna, terms: Sequence[Term], side: Side = Side.US) -> Decimal | None:
    """A BATNA's score on the package scale: the typed one, else its package's score.

    A value on one term only describes the alternative (it feeds the per-term
    checks); its per-term score is not a package score and is never used as one.
    """
    if batna.score is not None:
        return batna.score
    if batna.package:
        return package_score(terms, batna.package, side)
    return None
