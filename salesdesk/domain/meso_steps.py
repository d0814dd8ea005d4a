"""MESO packages when the other side's scores cannot be told: worth the same to us.

(With both sides' scores known, domain.meso takes them from the frontier instead.)
Each package scores the chosen score for us, within one point, but the concession is
carried by different terms, so it is worth something different to the other side.
Offering them together shows what the other side cares about (which one they pick)
without giving anything more away.

Our score of a term is linear from the walk-away (0) to the opening (100), so a
package scores `Σ wᵢ·sᵢ / Σ wᵢ`. Every weighted term starts at our opening and the
missing points are given up term by term, in an order that differs per package.
Every value lies on its term's step (a customer signs 47 days, not 47.5), and no two
packages move the same set of terms.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from salesdesk.domain.errors import InputError
from salesdesk.domain.money import tidy
from salesdesk.domain.scoring import HUNDRED, package_score, term_score
from salesdesk.domain.terms import Side, Term, Value, positions_in_order, step_of
from salesdesk.i18n import _

MAX_PACKAGES = 3
# "Worth the same to us": within this many points of the chosen score.
TOLERANCE = Decimal(1)
# How many moved terms may each round either way when packages are put on steps.
_BOTH_WAYS = 6


@dataclass(frozen=True, slots=True)
class Package:
    values: dict[str, Value]
    score: Decimal | None
    their_score: Decimal | None
    # Terms whose value differs from our opening, the one carrying the most first.
    moves: tuple[str, ...]


def _scorable(term: Term) -> bool:
    return (
        not term.is_options
        and not term.points
        and isinstance(term.opening, Decimal)
        and isinstance(term.walk_away, Decimal)
        and positions_in_order(term, Side.US)
    )


def tradable_terms(terms: Sequence[Term]) -> list[Term]:
    """Weighted terms with room between opening and walk-away: where ground can be given."""
    return [
        t for t in terms if t.weight_of(Side.US) > 0 and _scorable(t) and t.opening != t.walk_away
    ]


def _snap(term: Term, raw: Decimal, towards_us: bool) -> Decimal:
    """`raw` on the term's step, rounded towards our opening or towards our walk-away,
    and kept between the two."""
    assert isinstance(term.opening, Decimal) and isinstance(term.walk_away, Decimal)
    step = step_of(term)
    up = (term.direction.sign > 0) == towards_us
    snapped = (raw / step).to_integral_value(rounding=ROUND_CEILING if up else ROUND_FLOOR) * step
    low, high = sorted((term.opening, term.walk_away))
    if snapped > high:
        snapped -= step
    if snapped < low:
        snapped += step
    if not low <= snapped <= high:  # a step wider than the whole range
        snapped = term.opening if towards_us else term.walk_away
    return tidy(snapped)


def _nearest(term: Term, raw: Decimal) -> Decimal:
    towards_us, towards_walk_away = _snap(term, raw, True), _snap(term, raw, False)
    return min((towards_us, towards_walk_away), key=lambda v: abs(v - raw))


def _raw_value(term: Term, score: Decimal) -> Decimal:
    assert isinstance(term.opening, Decimal) and isinstance(term.walk_away, Decimal)
    return term.walk_away + (term.opening - term.walk_away) * score / HUNDRED


def _trade_ratio(term: Term) -> Decimal:
    """How much the other side weighs the term per point of our weight."""
    return Decimal(term.weight_of(Side.THEM) or 0) / Decimal(term.weight_of(Side.US))


def _orders(terms: list[Term]) -> list[list[Term]]:
    """Distinct orders in which to give ground: each package leads with another term.

    Terms the other side values most per point of ours come first (the cheapest
    concessions to make).
    """
    ranked = sorted(terms, key=lambda t: (-_trade_ratio(t), t.name))
    return [ranked[k:] + ranked[:k] for k in range(len(ranked))]


def _concentrated(
    terms: list[Term], order: list[Term], score: Decimal, total_weight: Decimal
) -> dict[str, Decimal]:
    missing = (HUNDRED - score) * total_weight  # weighted points to give away
    scores = {t.name: HUNDRED for t in terms}
    for term in order:
        if missing <= 0:
            break
        weight = Decimal(term.weight_of(Side.US))
        give = min(missing / weight, HUNDRED)
        scores[term.name] = HUNDRED - give
        missing -= give * weight
    return {t.name: _raw_value(t, scores[t.name]) for t in terms}


def _spread(terms: list[Term], score: Decimal, total_weight: Decimal) -> dict[str, Decimal]:
    room = sum(t.weight_of(Side.US) for t in terms)
    each = HUNDRED - (HUNDRED - score) * total_weight / room
    return {t.name: _raw_value(t, each) for t in terms}


def _points_per_step(term: Term) -> Decimal:
    assert isinstance(term.opening, Decimal) and isinstance(term.walk_away, Decimal)
    return term.weight_of(Side.US) * step_of(term) / abs(term.opening - term.walk_away)


def _on_steps(
    all_terms: Sequence[Term], usable: list[Term], raw: dict[str, Decimal], score: Decimal
) -> dict[str, Decimal] | None:
    """Values on steps near `raw` that score within a point of `score`, or None.

    The moved terms are put on their steps, the coarsest first, each rounded towards
    us or towards the walk-away; the finest then takes what remains to reach the
    score. Of those choices the one closest to the score wins, at or above it first.
    """
    base = {t.name: t.opening for t in all_terms if isinstance(t.opening, Decimal)}
    moved = sorted(
        (t for t in usable if raw[t.name] != t.opening), key=_points_per_step, reverse=True
    )
    if not moved:
        got = package_score(all_terms, base, Side.US)
        return base if got is not None and abs(got - score) <= TOLERANCE else None
    *coarse, finest = moved
    total_weight = sum(t.weight_of(Side.US) for t in all_terms)
    # Both roundings for the coarsest terms (they move the score most); past those the
    # nearest step alone, so a long worksheet stays quick (2⁶ combinations at most).
    choices = [
        sorted({_snap(t, raw[t.name], True), _snap(t, raw[t.name], False)})
        if i < _BOTH_WAYS
        else [_nearest(t, raw[t.name])]
        for i, t in enumerate(coarse)
    ]
    best: tuple[tuple[bool, Decimal], dict[str, Decimal]] | None = None
    for combo in itertools.product(*choices):
        values = dict(base)
        values.update({t.name: v for t, v in zip(coarse, combo, strict=True)})
        # What the finest term must score for the package to reach `score`.
        others = Decimal(0)
        for term in all_terms:
            weight = term.weight_of(Side.US)
            if weight > 0 and term is not finest:
                others += weight * (term_score(term, values[term.name]) or Decimal(0))
        needed = (score * total_weight - others) / finest.weight_of(Side.US)
        needed = min(HUNDRED, max(Decimal(0), needed))
        exact = _raw_value(finest, needed)
        for value in sorted({_snap(finest, exact, True), _snap(finest, exact, False)}):
            values[finest.name] = value
            got = package_score(all_terms, values, Side.US)
            if got is None or abs(got - score) > TOLERANCE:
                continue
            rank = (got < score, abs(got - score))
            if best is None or rank < best[0]:
                best = (rank, dict(values))
    return None if best is None else best[1]


def packages_equal_for_us(
    terms: Sequence[Term],
    score: Decimal,
    batna_score: Decimal | None = None,
    count: int = MAX_PACKAGES,
) -> list[Package]:
    """Up to `count` packages that each score `score` for us (within a point), on steps.

    Raises InputError when the score is out of range or the worksheet cannot be scored.
    """
    floor = batna_score if batna_score is not None else Decimal(0)
    if not floor <= score <= HUNDRED:
        raise InputError(
            _("The score must lie between our BATNA's score ({low}) and 100").format(low=floor),
            "score",
        )
    weighted = [t for t in terms if t.weight_of(Side.US) > 0]
    for term in weighted:
        if not _scorable(term):
            raise InputError(
                _(
                    "give it an opening and a walk-away, in order, before proposing "
                    "packages (or set its weight to 0)"
                )
                if not term.is_options and not term.points
                else _(
                    "estimate what it is worth to them (their weights and scores) "
                    "before proposing packages"
                ),
                term.name,
            )
    usable = tradable_terms(terms)
    if not usable:
        raise InputError(
            _("No weighted term has its opening and walk-away in order: nothing to trade"),
            "terms",
        )
    # Terms with no room (opening = walk-away) stay at their opening and keep their weight.
    total_weight = sum((t.weight_of(Side.US) for t in weighted), Decimal(0))
    room = sum((t.weight_of(Side.US) for t in usable), Decimal(0))
    lowest = HUNDRED * (total_weight - room) / total_weight
    if score < lowest:
        raise InputError(
            _("Even at every walk-away the package scores {low}: choose a higher score").format(
                low=lowest.quantize(Decimal("0.01"))
            ),
            "score",
        )
    candidates = [_concentrated(usable, o, score, total_weight) for o in _orders(usable)]
    if len(usable) > 1:
        candidates.insert(1, _spread(usable, score, total_weight))
    packages: list[Package] = []
    seen: set[frozenset[str]] = set()
    for raw in candidates:
        values = _on_steps(terms, usable, raw, score)
        if values is None:
            continue
        package = _package(terms, values, usable)
        if frozenset(package.moves) in seen:
            continue
        seen.add(frozenset(package.moves))
        packages.append(package)
        if len(packages) == count:
            break
    return packages


def _package(terms: Sequence[Term], values: dict[str, Decimal], usable: list[Term]) -> Package:
    given = []
    for term in usable:
        assert isinstance(term.opening, Decimal) and isinstance(term.walk_away, Decimal)
        share = abs(values[term.name] - term.opening) / abs(term.opening - term.walk_away)
        if share > 0:
            given.append((share * term.weight_of(Side.US), term.name))
    given.sort(key=lambda item: (-item[0], item[1]))
    return Package(
        values=dict(values),
        score=package_score(terms, values, Side.US),
        their_score=package_score(terms, values, Side.THEM),
        moves=tuple(name for _, name in given),
    )
