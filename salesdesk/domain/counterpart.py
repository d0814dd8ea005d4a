"""Reading the other side from its offers: what it holds firm on, where it is heading.

From their offers on record, in round order (DESIGN.md, "Reading the counterpart"):
- a term counts when their offers give it a value in at least two rounds and the two
  sides' first offers differ on it;
- their *concession* on a term is how far their latest offer moved from their first
  towards our first offer, over the *span* between the two first offers — in the
  term's units for a numeric term (scores are clamped and would hide moves outside our
  range), on our option scores for an option term;
- *firmness* f = 1 − clamp(concession / span, 0, 1), and the *estimated weight*
  100 · (f + 0.1) / Σ (f + 0.1) over the counted terms: a term they hold firm on
  matters more to them;
- the *likely walk-away* of a numeric term: where their concessions lead when they
  shrink at a steady ratio (the limit of a geometric series), on the term's step.

Our first offer on a term is our earliest offer giving it a value, else our opening
(the value our first offer starts from). Nothing here changes the worksheet: the rep
adopts a reading, term by term or all at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from salesdesk.domain.deal import DealSheet, Offer
from salesdesk.domain.money import tidy
from salesdesk.domain.scoring import round_score
from salesdesk.domain.terms import Side, Term, Value, step_of, value_score

ONE = Decimal(1)
ZERO = Decimal(0)
# Added to every firmness so that a term they gave up entirely still weighs something.
FLOOR = Decimal("0.1")


@dataclass(frozen=True, slots=True)
class TermReading:
    """What their offers say of one term."""

    term: str
    # How much of the distance between the first offers they have given up (0–1), and
    # the firmness it leaves (1 − that).
    conceded: Decimal
    firmness: Decimal
    weight: Decimal
    # Where their shrinking concessions lead; None when they do not shrink steadily
    # (or the term has options).
    walk_away: Value | None
    # How many of their offers give the term a value.
    values: int


@dataclass(frozen=True, slots=True)
class Reading:
    """The reading of their offers: how many it rests on, and per counted term."""

    offers: int
    terms: tuple[TermReading, ...] = ()

    @property
    def weights(self) -> dict[str, Decimal]:
        return {t.term: t.weight for t in self.terms}

    @property
    def walk_aways(self) -> dict[str, Value | None]:
        return {t.term: t.walk_away for t in self.terms}

    def of(self, term: str) -> TermReading | None:
        return next((t for t in self.terms if t.term == term), None)


def offers_of(sheet: DealSheet, side: Side) -> list[Offer]:
    """A side's offers in round order (stable for two offers in one round)."""
    return sorted((o for o in sheet.offers if o.side is side), key=lambda o: o.round)


def _measure(term: Term, value: Value) -> Decimal | None:
    """Where a value lies on the line the concession is measured along."""
    if term.is_options:
        return value_score(term, value, Side.US)
    return value if isinstance(value, Decimal) else None


def _our_first(term: Term, ours: Sequence[Offer]) -> Value | None:
    for offer in ours:
        if term.name in offer.values:
            return offer.values[term.name]
    return term.opening


def read_counterpart(sheet: DealSheet) -> Reading:
    """Their estimated weights and likely walk-aways, from their offers on record."""
    theirs = offers_of(sheet, Side.THEM)
    ours = offers_of(sheet, Side.US)
    found: list[tuple[Term, Decimal, Decimal, Value | None, int]] = []
    for term in sheet.terms:
        values = [o.values[term.name] for o in theirs if term.name in o.values]
        measured = [m for v in values if (m := _measure(term, v)) is not None]
        ours_first = _our_first(term, ours)
        if len(measured) < 2 or len(measured) != len(values) or ours_first is None:
            continue
        reference = _measure(term, ours_first)
        if reference is None:
            continue
        span = abs(reference - measured[0])
        if span == 0:
            continue  # the first offers agree: nothing to concede on this term
        toward = ONE if reference > measured[0] else -ONE
        share = min(ONE, max(ZERO, (measured[-1] - measured[0]) * toward / span))
        found.append((term, share, ONE - share, _likely_walk_away(term, values), len(values)))
    total = sum((f + FLOOR for _t, _c, f, _w, _n in found), ZERO)
    return Reading(
        offers=len(theirs),
        terms=tuple(
            TermReading(
                term=term.name,
                conceded=conceded,
                firmness=firmness,
                weight=round_score(100 * (firmness + FLOOR) / total),
                walk_away=walk_away,
                values=count,
            )
            for term, conceded, firmness, walk_away, count in found
        ),
    )


def geometric_limit(v1: Decimal, v2: Decimal, v3: Decimal) -> Decimal | None:
    """Where concessions that keep shrinking at the ratio r = d2 / d1 lead:
    v3 + d2 · r / (1 − r), when d1 = v2 − v1 and d2 = v3 − v2 have the same sign and
    |d2| < |d1|; else None."""
    d1, d2 = v2 - v1, v3 - v2
    if d1 == 0 or d2 == 0 or (d1 > 0) != (d2 > 0) or abs(d2) >= abs(d1):
        return None
    r = d2 / d1
    return v3 + d2 * r / (1 - r)


def _likely_walk_away(term: Term, values: Sequence[Value]) -> Decimal | None:
    if term.is_options or len(values) < 3:
        return None
    last = values[-3:]
    if not all(isinstance(v, Decimal) for v in last):
        return None
    v1, v2, v3 = (v for v in last if isinstance(v, Decimal))
    limit = geometric_limit(v1, v2, v3)
    if limit is None:
        return None
    step = step_of(term)
    return tidy((limit / step).to_integral_value(rounding=ROUND_HALF_UP) * step)


def contradicting(term: Term, value: Value) -> bool:
    """An offer of theirs already past their estimated walk-away: the estimate is wrong."""
    walk_away = term.their_walk_away
    return walk_away is not None and not term.at_least_as_good(value, walk_away, Side.THEM)


def adopt(sheet: DealSheet, reading: Reading, terms: Sequence[str] | None = None) -> None:
    """Take the reading as the worksheet's estimates of theirs (their weight, and their
    walk-away where one is read) for `terms` (None: every counted term)."""
    wanted = None if terms is None else set(terms)
    for item in reading.terms:
        if wanted is not None and item.term not in wanted:
            continue
        term = sheet.term(item.term)
        if term is None:
            continue
        term.their_weight = item.weight
        if item.walk_away is not None:
            term.their_walk_away = item.walk_away
