"""Negotiated terms: direction, positions, their order and the ZOPA."""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from enum import StrEnum

from salesdesk.domain.ids import new_uid
from salesdesk.domain.money import tidy
from salesdesk.i18n import N_


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"

    @property
    def sign(self) -> int:
        """+1 when more is better for us, −1 when less is."""
        return 1 if self is Direction.HIGHER_IS_BETTER else -1


DIRECTION_LABELS = {
    Direction.HIGHER_IS_BETTER: N_("more is better for us"),
    Direction.LOWER_IS_BETTER: N_("less is better for us"),
}


class TermKind(StrEnum):
    """How a term's values are stated: a number with a unit, or one of named options."""

    NUMERIC = "numeric"
    OPTIONS = "options"


KIND_LABELS = {
    TermKind.NUMERIC: N_("a number"),
    TermKind.OPTIONS: N_("options"),
}


class Side(StrEnum):
    """Whose point of view: ours, or the other side's (as we estimate it)."""

    US = "us"
    THEM = "them"


# The measured positions of a term, in the order the worksheet shows them.
POSITION_FIELDS = (
    "opening",
    "target",
    "walk_away",
    "their_opening",
    "their_target",
    "their_walk_away",
    "market_low",
    "market_typical",
    "market_high",
)

# Column labels of a term's fields, as the worksheet and a pasted spreadsheet name them.
FIELD_LABELS = {
    "name": N_("Term"),
    "unit": N_("Unit"),
    "kind": N_("Kind"),
    "direction": N_("Better for us"),
    "weight": N_("Weight"),
    "their_weight": N_("Their weight (est.)"),
    "opening": N_("Opening"),
    "target": N_("Target"),
    "walk_away": N_("Walk-away"),
    "their_opening": N_("Their opening (est.)"),
    "their_target": N_("Their target (est.)"),
    "their_walk_away": N_("Their walk-away (est.)"),
    "market_low": N_("Market low"),
    "market_typical": N_("Market typical"),
    "market_high": N_("Market high"),
    "step": N_("Step"),
}


# A term's value: a number for a numeric term, an option's label for an option term.
Value = Decimal | str


@dataclass(frozen=True, slots=True)
class TermOption:
    """One choice of an option term, with what it is worth to each side (0–100)."""

    label: str
    score: Decimal
    their_score: Decimal

    def score_of(self, side: Side) -> Decimal:
        return self.score if side is Side.US else self.their_score


@dataclass(frozen=True, slots=True)
class ScorePoint:
    """A value of a numeric term and what it scores (0–100): the score is read on the
    line through a side's points, flat beyond the first and the last."""

    value: Decimal
    score: Decimal


@dataclass
class Term:
    name: str
    unit: str = ""
    direction: Direction = Direction.HIGHER_IS_BETTER
    # Two decimals at most; a package's score divides by their sum.
    weight: Decimal | None = None
    their_weight: Decimal | None = None
    # Numbers for a numeric term, option labels for an option term.
    opening: Value | None = None
    target: Value | None = None
    walk_away: Value | None = None
    their_opening: Value | None = None
    their_target: Value | None = None
    their_walk_away: Value | None = None
    market_low: Decimal | None = None
    market_typical: Decimal | None = None
    market_high: Decimal | None = None
    # The granularity of the term's values (1 day, 0.01 €, 0.5 %); None: from the positions.
    step: Decimal | None = None
    kind: TermKind = TermKind.NUMERIC
    # An option term's choices; empty for a numeric term.
    options: list[TermOption] = field(default_factory=list)
    # A numeric term's score points per side; empty: the straight line from the
    # side's walk-away (0) to its opening (100).
    points: list[ScorePoint] = field(default_factory=list)
    their_points: list[ScorePoint] = field(default_factory=list)
    # Stable for life; not part of equality (two rows alike are alike).
    uid: str = field(default_factory=new_uid, compare=False)

    def __post_init__(self) -> None:
        self.direction = Direction(self.direction)
        self.kind = TermKind(self.kind)
        # Whole numbers typed before weights had decimals arrive as int.
        if isinstance(self.weight, int):
            self.weight = Decimal(self.weight)
        if isinstance(self.their_weight, int):
            self.their_weight = Decimal(self.their_weight)

    @property
    def is_options(self) -> bool:
        return self.kind is TermKind.OPTIONS

    def option(self, label: Value | None) -> TermOption | None:
        if not isinstance(label, str):
            return None
        return next((o for o in self.options if o.label == label), None)

    def points_of(self, side: Side) -> list[ScorePoint]:
        return self.points if side is Side.US else self.their_points

    def number(self, name: str) -> Decimal | None:
        """A numeric position (None for an option term's label or an empty one)."""
        value = getattr(self, name)
        return value if isinstance(value, Decimal) else None

    def positions(self, side: Side) -> tuple[Value | None, Value | None, Value | None]:
        """Opening, target and walk-away of one side."""
        if side is Side.US:
            return self.opening, self.target, self.walk_away
        return self.their_opening, self.their_target, self.their_walk_away

    def sign(self, side: Side) -> int:
        """+1 when that side prefers more of this term, −1 when it prefers less."""
        return self.direction.sign if side is Side.US else -self.direction.sign

    def weight_of(self, side: Side) -> Decimal:
        value = self.weight if side is Side.US else self.their_weight
        return value or Decimal(0)

    def at_least_as_good(self, value: Value, reference: Value, side: Side = Side.US) -> bool:
        """Whether `value` is at least as good as `reference` for `side`: read on the
        side's scores for an option term or a shaped one, else on the direction."""
        return each_at_least_as_good(self, [value], reference, side)[0]

    def past_walk_away(self, value: Value) -> bool:
        """Whether accepting `value` would be worse for us than our walk-away."""
        return self.walk_away is not None and not self.at_least_as_good(value, self.walk_away)


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


