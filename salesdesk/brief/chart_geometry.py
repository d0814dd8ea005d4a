"""What the charts show and where, computed once for both renderers.

Paper charts are drawn with reportlab's vector shapes (`paper_charts`), the app's with
matplotlib (`charts`); both read the ranges, ticks, label texts and label lanes from
here, and the same styles: each series differs in line style and marker fill as well
as colour, so it stays apart on a black-and-white printer and for colour-blind readers
(the Okabe–Ito palette). Pure Python: no reportlab, no matplotlib.

Lengths are in points (1/72 in); values along an axis are floats, positions only.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from salesdesk.domain.ledger import EntryStatus, LedgerEntry, ledger_figures
from salesdesk.domain.limits import shorten
from salesdesk.domain.money import format_number
from salesdesk.domain.terms import POSITION_FIELDS, Side, Term, has_no_zopa, points_score, zopa
from salesdesk.i18n import _

# text, font size → width in points
Measure = Callable[[str, float], float]


@dataclass(frozen=True)
class Style:
    color: str  # strokes and filled markers
    light: str  # fills behind
    dash: tuple[float, ...] | None  # None: a solid line
    filled: bool  # markers filled, or white with a coloured outline


# Okabe–Ito: told apart by the common colour-vision deficiencies; in grey the line
# style and the marker fill still tell them apart.
OURS = Style("#0072B2", "#c6dbef", None, True)
THEIRS = Style("#B34700", "#f6d2bd", (3.0, 2.0), False)
ZOPA = Style("#009E73", "#d4efe5", None, True)
MARKET = Style("#555555", "#dddddd", (1.0, 1.5), True)
# The ledger's sums were its planned and offered entries accepted: dotted, hollow marks.
IF_ACCEPTED_DASH = (1.0, 1.8)
NO_ZOPA_COLOR = "#B3002D"
ZONE_TEXT_COLOR = "#00684A"
AXIS_COLOR = "#444444"

LABEL_SIZE = 6.5
ZONE_SIZE = 6.0
TICK_SIZE = 6.5
TITLE_SIZE = 7.5
LANE = 8.0  # height of one lane of position labels
LABEL_GAP = 3.0  # the least room between two labels of a lane

# Vertical layout of one term's row, top to bottom (points).
TITLE_H = 11.0
BAR_H = 4.0
MARKER_H = 5.5  # from a bar's centre to the nearest label: the walk-away tick is 9 pt tall
BETWEEN_BARS = 16.0  # centre to centre: the markers, and the "ZOPA" label between them
LABEL_DESCENT = 1.4
MARKET_H = 7.0
AXIS_H = 13.0  # the axis line, its ticks and their labels
ROW_GAP = 7.0
CURVE_H = 22.0  # a shaped term's score curves: 0 at the band's foot, 100 at its head
CURVE_GAP = 4.0  # between the curves' band and the labels under it
CURVE_RULE = "#d9d9d9"  # the band's 0 and 100 lines
# An option term's row runs along the score (0–100), a little room at both ends.
SCORE_AXIS = (-4.0, 104.0)
SCORE_TICKS = (0.0, 25.0, 50.0, 75.0, 100.0)


# ------------------------------------------------------------------ text widths

# DejaVu Sans advance widths (units of 2048 per em) of what number labels hold.
_WIDTHS = {
    **dict.fromkeys("0123456789", 1303),
    ",": 651,
    ".": 651,
    " ": 651,
    "\u202f": 651,
    "\u00a0": 651,
    "-": 739,
    "−": 1716,
    "–": 1024,
    "%": 1946,
}


def approx_width(text: str, size: float) -> float:
    """Width of `text` in DejaVu Sans: exact for numbers, close enough for words."""
    return sum(_WIDTHS.get(c, 1250) for c in text) * size / 2048


# ------------------------------------------------------------------ axes


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round values from `low` to `high` (both ends within), about `count` of them."""
    if not math.isfinite(low) or not math.isfinite(high) or high <= low:
        return [low]
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.ceil(low / step - 1e-9) * step
    ticks = []
    value = first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 12))
        value += step
    return ticks


def tick_text(value: float, lang: str) -> str:
    """A tick label written as the language writes numbers (`1 234,5` in French)."""
    return format_number(Decimal(f"{value:.6g}"), lang)


