"""Multiple equivalent simultaneous offers (MESO): packages worth the same to us.

Each package scores the chosen score for us, within one point, but moves a different
set of terms, so it is worth something different to the other side; which one they
pick shows what they care about, without giving anything more away.

With both sides' scores known, the packages come from the frontier of what we can
accept (every value within our walk-aways): at our score N, the packages as good as
possible for them, the best first, each moving a different set of terms, and none
below their BATNA's score when another one is not. Without their estimates, the
packages are built equal for us only (domain.meso_steps).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from salesdesk.domain import frontier as fr
from salesdesk.domain import package_search as ps
from salesdesk.domain.errors import InputError
from salesdesk.domain.meso_steps import MAX_PACKAGES, TOLERANCE, Package, packages_equal_for_us
from salesdesk.domain.scoring import HUNDRED, round_score
from salesdesk.domain.terms import Side, Term
from salesdesk.i18n import _

__all__ = ["MAX_PACKAGES", "TOLERANCE", "Package", "equivalent_packages"]

# Extra frontiers computed (each with one more term held at our opening) when the
# frontier alone has too few packages with different moves near the score.
_MAX_HELD = 3


def equivalent_packages(
    terms: Sequence[Term],
    score: Decimal,
    batna_score: Decimal | None = None,
    count: int = MAX_PACKAGES,
    their_batna: Decimal | None = None,
    deal: fr.DealMap | None = None,
) -> list[Package]:
    """Up to `count` packages scoring `score` for us (within a point), on steps.
    `deal`, the deal map of these very terms when at hand, spares scoring their
    candidates again (it exists only for terms scorable from both sides).

    Raises InputError when the score is out of range or the worksheet cannot be scored.
    """
    if deal is None:
        try:
            fr.check_scorable(terms)
        except InputError:
            return packages_equal_for_us(terms, score, batna_score, count)
    floor = batna_score if batna_score is not None else Decimal(0)
    if not floor <= score <= HUNDRED:
        raise InputError(
            _("The score must lie between our BATNA's score ({low}) and 100").format(low=floor),
            "score",
        )
    choices = (
        fr.term_choices(terms, (Side.US,))
        if deal is None or not deal.choices
        else fr.within_walk_aways(deal.choices, (Side.US,))
    )
    band = (max(score - TOLERANCE, floor), score + TOLERANCE)
    found = ps.pareto_packages(terms, choices, band, aim=score)
    if not found:
        weight = sum((c.term.weight_of(Side.US) for c in choices), Decimal(0))
        lowest = round_score(
            sum(
                (c.term.weight_of(Side.US) * min(c.ours, default=HUNDRED) for c in choices),
                Decimal(0),
            )
            / weight
        )
        raise InputError(
            _("Even at every walk-away the package scores {low}: choose a higher score").format(
                low=lowest
            ),
            "score",
        )
    picked = _distinct(found, score, count, their_batna)
    held: set[str] = set()
    # Too few different sets of moves on the frontier: hold, one at a time, a term the
    # best package moves at our opening, and take the best of that frontier too.
    while len(picked) < count and len(held) < _MAX_HELD:
        term = next(
            (
                t
                for t in terms
                if t.name in found[0].moves and t.name not in held and t.opening is not None
            ),
            None,
        )
        if term is None:
            break
        held.add(term.name)
        fixed = [_held(c) if c.term.name == term.name else c for c in choices]
        found += ps.pareto_packages(terms, fixed, band, aim=score)
        picked = _distinct(found, score, count, their_batna)
    return [Package(p.values, p.score, p.their_score, p.moves) for p in picked]


def _held(choice: ps.Choices) -> ps.Choices:
    """The term's choices reduced to our opening (none when it is not a candidate)."""
    opening = choice.term.opening
    if opening not in choice.values:
        return ps.Choices(choice.term, [], [], [])
    i = choice.values.index(opening)
    return ps.Choices(choice.term, [opening], [choice.ours[i]], [choice.theirs[i]])


def _distinct(
    found: Sequence[ps.ScoredPackage], score: Decimal, count: int, their_batna: Decimal | None
) -> list[ps.ScoredPackage]:
    """The best for them first, each with moves no earlier one has; none below their
    BATNA's score when another package is not."""
    pool = sorted(found, key=lambda p: (-p.their_score, abs(p.score - score), len(p.moves)))
    if their_batna is not None and any(p.their_score >= their_batna for p in pool):
        pool = [p for p in pool if p.their_score >= their_batna]
    out: list[ps.ScoredPackage] = []
    seen: set[frozenset[str]] = set()
    for package in pool:
        moves = frozenset(package.moves)
        if moves in seen:
            continue
        seen.add(moves)
        out.append(package)
        if len(out) == count:
            break
    return out