# A default step never exceeds this: 450,000 and 320,000 cartons suggest steps of 1,000.
_LARGEST_DEFAULT_STEP = 3
_LARGE = Decimal(10_000)


def default_step(term: Term) -> Decimal:
    """What the positions' digits suggest: 0.1 for 14.5, 0.01 for 9.99, 1 for 30 and 45
    days or a price of 100 and 120, 1,000 for 450,000 and 320,000 cartons (counts of
    10,000 and more in round thousands; never more than 1,000)."""
    present = [v for name in POSITION_FIELDS if (v := term.number(name)) is not None]
    places = max((_decimals(v) for v in present), default=0)
    # Round thousands are a granularity only among large counts (not a price of 100).
    if places == 0 and present and all(abs(v) >= _LARGE or v == 0 for v in present):
        zeros = min(_trailing_zeros(v) for v in present)
        return Decimal(10) ** min(zeros, _LARGEST_DEFAULT_STEP)
    return Decimal(1).scaleb(-places)


def _trailing_zeros(value: Decimal) -> int:
    if value == 0:
        return _LARGEST_DEFAULT_STEP
    exponent = value.normalize().as_tuple().exponent
    return max(0, exponent) if isinstance(exponent, int) else 0


def step_of(term: Term) -> Decimal:
    """The term's step: the typed one when typed (and positive), else the default."""
    if term.step is not None and term.step > 0:
        return term.step
    return default_step(term)


def on_step(value: Decimal, step: Decimal) -> bool:
    return (value / step) == (value / step).to_integral_value()


def in_order(values: Sequence[Decimal | None], sign: int) -> bool:
    """Opening, target, walk-away are in order for a side that prefers `sign`.

    A side that prefers more runs opening ≥ target ≥ walk-away, one that prefers
    less the reverse; only the positions that are present are compared, and equal
    values are in order.
    """
    present = [v for v in values if v is not None]
    return all((a - b) * sign >= 0 for a, b in itertools.pairwise(present))


def positions_in_order(term: Term, side: Side) -> bool:
    """A side's positions are in order: on its scores for an option term or a shaped
    one (opening ≥ target ≥ walk-away), else on the term's direction."""
    if term.is_options or term.points_of(side):
        scores = [None if v is None else value_score(term, v, side) for v in term.positions(side)]
        if any(
            v is not None and s is None for v, s in zip(term.positions(side), scores, strict=True)
        ):
            return False  # a label that is none of the options
        return in_order(scores, 1)
    numbers = term.positions(side)
    if any(v is not None and not isinstance(v, Decimal) for v in numbers):
        return False
    return in_order([v if isinstance(v, Decimal) else None for v in numbers], term.sign(side))