# ------------------------------------------------------------------ labels


@dataclass
class Label:
    """A text centred on `value` of its row's axis; `lane` 0 is the closest to its bar."""

    text: str
    value: float
    side: str  # "us" or "them"
    width: float = 0.0
    lane: int = 0
    left: float = 0.0  # its box, in points from the plot's left edge, once placed

    @property
    def right(self) -> float:
        return self.left + self.width


def place_labels(labels: list[Label], scale: Callable[[float], float], plot_width: float) -> int:
    """Give each label a lane so that no two of a lane overlap; return the lanes used.

    Labels keep their order along the axis; one pushed against the plot's edge moves
    inwards. Equal texts at the same place are shown once (the caller passes them once).
    """
    lanes: list[float] = []  # right edge of the last label of each lane
    for label in sorted(labels, key=lambda x: x.value):
        centre = scale(label.value)
        label.left = min(max(centre - label.width / 2, 0.0), plot_width - label.width)
        for lane, right in enumerate(lanes):
            if label.left >= right + LABEL_GAP:
                label.lane = lane
                lanes[lane] = label.right
                break
        else:  # a new lane, further from the bar (a side has three labels at most)
            label.lane = len(lanes)
            lanes.append(label.right)
    return len(lanes)


# ------------------------------------------------------------------ the range chart

_CURRENCY = re.compile(r"^\s*(?:[A-Z]{3}|[€£$¥₹₩₽¤]|CHF)\s*(?:/.*)?$")


def is_money_unit(unit: str) -> bool:
    """EUR, €, £/unit, $ per seat: a currency alone or per something."""
    return bool(_CURRENCY.match(unit.split(" per ")[0] if " per " in unit else unit))


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def term_places(term: Term) -> int:
    """The decimals every value of a term shows: the most its positions or step use,
    at least two when it is money."""
    values = [v for v in term_values(term) if v is not None]
    step = getattr(term, "step", None)
    if isinstance(step, Decimal):
        values.append(step)
    places = max((_places(v) for v in values), default=0)
    return max(places, 2) if is_money_unit(term.unit or "") else places


def term_values(term: Term) -> list[Decimal | None]:
    """A numeric term's positions (an option term's labels have no place on an axis)."""
    return [term.number(name) for name in POSITION_FIELDS]


def _point_values(term: Term) -> list[Decimal]:
    return [p.value for p in (*term.points, *term.their_points)]


def charted_terms(terms: Sequence[Term]) -> list[Term]:
    """One row each: a numeric term with two known positions or score points, an option
    term with options (placed on the score they are worth)."""
    out = []
    for term in terms:
        if term.is_options:
            if term.options:
                out.append(term)
        elif sum(v is not None for v in term_values(term)) + len(_point_values(term)) >= 2:
            out.append(term)
    return out


@dataclass(frozen=True)
class Mark:
    side: str  # "us" or "them"
    kind: str  # "opening", "target" or "walk_away"
    value: float


@dataclass(frozen=True)
class Curve:
    """A side's score along the axis (value, score 0–100), flat beyond its points."""

    side: str  # "us" or "them"
    points: tuple[tuple[float, float], ...]


