"""The packages worth considering: candidates, the efficient frontier, the deal zone,
the Nash package and what an offer leaves on the table.

A package's score is additive over terms (Σ wᵢ·sᵢ / Σ wᵢ for each side), so the
frontier of the whole is built from the terms' own: the Pareto set of partial sums is
merged term by term (the frontier of a sum lies within the sums of the parts'
frontiers), on integer arrays (domain.package_search). The last step keeps, per
two-decimal score of ours, the package best for them, and the survivors are scored
again exactly (Decimal) and compared on two-decimal scores, as every comparison in the
app is.
"""

from __future__ import annotations

import bisect
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from salesdesk.domain.errors import InputError
from salesdesk.domain.package_search import (
    Choices,
    ScoredPackage,
    is_move,
    package_terms,
    pareto_packages,
)
from salesdesk.domain.scoring import package_score
from salesdesk.domain.terms import (
    Side,
    Term,
    Value,
    can_score,
    candidate_values,
    each_at_least_as_good,
    positions_in_order,
    value_scores,
)
from salesdesk.i18n import _

# How many frontier packages `frontier --json` and the brief show (thinned evenly).
SHOWN = 40
# Whose walk-aways bound the deal zone.
BOTH = (Side.US, Side.THEM)


@dataclass(frozen=True, slots=True)
class DealMap:
    """The frontier (our score highest first), the Nash package, the deal zone."""

    frontier: list[ScoredPackage]
    nash: ScoredPackage | None
    deal_zone: bool
    our_batna: Decimal | None = None
    their_batna: Decimal | None = None
    # Per frontier package (same order): whether it lies in the deal zone.
    in_zone: list[bool] = field(default_factory=list)
    # The deal zone's own frontier (every walk-away kept, both BATNAs met), where Nash
    # is chosen: inside the frontier when the walk-aways rule out its packages.
    zone_frontier: list[ScoredPackage] = field(default_factory=list)
    # Every term's candidates with both scores (`term_choices`), for a MESO on the same terms.
    choices: list[Choices] = field(default_factory=list, compare=False, repr=False)


def check_scorable(terms: Sequence[Term]) -> None:
    """Raise InputError naming the first term that keeps packages from being scored
    from both sides (the frontier needs both)."""
    weighted = package_terms(terms)
    if not any(t.weight_of(Side.US) > 0 for t in weighted):
        raise InputError(_("No term has a weight for us: nothing to score"), "weight")
    if not any(t.weight_of(Side.THEM) > 0 for t in weighted):
        raise InputError(
            _("No term has an estimated weight for them: their scores cannot be told"),
            "their_weight",
        )
    for term in weighted:
        for side in (Side.US, Side.THEM):
            if term.weight_of(side) <= 0:
                continue
            if not can_score(term, side):
                raise InputError(
                    _("give it options, score points, or an opening and a walk-away for both sides")
                    if term.is_options or side is Side.US
                    else _("give it their estimated opening and walk-away (or score points)"),
                    term.name,
                )
            if not positions_in_order(term, side):
                raise InputError(_("its positions are out of order"), term.name)
        if not candidate_values(term):
            raise InputError(_("it has no value to propose"), term.name)


def term_choices(terms: Sequence[Term], sides: Sequence[Side] = ()) -> list[Choices]:
    """Each weighted term's candidates with their exact scores (0 for a side that does
    not weigh the term), keeping only values within the walk-aways of `sides` (where
    known), each read on its own side's scores."""
    out = []
    for term in package_terms(terms):
        candidates = candidate_values(term)
        every = Choices(term, candidates, [], [])
        candidates = [candidates[i] for i in _kept(every, sides)] if sides else candidates
        values: list[Value] = []
        ours: list[Decimal] = []
        theirs: list[Decimal] = []
        for value, a, b in zip(
            candidates,
            _scores(term, candidates, Side.US),
            _scores(term, candidates, Side.THEM),
            strict=True,
        ):
            if a is not None and b is not None:
                values.append(value)
                ours.append(a)
                theirs.append(b)
        out.append(Choices(term, values, ours, theirs))
    return out


