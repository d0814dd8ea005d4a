"""The brief's charts drawn with reportlab's own vector shapes: real text in our fonts,
a few milliseconds each, nothing cached.

The geometry (ranges, ticks, label lanes, styles) comes from `chart_geometry`, the
same the app's matplotlib charts read, so paper and screen show the same chart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from salesdesk.brief import chart_geometry as geo
from salesdesk.brief.fonts import draw_text, register, string_width
from salesdesk.domain.ledger import LedgerEntry
from salesdesk.domain.money import format_number
from salesdesk.domain.terms import Term
from salesdesk.i18n import _

SIDE_MARGIN = 6.0
LEGEND_H = 14.0


@cache
def _color(hex_: str) -> Any:
    from reportlab.lib.colors import HexColor

    return HexColor(hex_)


@cache
def _fast_shapes() -> None:
    """reportlab checks every attribute set on a shape against its type; our shapes are
    made by this module alone, and the checks cost half the drawing's time."""
    from reportlab import rl_config

    rl_config.shapeChecking = 0


def _line(
    group: Any,
    x0: float,
    y0: float,
    x1: float,
    y1: float,
    color: str,
    width: float = 1.0,
    dash: Sequence[float] | None = None,
) -> None:
    from reportlab.graphics.shapes import Line

    group.add(
        Line(
            x0,
            y0,
            x1,
            y1,
            strokeColor=_color(color),
            strokeWidth=width,
            strokeDashArray=list(dash) if dash else None,
            strokeLineCap=0,
        )
    )


def _segments(
    group: Any,
    segments: Iterable[tuple[float, float, float, float]],
    color: str,
    width: float = 1.0,
) -> None:
    """Solid lines of one stroke, as `_line` draws each, in one path: a subpath per
    segment (its own caps, as a line of its own has), so the page looks the same and is
    drawn without a shape, and a change of state, per segment (a frontier has
    hundreds). Not for dashes: a viewer may carry the pattern from one subpath on."""
    from reportlab.graphics.shapes import Path

    path = Path(
        strokeColor=_color(color),
        strokeWidth=width,
        strokeLineCap=0,
        fillColor=None,
    )
    for x0, y0, x1, y1 in segments:
        path.moveTo(x0, y0)
        path.lineTo(x1, y1)
    if path.points:
        group.add(path)


def _marker(group: Any, kind: str, x: float, y: float, style: geo.Style) -> None:
    from reportlab.graphics.shapes import Circle, Polygon, Rect

    fill = _color(style.color) if style.filled else _color("#ffffff")
    stroke = _color(style.color)
    if kind == "opening":  # ▶
        group.add(
            Polygon(
                [x - 3.2, y - 3.4, x + 3.6, y, x - 3.2, y + 3.4],
                fillColor=fill,
                strokeColor=stroke,
                strokeWidth=1,
            )
        )
    elif kind == "target":  # ●
        group.add(Circle(x, y, 2.8, fillColor=fill, strokeColor=stroke, strokeWidth=1))
    else:  # | walk-away
        group.add(Rect(x - 1.1, y - 4.5, 2.2, 9, fillColor=stroke, strokeColor=None))


def _bar(group: Any, x0: float, x1: float, y: float, style: geo.Style) -> None:
    """A light band (the colour) with a dark line along it (solid or dashed: the grey)."""
    _line(group, x0, y, x1, y, style.light, geo.BAR_H)
    _line(group, x0, y, x1, y, style.color, 1.2, style.dash)


def _hatched(group: Any, left: float, bottom: float, right: float, top: float) -> None:
    from reportlab.graphics.shapes import Rect

    group.add(
        Rect(
            left,
            bottom,
            right - left,
            top - bottom,
            fillColor=_color(geo.ZOPA.light),
            strokeColor=None,
        )
    )
    from reportlab.graphics.shapes import Path

    hatch = Path(strokeColor=_color(geo.ZOPA.color), strokeWidth=0.5, fillColor=None)
    for x0, y0, x1, y1 in geo.hatch_lines(left, bottom, right, top):
        hatch.moveTo(x0, y0)
        hatch.lineTo(x1, y1)
    group.add(hatch)
    for x in (left, right):
        _line(group, x, bottom, x, top, geo.ZOPA.color, 0.8)