@dataclass
class RangeRow:
    """One term of the range chart, laid out for a plot `plot_width` points wide.

    An option term's row runs along the score (0–100): each side's options sit on
    what they are worth to that side, its positions marked there."""

    title: str
    low: float  # the axis's ends
    high: float
    plot_width: float
    ticks: list[float]
    tick_labels: list[str]
    ours: tuple[float, float] | None  # the bar from one known position to the other
    theirs: tuple[float, float] | None
    marks: list[Mark]
    zopa: tuple[float, float] | None
    no_zopa: bool
    market: tuple[float, float] | None
    market_typical: float | None
    labels: list[Label] = field(default_factory=list)
    # "ZOPA" or "no ZOPA", between the two bars: its text and left edge (points)
    zone_text: str = ""
    zone_left: float = 0.0
    ours_lanes: int = 1
    theirs_lanes: int = 1
    # A shaped term's score curves, drawn in a band under the title.
    curves: list[Curve] = field(default_factory=list)
    options: bool = False

    def x(self, value: float) -> float:
        """Points from the plot's left edge."""
        return (value - self.low) / (self.high - self.low) * self.plot_width

    @property
    def from_zero(self) -> bool:
        """Does the axis start at zero (or cross it)? Else the chart must say it does not."""
        return self.low <= 0 <= self.high

    # Vertical layout, in points down from the row's top.
    @property
    def curve_caption(self) -> str:
        """Said at the right of the title when the row has score curves."""
        return _("score curves, 0–100") if self.curves else ""

    @property
    def curve_h(self) -> float:
        return CURVE_H + CURVE_GAP if self.curves else 0.0

    def curve_y(self, score: float) -> float:
        """Where a score (0–100) of a curve lies, down from the row's top."""
        return TITLE_H + 2 + (1 - score / 100) * (CURVE_H - 2)

    @property
    def ours_y(self) -> float:
        return TITLE_H + self.curve_h + self.ours_lanes * LANE + MARKER_H

    @property
    def theirs_y(self) -> float:
        return self.ours_y + BETWEEN_BARS

    @property
    def market_y(self) -> float:
        return self.theirs_y + MARKER_H + self.theirs_lanes * LANE + MARKET_H / 2

    @property
    def axis_y(self) -> float:
        return self.market_y + (MARKET_H / 2 if self.market else -MARKET_H / 2) + 2

    @property
    def height(self) -> float:
        return self.axis_y + AXIS_H + ROW_GAP

    def label_box(self, label: Label) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of a label's lane, in points down from the row's top;
        its baseline is `LABEL_DESCENT` above the bottom."""
        if label.side == "us":
            bottom = self.ours_y - MARKER_H - label.lane * LANE
        else:
            bottom = self.theirs_y + MARKER_H + (label.lane + 1) * LANE
        return (label.left, bottom - LANE + 1, label.right, bottom)

    def bar_boxes(self) -> list[tuple[float, float, float, float]]:
        """What labels must keep clear of: the bars and their markers."""
        boxes = []
        for span, y in ((self.ours, self.ours_y), (self.theirs, self.theirs_y)):
            if span is not None:
                boxes.append(
                    (self.x(span[0]) - 4, y - BAR_H / 2, self.x(span[1]) + 4, y + BAR_H / 2)
                )
        for mark in self.marks:
            y = self.ours_y if mark.side == "us" else self.theirs_y
            boxes.append((self.x(mark.value) - 4, y - 4.5, self.x(mark.value) + 4, y + 4.5))
        return boxes


def range_rows(
    terms: Sequence[Term],
    lang: str,
    plot_width: float,
    measure: Measure = approx_width,
    min_lanes: int = 1,
) -> list[RangeRow]:
    """The rows of the range chart, labels placed in lanes that never overlap.

    `min_lanes` reserves room for that many lanes of labels on each side even when
    fewer are needed, so a chart redrawn as values change keeps its layout."""
    rows = []
    for term in charted_terms(terms):
        if term.is_options:
            row = _options_row(term, lang, plot_width, measure)
        else:
            row = _numeric_row(term, lang, plot_width, measure)
        row.ours_lanes = max(
            min_lanes, place_labels([x for x in row.labels if x.side == "us"], row.x, plot_width)
        )
        row.theirs_lanes = max(
            min_lanes,
            place_labels([x for x in row.labels if x.side == "them"], row.x, plot_width),
        )
        _place_zone_text(row, term, measure)
        _thin_ticks(row, measure)
        rows.append(row)
    return rows


def _numeric_row(term: Term, lang: str, plot_width: float, measure: Measure) -> RangeRow:
    numbers = term_values(term)
    known = [float(v) for v in numbers if v is not None] + [float(v) for v in _point_values(term)]
    low, high = min(known), max(known)
    pad = (high - low) * 0.06 or abs(high) * 0.05 or 1.0
    low, high = low - pad, high + pad
    if low < 0 <= min(known):  # no negative axis for positive quantities
        low = 0.0
    ticks = [t for t in nice_ticks(low, high, 5) if low <= t <= high]
    places = term_places(term)
    marks: list[Mark] = []
    labels: list[Label] = []
    spans: dict[str, tuple[float, float] | None] = {}
    for side, positions in (("us", numbers[0:3]), ("them", numbers[3:6])):
        present = [float(v) for v in positions if v is not None]
        spans[side] = (min(present), max(present)) if len(present) >= 2 else None
        seen: set[Decimal] = set()
        for kind, value in zip(("opening", "target", "walk_away"), positions, strict=True):
            if value is None:
                continue
            # A drawing coordinate on the axis; the label is written from the Decimal.
            x = float(value)
            marks.append(Mark(side, kind, x))
            if value not in seen:  # equal positions share one label
                seen.add(value)
                text = format_number(value, lang, places)
                labels.append(Label(text, x, side, measure(text, LABEL_SIZE)))
    zone = zopa(term)
    market = (
        (float(numbers[6]), float(numbers[8]))
        if numbers[6] is not None and numbers[8] is not None
        else None
    )
    unit = f" ({term.unit})" if term.unit else ""
    return RangeRow(
        title=f"{term.name}{unit}",
        low=low,
        high=high,
        plot_width=plot_width,
        ticks=ticks,
        tick_labels=[tick_text(t, lang) for t in ticks],
        ours=spans["us"],
        theirs=spans["them"],
        marks=marks,
        zopa=(float(zone.low), float(zone.high))
        if zone is not None and zone.low is not None and zone.high is not None
        else None,
        no_zopa=zone is None and has_no_zopa(term),
        market=market,
        market_typical=float(numbers[7]) if market and numbers[7] is not None else None,
        labels=labels,
        curves=_curves(term, low, high),
    )


def _curves(term: Term, low: float, high: float) -> list[Curve]:
    """Each shaped side's score from one end of the axis to the other (flat beyond its
    first and last points)."""
    out = []
    for side, name in ((Side.US, "us"), (Side.THEM, "them")):
        points = sorted(term.points_of(side), key=lambda p: p.value)
        if len(points) < 2:
            continue
        inner = [(float(p.value), float(p.score)) for p in points if low < p.value < high]
        ends = [float(points_score(points, Decimal(repr(x)))) for x in (low, high)]
        out.append(Curve(name, ((low, ends[0]), *inner, (high, ends[1]))))
    return out


def _options_row(term: Term, lang: str, plot_width: float, measure: Measure) -> RangeRow:
    """Each side's options on the score they are worth to it; its positions marked there."""
    low, high = SCORE_AXIS
    marks: list[Mark] = []
    labels: list[Label] = []
    spans: dict[str, tuple[float, float] | None] = {}
    widest = plot_width / 2
    for side, name in ((Side.US, "us"), (Side.THEM, "them")):
        scores = [
            None if (o := term.option(v)) is None else float(o.score_of(side))
            for v in term.positions(side)
        ]
        present = [s for s in scores if s is not None]
        spans[name] = (min(present), max(present)) if len(present) >= 2 else None
        for kind, score in zip(("opening", "target", "walk_away"), scores, strict=True):
            if score is not None:
                marks.append(Mark(name, kind, score))
        # Options worth the same share one label.
        by_score: dict[float, list[str]] = {}
        for option in term.options:
            by_score.setdefault(float(option.score_of(side)), []).append(option.label)
        for score, names in by_score.items():
            text = " / ".join(names)
            while measure(text, LABEL_SIZE) > widest and len(text) > 4:
                text = shorten(text, len(text) - 2)
            labels.append(Label(text, score, name, measure(text, LABEL_SIZE)))
    ticks = list(SCORE_TICKS)
    return RangeRow(
        title=_("{term} (options by each side's score, 0–100)").format(term=term.name),
        low=low,
        high=high,
        plot_width=plot_width,
        ticks=ticks,
        tick_labels=[tick_text(t, lang) for t in ticks],
        ours=spans["us"],
        theirs=spans["them"],
        marks=marks,
        zopa=None,
        no_zopa=has_no_zopa(term),
        market=None,
        market_typical=None,
        labels=labels,
        options=True,
    )


