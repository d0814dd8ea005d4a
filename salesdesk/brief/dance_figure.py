"""The negotiation dance on screen: a matplotlib `Figure` (no pyplot) drawn from
`dance_geometry`, the geometry the brief's reportlab chart (`dance_chart`) draws too.

Our score runs along x, their estimated score up y, both 0–100: the frontier as a
solid dark staircase, the BATNA lines dotted, our offers filled circles joined by a
solid line, theirs hollow squares joined by a dashed one, each numbered by its round,
and the Nash package a diamond.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from salesdesk.brief import chart_geometry as geo
from salesdesk.brief.dance_geometry import FRONTIER, NASH, TICKS, ZONE_FRONTIER, Dance, Mark
from salesdesk.domain.money import format_number
from salesdesk.domain.terms import Side

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FONT = 7.0
# Margins in points, kept whatever size the canvas gives the figure.
LEFT, RIGHT, BOTTOM = 40.0, 10.0, 30.0
LEGEND_LINE = 11.0


def dance_figure(chart: Dance, lang: str = "en", width_in: float = 5.0) -> Figure:
    """The chart, its legend above the plot in as many columns as fit `width_in`."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import FixedFormatter, FixedLocator

    # Two lines of entries: two a line for four, three for five (if the width allows).
    columns = 3 if width_in >= 4.2 and len(chart.legend) > 4 else 2
    rows = -(-len(chart.legend) // columns)
    top = 6.0 + rows * LEGEND_LINE
    fig = Figure(figsize=(width_in, width_in * 0.8))
    ax = fig.subplots()
    ax.set_xlim(-2, 102)
    ax.set_ylim(-2, 102)
    labels = [format_number(Decimal(int(t)), lang) for t in TICKS]
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_locator(FixedLocator(list(TICKS)))
        axis.set_major_formatter(FixedFormatter(labels))
    ax.tick_params(labelsize=FONT, length=2.5, pad=2, colors=geo.AXIS_COLOR)
    ax.grid(True, color="#e4e4e4", lw=0.5)
    ax.set_axisbelow(True)
    for side in ("right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel(chart.x_title, fontsize=FONT + 0.5)
    ax.set_ylabel(chart.y_title, fontsize=FONT + 0.5)
    _batnas(ax, chart)
    if chart.frontier:
        xs, ys = zip(*chart.frontier, strict=True)
        ax.plot(xs, ys, color=FRONTIER.color, lw=1.2, zorder=2)
    if chart.frontier_points:
        px, py = zip(*chart.frontier_points, strict=True)
        ax.plot(px, py, ls="none", marker="o", markersize=2.2, color=FRONTIER.color, zorder=2)
    if chart.zone_frontier:
        zx, zy = zip(*chart.zone_frontier, strict=True)
        ax.plot(zx, zy, color=ZONE_FRONTIER.color, lw=1.0, ls=_style(ZONE_FRONTIER), zorder=3)
    for party in (Side.US, Side.THEM):
        _offers(ax, chart.offers.get(party, []), party)
    if chart.nash is not None:
        ax.plot(
            [chart.nash[0]],
            [chart.nash[1]],
            marker="D",
            markersize=7,
            markerfacecolor=NASH.light,
            markeredgecolor=NASH.color,
            markeredgewidth=1.4,
            ls="none",
            zorder=5,
        )
    fig.legend(
        handles=_legend(chart),
        loc="upper center",
        ncol=columns,
        fontsize=FONT,
        frameon=False,
        borderaxespad=0.3,
        handlelength=2.2,
        columnspacing=1.2,
    )
    from salesdesk.brief.charts import keep_margins

    keep_margins(fig, left=LEFT, right=RIGHT, top=top, bottom=BOTTOM)
    return fig


def _style(style: geo.Style) -> Any:
    return (0, style.dash) if style.dash else "-"


def _batnas(ax: Any, chart: Dance) -> None:
    style = geo.MARKET
    if chart.our_batna is not None:
        ax.axvline(chart.our_batna, color=style.color, lw=1.0, ls=_style(style), zorder=1)
    if chart.their_batna is not None:
        ax.axhline(chart.their_batna, color=style.color, lw=1.0, ls=_style(style), zorder=1)


def _offers(ax: Any, marks: list[Mark], party: Side) -> None:
    if not marks:
        return
    style = geo.OURS if party is Side.US else geo.THEIRS
    xs = [m.x for m in marks]
    ys = [m.y for m in marks]
    ax.plot(
        xs,
        ys,
        color=style.color,
        lw=1.1,
        ls=_style(style),
        marker="o" if party is Side.US else "s",
        markersize=5,
        markerfacecolor=style.color if party is Side.US else "white",
        markeredgecolor=style.color,
        markeredgewidth=1.1,
        zorder=4,
        gid="ours" if party is Side.US else "theirs",  # found by the tests; no legend entry
    )
    # The round beside its mark: ours above right, theirs below left (as on paper).
    dx, dy, ha, va = (3, 3, "left", "bottom") if party is Side.US else (-3, -3, "right", "top")
    for mark in marks:
        ax.annotate(
            mark.label,
            (mark.x, mark.y),
            xytext=(dx, dy),
            textcoords="offset points",
            fontsize=FONT - 0.5,
            color=style.color,
            ha=ha,
            va=va,
            zorder=6,
        )


def _legend(chart: Dance) -> list[Any]:
    from matplotlib.lines import Line2D

    handles = []
    for text, style, kind in chart.legend:
        if kind == "line":
            handles.append(Line2D([], [], color=style.color, lw=1.2, ls=_style(style), label=text))
        elif kind == "note":  # words alone, no symbol
            handles.append(Line2D([], [], ls="none", label=text))
        elif kind == "diamond":
            handles.append(
                Line2D(
                    [],
                    [],
                    ls="none",
                    marker="D",
                    markersize=6,
                    markerfacecolor=style.light,
                    markeredgecolor=style.color,
                    markeredgewidth=1.4,
                    label=text,
                )
            )
        else:
            ours = style is geo.OURS
            handles.append(
                Line2D(
                    [],
                    [],
                    color=style.color,
                    lw=1.1,
                    ls=_style(style),
                    marker="o" if ours else "s",
                    markersize=5,
                    markerfacecolor=style.color if ours else "white",
                    markeredgecolor=style.color,
                    label=text,
                )
            )
    return handles
