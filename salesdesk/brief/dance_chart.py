"""The negotiation dance on paper, with reportlab's own shapes, from `dance_geometry`.

Grey-safe: the frontier is a solid dark staircase, the BATNA lines dotted, our offers
filled circles joined by a solid line, theirs hollow squares joined by a dashed one,
the Nash package a diamond; colour only adds to what the shapes already say.
"""

from __future__ import annotations

import itertools
from typing import Any

from salesdesk.brief import chart_geometry as geo
from salesdesk.brief.dance_geometry import FRONTIER, NASH, TICKS, ZONE_FRONTIER, Dance, Mark
from salesdesk.brief.fonts import draw_text, register
from salesdesk.brief.paper_charts import _color, _fast_shapes, _line, _segments
from salesdesk.domain.analysis import Analysis
from salesdesk.domain.money import format_number
from salesdesk.domain.terms import Side

LEFT = 34.0  # room for the y ticks and title
BOTTOM = 28.0  # room for the x ticks and title
TOP = 8.0
LEGEND_W = 150.0
MARKER_R = 3.0


def dance_drawing(analysis: Analysis, lang: str, width: float) -> Any | None:
    """A square plot (scores 0–100 on both axes) and its legend beside it, or None."""
    from salesdesk.brief.chart_renderer import ChartDrawing
    from salesdesk.brief.dance_geometry import dance

    chart = dance(analysis)
    if chart is None:
        return None
    register()
    _fast_shapes()
    side = min(width - LEFT - LEGEND_W - 12, 300.0)
    drawing = ChartDrawing(width, side + BOTTOM + TOP)

    def x(value: float) -> float:
        return LEFT + value / 100 * side

    def y(value: float) -> float:
        return BOTTOM + value / 100 * side

    _axes(drawing, chart, x, y, side, lang)
    _batnas(drawing, chart, x, y)
    _segments(
        drawing,
        ((x(x0), y(y0), x(x1), y(y1)) for (x0, y0), (x1, y1) in itertools.pairwise(chart.frontier)),
        FRONTIER.color,
        1.2,
    )
    for px, py in chart.frontier_points:
        _dot(drawing, x(px), y(py), 1.1, FRONTIER.color)
    # Dashed, a line each: a viewer may carry the dash on from one subpath to the next.
    for (x0, y0), (x1, y1) in itertools.pairwise(chart.zone_frontier):
        _line(drawing, x(x0), y(y0), x(x1), y(y1), ZONE_FRONTIER.color, 1.0, ZONE_FRONTIER.dash)
    for party in (Side.US, Side.THEM):
        _offers(drawing, chart.offers.get(party, []), party, x, y)
    if chart.nash is not None:
        _diamond(drawing, x(chart.nash[0]), y(chart.nash[1]))
    _legend(drawing, chart, LEFT + side + 14, BOTTOM + side)
    return drawing


def _axes(drawing: Any, chart: Dance, x: Any, y: Any, side: float, lang: str) -> None:
    for tick in TICKS:
        _line(drawing, x(tick), y(0), x(tick), y(100), "#e4e4e4", 0.5)
        _line(drawing, x(0), y(tick), x(100), y(tick), "#e4e4e4", 0.5)
        label = format_number(_dec(tick), lang)
        draw_text(drawing, x(tick), y(0) - 9, label, geo.TICK_SIZE, geo.AXIS_COLOR, anchor="middle")
        draw_text(
            drawing, x(0) - 3, y(tick) - 2.2, label, geo.TICK_SIZE, geo.AXIS_COLOR, anchor="end"
        )
    _line(drawing, x(0), y(0), x(100), y(0), geo.AXIS_COLOR, 0.8)
    _line(drawing, x(0), y(0), x(0), y(100), geo.AXIS_COLOR, 0.8)
    draw_text(drawing, x(50), 4, chart.x_title, geo.TITLE_SIZE, "#222222", anchor="middle")
    from reportlab.graphics.shapes import Group

    turned = Group()
    draw_text(turned, 0, 0, chart.y_title, geo.TITLE_SIZE, "#222222", anchor="middle")
    turned.transform = (0, 1, -1, 0, 9, y(50))  # rotated a quarter turn, read upwards
    drawing.add(turned)