def _place_zone_text(row: RangeRow, term: Term, measure: Measure) -> None:
    """ "ZOPA" (or "no ZOPA") between the two bars: centred on the ZOPA, or on the gap
    between the walk-aways; an option term's names the options both sides accept."""
    zone = zopa(term) if term.is_options else None
    if row.zopa is None and not row.no_zopa and zone is None:
        return
    if zone is not None and zone.options:
        row.zone_text = _("ZOPA: {options}").format(options=", ".join(zone.options))
        while measure(row.zone_text, ZONE_SIZE) * 1.1 > row.plot_width and len(row.zone_text) > 8:
            row.zone_text = shorten(row.zone_text, len(row.zone_text) - 2)
        ends = (row.low, row.high)
    else:
        row.zone_text = _("ZOPA") if row.zopa is not None else _("no ZOPA")
        if row.options:
            ends = (row.low, row.high)
        else:
            ends = row.zopa or (
                float(term.number("walk_away") or 0),
                float(term.number("their_walk_away") or 0),
            )
    width = measure(row.zone_text, ZONE_SIZE) * 1.1  # bold
    centre = row.x((ends[0] + ends[1]) / 2)
    row.zone_left = min(max(centre - width / 2, 0.0), row.plot_width - width)


def _thin_ticks(row: RangeRow, measure: Measure) -> None:
    """Drop every other tick until their labels stand apart."""
    while len(row.ticks) > 2:
        boxes = [
            (row.x(t) - measure(s, TICK_SIZE) / 2, row.x(t) + measure(s, TICK_SIZE) / 2)
            for t, s in zip(row.ticks, row.tick_labels, strict=True)
        ]
        if all(b[0] >= a[1] + 4 for a, b in itertools.pairwise(boxes)):
            return
        row.ticks, row.tick_labels = row.ticks[::2], row.tick_labels[::2]


