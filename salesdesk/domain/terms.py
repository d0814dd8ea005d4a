"""Negotiated terms: direction, positions, their order and the ZOPA."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from salesdesk.domain.ids import new_uid
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


@dataclass
class Term:
    name: str
    unit: str = ""
    direction: Direction = Direction.HIGHER_IS_BETTER
    weight: int | None = None
    their_weight: int | None = None
    opening: Decimal | None = None
    target: Decimal | None = None
    walk_away: Decimal | None = None
    their_opening: Decimal | None = None
    their_target: Decimal | None = None
    their_walk_away: Decimal | None = None
    market_low: Decimal | None = None
    market_typical: Decimal | None = None
    market_high: Decimal | None = None
    # The granularity of the term's values (1 day, 0.01 €, 0.5 %); None: from the positions.
    step: Decimal | None = None
    # Stable for life; not part of equality (two rows alike are alike).
    uid: str = field(default_factory=new_uid, compare=False)

    def __post_init__(self) -> None:
        self.direction = Direction(self.direction)

    def positions(self, side: Side) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
        """Opening, target and walk-away of one side."""
        if side is Side.US:
            return self.opening, self.target, self.walk_away
        return self.their_opening, self.their_target, self.their_walk_away

    def sign(self, side: Side) -> int:
        """+1 when that side prefers more of this term, −1 when it prefers less."""
        return self.direction.sign if side is Side.US else -self.direction.sign

    def weight_of(self, side: Side) -> int:
        value = self.weight if side is Side.US else self.their_weight
        return value or 0

    def at_least_as_good(self, value: Decimal, reference: Decimal, side: Side = Side.US) -> bool:
        return (value - reference) * self.sign(side) >= 0

    def past_walk_away(self, value: Decimal) -> bool:
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
    present = [v for name in POSITION_FIELDS if (v := getattr(term, name)) is not None]
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
    return in_order(term.positions(side), term.sign(side))


@dataclass(frozen=True, slots=True)
class Zopa:
    low: Decimal
    high: Decimal


def zopa(term: Term) -> Zopa | None:
    """The zone of possible agreement, or None when there is none or it cannot be known."""
    ours, theirs = term.walk_away, term.their_walk_away
    if ours is None or theirs is None:
        return None
    if term.direction is Direction.HIGHER_IS_BETTER:
        return Zopa(ours, theirs) if ours <= theirs else None
    return Zopa(theirs, ours) if theirs <= ours else None


def has_no_zopa(term: Term) -> bool:
    """Both walk-aways are known and they do not overlap."""
    return term.walk_away is not None and term.their_walk_away is not None and zopa(term) is None