@dataclass(frozen=True, slots=True)
class Zopa:
    """The values both sides' walk-aways allow: a range, or (option term) the labels."""

    low: Decimal | None = None
    high: Decimal | None = None
    options: tuple[str, ...] | None = None


def zopa(term: Term) -> Zopa | None:
    """The zone of possible agreement, or None when there is none or it cannot be known.

    An option term's ZOPA is its options at least as good as both walk-aways, each
    read on its own side's scores; a shaped numeric term's is the span of the values
    on its step that both walk-aways allow.
    """
    ours, theirs = term.walk_away, term.their_walk_away
    if ours is None or theirs is None:
        return None
    if term.is_options:
        labels = tuple(
            o.label
            for o in term.options
            if term.at_least_as_good(o.label, ours, Side.US)
            and term.at_least_as_good(o.label, theirs, Side.THEM)
        )
        return Zopa(options=labels) if labels else None
    if not isinstance(ours, Decimal) or not isinstance(theirs, Decimal):
        return None
    if term.points or term.their_points:
        values = [v for v in candidate_values(term) if isinstance(v, Decimal)]
        allowed = [
            v
            for v, us, them in zip(
                values,
                each_at_least_as_good(term, values, ours, Side.US),
                each_at_least_as_good(term, values, theirs, Side.THEM),
                strict=True,
            )
            if us and them
        ]
        return Zopa(min(allowed), max(allowed)) if allowed else None
    if term.direction is Direction.HIGHER_IS_BETTER:
        return Zopa(ours, theirs) if ours <= theirs else None
    return Zopa(theirs, ours) if theirs <= ours else None


def has_no_zopa(term: Term) -> bool:
    """Both walk-aways are known and they do not overlap."""
    return term.walk_away is not None and term.their_walk_away is not None and zopa(term) is None


# ---------------------------------------------------------------- what a value is worth

# Three ways (a term's `kind` and its points): a numeric term, by default a straight
# line — 100 at the side's opening, 0 at its walk-away, clamped; a numeric term with
# score points, read on the line through them, flat beyond the first and the last (a
# preference can rise and fall: "best at 45 days"); an option term, each option with
# its score for us and our estimate of theirs. Scores are exact (Decimal); only a
# package's score is rounded (scoring.round_score).

HUNDRED = Decimal(100)
ZERO = Decimal(0)
# A numeric term offers at most this many candidate values to the frontier and MESO
# (evenly thinned on its step beyond, its positions always kept): a range of 9,000
# steps would otherwise cost as much as ninety terms.
MAX_CANDIDATES = 400


def line_score(term: Term, value: Decimal, side: Side) -> Decimal | None:
    """The straight line from the side's walk-away (0) to its opening (100), clamped."""
    opening, _, walk_away = term.positions(side)
    if not isinstance(opening, Decimal) or not isinstance(walk_away, Decimal):
        return None
    if opening == walk_away:
        return HUNDRED if (value - walk_away) * term.sign(side) >= 0 else ZERO
    return _on_line(value, walk_away, opening - walk_away)


def _on_line(value: Decimal, walk_away: Decimal, span: Decimal) -> Decimal:
    return min(HUNDRED, max(ZERO, HUNDRED * (value - walk_away) / span))


def points_score(points: Sequence[ScorePoint], value: Decimal) -> Decimal:
    """Read `value` on the line through the points (sorted by value here), flat beyond."""
    return _read_points(sorted(points, key=lambda p: p.value), value)


def _read_points(ordered: Sequence[ScorePoint], value: Decimal) -> Decimal:
    if value <= ordered[0].value:
        return ordered[0].score
    if value >= ordered[-1].value:
        return ordered[-1].score
    for left, right in itertools.pairwise(ordered):
        if left.value <= value <= right.value:
            share = (value - left.value) / (right.value - left.value)
            return left.score + (right.score - left.score) * share
    raise AssertionError("unreachable: the value lies between the first and last point")


def value_score(term: Term, value: Value, side: Side = Side.US) -> Decimal | None:
    """What `value` is worth to `side` on this term (0–100, exact), or None when it
    cannot be told (an unknown label, a missing opening or walk-away, a label on a
    numeric term)."""
    if term.is_options:
        option = term.option(value)
        return None if option is None else option.score_of(side)
    if not isinstance(value, Decimal):
        return None
    points = term.points_of(side)
    if len(points) >= 2:
        return points_score(points, value)
    return line_score(term, value, side)


