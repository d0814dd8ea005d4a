"""The packages worth considering: candidates, the efficient frontier, the deal zone,
the Nash package and what an offer leaves on the table.

A package's score is additive over terms (Σ wᵢ·sᵢ / Σ wᵢ for each side), so the
frontier of the whole is built from the terms' own: the Pareto set of partial sums is
merged term by term (the frontier of a sum lies within the sums of the parts'
frontiers). A set that grows past `EXACT_LIMIT` is pruned on a score grid (per
`GRID` of our score, the package best for them), which keeps a 10-term worksheet with
100 values per term to a few thousand partial packages per step instead of 100¹⁰.
The last step keeps, per two-decimal score of ours, the package best for them, and
the survivors are scored again exactly (Decimal) and compared on two-decimal scores,
as every comparison in the app is. Small cases are never pruned, so a brute force over
every package (the tests' oracle) gives the same frontier.
"""

from __future__ import annotations

import bisect
import math
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from salesdesk.domain.errors import InputError
from salesdesk.domain.scoring import package_score, round_score
from salesdesk.domain.terms import (
    HUNDRED,
    ZERO,
    Side,
    Term,
    Value,
    can_score,
    candidate_values,
    positions_in_order,
    value_score,
)
from salesdesk.i18n import _

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

# Partial packages kept exactly up to this many per merge step; past it, pruned on GRID.
EXACT_LIMIT = 20_000
# The pruning grid, in points of our score: per cell, the partial package best for them.
GRID = Decimal("0.05")
# How many frontier packages `frontier --json` and the brief show (thinned evenly).
SHOWN = 40
# Whose walk-aways bound the deal zone.
BOTH = (Side.US, Side.THEM)
# A MESO's search keeps, per two-decimal score of ours, this many packages best for them.
_PER_SCORE = 4
# Partial sums are compared as integers of this resolution (weighted points).
_QUANTUM = 1_000_000


@dataclass(frozen=True, slots=True)
class ScoredPackage:
    """A value per term, its two-decimal score for each side, and the terms it moves
    from our opening."""

    values: dict[str, Value]
    score: Decimal
    their_score: Decimal
    moves: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Choices:
    """A term's candidate values and what each is worth to each side (exact)."""

    term: Term
    values: list[Value]
    ours: list[Decimal]
    theirs: list[Decimal]


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


def package_terms(terms: Sequence[Term]) -> list[Term]:
    """The terms a package gives a value: those weighted for either side."""
    return [t for t in terms if t.weight_of(Side.US) > 0 or t.weight_of(Side.THEM) > 0]


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


def is_move(term: Term, value: Value) -> bool:
    return term.opening is None or value != term.opening


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
    """`value_score` of each value (0 when the side does not weigh the term); a plain
    numeric term's line computed as `line_score` computes it, without a call per value."""
    if term.weight_of(side) <= 0:
        return [Decimal(0)] * len(values)
    opening, _, walk_away = term.positions(side)
    if (
        term.is_options
        or len(term.points_of(side)) >= 2
        or not isinstance(opening, Decimal)
        or not isinstance(walk_away, Decimal)
        or opening == walk_away
    ):
        return [value_score(term, value, side) for value in values]
    span = opening - walk_away
    return [
        min(HUNDRED, max(ZERO, HUNDRED * (value - walk_away) / span))
        if isinstance(value, Decimal)
        else None
        for value in values
    ]


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
    """The indexes of the choice's values within the walk-aways of `sides`: on a plain
    numeric term (no options, no score points) `at_least_as_good` is the direction's
    comparison, made here without a call per value."""
    term, values = choice.term, choice.values
    if term.is_options or any(term.points_of(side) for side in sides):
        return [i for i, v in enumerate(values) if _within_walk_aways(term, v, sides)]
    keep = list(range(len(values)))
    for side in sides:
        walk_away = term.positions(side)[2]
        if walk_away is None:
            continue
        if not isinstance(walk_away, Decimal):
            return []
        sign = term.sign(side)
        keep = [
            i
            for i, value in ((i, values[i]) for i in keep)
            if isinstance(value, Decimal) and (value - walk_away) * sign >= 0
        ]
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


