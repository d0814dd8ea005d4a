"""The package to put on the table next (DESIGN.md, "Next offer").

Our concession this round, in points of our score, is smaller than our previous one
(0.6 of it: concessions shrink, and the other side reads that we are nearing our
limit); with fewer than two offers of ours, we go a third of the way from our latest
offer (our opening before any) to the higher of our target's and our BATNA's score.
Never below our BATNA's score nor past one of our walk-aways: the package is the best
for them among those scoring at least that for us with every value within our
walk-aways — a package on the frontier of what we can accept, so nothing is left on the
table for them to pick up for free.

It comes with the trades it implies: what we give compared with our latest offer, and
what we ask of them, on the other terms, compared with their latest offer ("we give …
on condition that you give …").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from salesdesk.domain import frontier as fr
from salesdesk.domain import package_search as ps
from salesdesk.domain.counterpart import offers_of
from salesdesk.domain.deal import DealSheet
from salesdesk.domain.errors import InputError
from salesdesk.domain.money import format_number
from salesdesk.domain.preferences import value_text
from salesdesk.domain.scoring import batna_score, package_score, target_score
from salesdesk.domain.terms import Side, Term, Value, step_of, value_score
from salesdesk.i18n import _

# Each concession this share of the one before.
SHRINK = Decimal("0.6")
# With fewer than two offers of ours: this share of the way to our target (or BATNA).
FIRST_STEP = Decimal(1) / Decimal(3)


@dataclass(frozen=True, slots=True)
class Move:
    """One term's value moving: from what was on the table to the package's."""

    term: str
    before: Value | None
    after: Value


@dataclass(frozen=True, slots=True)
class NextOffer:
    round: int
    package: ps.ScoredPackage
    # Our latest offer's score (our opening's before any offer), and how many points the
    # package gives up from it (negative: it asks for more).
    latest_score: Decimal
    concession: Decimal
    # Our previous concession (None with fewer than two offers of ours).
    previous: Decimal | None
    # What we give (worse for us than our latest offer) and what we ask of them (better
    # for us than their latest offer), term by term.
    gives: tuple[Move, ...]
    asks: tuple[Move, ...]

    @property
    def values(self) -> dict[str, Value]:
        return self.package.values


def latest_values(sheet: DealSheet, side: Side) -> dict[str, Value]:
    """A side's latest value per term over its offers (a term an offer leaves out keeps
    the value before)."""
    values: dict[str, Value] = {}
    for offer in offers_of(sheet, side):
        values.update(offer.values)
    return values


def _openings(terms: Sequence[Term]) -> dict[str, Value]:
    return {t.name: t.opening for t in terms if t.opening is not None}


def next_offer(sheet: DealSheet) -> NextOffer:
    """The next offer of ours. Raises InputError (naming the term) when packages cannot
    be scored from both sides, or when we have no scorable offer nor opening."""
    terms = sheet.terms
    fr.check_scorable(terms)
    ours = offers_of(sheet, Side.US)
    scored = [
        (o.round, s) for o in ours if (s := package_score(terms, o.values, Side.US)) is not None
    ]
    if not scored:
        opening = package_score(terms, _openings(terms), Side.US)
        if opening is None:
            raise InputError(
                _("Give every weighted term our opening, or record an offer of ours first"),
                "opening",
            )
        scored = [(0, opening)]
    latest = scored[-1][1]
    floor = batna_score(sheet.batna_ours, terms, Side.US)
    previous = None
    if len(scored) >= 2:
        previous = scored[-2][1] - latest
        level = latest - max(Decimal(0), previous) * SHRINK
    else:
        aim = max((s for s in (target_score(terms), floor) if s is not None), default=Decimal(0))
        level = latest - max(Decimal(0), latest - aim) * FIRST_STEP
    if floor is not None:
        level = max(level, floor)
    ours_only = ps.pareto_packages(terms, fr.term_choices(terms, (Side.US,)))
    if not ours_only:
        raise InputError(_("No package keeps every term within our walk-aways"), "walk_away")
    package = fr.best_for_them_at(ours_only, level) or ours_only[0]
    gives, asks = trade_moves(sheet, package.values)
    return NextOffer(
        round=max((o.round for o in ours), default=0) + 1,
        package=package,
        latest_score=latest,
        concession=latest - package.score,
        previous=previous,
        gives=gives,
        asks=asks,
    )


def trade_moves(
    sheet: DealSheet, values: Mapping[str, Value]
) -> tuple[tuple[Move, ...], tuple[Move, ...]]:
    """What a package of ours gives (against our latest offer, our opening before any)
    and asks of them (against their latest offer)."""
    ours_before = {**_openings(sheet.terms), **latest_values(sheet, Side.US)}
    theirs_before = latest_values(sheet, Side.THEM)
    gives = _moves(sheet.terms, values, ours_before, worse_for_us=True)
    # A term we give on is met halfway, not traded: what we ask for is on the others.
    given = {m.term for m in gives}
    asks = _moves(sheet.terms, values, theirs_before, worse_for_us=False)
    return gives, tuple(m for m in asks if m.term not in given)


def _moves(
    terms: Sequence[Term],
    values: Mapping[str, Value],
    before: Mapping[str, Value],
    *,
    worse_for_us: bool,
) -> tuple[Move, ...]:
    """Terms whose package value is worse for us than `before` (what we give), or
    better for us than `before` (what we ask of them)."""
    out = []
    for term in terms:
        after, old = values.get(term.name), before.get(term.name)
        if after is None or old is None or after == old:
            continue
        a, b = value_score(term, after, Side.US), value_score(term, old, Side.US)
        if a is None or b is None:
            continue
        # On a line score clamped at our walk-away or opening, a move can score the same:
        # the direction then tells which way it goes.
        if a == b and isinstance(after, Decimal) and isinstance(old, Decimal):
            a, b = after * term.direction.sign, old * term.direction.sign
        if (a < b) == worse_for_us and a != b:
            out.append(Move(term.name, old, after))
    return tuple(out)


def list_separator(lang: str) -> str:
    """Between the items of a list that hold commas: a semicolon, spaced in French."""
    return " ; " if lang == "fr" else "; "


def term_value_text(term: Term | None, value: Value, lang: str) -> str:
    """A value as people read it: an option's label, or a number with the decimals of
    its term's step (1,10 on a step of 0,01, not 1,1)."""
    if isinstance(value, str) or term is None:
        return value_text(value, lang)
    digits = max(_places(step_of(term)), _places(value))
    return format_number(value, lang, digits)


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def move_text(move: Move, terms: Sequence[Term], lang: str) -> str:
    """`Payment terms 45 → 60 days`."""
    term = next((t for t in terms if t.name == move.term), None)
    unit = f" {term.unit}" if term is not None and term.unit and not term.is_options else ""
    before = "—" if move.before is None else term_value_text(term, move.before, lang)
    return f"{move.term} {before} → {term_value_text(term, move.after, lang)}{unit}"


def trade_text(offer: NextOffer, terms: Sequence[Term], lang: str, *, values: bool = True) -> str:
    """The trade the next offer implies, in one sentence (without `values`, the terms
    only: where a table beside it has the figures)."""

    def said(moves: Sequence[Move]) -> str:
        if not values:
            return ", ".join(m.term for m in moves)
        return list_separator(lang).join(move_text(m, terms, lang) for m in moves)

    gives, asks = said(offer.gives), said(offer.asks)
    if gives and asks:
        return _("We give {gives}, on condition that you give {asks}").format(
            gives=gives, asks=asks
        )
    if gives:
        return _("We give {gives}: ask for something in return").format(gives=gives)
    if asks:
        return _("We hold our position and ask you to give {asks}").format(asks=asks)
    return _("We hold our position")