def value_scores(term: Term, values: Sequence[Value], side: Side = Side.US) -> list[Decimal | None]:
    """`value_score` of each value; a plain numeric term's line without a call per value
    (a frontier scores hundreds of candidates per term)."""
    opening, _, walk_away = term.positions(side)
    points = term.points_of(side)
    if not term.is_options and len(points) >= 2:  # the points sorted once, not per value
        ordered = sorted(points, key=lambda p: p.value)
        return [_read_points(ordered, v) if isinstance(v, Decimal) else None for v in values]
    if (
        term.is_options
        or not isinstance(opening, Decimal)
        or not isinstance(walk_away, Decimal)
        or opening == walk_away
    ):
        return [value_score(term, value, side) for value in values]
    span = opening - walk_away
    return [_on_line(v, walk_away, span) if isinstance(v, Decimal) else None for v in values]


def each_at_least_as_good(
    term: Term, values: Sequence[Value], reference: Value, side: Side = Side.US
) -> list[bool]:
    """Whether each value is at least as good as `reference` for `side` (see
    `Term.at_least_as_good`), the values scored at once: a frontier weighs hundreds of
    candidates per term against the walk-aways."""
    if term.is_options or term.points_of(side):
        floor = value_score(term, reference, side)
        scores = value_scores(term, values, side)
        return [floor is not None and s is not None and s >= floor for s in scores]
    if not isinstance(reference, Decimal):
        return [False] * len(values)
    sign = term.sign(side)
    return [isinstance(v, Decimal) and (v - reference) * sign >= 0 for v in values]


def can_score(term: Term, side: Side) -> bool:
    """Whether the side's scores of the term are defined (positions aside)."""
    if term.is_options:
        return bool(term.options)
    if len(term.points_of(side)) >= 2:
        return True
    opening, _, walk_away = term.positions(side)
    return isinstance(opening, Decimal) and isinstance(walk_away, Decimal)


def _snap(value: Decimal, step: Decimal, up: bool) -> Decimal:
    rounding = ROUND_CEILING if up else ROUND_FLOOR
    return tidy((value / step).to_integral_value(rounding=rounding) * step)


def candidate_values(term: Term, limit: int = MAX_CANDIDATES) -> list[Value]:
    """The values the app may propose on the term: its options, or the values on its
    step between the outermost of both sides' positions (and of its score points).

    More than `limit` steps are thinned evenly; the positions themselves stay. Kept
    for the last few terms asked about, by what decides them (an analysis asks several
    times per term).
    """
    key = (
        limit,
        term.kind,
        tuple(o.label for o in term.options),
        tuple(str(getattr(term, name)) for name in POSITION_FIELDS),
        tuple(str(p.value) for p in term.points),
        tuple(str(p.value) for p in term.their_points),
        str(term.step),
    )
    with _CANDIDATES_LOCK:
        found = _CANDIDATES.get(key)
        if found is not None:
            _CANDIDATES.move_to_end(key)
            return list(found)
    found = _candidate_values(term, limit)
    with _CANDIDATES_LOCK:
        _CANDIDATES[key] = found
        while len(_CANDIDATES) > 64:
            _CANDIDATES.popitem(last=False)
    return list(found)


_CANDIDATES: OrderedDict[tuple[object, ...], list[Value]] = OrderedDict()
_CANDIDATES_LOCK = threading.Lock()


def _candidate_values(term: Term, limit: int) -> list[Value]:
    if term.is_options:
        return [o.label for o in term.options]
    numbers = [v for name in POSITION_FIELDS[:6] if (v := term.number(name)) is not None]
    numbers += [p.value for p in (*term.points, *term.their_points)]
    if not numbers:
        return []
    step = step_of(term)
    low, high = _snap(min(numbers), step, True), _snap(max(numbers), step, False)
    if low > high:  # a step wider than the whole range
        return sorted(set(numbers))
    count = int((high - low) / step) + 1
    if count <= limit:
        return [tidy(low + step * i) for i in range(count)]
    stride = -(-count // limit)  # ceiling: at most `limit` values
    values = {tidy(low + step * i) for i in range(0, count, stride)}
    values.add(high)
    values.update(v for v in numbers if v == _snap(v, step, True))
    return sorted(values)