def pareto_packages(
    terms: Sequence[Term],
    choices: Sequence[Choices],
    band: tuple[Decimal, Decimal] | None = None,
) -> list[ScoredPackage]:
    """The packages that no other candidate beats on two-decimal scores, our score
    highest first (of packages with the same pair of scores, the one with fewer moves).

    With `band` (low, high): per two-decimal score of ours within it, the package best
    for them, whether or not another one beats it (a MESO's search: at a score below
    the frontier's, the best there is). Partial packages that can no longer reach the
    band are dropped as they form, and none is dropped for scoring less for us.
    Empty when a term has no candidate.
    """
    import numpy as np

    if not choices or any(not c.values for c in choices):
        return []
    w_us = float(sum(t.weight_of(Side.US) for t in package_terms(terms)))
    w_them = float(sum(t.weight_of(Side.THEM) for t in package_terms(terms)))
    a = np.zeros(1, dtype=np.int64)
    b = np.zeros(1, dtype=np.int64)
    m = np.zeros(1, dtype=np.int64)
    steps: list[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]] = []
    kept = [_own_best(c, pareto=band is None) for c in choices]
    weighted = [_weighted(c, k) for c, k in zip(choices, kept, strict=True)]
    # What the terms still to merge can add to our sum, at most and at least.
    rest_max = [sum(int(w[0].max()) for w in weighted[n + 1 :]) for n in range(len(choices))]
    rest_min = [sum(int(w[0].min()) for w in weighted[n + 1 :]) for n in range(len(choices))]
    for n in range(len(choices)):
        last = n == len(choices) - 1
        keep = kept[n]
        ca, cb, cm = weighted[n]
        alive = None
        if band is None:
            ea = (a[:, None] + ca[None, :]).ravel()
            eb = (b[:, None] + cb[None, :]).ravel()
            em = (m[:, None] + cm[None, :]).ravel()
        else:
            # A partial package whose best (worst) completion stays below (above) the
            # band cannot end in it; a little slack for the final rounding.
            low = float(band[0] - Decimal("0.01")) * w_us * _QUANTUM
            high = float(band[1] + Decimal("0.01")) * w_us * _QUANTUM
            alive = _in_band(a, ca, math.ceil(low) - rest_max[n], math.floor(high) - rest_min[n])
            if alive.size == 0:
                return []
            rows, columns = np.divmod(alive, len(keep))
            ea, eb, em = a[rows] + ca[columns], b[rows] + cb[columns], m[rows] + cm[columns]
        pareto = band is None
        if last and not pareto:
            # Per score of ours, the few best for them: the MESO's choice of moves.
            cells = _hundredths(ea, w_us)
            survivors = _top_per_cell(cells, ea, _hundredths(eb, w_them), em, _PER_SCORE)
        elif last:
            # Our final score, two decimals half up: per score, the best for them.
            cells = _hundredths(ea, w_us)
            survivors = _best_per_cell(cells, ea, _hundredths(eb, w_them), em, pareto)
        elif ea.size > EXACT_LIMIT:
            width = float(GRID) * w_us * _QUANTUM
            cells = np.floor(ea / width).astype(np.int64)
            survivors = _best_per_cell(cells, ea, eb, em, pareto)
        elif pareto:
            survivors = _pareto(ea, eb, em)
        else:
            # Exact: one cell per distinct sum of ours.
            cells = np.unique(ea, return_inverse=True)[1].astype(np.int64)
            survivors = _best_per_cell(cells, ea, eb, em, pareto)
        flat = survivors if alive is None else alive[survivors]
        parents = flat // len(keep)
        picked = np.asarray(keep, dtype=np.int64)[flat % len(keep)]
        steps.append((parents, picked))
        a, b, m = ea[survivors], eb[survivors], em[survivors]
    packages = _packages(choices, steps, (a, b))
    if band is None:
        return _exact_frontier(packages)
    inside = [p for p in packages if band[0] <= p.score <= band[1]]
    return sorted(inside, key=lambda p: (-p.score, -p.their_score, len(p.moves)))


