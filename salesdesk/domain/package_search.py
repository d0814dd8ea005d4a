"""The packages no other beats, searched on integer arrays: each term's candidates
weighted as integers of `_QUANTUM`, partial packages merged term by term and pruned as
they form (the Pareto set of partial sums, or per score of ours the best for them),
the survivors scored again exactly (Decimal).

A set that grows past `EXACT_LIMIT` is pruned on a score grid (per `GRID` of our
score, the package best for them), which keeps a 10-term worksheet with 100 values per
term to a few thousand partial packages per step instead of 100¹⁰. Small cases are
never pruned, so a brute force over every package (the tests' oracle) gives the same
frontier. A MESO's search (a `band` of our score) forms only the pairs that can end in
its band.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from salesdesk.domain.scoring import round_score
from salesdesk.domain.terms import Side, Term, Value

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

# Partial packages kept exactly up to this many per merge step; past it, pruned on GRID.
EXACT_LIMIT = 20_000
# The pruning grid, in points of our score: per cell, the partial package best for them.
GRID = Decimal("0.05")
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


def package_terms(terms: Sequence[Term]) -> list[Term]:
    """The terms a package gives a value: those weighted for either side."""
    return [t for t in terms if t.weight_of(Side.US) > 0 or t.weight_of(Side.THEM) > 0]


def is_move(term: Term, value: Value) -> bool:
    return term.opening is None or value != term.opening


def pareto_packages(
    terms: Sequence[Term],
    choices: Sequence[Choices],
    band: tuple[Decimal, Decimal] | None = None,
    *,
    aim: Decimal | None = None,
) -> list[ScoredPackage]:
    """The packages that no other candidate beats on two-decimal scores, our score
    highest first (of packages with the same pair of scores, the one with fewer moves).

    With `band` (low, high): per two-decimal score of ours within it, the package best
    for them, whether or not another one beats it (a MESO's search: at a score below
    the frontier's, the best there is). Partial packages that can no longer reach the
    band are dropped as they form, and none is dropped for scoring less for us. With
    `aim` as well (the score a MESO aims at), only the packages that may come first
    among those moving the same terms (best for them, then nearest the aim), or first
    for us: all a MESO chooses from (the others are never built).
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
    picks = _picks(steps, a.size)
    masks = _move_masks(choices, picks)
    if band is not None and aim is not None and masks is not None:
        chosen = _contenders(choices, masks, (a, b), band, aim)
        picks, a, b, masks = [p[chosen] for p in picks], a[chosen], b[chosen], masks[chosen]
    packages = _packages(choices, picks, (a, b), masks)
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


def _picks(
    steps: list[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]], size: int
) -> list[npt.NDArray[np.int64]]:
    """Per term, the candidate each of the `size` survivors took (traced back through
    the merge steps)."""
    import numpy as np

    index = np.arange(size)
    picks: list[npt.NDArray[np.int64]] = []
    for parents, picked in reversed(steps):
        picks.append(picked[index])
        index = parents[index]
    picks.reverse()
    return picks