def hatch_lines(
    left: float, bottom: float, right: float, top: float, spacing: float = 3.5
) -> list[tuple[float, float, float, float]]:
    """45° lines filling a rectangle (y up): the ZOPA's hatching, clipped by hand."""
    lines = []
    width, height = right - left, top - bottom
    offset = -height
    while offset < width:
        # the line y - bottom = (x - left) - offset, inside the box
        x0 = left + max(offset, 0.0)
        y0 = bottom + max(-offset, 0.0)
        x1 = left + min(width, offset + height)
        y1 = bottom + min(height, width - offset)
        if x1 > x0:
            lines.append((x0, y0, x1, y1))
        offset += spacing
    return lines


# ------------------------------------------------------------------ the ledger chart


def ledger_points(
    entries: Sequence[LedgerEntry], *, if_accepted: bool = False
) -> list[tuple[int, Decimal, Decimal]]:
    """(round, cumulative given cost, cumulative received value) over accepted entries;
    with `if_accepted`, the planned and offered ones counted as if accepted too."""
    by_round: dict[int, tuple[Decimal, Decimal]] = {}
    for entry in entries:
        if entry.round is None:
            continue
        counted = entry
        if if_accepted and entry.status in (EntryStatus.PLANNED, EntryStatus.OFFERED):
            counted = replace(entry, status=EntryStatus.ACCEPTED)
        figures = ledger_figures([counted])
        given, received = by_round.get(entry.round, (Decimal(0), Decimal(0)))
        by_round[entry.round] = (given + figures.given_cost, received + figures.received_value)
    points = []
    given_total = received_total = Decimal(0)
    for round_ in sorted(by_round):
        given_total += by_round[round_][0]
        received_total += by_round[round_][1]
        points.append((round_, given_total, received_total))
    return points


def ledger_if_accepted(entries: Sequence[LedgerEntry]) -> list[tuple[int, Decimal, Decimal]]:
    """The ledger's points were its planned and offered entries accepted, or [] when that
    changes nothing. A ledger of plans alone draws them there, on an axis that holds
    their amounts, rather than two lines at zero on an axis from 0 to 1."""
    pending = ledger_points(entries, if_accepted=True)
    return [] if pending == ledger_points(entries) else pending


def amount_axis(values: Sequence[float]) -> tuple[float, float, list[float]]:
    """An amount axis from zero (never a cut axis that would exaggerate a gap) to a round
    value above the largest; negative amounts extend it below zero."""
    low = min(0.0, *values) if values else 0.0
    high = max(0.0, *values) if values else 1.0
    if high == low:
        high = low + 1.0
    ticks = nice_ticks(low, high, 5)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    if ticks[-1] < high - 1e-9:
        ticks.append(ticks[-1] + step)
    if ticks[0] > low + 1e-9:
        ticks.insert(0, ticks[0] - step)
    return ticks[0], ticks[-1], ticks