def _in_band(
    sums: npt.NDArray[np.int64], adds: npt.NDArray[np.int64], low: int, high: int
) -> npt.NDArray[np.int64]:
    """The flat indexes (row · len(adds) + column, ascending) of the pairs whose
    sums[row] + adds[column] lie within [low, high]: per row, the columns in range are
    one run of the adds in order, so only the pairs kept are ever formed (a MESO's band
    is narrow: most of the outer sum falls outside it)."""
    import numpy as np

    order = np.argsort(adds, kind="stable")
    ordered = adds[order]
    first = np.searchsorted(ordered, low - sums, side="left")
    last = np.searchsorted(ordered, high - sums, side="right")
    counts = np.maximum(last - first, 0)
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    rows = np.repeat(np.arange(sums.size, dtype=np.int64), counts)
    runs = np.cumsum(counts) - counts
    columns = order[np.repeat(first, counts) + np.arange(total) - np.repeat(runs, counts)]
    return np.sort(rows * adds.size + columns)


def _hundredths(sums: npt.NDArray[np.int64], weight: float) -> npt.NDArray[np.int64]:
    """A side's package score in hundredths, rounded half up (checked exactly later)."""
    import numpy as np

    return np.floor(sums / (weight * _QUANTUM) * 100 + 0.5 + 1e-9).astype(np.int64)


def _own_best(choice: Choices, pareto: bool = True) -> list[int]:
    """The term's own candidates that no other of its candidates beats (a package's
    value on a term is one of them, or another package beats it); without `pareto`,
    per score of ours the one best for them."""
    order = sorted(
        range(len(choice.values)),
        key=lambda i: (-choice.ours[i], -choice.theirs[i], is_move(choice.term, choice.values[i])),
    )
    kept: list[int] = []
    best: Decimal | None = None
    seen: set[Decimal] = set()
    for i in order:
        if pareto and (best is None or choice.theirs[i] > best):
            kept.append(i)
            best = choice.theirs[i]
        elif not pareto and choice.ours[i] not in seen:
            kept.append(i)
            seen.add(choice.ours[i])
    return kept


