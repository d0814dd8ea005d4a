"""What a value of a term is worth to each side (0–100), as a rep states it.

Three ways (a term's `kind` and its points):
- a numeric term, by default a straight line: 100 at the side's opening, 0 at its
  walk-away, clamped;
- a numeric term with score points (`points`, `their_points`): read on the line
  through them, linear between neighbours, flat beyond the first and the last, so a
  preference can rise and fall ("best at 45 days");
- an option term: each option carries its score for us and our estimate of theirs.

Scores are exact (Decimal); only a package's score is rounded (scoring.round_score).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from salesdesk.domain.errors import InputError
from salesdesk.domain.money import decimal_str, format_number, tidy
from salesdesk.domain.terms import (
    POSITION_FIELDS,
    ScorePoint,
    Side,
    Term,
    TermOption,
    Value,
    Zopa,
    step_of,
)
from salesdesk.i18n import _

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
    raw = HUNDRED * (value - walk_away) / (opening - walk_away)
    return min(HUNDRED, max(ZERO, raw))


def points_score(points: Sequence[ScorePoint], value: Decimal) -> Decimal:
    """Read `value` on the line through the points (sorted by value here), flat beyond."""
    ordered = sorted(points, key=lambda p: p.value)
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

    More than `limit` steps are thinned evenly; the positions themselves stay.
    """
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


def check_options(options: Sequence[TermOption], field: str = "options") -> None:
    """Labels are non-empty and distinct; scores lie in 0–100 with two decimals."""
    seen: set[str] = set()
    for option in options:
        label = option.label.strip()
        if not label:
            raise InputError(_("An option needs a label"), field)
        if label in seen:
            raise InputError(_("Two options are called '{label}'").format(label=label), field)
        seen.add(label)
        for score in (option.score, option.their_score):
            _check_score(score, field)


def check_points(points: Sequence[ScorePoint], field: str = "points") -> None:
    """Two or more points, with distinct values and scores in 0–100 (or none at all)."""
    if not points:
        return
    if len(points) < 2:
        raise InputError(_("A score curve needs at least two points"), field)
    values = [p.value for p in points]
    if len(set(values)) != len(values):
        raise InputError(_("Two score points have the same value"), field)
    for point in points:
        _check_score(point.score, field)


def _check_score(score: Decimal, field: str) -> None:
    if not ZERO <= score <= HUNDRED or score != score.quantize(Decimal("0.01")):
        raise InputError(
            _("'{score}' is not a score: a number from 0 to 100 with two decimals at most").format(
                score=score
            ),
            field,
        )


def value_str(value: Value) -> str:
    """A value as files carry it: an option's label, or a plain decimal string."""
    return value if isinstance(value, str) else decimal_str(value)


def value_text(value: Value, lang: str = "en", decimals: int | None = None) -> str:
    """A value for people: an option's label, or a number in `lang`'s style, with
    `decimals` places when given (a money term's 48.00: `display.sheet_places`)."""
    return value if isinstance(value, str) else format_number(value, lang, decimals)


def zone_text(zone: Zopa, lang: str = "en", decimals: int | None = None) -> str:
    """A ZOPA for people: `1.15 – 1.20`, or the options both sides accept."""
    if zone.options is not None:
        return ", ".join(zone.options)
    low = "" if zone.low is None else format_number(zone.low, lang, decimals)
    high = "" if zone.high is None else format_number(zone.high, lang, decimals)
    return f"{low} – {high}"


def weight_text(weight: Decimal | None, lang: str = "en") -> str:
    return "" if weight is None else format_number(weight, lang)
