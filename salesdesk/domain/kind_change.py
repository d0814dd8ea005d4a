"""Turning a numeric term into an option term and back, keeping what the rep stated.

A term's values live in its positions, the offers, and both BATNAs (a value on one
term, a package). Changing the kind changes every one of them in the same step:
- number → options: each number in use becomes an option labelled with it (and the
  unit), scored as the term scored it for each side; the score points end in them;
- options → number: each label becomes the number it starts with (`45 days` → 45,
  `$4.12` → 4.12) and the options' scores become score points; a label in use
  without a number is refused by name, so no value is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import ROUND_HALF_UP, Decimal

from salesdesk.domain.deal import DealSheet
from salesdesk.domain.errors import InputError
from salesdesk.domain.money import format_number, parse_number, tidy
from salesdesk.domain.terms import (
    FIELD_LABELS,
    POSITION_FIELDS,
    ScorePoint,
    Side,
    Term,
    TermKind,
    TermOption,
    Value,
    value_score,
)
from salesdesk.i18n import _

_CENT = Decimal("0.01")
# The first number of a label: `45 days`, `$4.12`, `5% spoilage allowed`, `1 234,5 €`.
_NUMBER = re.compile(r"[-−]?\d[\d\u202f\u00a0 ,.]*")


def label_number(label: str, lang: str = "en") -> Decimal | None:
    """The number a label starts with (after a currency sign), or None."""
    found = _NUMBER.search(label)
    if found is None:
        return None
    text = found.group().strip().rstrip(",.").replace("−", "-")
    try:
        return tidy(parse_number(text, lang))
    except InputError:
        return None


Setter = Callable[[Value], None]


def _setter(target: object, attribute: str) -> Setter:
    return lambda value: setattr(target, attribute, value)


def _item(mapping: dict[str, Value], key: str) -> Setter:
    return lambda value: mapping.__setitem__(key, value)


def _slots(sheet: DealSheet, term: Term) -> Iterator[tuple[str, Value, Setter]]:
    """Every value of the term in the sheet: (where, value, setter)."""
    for name in POSITION_FIELDS[:6]:
        value = getattr(term, name)
        if value is not None:
            yield _(FIELD_LABELS[name]), value, _setter(term, name)
    for offer in sheet.offers:
        value = offer.values.get(term.name)
        if value is not None:
            where = (
                _("our offer of round {round}")
                if offer.side is Side.US
                else _("their offer of round {round}")
            ).format(round=offer.round)
            yield where, value, _item(offer.values, term.name)
    for batna, where in (
        (sheet.batna_ours, _("our BATNA")),
        (sheet.batna_theirs, _("their BATNA")),
    ):
        if batna.term == term.name and batna.value is not None:
            yield where, batna.value, _setter(batna, "value")
        if batna.package and term.name in batna.package:
            yield where, batna.package[term.name], _item(batna.package, term.name)


def _score(term: Term, value: Decimal, side: Side) -> Decimal:
    score = value_score(term, value, side)
    return Decimal(0) if score is None else score.quantize(_CENT, rounding=ROUND_HALF_UP)


def to_options(sheet: DealSheet, name: str, lang: str = "en") -> None:
    """Make the term an option term: an option per number in use, scored as before."""
    term = sheet.term(name)
    if term is None or term.is_options:
        return
    slots = list(_slots(sheet, term))
    numbers = sorted({v for _where, v, _set in slots if isinstance(v, Decimal)})
    unit = f" {term.unit}" if term.unit else ""
    labels = {v: f"{format_number(v, lang)}{unit}" for v in numbers}
    options = [
        TermOption(labels[v], _score(term, v, Side.US), _score(term, v, Side.THEM)) for v in numbers
    ]
    for _where, value, put in slots:
        if isinstance(value, Decimal):
            put(labels[value])
    term.kind = TermKind.OPTIONS
    term.options = options
    term.points, term.their_points = [], []


def to_numeric(sheet: DealSheet, name: str, lang: str = "en") -> None:
    """Make the term numeric: each label the number it starts with, the options' scores
    its score points. Raises InputError naming the values that hold no number."""
    term = sheet.term(name)
    if term is None or not term.is_options:
        return
    slots = list(_slots(sheet, term))
    missing = [
        f"{where} ({value})"
        for where, value, _set in slots
        if isinstance(value, str) and label_number(value, lang) is None
    ]
    if missing:
        raise InputError(
            _("these values are options without a number: {values}; change them first").format(
                values=", ".join(missing)
            ),
            term.name,
        )
    numbered = [(label_number(o.label, lang), o) for o in term.options]
    points: list[ScorePoint] = []
    their_points: list[ScorePoint] = []
    values = [n for n, _o in numbered if n is not None]
    if len(values) >= 2 and len(set(values)) == len(values):
        for number, option in sorted(
            ((n, o) for n, o in numbered if n is not None), key=lambda item: item[0]
        ):
            points.append(ScorePoint(number, option.score))
            their_points.append(ScorePoint(number, option.their_score))
    for _where, value, put in slots:
        if isinstance(value, str):
            found = label_number(value, lang)
            assert found is not None
            put(found)
    term.kind = TermKind.NUMERIC
    term.options = []
    term.points, term.their_points = points, their_points


def rename_option(sheet: DealSheet, name: str, old: str, new: str) -> None:
    """An option renamed keeps every value that chose it."""
    term = sheet.term(name)
    if term is None:
        return
    for _where, value, put in list(_slots(sheet, term)):
        if value == old:
            put(new)
    term.options = [
        TermOption(new, o.score, o.their_score) if o.label == old else o for o in term.options
    ]


def option_uses(sheet: DealSheet, name: str, label: str) -> list[str]:
    """Where an option is chosen (positions, offers, BATNAs), in words."""
    term = sheet.term(name)
    if term is None:
        return []
    return [where for where, value, _set in _slots(sheet, term) if value == label]
