"""Preferences as a rep states them: the checks on a term's options and score points,
and a value, a zone or a weight in words.

What a value is worth to each side (0–100) lives beside the term it reads, in
`terms` (`value_score`, `candidate_values`): a term's own comparisons need it, and a
module of its own here would import `terms` and be imported by it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from salesdesk.domain.errors import InputError
from salesdesk.domain.money import decimal_str, format_number
from salesdesk.domain.terms import (
    HUNDRED,
    ZERO,
    ScorePoint,
    TermOption,
    Value,
    Zopa,
)
from salesdesk.i18n import _


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
