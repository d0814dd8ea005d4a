"""Terms pasted from a spreadsheet: tab-separated rows in the worksheet's column order."""

from __future__ import annotations

from decimal import Decimal

from salesdesk.domain.errors import InputError
from salesdesk.domain.money import check_scale, parse_number, tidy
from salesdesk.domain.terms import FIELD_LABELS, POSITION_FIELDS, Direction, Term
from salesdesk.domain.text import search_key
from salesdesk.i18n import _

# The worksheet's columns, in the order a pasted row fills them.
PASTE_COLUMNS = ("name", "unit", "direction", "weight", "their_weight", *POSITION_FIELDS)

_LOWER_WORDS = {"lower", "less", "-", "−", "moins", "min", "lower_is_better"}
_HIGHER_WORDS = {"higher", "more", "+", "plus", "max", "higher_is_better", ""}


def parse_direction(text: str) -> Direction:
    key = search_key(text).strip()
    first = key.split(" ")[0] if key else ""
    if key in _LOWER_WORDS or first in _LOWER_WORDS:
        return Direction.LOWER_IS_BETTER
    if key in _HIGHER_WORDS or first in _HIGHER_WORDS:
        return Direction.HIGHER_IS_BETTER
    raise InputError(
        _("'{text}' is not a direction: write “more” or “less” (is better for us)").format(
            text=text
        )
    )


def parse_weight(text: str, lang: str = "en") -> Decimal | None:
    """A weight as typed: 0 to 100, two decimals at most (`28.81`, `28,81 %` in French)."""
    if not text.strip():
        return None
    stripped = text.strip().rstrip("%").strip()
    try:
        value = parse_number(stripped, lang)
    except InputError:
        value = None
    if value is None or not 0 <= value <= 100 or value != value.quantize(Decimal("0.01")):
        raise InputError(
            _("'{text}' is not a weight: a number from 0 to 100 with two decimals at most").format(
                text=text
            )
        )
    return tidy(value)


def parse_position(text: str, lang: str) -> Decimal | None:
    if not text.strip():
        return None
    return tidy(check_scale(parse_number(text, lang)))


def _looks_like_header(cells: list[str], lang: str) -> bool:
    """A first row whose number columns hold no number is the spreadsheet's header."""
    numeric = [c for c in cells[3:] if c.strip()]
    if not numeric:
        return False
    for cell in numeric:
        try:
            parse_position(cell, lang)
        except InputError:
            continue
        return False
    return True


def terms_from_paste(text: str, lang: str) -> list[Term]:
    """Every row becomes a term, or nothing does: the first mistake is reported by line."""
    rows = [line.split("\t") for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    if rows and _looks_like_header(rows[0], lang):
        start, rows = 2, rows[1:]
    else:
        start = 1
    terms: list[Term] = []
    for number, cells in enumerate(rows, start=start):
        if len(cells) > len(PASTE_COLUMNS):
            raise InputError(
                _("has {n} columns, the worksheet has {m}").format(
                    n=len(cells), m=len(PASTE_COLUMNS)
                ),
                _("line {n}").format(n=number),
            )
        values = dict(zip(PASTE_COLUMNS, cells, strict=False))
        name = values.get("name", "").strip()
        if not name:
            raise InputError(_("the term has no name"), _("line {n}").format(n=number))
        term = Term(name=name, unit=values.get("unit", "").strip())
        field = "direction"
        try:
            term.direction = parse_direction(values.get("direction", ""))
            for field in ("weight", "their_weight"):
                setattr(term, field, parse_weight(values.get(field, ""), lang))
            for field in POSITION_FIELDS:
                setattr(term, field, parse_position(values.get(field, ""), lang))
        except InputError as exc:
            where = _("line {n}, {column}").format(n=number, column=_(FIELD_LABELS[field]))
            raise InputError(exc.message, where) from None
        terms.append(term)
    return terms