def _scores(term: Term, values: Sequence[Value], side: Side) -> list[Decimal | None]:
    """What each value is worth to `side`; 0 when the side does not weigh the term."""
    if term.weight_of(side) <= 0:
        return [Decimal(0)] * len(values)
    return value_scores(term, values, side)


def within_walk_aways(choices: Sequence[Choices], sides: Sequence[Side]) -> list[Choices]:
    """The choices kept to the values within the walk-aways of `sides`."""
    out = []
    for c in choices:
        keep = _kept(c, sides)
        if len(keep) == len(c.values):
            out.append(c)
        else:
            out.append(
                Choices(
                    c.term,
                    [c.values[i] for i in keep],
                    [c.ours[i] for i in keep],
                    [c.theirs[i] for i in keep],
                )
            )
    return out


def _kept(choice: Choices, sides: Sequence[Side]) -> list[int]:
    """The indexes of the choice's values within the walk-aways of `sides`."""
    term, values = choice.term, choice.values
    keep = list(range(len(values)))
    for side in sides:
        walk_away = term.positions(side)[2]
        if walk_away is not None:
            good = each_at_least_as_good(term, [values[i] for i in keep], walk_away, side)
            keep = [i for i, ok in zip(keep, good, strict=True) if ok]
    return keep


def _within_walk_aways(term: Term, value: Value, sides: Sequence[Side] = BOTH) -> bool:
    for side in sides:
        walk_away = term.positions(side)[2]
        if walk_away is not None and not term.at_least_as_good(value, walk_away, side):
            return False
    return True


def in_deal_zone(
    terms: Sequence[Term],
    package: ScoredPackage,
    our_batna: Decimal | None,
    their_batna: Decimal | None,
) -> bool:
    """Every value within both walk-aways, and each side's score at least its BATNA's."""
    for term in package_terms(terms):
        value = package.values.get(term.name)
        if value is None or not _within_walk_aways(term, value):
            return False
    if our_batna is not None and package.score < our_batna:
        return False
    return their_batna is None or package.their_score >= their_batna


def score_package(terms: Sequence[Term], values: Mapping[str, Value]) -> ScoredPackage | None:
    """A package with its two-decimal scores and moves, or None when it cannot be scored."""
    full = dict(values)
    score = package_score(terms, full, Side.US)
    their_score = package_score(terms, full, Side.THEM)
    if score is None or their_score is None:
        return None
    moves = tuple(
        t.name for t in package_terms(terms) if t.name in full and is_move(t, full[t.name])
    )
    return ScoredPackage(full, score, their_score, moves)


def frontier(terms: Sequence[Term]) -> list[ScoredPackage]:
    """The efficient frontier over the candidate packages, our score highest first."""
    return pareto_packages(terms, term_choices(terms))


def nash_package(
    zone_frontier: Sequence[ScoredPackage],
    our_batna: Decimal | None,
    their_batna: Decimal | None,
) -> ScoredPackage | None:
    """Max (score − our BATNA) × (their score − their BATNA) over the deal zone's
    frontier (an unknown BATNA counts 0); ties to the higher score for us."""
    ours, theirs = our_batna or Decimal(0), their_batna or Decimal(0)
    best: tuple[Decimal, Decimal] | None = None
    chosen = None
    for package in zone_frontier:
        if package.score < ours or package.their_score < theirs:
            continue
        rank = ((package.score - ours) * (package.their_score - theirs), package.score)
        if best is None or rank > best:
            best, chosen = rank, package
    return chosen


# Deal maps recently computed, by what they depend on: the worksheet's analysis runs at
# every edit, and most edits (an offer, a ledger entry, a note) leave the terms alone.
# The app computes them on a worker thread too: the lock keeps the cache whole.
_RECENT: OrderedDict[tuple[str, Decimal | None, Decimal | None], DealMap] = OrderedDict()
_KEPT = 8
_LOCK = threading.Lock()


def _key(
    terms: Sequence[Term], our_batna: Decimal | None, their_batna: Decimal | None
) -> tuple[str, Decimal | None, Decimal | None]:
    return (repr(list(terms)), our_batna, their_batna)