def _break_mark(group: Any, x: float, y: float) -> None:
    """⫽ across the start of an axis that does not start at zero."""
    from reportlab.graphics.shapes import Rect

    group.add(Rect(x - 2.5, y - 3, 5, 6, fillColor=_color("#ffffff"), strokeColor=None))
    for dx in (-2.0, 1.0):
        _line(group, x + dx - 1.2, y - 3, x + dx + 1.2, y + 3, geo.AXIS_COLOR, 0.7)


def _measure(text: str, size: float) -> float:
    return string_width(text, size)


def range_rows(terms: Sequence[Term], lang: str, width: float) -> list[geo.RangeRow]:
    register()
    return geo.range_rows(terms, lang, width - 2 * SIDE_MARGIN, _measure)


def range_drawing(terms: Sequence[Term], lang: str, width: float) -> Any | None:
    """One band per term with at least two known positions; None when there is none."""
    from reportlab.graphics.shapes import Group

    from salesdesk.brief.chart_renderer import ChartDrawing

    _fast_shapes()
    rows = range_rows(terms, lang, width)
    if not rows:
        return None
    height = sum(r.height for r in rows) + LEGEND_H
    drawing = ChartDrawing(width, height)
    top = height
    left = SIDE_MARGIN
    for row in rows:
        group = Group()
        _draw_row(group, row, left, top, lang)
        drawing.add(group)
        top -= row.height
    _range_legend(drawing, left, LEGEND_H / 2, cut=any(not r.from_zero for r in rows))
    return drawing


def _draw_row(group: Any, row: geo.RangeRow, left: float, top: float, lang: str) -> None:
    def y(down: float) -> float:
        return top - down

    def x(value: float) -> float:
        return left + row.x(value)

    draw_text(group, left, y(8), row.title, geo.TITLE_SIZE, color="#222222", bold=True)
    if row.curve_caption:
        draw_text(
            group,
            left + row.plot_width,
            y(8),
            row.curve_caption,
            geo.ZONE_SIZE,
            color="#555555",
            anchor="end",
        )
    _curves(group, row, left, top)
    if row.zopa is not None:
        x0, x1 = x(row.zopa[0]), x(row.zopa[1])
        if x1 - x0 < 1.5:
            x0, x1 = x0 - 0.75, x1 + 0.75
        _hatched(group, x0, y(row.theirs_y + geo.BAR_H), x1, y(row.ours_y - geo.BAR_H))
    if row.zone_text:
        draw_text(
            group,
            left + row.zone_left,
            y((row.ours_y + row.theirs_y) / 2 + 2.2),
            row.zone_text,
            geo.ZONE_SIZE,
            color=geo.NO_ZOPA_COLOR if row.no_zopa else geo.ZONE_TEXT_COLOR,
            bold=True,
            background="#ffffff",
        )
    for span, style, down in (
        (row.ours, geo.OURS, row.ours_y),
        (row.theirs, geo.THEIRS, row.theirs_y),
    ):
        if span is not None:
            _bar(group, x(span[0]), x(span[1]), y(down), style)
    for mark in row.marks:
        style, down = (geo.OURS, row.ours_y) if mark.side == "us" else (geo.THEIRS, row.theirs_y)
        _marker(group, mark.kind, x(mark.value), y(down), style)
    for label in row.labels:
        box = row.label_box(label)
        color = geo.OURS.color if label.side == "us" else geo.THEIRS.color
        draw_text(
            group, left + box[0], y(box[3]) + geo.LABEL_DESCENT, label.text, geo.LABEL_SIZE, color
        )
    if row.market is not None:
        m0, m1, my = x(row.market[0]), x(row.market[1]), y(row.market_y)
        _line(group, m0, my, m1, my, geo.MARKET.color, 1.4, geo.MARKET.dash)
        for mx in (m0, m1):
            _line(group, mx, my - 2.5, mx, my + 2.5, geo.MARKET.color, 1.0)
        if row.market_typical is not None:
            from reportlab.graphics.shapes import Polygon

            tx = x(row.market_typical)
            group.add(
                Polygon(
                    [tx, my + 3, tx + 3, my, tx, my - 3, tx - 3, my],
                    fillColor=_color(geo.MARKET.color),
                    strokeColor=None,
                )
            )
    ay = y(row.axis_y)
    _line(group, left, ay, left + row.plot_width, ay, geo.AXIS_COLOR, 0.6)
    for tick, text in zip(row.ticks, row.tick_labels, strict=True):
        _line(group, x(tick), ay, x(tick), ay - 2.5, geo.AXIS_COLOR, 0.6)
        draw_text(group, x(tick), ay - 9.5, text, geo.TICK_SIZE, "#333333", anchor="middle")
    if not row.from_zero:
        _break_mark(group, left, ay)


