"""The review of a closed deal, for the rep and the manager: what was agreed (or the
last offers, when lost) against our target, both BATNAs, the frontier and the Nash
package, what was left on the table, given against received, and why it was lost.

The agreed package of a won deal is the offer of its latest round — theirs when both
sides have one there (the debrief records what they agreed to as their offer of the
round).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from salesdesk.domain.analysis import Analysis, ScoredOffer
from salesdesk.domain.deal import DealSheet
from salesdesk.domain.frontier import left_on_table
from salesdesk.domain.ledger import LedgerFigures
from salesdesk.domain.package_search import ScoredPackage
from salesdesk.domain.stages import DealStatus
from salesdesk.domain.terms import Side


@dataclass(frozen=True, slots=True)
class Review:
    status: DealStatus
    agreed: ScoredOffer | None
    ours_last: ScoredOffer | None
    theirs_last: ScoredOffer | None
    target_score: Decimal | None
    batna_score: Decimal | None
    their_batna_score: Decimal | None
    nash: ScoredPackage | None
    deal_zone: bool | None
    # What the agreed package (won) or our last offer (lost) left on the table: points
    # we could have had at no loss to them, and points they could have had at no loss
    # to us; None when the frontier cannot be told.
    left_for_us: Decimal | None
    left_for_them: Decimal | None
    figures: LedgerFigures
    lost_reason: str
    competitor: str

    @property
    def compared(self) -> ScoredOffer | None:
        """The package the review weighs: the agreed one, else our last offer."""
        return self.agreed or self.ours_last


def _latest(analysis: Analysis, side: Side) -> ScoredOffer | None:
    mine = [s for s in analysis.offers if s.offer.side is side]
    return max(mine, key=lambda s: s.offer.round) if mine else None


def review(sheet: DealSheet, analysis: Analysis) -> Review | None:
    """The review of a won or lost deal; None while it is open."""
    if sheet.status is DealStatus.OPEN:
        return None
    ours, theirs = _latest(analysis, Side.US), _latest(analysis, Side.THEM)
    agreed = None
    if sheet.status is DealStatus.WON:
        candidates = [s for s in (theirs, ours) if s is not None]
        if candidates:
            # Their offer first: of two in the same round, theirs is what was agreed.
            agreed = max(candidates, key=lambda s: s.offer.round)
    found = analysis.deal_map
    weighed = agreed or ours
    left_us = left_them = None
    if (
        found is not None
        and weighed is not None
        and weighed.score is not None
        and weighed.their_score is not None
    ):
        left_us = left_on_table(found.frontier, weighed.score, weighed.their_score, False)
        left_them = left_on_table(found.frontier, weighed.score, weighed.their_score, True)
    return Review(
        status=sheet.status,
        agreed=agreed,
        ours_last=ours,
        theirs_last=theirs,
        target_score=analysis.target_score,
        batna_score=analysis.batna_score,
        their_batna_score=analysis.their_batna_score,
        nash=None if found is None else found.nash,
        deal_zone=None if found is None else found.deal_zone,
        left_for_us=left_us,
        left_for_them=left_them,
        figures=analysis.figures,
        lost_reason=sheet.lost_reason,
        competitor=sheet.competitor,
    )
