"""The negotiation dance, computed once for every renderer: our score (x) against
their estimated score (y), both 0–100.

What it shows: the efficient frontier (a staircase through the packages no other
beats), both BATNA lines (ours vertical, theirs horizontal), every offer by round —
ours filled, theirs hollow, each side's joined in round order — and the Nash package.
Renderer-neutral: plain floats in chart units (0–100 on both axes) and the styles of
`chart_geometry`, so the brief (reportlab) and the app (matplotlib) draw the same
chart; a renderer maps the square onto its own box. Pure Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from salesdesk.brief import chart_geometry as geo
from salesdesk.domain.analysis import Analysis, ScoredOffer
from salesdesk.domain.terms import Side
from salesdesk.i18n import _

TICKS = (0.0, 25.0, 50.0, 75.0, 100.0)
# A dot per frontier package while they can be told apart; more, and the staircase
# alone says it (199 dots of a 4-term deal read as one thick smudge).
DOTS_UP_TO = 60
FRONTIER = geo.Style("#222222", "#eeeeee", None, True)
NASH = geo.Style("#009E73", "#d4efe5", None, True)
# The deal zone's frontier, drawn when Nash lies off the efficient frontier.
ZONE_FRONTIER = geo.Style("#009E73", "#d4efe5", (4.0, 2.0), True)


@dataclass(frozen=True)
class Mark:
    """One offer: where it sits, its round, and whose it is."""

    x: float
    y: float
    round: int
    side: Side
    label: str


@dataclass(frozen=True)
class Dance:
    # The frontier as a staircase: points in our score's descending order, with the
    # corners between them, so a line through them never cuts a corner no package fills.
    frontier: list[tuple[float, float]]
    frontier_points: list[tuple[float, float]]
    our_batna: float | None
    their_batna: float | None
    offers: dict[Side, list[Mark]] = field(default_factory=dict)
    nash: tuple[float, float] | None = None
    # A staircase through the deal zone's frontier when Nash is not on the frontier
    # (the walk-aways rule out the frontier's packages): Nash is seen to sit on it.
    zone_frontier: list[tuple[float, float]] = field(default_factory=list)
    x_title: str = ""
    y_title: str = ""
    legend: list[tuple[str, geo.Style, str]] = field(default_factory=list)

    @property
    def styles(self) -> dict[Side, geo.Style]:
        return {Side.US: geo.OURS, Side.THEM: geo.THEIRS}


def _staircase(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for x, y in points:
        if out:
            out.append((x, out[-1][1]))  # down to the next package's score for us, then up
        out.append((x, y))
    return out


def _marks(scored: Sequence[ScoredOffer], side: Side) -> list[Mark]:
    items = sorted(
        (
            s
            for s in scored
            if s.offer.side is side and s.score is not None and s.their_score is not None
        ),
        key=lambda s: s.offer.round,
    )
    return [
        Mark(
            float(s.score or 0), float(s.their_score or 0), s.offer.round, side, str(s.offer.round)
        )
        for s in items
    ]


def dance(analysis: Analysis) -> Dance | None:
    """The chart's geometry, or None when the frontier cannot be told (no estimate of
    what the terms are worth to them)."""
    found = analysis.deal_map
    if found is None or not found.frontier:
        return None
    points = [(float(p.score), float(p.their_score)) for p in found.frontier]
    legend = [
        (_("efficient frontier"), FRONTIER, "line"),
        (_("our offers"), geo.OURS, "marker"),
        (_("their offers"), geo.THEIRS, "marker"),
    ]
    nash = None if found.nash is None else (float(found.nash.score), float(found.nash.their_score))
    # Nash is the package of the deal zone's frontier with the most gain over both
    # BATNAs multiplied. Off the efficient frontier (every package there breaks some
    # walk-away), the zone's own frontier is drawn for it to sit on. No deal zone: no
    # Nash package, and the legend says so rather than leave the rep looking for one.
    zone: list[tuple[float, float]] = []
    if nash is not None and nash not in points:
        zone = _staircase([(float(p.score), float(p.their_score)) for p in found.zone_frontier])
        legend.append((_("frontier within the walk-aways"), ZONE_FRONTIER, "line"))
    if nash is not None:
        legend.append((_("Nash package"), NASH, "diamond"))
    elif not found.deal_zone:
        legend.append(
            (
                _("no deal zone: no Nash package"),
                geo.Style(geo.NO_ZOPA_COLOR, "", None, True),
                "note",
            )
        )
    if analysis.batna_score is not None or analysis.their_batna_score is not None:
        legend.append((_("BATNAs (dotted)"), geo.MARKET, "line"))
    return Dance(
        frontier=_staircase(points),
        frontier_points=points if len(points) <= DOTS_UP_TO else [],
        our_batna=None if analysis.batna_score is None else float(analysis.batna_score),
        their_batna=None
        if analysis.their_batna_score is None
        else float(analysis.their_batna_score),
        offers={side: _marks(analysis.offers, side) for side in (Side.US, Side.THEM)},
        nash=nash,
        zone_frontier=zone,
        x_title=_("Score for us"),
        y_title=_("Score for them (est.)"),
        legend=legend,
    )
