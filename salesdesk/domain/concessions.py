"""The pace of concessions: how many points of its own score each side gave up per round."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from salesdesk.domain.analysis import ScoredOffer
from salesdesk.domain.scoring import round_score
from salesdesk.domain.terms import Side


@dataclass(frozen=True, slots=True)
class Pace:
    side: Side
    first_round: int
    last_round: int
    conceded: Decimal  # points of the side's own score given up, first offer to last

    @property
    def per_round(self) -> Decimal:
        rounds = self.last_round - self.first_round
        return round_score(self.conceded / rounds) if rounds > 0 else Decimal(0)


def own_score(item: ScoredOffer) -> Decimal | None:
    """An offer scored from the point of view of the side that made it."""
    return item.score if item.offer.side is Side.US else item.their_score


def pace(scored: Sequence[ScoredOffer], side: Side) -> Pace | None:
    """None until the side has made two scorable offers in different rounds."""
    points = sorted(
        (item.offer.round, score)
        for item in scored
        if item.offer.side is side and (score := own_score(item)) is not None
    )
    if len(points) < 2 or points[0][0] == points[-1][0]:
        return None
    (first_round, first), (last_round, last) = points[0], points[-1]
    return Pace(side, first_round, last_round, first - last)


def faster_conceder(scored: Sequence[ScoredOffer]) -> Side | None:
    """The side giving up more of its own score per round, when both paces are known."""
    ours, theirs = pace(scored, Side.US), pace(scored, Side.THEM)
    if ours is None or theirs is None or ours.per_round == theirs.per_round:
        return None
    return Side.US if ours.per_round > theirs.per_round else Side.THEM