def known_deal_map(
    terms: Sequence[Term], our_batna: Decimal | None, their_batna: Decimal | None
) -> DealMap | None:
    """The deal map of these terms when already computed, else None (nothing computed)."""
    key = _key(terms, our_batna, their_batna)
    with _LOCK:
        found = _RECENT.get(key)
        if found is not None:
            _RECENT.move_to_end(key)
        return found


def deal_map(
    terms: Sequence[Term], our_batna: Decimal | None, their_batna: Decimal | None
) -> DealMap:
    """The frontier, which of it lies in the deal zone, whether one exists, and Nash.

    Raises InputError when packages cannot be scored from both sides. The result is
    shared with later calls on equal terms: read it, do not change it.
    """
    found = known_deal_map(terms, our_batna, their_batna)
    if found is not None:
        return found
    found = _deal_map(terms, our_batna, their_batna)
    with _LOCK:
        _RECENT[_key(terms, our_batna, their_batna)] = found
        while len(_RECENT) > _KEPT:
            _RECENT.popitem(last=False)
    return found


def _deal_map(
    terms: Sequence[Term], our_batna: Decimal | None, their_batna: Decimal | None
) -> DealMap:
    check_scorable(terms)
    everywhere = term_choices(terms)
    whole = pareto_packages(terms, everywhere)
    zone_choices = within_walk_aways(everywhere, BOTH)
    restricted = any(
        len(z.values) != len(c.values) for z, c in zip(zone_choices, everywhere, strict=True)
    )
    zone_frontier = pareto_packages(terms, zone_choices) if restricted else whole
    allowed = {c.term.name: set(c.values) for c in zone_choices}

    def in_zone(package: ScoredPackage) -> bool:
        return (
            all(package.values[name] in values for name, values in allowed.items())
            and (our_batna is None or package.score >= our_batna)
            and (their_batna is None or package.their_score >= their_batna)
        )

    within = [
        p
        for p in zone_frontier
        if (our_batna is None or p.score >= our_batna)
        and (their_batna is None or p.their_score >= their_batna)
    ]
    return DealMap(
        frontier=whole,
        nash=nash_package(within, our_batna, their_batna),
        deal_zone=bool(within),
        our_batna=our_batna,
        their_batna=their_batna,
        in_zone=[in_zone(p) for p in whole],
        zone_frontier=within,
        choices=everywhere,
    )


def left_on_table(
    frontier_: Sequence[ScoredPackage], score: Decimal, their_score: Decimal, ours: bool
) -> Decimal:
    """The most the other side could gain, at no loss to the offer's maker, by moving
    to the frontier; 0 on (or beyond) the frontier.

    For an offer of ours: the highest their_score among frontier packages scoring at
    least the offer's for us, minus the offer's their_score; symmetric for theirs.
    """
    if ours:
        gains = [p.their_score for p in frontier_ if p.score >= score]
        best = max(gains, default=None)
        return max(Decimal(0), best - their_score) if best is not None else Decimal(0)
    gains = [p.score for p in frontier_ if p.their_score >= their_score]
    best = max(gains, default=None)
    return max(Decimal(0), best - score) if best is not None else Decimal(0)


def thinned(
    frontier_: Sequence[ScoredPackage], keep: ScoredPackage | None = None, limit: int = SHOWN
) -> list[ScoredPackage]:
    """At most `limit` packages of the frontier, evenly spread; the first, the last and
    `keep` (the Nash package) always among them."""
    items = list(frontier_)
    if len(items) <= limit:
        return items
    chosen = {round(i * (len(items) - 1) / (limit - 1)) for i in range(limit)}
    if keep is not None and keep in items:
        index = items.index(keep)
        if index not in chosen:
            # Give up the nearest chosen one that is neither end.
            inner = sorted(chosen - {0, len(items) - 1}, key=lambda i: abs(i - index))
            chosen.discard(inner[0])
            chosen.add(index)
    return [items[i] for i in sorted(chosen)]


def best_for_them_at(frontier_: Sequence[ScoredPackage], score: Decimal) -> ScoredPackage | None:
    """The frontier package best for them among those scoring at least `score` for us."""
    scores = [-p.score for p in frontier_]  # ascending
    index = bisect.bisect_right(scores, -score)
    return frontier_[index - 1] if index else None