def _contenders(
    choices: Sequence[Choices],
    masks: npt.NDArray[np.int64],
    sums: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]],
    band: tuple[Decimal, Decimal],
    aim: Decimal,
) -> npt.NDArray[np.int64]:
    """The survivors that may, once scored exactly, come first among the packages in
    the band that move the same terms (best for them, then nearest `aim`), or first
    for us. `masks`: the terms each survivor moves, as bits (`_move_masks`).

    A hundredth read on the integer sums is exact away from a rounding edge, and off by
    one at most near one: a survivor is dropped only when another, surely in the band
    and moving the same terms, surely beats it.
    """
    import numpy as np

    (ours, ours_sure), (theirs, theirs_sure) = (
        _readings(total, weight) for total, weight in zip(sums, _weights(choices), strict=True)
    )
    if ours.size == 0:
        return np.arange(ours.size)
    ours_low, ours_high = ours - ~ours_sure, ours + ~ours_sure
    theirs_low, theirs_high = theirs - ~theirs_sure, theirs + ~theirs_sure
    inside = (ours_low >= math.ceil(band[0] * 100)) & (ours_high <= math.floor(band[1] * 100))
    if not inside.any():
        return np.arange(ours.size)
    target = float(aim * 100)
    near = np.maximum(np.maximum(ours_low - target, target - ours_high), 0.0)
    far = np.maximum(np.abs(ours_low - target), np.abs(ours_high - target))
    kinds, kind = np.unique(masks, return_inverse=True)
    # Surely better for them: a sure package of the set scores surely more for them.
    top = np.full(kinds.size, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(top, kind[inside], theirs_low[inside])
    beaten = top[kind] > theirs_high
    # As good for them and surely nearer: per set, the sure packages by their floor for
    # them (highest first), with the least distance so far; a survivor looks up those
    # at least as good for them as its ceiling.
    span = int(theirs_high.max() - theirs_low.min()) + 2
    base = int(theirs_low.min())
    sure_index = np.flatnonzero(inside)
    key = kind[sure_index] * span - (theirs_low[sure_index] - base)
    order = np.argsort(key, kind="stable")
    key, sure_index = key[order], sure_index[order]
    best = (far[sure_index] - kind[sure_index] * (far.max() + 1.0)).copy()
    best = np.minimum.accumulate(best) + kind[sure_index] * (far.max() + 1.0)
    at = np.searchsorted(key, kind * span - (theirs_high - base), side="right") - 1
    found = (at >= 0) & (kind[sure_index[np.maximum(at, 0)]] == kind)
    beaten |= found & (best[np.maximum(at, 0)] < near - 1e-9)
    first_for_us = ours_high >= int(ours_low[inside].max())
    return np.flatnonzero(~inside | ~beaten | first_for_us)


def _weights(choices: Sequence[Choices]) -> list[Decimal]:
    """The total weight of each side (ours, theirs) over the terms of the choices."""
    return [
        sum((c.term.weight_of(side) for c in choices), Decimal(0)) for side in (Side.US, Side.THEM)
    ]


def _readings(
    total: npt.NDArray[np.int64], weight: Decimal
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """A side's package scores in hundredths (rounded half up) as read on the integer
    sums, and whether each reading is sure: away from a rounding edge (else it is off
    by one at most, and scored exactly)."""
    import numpy as np

    x = total / (float(weight) * _QUANTUM) * 100 + 0.5
    return np.floor(x).astype(np.int64), np.abs(x - np.round(x)) > 1e-4


def _packages(
    choices: Sequence[Choices],
    picks: Sequence[npt.NDArray[np.int64]],
    sums: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]],
    masks: npt.NDArray[np.int64] | None,
) -> list[ScoredPackage]:
    """The packages the survivors stand for, with their two-decimal scores: read on the
    integer sums, or computed exactly (Decimal) when a sum lies near a rounding edge."""

    columns = [p.tolist() for p in picks]
    decimals: dict[int, Decimal] = {}
    sides: list[list[Decimal]] = []
    for side, total, weight in zip((Side.US, Side.THEM), sums, _weights(choices), strict=True):
        hundredths, sure = (r.tolist() for r in _readings(total, weight))
        scored = []
        for n, h in enumerate(hundredths):
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
            values, sides[0], sides[1], _moves(choices, picks, masks), strict=True
        )
    ]


def _move_masks(
    choices: Sequence[Choices], picks: Sequence[npt.NDArray[np.int64]]
) -> npt.NDArray[np.int64] | None:
    """Per package, the terms it moves as the bits of an integer (None past 62 terms)."""
    import numpy as np

    if len(choices) > 62:
        return None
    moved = np.zeros(picks[0].size if picks else 0, dtype=np.int64)
    for bit, (c, pick) in enumerate(zip(choices, picks, strict=True)):
        flags = np.asarray([is_move(c.term, v) for v in c.values], dtype=np.int64)
        moved |= flags[pick] << bit
    return moved


def _moves(
    choices: Sequence[Choices],
    picks: Sequence[npt.NDArray[np.int64]],
    moved: npt.NDArray[np.int64] | None,
) -> list[tuple[str, ...]]:
    """Per package, the terms it moves: from its bits (`_move_masks`), one tuple of
    names per set; past 62 terms (`moved` None), one term at a time."""
    import numpy as np

    names = [c.term.name for c in choices]
    if moved is None:  # more terms than bits: one at a time
        flags = [[is_move(c.term, v) for v in c.values] for c in choices]
        rows = zip(*(p.tolist() for p in picks), strict=True)
        return [tuple(n for n, f, i in zip(names, flags, row, strict=True) if f[i]) for row in rows]
    sets = {
        mask: tuple(name for bit, name in enumerate(names) if mask >> bit & 1)
        for mask in np.unique(moved).tolist()
    }
    return [sets[mask] for mask in moved.tolist()]


def _exact_frontier(packages: list[ScoredPackage]) -> list[ScoredPackage]:
    ordered = sorted(packages, key=lambda p: (-p.score, -p.their_score, len(p.moves)))
    out: list[ScoredPackage] = []
    for package in ordered:
        if not out or package.their_score > out[-1].their_score:
            out.append(package)
    return out
