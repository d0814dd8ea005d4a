"""Multiple equivalent simultaneous offers (MESO): packages that are worth the same to us.

Each package reaches the chosen score for us, but the concession is carried by
different terms, so it is worth something different to the other side. Offering
them together shows what the other side cares about (which one they pick) without
giving anything more away.

Our score of a term is linear from the walk-away (0) to the target (100), so a
package scores `Σ wᵢ·sᵢ / Σ wᵢ`. We start every weighted term at our target and
remove the missing points term by term, in an order that differs per package.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from salesdesk.domain.errors import InputError
from salesdesk.domain.money import tidy
from salesdesk.domain.scoring import HUNDRED, package_score
from salesdesk.domain.terms import Side, Term, positions_in_order
from salesdesk.i18n import _

MAX_PACKAGES = 3
# A package value keeps at most this many decimals more than the term's own figures.
_EXTRA_PLACES = 1


@dataclass(frozen=True, slots=True)
class Package:
    values: dict[str, Decimal]
    score: Decimal | None
    their_score: Decimal | None
    # Terms moved away from our target, the one carrying the most first.
    conceding_terms: tuple[str, ...]


def _scorable(term: Term) -> bool:
    return (
        term.target is not None and term.walk_away is not None and positions_in_order(term, Side.US)
    )


def tradable_terms(terms: Sequence[Term]) -> list[Term]:
    """Weighted terms with room between target and walk-away: where ground can be given."""
    return [
        t for t in terms if t.weight_of(Side.US) > 0 and _scorable(t) and t.target != t.walk_away
    ]


def _places(term: Term) -> int:
    known = [v for v in (term.opening, term.target, term.walk_away) if v is not None]
    exponents = [v.normalize().as_tuple().exponent for v in known]
    return max((max(0, -e) for e in exponents if isinstance(e, int)), default=0) + _EXTRA_PLACES


def _value_at(term: Term, score: Decimal) -> Decimal:
    """The value that scores `score` for us on `term`, rounded towards our side."""
    assert term.target is not None and term.walk_away is not None
    raw = term.walk_away + (term.target - term.walk_away) * score / HUNDRED
    quantum = Decimal(1).scaleb(-_places(term))
    # Round in our favour, so rounding never lowers our score below the chosen one.
    rounding = ROUND_CEILING if term.direction.sign > 0 else ROUND_FLOOR
    return tidy(raw.quantize(quantum, rounding=rounding))


def _trade_ratio(term: Term) -> Decimal:
    """How much the other side weighs the term per point of our weight."""
    return Decimal(term.weight_of(Side.THEM) or 0) / Decimal(term.weight_of(Side.US))


def _orders(terms: list[Term]) -> list[list[Term]]:
    """Distinct orders in which to give ground: each package leads with another term.

    Terms the other side values most per point of ours come first (the cheapest
    concessions to make), and one package spreads the concession over all terms.
    """
    ranked = sorted(terms, key=lambda t: (-_trade_ratio(t), t.name))
    return [ranked[k:] + ranked[:k] for k in range(len(ranked))]


def _concentrated(
    terms: list[Term], order: list[Term], score: Decimal, total_weight: int
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
    return {t.name: _value_at(t, scores[t.name]) for t in terms}


def _spread(terms: list[Term], score: Decimal, total_weight: int) -> dict[str, Decimal]:
    room = sum(t.weight_of(Side.US) for t in terms)
    each = HUNDRED - (HUNDRED - score) * total_weight / room
    return {t.name: _value_at(t, each) for t in terms}


def equivalent_packages(
    terms: Sequence[Term],
    score: Decimal,
    batna_score: Decimal | None = None,
    count: int = MAX_PACKAGES,
) -> list[Package]:
    """Up to `count` different packages that each score `score` for us.

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
                    "give it a target and a walk-away, in order, before proposing "
                    "packages (or set its weight to 0)"
                ),
                term.name,
            )
    usable = tradable_terms(terms)
    if not usable:
        raise InputError(
            _("No weighted term has its target and walk-away in order: nothing to trade"),
            "terms",
        )
    # Terms with no room (target = walk-away) stay at their target and keep their weight.
    total_weight = sum(t.weight_of(Side.US) for t in weighted)
    room = sum(t.weight_of(Side.US) for t in usable)
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
    for values in candidates:
        full = dict(values)
        for term in terms:
            if term.name not in full and term.target is not None:
                full[term.name] = term.target
        if any(p.values == full for p in packages):
            continue
        packages.append(_package(terms, full, usable))
        if len(packages) == count:
            break
    return packages


def _package(terms: Sequence[Term], values: dict[str, Decimal], usable: list[Term]) -> Package:
    given = []
    for term in usable:
        assert term.target is not None and term.walk_away is not None
        share = abs(values[term.name] - term.target) / abs(term.target - term.walk_away)
        if share > 0:
            given.append((share * term.weight_of(Side.US), term.name))
    given.sort(key=lambda item: (-item[0], item[1]))
    return Package(
        values=values,
        score=package_score(terms, values, Side.US),
        their_score=package_score(terms, values, Side.THEM),
        conceding_terms=tuple(name for _, name in given),
    )