def _dec(value: float) -> Any:
    from decimal import Decimal

    return Decimal(int(value))


def _batnas(drawing: Any, chart: Dance, x: Any, y: Any) -> None:
    style = geo.MARKET
    if chart.our_batna is not None:
        _line(
            drawing,
            x(chart.our_batna),
            y(0),
            x(chart.our_batna),
            y(100),
            style.color,
            1.0,
            style.dash,
        )
    if chart.their_batna is not None:
        _line(
            drawing,
            x(0),
            y(chart.their_batna),
            x(100),
            y(chart.their_batna),
            style.color,
            1.0,
            style.dash,
        )


def _offers(drawing: Any, marks: list[Mark], party: Side, x: Any, y: Any) -> None:
    from reportlab.graphics.shapes import Circle, Rect

    style = geo.OURS if party is Side.US else geo.THEIRS
    for a, b in itertools.pairwise(marks):
        _line(drawing, x(a.x), y(a.y), x(b.x), y(b.y), style.color, 1.0, style.dash)
    for mark in marks:
        cx, cy = x(mark.x), y(mark.y)
        if party is Side.US:
            drawing.add(
                Circle(
                    cx, cy, MARKER_R, fillColor=_color(style.color), strokeColor=_color(style.color)
                )
            )
        else:
            drawing.add(
                Rect(
                    cx - MARKER_R,
                    cy - MARKER_R,
                    2 * MARKER_R,
                    2 * MARKER_R,
                    fillColor=_color("#ffffff"),
                    strokeColor=_color(style.color),
                    strokeWidth=1.1,
                )
            )
        # The round beside its mark: ours above right, theirs below left.
        dx, dy, anchor = (4.0, 3.5, "start") if party is Side.US else (-4.0, -8.0, "end")
        draw_text(drawing, cx + dx, cy + dy, mark.label, geo.LABEL_SIZE, style.color, anchor=anchor)


def _dot(drawing: Any, cx: float, cy: float, r: float, color: str) -> None:
    from reportlab.graphics.shapes import Circle

    drawing.add(Circle(cx, cy, r, fillColor=_color(color), strokeColor=None))


def _diamond(drawing: Any, cx: float, cy: float, r: float = 4.5) -> None:
    from reportlab.graphics.shapes import Polygon

    drawing.add(
        Polygon(
            [cx, cy - r, cx + r, cy, cx, cy + r, cx - r, cy],
            fillColor=_color(NASH.light),
            strokeColor=_color(NASH.color),
            strokeWidth=1.4,
        )
    )


def _legend(drawing: Any, chart: Dance, left: float, top: float) -> None:
    from reportlab.graphics.shapes import Circle, Rect

    row = top - 6
    for text, style, kind in chart.legend:
        mid = left + 9
        if kind == "line":
            _line(drawing, left, row + 2.5, left + 18, row + 2.5, style.color, 1.2, style.dash)
        elif kind == "diamond":
            _diamond(drawing, mid, row + 2.5, 3.5)
        elif kind == "note":  # words alone, in the colour of a warning
            draw_text(drawing, left, row, text, geo.LABEL_SIZE, style.color)
            row -= 12
            continue
        elif style.filled:
            drawing.add(
                Circle(mid, row + 2.5, MARKER_R, fillColor=_color(style.color), strokeColor=None)
            )
        else:
            drawing.add(
                Rect(
                    mid - MARKER_R,
                    row + 2.5 - MARKER_R,
                    2 * MARKER_R,
                    2 * MARKER_R,
                    fillColor=_color("#ffffff"),
                    strokeColor=_color(style.color),
                    strokeWidth=1.1,
                )
            )
        draw_text(drawing, left + 24, row, text, geo.LABEL_SIZE, "#222222")
        row -= 12