def _curves(group: Any, row: geo.RangeRow, left: float, top: float) -> None:
    """A shaped term's score curves in their band under the title (as on screen)."""
    from reportlab.graphics.shapes import PolyLine

    if not row.curves:
        return
    for score in (0.0, 100.0):
        y = top - row.curve_y(score)
        _line(group, left, y, left + row.plot_width, y, geo.CURVE_RULE, 0.5)
    for curve in row.curves:
        style = geo.OURS if curve.side == "us" else geo.THEIRS
        coords = [c for x, s in curve.points for c in (left + row.x(x), top - row.curve_y(s))]
        group.add(
            PolyLine(
                coords,
                strokeColor=_color(style.color),
                strokeWidth=1.2,
                strokeDashArray=list(style.dash) if style.dash else None,
            )
        )


def _range_legend(drawing: Any, left: float, y: float, cut: bool) -> None:
    from reportlab.graphics.shapes import Group

    group = Group()
    x = left
    size = 6.5

    def text(label: str) -> None:
        nonlocal x
        draw_text(group, x, y - 2.2, label, size, "#222222")
        x += string_width(label, size) + 12

    for style, label in ((geo.OURS, _("ours")), (geo.THEIRS, _("theirs (estimated)"))):
        _bar(group, x, x + 18, y, style)
        _marker(group, "target", x + 9, y, style)
        x += 22
        text(label)
    _hatched(group, x, y - 4, x + 12, y + 4)
    x += 16
    text(_("ZOPA"))
    _line(group, x, y, x + 18, y, geo.MARKET.color, 1.4, geo.MARKET.dash)
    for mx in (x, x + 18):
        _line(group, mx, y - 2.5, mx, y + 2.5, geo.MARKET.color, 1.0)
    x += 22
    text(_("market"))
    if cut:
        _line(group, x - 4, y, x + 8, y, geo.AXIS_COLOR, 0.6)
        _break_mark(group, x + 2, y)
        x += 12
        text(_("axis not starting at zero"))
    drawing.add(group)


# ------------------------------------------------------------------ the ledger chart