def _weighted(
    choice: Choices, keep: list[int]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    import numpy as np

    term = choice.term
    wa, wb = term.weight_of(Side.US), term.weight_of(Side.THEM)
    ca = np.array([round(wa * choice.ours[i] * _QUANTUM) for i in keep], dtype=np.int64)
    cb = np.array([round(wb * choice.theirs[i] * _QUANTUM) for i in keep], dtype=np.int64)
    cm = np.array([int(is_move(term, choice.values[i])) for i in keep], dtype=np.int64)
    return ca, cb, cm


def _pareto(
    a: npt.NDArray[np.int64], b: npt.NDArray[np.int64], m: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """Indexes of the points no other point beats (ties: the fewest moves)."""
    import numpy as np

    order = _sorted_by((-a, -b, m))
    sb = b[order]
    before = np.maximum.accumulate(np.concatenate(([np.iinfo(np.int64).min], sb[:-1])))
    return np.sort(order[sb > before])


def _best_per_cell(
    cells: npt.NDArray[np.int64],
    a: npt.NDArray[np.int64],
    b: npt.NDArray[np.int64],
    m: npt.NDArray[np.int64],
    pareto: bool = True,
) -> npt.NDArray[np.int64]:
    """Per cell of our score, the point best for them; then (with `pareto`) those no
    other beats."""
    import numpy as np

    low = int(cells.min())
    shifted = cells - low
    best = np.full(int(shifted.max()) + 1, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(best, shifted, b)
    tops = np.flatnonzero(b == best[shifted])
    # Among a cell's ties for them: the most for us, then the fewest moves.
    order = _sorted_by((shifted[tops], -a[tops], m[tops]))
    tops = tops[order]
    first = np.concatenate(([True], shifted[tops][1:] != shifted[tops][:-1]))
    winners = tops[first]
    if not pareto:
        return np.sort(winners)
    return winners[_pareto(cells[winners], b[winners], m[winners])]


def _sorted_by(keys: Sequence[npt.NDArray[np.int64]]) -> npt.NDArray[np.int64]:
    """The stable order by `keys`, the first one major: `np.lexsort` with the keys the
    other way round, packed into one integer when their ranges fit in 63 bits (one
    sort instead of one per key; the order, ties included, is the same)."""
    import numpy as np

    if keys[0].size == 0:
        return np.zeros(0, dtype=np.int64)
    lows = [int(k.min()) for k in keys]
    spans = [int(k.max()) - low for k, low in zip(keys, lows, strict=True)]
    bits = [span.bit_length() for span in spans]
    if sum(bits) > 63:
        return np.lexsort(tuple(reversed(keys)))
    packed = np.zeros(keys[0].size, dtype=np.int64)
    for key, low, width in zip(keys, lows, bits, strict=True):
        packed <<= width
        packed |= key - low
    return np.argsort(packed, kind="stable")


def _top_per_cell(
    cells: npt.NDArray[np.int64],
    a: npt.NDArray[np.int64],
    b: npt.NDArray[np.int64],
    m: npt.NDArray[np.int64],
    count: int,
) -> npt.NDArray[np.int64]:
    """Per cell, the `count` points best for them (ties: more for us, fewer moves)."""
    import numpy as np

    order = _sorted_by((cells, -b, -a, m))
    sorted_cells = cells[order]
    starts = np.flatnonzero(np.concatenate(([True], sorted_cells[1:] != sorted_cells[:-1])))
    rank = np.arange(order.size) - np.repeat(starts, np.diff(np.append(starts, order.size)))
    return np.sort(order[rank < count])


def _packages(
    choices: Sequence[Choices],
    steps: list[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]],
    sums: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]],
) -> list[ScoredPackage]:
    """The packages the survivors stand for, with their two-decimal scores: read on the
    integer sums, or computed exactly (Decimal) when a sum lies near a rounding edge."""
    import numpy as np

    index = np.arange(sums[0].size)
    picks: list[npt.NDArray[np.int64]] = []
    for parents, picked in reversed(steps):
        picks.append(picked[index])
        index = parents[index]
    picks.reverse()
    columns = [p.tolist() for p in picks]
    weights = [
        sum((c.term.weight_of(side) for c in choices), Decimal(0)) for side in (Side.US, Side.THEM)
    ]
    decimals: dict[int, Decimal] = {}
    sides: list[list[Decimal]] = []
    for side, total, weight in zip((Side.US, Side.THEM), sums, weights, strict=True):
        x = total / (float(weight) * _QUANTUM) * 100 + 0.5
        sure = (np.abs(x - np.round(x)) > 1e-4).tolist()
        scored = []
        for n, h in enumerate(np.floor(x).astype(np.int64).tolist()):
            if sure[n]:
                score = decimals.get(h)
                if score is None:
                    score = decimals[h] = Decimal(h).scaleb(-2)
            else:
                exact = sum(
                    (
                        c.term.weight_of(side) * (c.ours if side is Side.US else c.theirs)[col[n]]
                        for c, col in zip(choices, columns, strict=True)
                    ),
                    Decimal(0),
                )
                score = round_score(exact / weight)
            scored.append(score)
        sides.append(scored)
    names = [c.term.name for c in choices]
    per_term = [[c.values[i] for i in col] for c, col in zip(choices, columns, strict=True)]
    values = zip(*per_term, strict=True)
    return [
        ScoredPackage(dict(zip(names, row, strict=True)), ours, theirs, moves)
        for row, ours, theirs, moves in zip(
            values, sides[0], sides[1], _moves(choices, picks), strict=True
        )
    ]


def _moves(
    choices: Sequence[Choices], picks: Sequence[npt.NDArray[np.int64]]
) -> list[tuple[str, ...]]:
    """Per package, the terms it moves: a bit per term, one tuple of names per set."""
    import numpy as np

    names = [c.term.name for c in choices]
    size = picks[0].size if picks else 0
    if len(names) > 62:  # more terms than bits: one at a time
        flags = [[is_move(c.term, v) for v in c.values] for c in choices]
        rows = zip(*(p.tolist() for p in picks), strict=True)
        return [tuple(n for n, f, i in zip(names, flags, row, strict=True) if f[i]) for row in rows]
    moved = np.zeros(size, dtype=np.int64)
    for bit, (c, pick) in enumerate(zip(choices, picks, strict=True)):
        flags_ = np.asarray([is_move(c.term, v) for v in c.values], dtype=np.int64)
        moved |= flags_[pick] << bit
    sets = {
        mask: tuple(name for bit, name in enumerate(names) if mask >> bit & 1)
        for mask in np.unique(moved).tolist()
    }
    return [sets[mask] for mask in moved.tolist()]


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


def _exact_frontier(packages: list[ScoredPackage]) -> list[ScoredPackage]:
    ordered = sorted(packages, key=lambda p: (-p.score, -p.their_score, len(p.moves)))
    out: list[ScoredPackage] = []
    for package in ordered:
        if not out or package.their_score > out[-1].their_score:
            out.append(package)
    return out


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