def ledger_drawing(
    entries: Sequence[LedgerEntry], currency: str, lang: str, width: float, height: float = 150
) -> Any | None:
    """Cumulative given and received per round, the amount axis from zero."""
    from reportlab.graphics.shapes import Group, PolyLine

    from salesdesk.brief.chart_renderer import ChartDrawing

    register()
    _fast_shapes()
    points = geo.ledger_points(entries)
    if not points:
        return None
    given = [float(p[1]) for p in points]
    received = [float(p[2]) for p in points]
    # Dotted, hollow: the same sums were the planned and offered entries accepted too.
    pending = geo.ledger_if_accepted(entries)
    if_given = [float(p[1]) for p in pending]
    if_received = [float(p[2]) for p in pending]
    low, high, ticks = geo.amount_axis(given + received + if_given + if_received)
    tick_labels = [geo.tick_text(t, lang) for t in ticks]
    size = geo.TICK_SIZE
    ends = [format_number(p, lang) for p in (points[-1][1], points[-1][2])]
    left = max(string_width(t, size) for t in tick_labels) + 18
    right = width - max(string_width(t, size) for t in ends) - 10
    bottom, top = 24.0, height - LEGEND_H - 4
    drawing = ChartDrawing(width, height)
    group = Group()

    def y(value: float) -> float:
        return bottom + (value - low) / (high - low) * (top - bottom)

    rounds = [p[0] for p in points]
    step = (right - left) / len(rounds)

    def x(index: int) -> float:
        return left + step * (index + 0.5)

    for tick, text in zip(ticks, tick_labels, strict=True):
        _line(group, left, y(tick), right, y(tick), "#e2e2e2", 0.4)
        _line(group, left - 2.5, y(tick), left, y(tick), geo.AXIS_COLOR, 0.6)
        draw_text(group, left - 4, y(tick) - 2.2, text, size, "#333333", anchor="end")
    _line(group, left, bottom, left, top, geo.AXIS_COLOR, 0.6)
    _line(group, left, y(0), right, y(0), geo.AXIS_COLOR, 0.6)
    for index, round_ in enumerate(rounds):
        _line(group, x(index), bottom, x(index), bottom - 2.5, geo.AXIS_COLOR, 0.6)
        draw_text(group, x(index), bottom - 10, str(round_), size, "#333333", anchor="middle")
    draw_text(group, (left + right) / 2, 2, _("round"), size, "#333333", anchor="middle")
    draw_text(group, 2, top + 7, currency, size, "#333333")
    series = (
        (given, geo.THEIRS, "square"),
        (received, geo.OURS, "circle"),
    )
    for values, style, _shape in series:
        coords = [c for i, v in enumerate(values) for c in (x(i), y(v))]
        group.add(
            PolyLine(
                coords,
                strokeColor=_color(style.color),
                strokeWidth=1.4,
                strokeDashArray=list(style.dash) if style.dash else None,
            )
        )
        for i, v in enumerate(values):
            _point(group, _shape, x(i), y(v), style)
    for values, style, shape in (
        (if_given, geo.THEIRS, "square"),
        (if_received, geo.OURS, "circle"),
    ):
        if not values:
            continue
        hollow = geo.Style(style.color, style.light, geo.IF_ACCEPTED_DASH, False)
        coords = [c for i, v in enumerate(values) for c in (x(i), y(v))]
        group.add(
            PolyLine(
                coords,
                strokeColor=_color(style.color),
                strokeWidth=1.0,
                strokeDashArray=list(geo.IF_ACCEPTED_DASH),
            )
        )
        for i, v in enumerate(values):
            _point(group, shape, x(i), y(v), hollow)
    # The last amounts at the right, pushed apart when they would touch.
    ys = [y(given[-1]), y(received[-1])]
    if abs(ys[0] - ys[1]) < 8:
        middle = sum(ys) / 2
        low_first = ys[0] <= ys[1]
        ys = [middle - 4, middle + 4] if low_first else [middle + 4, middle - 4]
    for text, (_values, style, _s), ty in zip(ends, series, ys, strict=True):
        draw_text(group, x(len(rounds) - 1) + 7, ty - 2.2, text, size, style.color)
    drawing.add(group)
    legend = Group()
    lx, ly = left, height - LEGEND_H / 2
    for (_values, style, shape), label in zip(
        series, (_("given (cost to us)"), _("received (value to us)")), strict=True
    ):
        _line(legend, lx, ly, lx + 18, ly, style.color, 1.4, style.dash)
        _point(legend, shape, lx + 9, ly, style)
        lx += 22
        draw_text(legend, lx, ly - 2.2, label, 6.5, "#222222")
        lx += string_width(label, 6.5) + 14
    if pending:
        _line(legend, lx, ly, lx + 18, ly, "#555555", 1.0, geo.IF_ACCEPTED_DASH)
        _point(legend, "circle", lx + 9, ly, geo.Style("#555555", "#dddddd", None, False))
        lx += 22
        draw_text(
            legend, lx, ly - 2.2, _("if planned and offered are accepted (dotted)"), 6.5, "#222222"
        )
    drawing.add(legend)
    return drawing


def _point(group: Any, shape: str, x: float, y: float, style: geo.Style) -> None:
    from reportlab.graphics.shapes import Circle, Rect

    fill = _color(style.color) if style.filled else _color("#ffffff")
    if shape == "square":
        group.add(
            Rect(
                x - 2.6,
                y - 2.6,
                5.2,
                5.2,
                fillColor=fill,
                strokeColor=_color(style.color),
                strokeWidth=1.1,
            )
        )
    else:
        group.add(
            Circle(x, y, 2.8, fillColor=fill, strokeColor=_color(style.color), strokeWidth=1.1)
        )
