"""The app's charts: the negotiation ranges, the ledger's balance over the rounds and the
concession curves, as matplotlib `Figure`s (no pyplot) that the app shows in a Qt
canvas. The brief draws the same charts with reportlab's vector shapes
(`paper_charts`); both take their ranges, ticks, label lanes and styles from
`chart_geometry`.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from salesdesk.brief import chart_geometry as geo
from salesdesk.brief.chart_geometry import charted_terms, ledger_if_accepted, ledger_points
from salesdesk.domain.analysis import ScoredOffer
from salesdesk.domain.ledger import LedgerEntry
from salesdesk.domain.terms import POSITION_FIELDS, Side, Term
from salesdesk.i18n import _

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "charted_terms",
    "ledger_drawing",
    "ledger_figure",
    "ledger_points",
    "offers_figure",
    "range_drawing",
    "range_figure",
    "range_key",
    "redraw_range_rows",
]


WIDTH_IN = 7.0
MIN_WIDTH_IN = 3.0  # narrower, the labels of a term would need more lanes than it has
SIDE_PT = 15.0  # room left and right of the axes: a tick label centred on its end
LEGEND_PT = 22.0
LEGEND_LINE_PT = 12.0  # a second line of the legend
TOP_PT = 4.0
_heights: weakref.WeakKeyDictionary[Any, float] = weakref.WeakKeyDictionary()
_widths: weakref.WeakKeyDictionary[Any, float] = weakref.WeakKeyDictionary()


def _rows(terms: Sequence[Term], lang: str, width_in: float = WIDTH_IN) -> list[geo.RangeRow]:
    # Two lanes of labels a side kept free: an edit seldom changes the layout on screen.
    return geo.range_rows(terms, lang, width_in * 72 - 2 * SIDE_PT, min_lanes=2)


def range_figure(
    terms: Sequence[Term], lang: str = "en", width_in: float = WIDTH_IN
) -> Figure | None:
    """One band per term with at least two known positions; None when there is none.

    Laid out in points as on paper, for a figure `width_in` inches wide: each term's
    axes spans its bars and label lanes, its labels placed in lanes and its ticks thinned
    for that width. Its height is what the rows need: shown shorter, rows would overlap."""
    from matplotlib.figure import Figure

    width_in = max(width_in, MIN_WIDTH_IN)
    rows = _rows(terms, lang, width_in)
    if not rows:
        return None
    handles = _legend_handles()
    # One line of four entries where it fits, else two lines of two.
    columns = 4 if _legend_width(handles, 4) <= width_in * 72 - 4 else 2
    legend_pt = LEGEND_PT + (0 if columns == 4 else LEGEND_LINE_PT)
    total = TOP_PT + sum(r.height for r in rows) + legend_pt
    fig = Figure(figsize=(width_in, total / 72))
    _widths[fig] = width_in
    top = TOP_PT
    for row in rows:
        ax = fig.add_axes((0.0, 0.0, 1.0, 0.1))
        _place(ax, row, top, total, width_in)
        _draw_row(ax, row)
        top += row.height
    fig.legend(handles=handles, loc="lower center", ncol=columns, fontsize=7, frameon=False)
    return fig


def _legend_width(handles: list[Any], columns: int) -> float:
    """Points a legend of 7 pt text needs for `columns` entries a line (matplotlib's
    spacings: a 2 em handle, 0.8 em to its text, 2 em between columns)."""
    em = 7.0
    entries = sorted(
        (geo.approx_width(h.get_label(), em) + 2.8 * em for h in handles), reverse=True
    )
    return sum(entries[:columns]) + (columns - 1) * 2 * em + 2 * 0.4 * em


def _place(ax: Any, row: geo.RangeRow, top: float, total: float, width_in: float) -> None:
    """The axes from just under the title to the axis line, in figure fractions."""
    upper = top + geo.TITLE_H - 1
    lower = top + row.axis_y
    side = SIDE_PT / (width_in * 72)
    ax.set_position((side, 1 - lower / total, 1 - 2 * side, (lower - upper) / total))
    ax.set_ylim(row.axis_y, geo.TITLE_H - 1)  # points down from the row's top
    _heights[ax] = row.height


def range_key(term: Term) -> tuple[Any, ...]:
    """What the drawing of one term depends on."""
    return (
        term.name,
        term.unit,
        term.direction,
        term.kind,
        tuple(term.options),
        tuple(term.points),
        tuple(term.their_points),
        *(getattr(term, name) for name in POSITION_FIELDS),
    )


def redraw_range_rows(
    fig: Figure, terms: Sequence[Term], drawn: Sequence[tuple[Any, ...]], lang: str = "en"
) -> list[Any] | None:
    """Draw again, on the same axes, only the terms whose drawing changed.

    `drawn` holds the `range_key` of each row as last drawn. Returns the axes drawn
    again, or None when the rows themselves changed and a new figure is needed.
    Reusing the axes keeps their tick objects, the costly part of a chart redrawn
    while the rep types.
    """
    rows = charted_terms(terms)
    axes = fig.axes
    if not rows or len(rows) != len(drawn) or len(axes) != len(rows):
        return None
    changed = []
    for ax, term, key in zip(axes, rows, drawn, strict=True):
        if range_key(term) == key:
            continue
        row = _rows([term], lang, _widths.get(fig, WIDTH_IN))[0]
        if _heights.get(ax) != row.height:
            return None  # its labels need more lanes, or fewer: a new layout
        changed.append((ax, row))
    for ax, row in changed:
        for artist in [*ax.lines, *ax.patches, *ax.texts]:
            artist.remove()
        _draw_row(ax, row)
    return [ax for ax, _row in changed]


def _legend_handles() -> list[Any]:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    def series(style: geo.Style, label: str) -> Any:
        return Line2D(
            [],
            [],
            color=style.color,
            lw=1.2,
            ls=(0, style.dash) if style.dash else "-",
            marker="o",
            markerfacecolor=style.color if style.filled else "white",
            label=label,
        )

    return [
        series(geo.OURS, _("ours")),
        series(geo.THEIRS, _("theirs (estimated)")),
        Patch(facecolor=geo.ZOPA.light, edgecolor=geo.ZOPA.color, hatch="////", label=_("ZOPA")),
        Line2D([], [], color=geo.MARKET.color, lw=1.4, ls=(0, geo.MARKET.dash), label=_("market")),
    ]


_MARKERS = {"opening": ">", "target": "o", "walk_away": "|"}


def _draw_row(ax: Any, row: geo.RangeRow) -> None:
    """Draw one term on its axes: y runs down in points from the row's top."""
    from matplotlib.ticker import FixedFormatter, FixedLocator

    ax.set_xlim(row.low, row.high)
    ax.yaxis.set_visible(False)
    ax.xaxis.set_major_locator(FixedLocator(row.ticks))
    ax.xaxis.set_major_formatter(FixedFormatter(row.tick_labels))
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="x", labelsize=geo.TICK_SIZE, length=2.5, pad=1.5)
    ax.set_title(row.title, fontsize=geo.TITLE_SIZE + 0.5, loc="left", pad=2, fontweight="bold")
    ax.set_title(row.curve_caption, fontsize=geo.ZONE_SIZE, loc="right", pad=2, color="#555555")
    _draw_curves(ax, row)
    bar_top, bar_bottom = row.ours_y - geo.BAR_H, row.theirs_y + geo.BAR_H
    if row.zopa is not None:
        low, high = row.zopa
        if high == low:
            high = low + (row.high - row.low) * 0.004
        from matplotlib.patches import Rectangle

        ax.add_patch(
            Rectangle(
                (low, bar_top),
                high - low,
                bar_bottom - bar_top,
                facecolor=geo.ZOPA.light,
                edgecolor=geo.ZOPA.color,
                hatch="////",
                lw=0.6,
                zorder=0,
            )
        )
    if row.zone_text:
        ax.text(
            row.low + row.zone_left / row.plot_width * (row.high - row.low),
            (row.ours_y + row.theirs_y) / 2,
            row.zone_text,
            fontsize=geo.ZONE_SIZE,
            ha="left",
            va="center",
            color=geo.NO_ZOPA_COLOR if row.no_zopa else geo.ZONE_TEXT_COLOR,
            fontweight="bold",
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6},
        )
    if row.market is not None:
        ax.plot(
            list(row.market),
            [row.market_y] * 2,
            color=geo.MARKET.color,
            lw=1.4,
            ls=(0, geo.MARKET.dash),
            marker="|",
            markersize=6,
        )
        if row.market_typical is not None:
            ax.plot(
                [row.market_typical],
                [row.market_y],
                marker="D",
                color=geo.MARKET.color,
                markersize=3.5,
            )
    for span, style, y in (
        (row.ours, geo.OURS, row.ours_y),
        (row.theirs, geo.THEIRS, row.theirs_y),
    ):
        if span is not None:
            ax.plot(list(span), [y, y], color=style.light, lw=geo.BAR_H, solid_capstyle="butt")
            ax.plot(
                list(span),
                [y, y],
                color=style.color,
                lw=1.2,
                ls=(0, style.dash) if style.dash else "-",
            )
    for mark in row.marks:
        style, y = (geo.OURS, row.ours_y) if mark.side == "us" else (geo.THEIRS, row.theirs_y)
        walk_away = mark.kind == "walk_away"
        ax.plot(
            [mark.value],
            [y],
            marker=_MARKERS[mark.kind],
            color=style.color,
            markerfacecolor=style.color if style.filled or walk_away else "white",
            markersize=9 if walk_away else 5,
            mew=2 if walk_away else 1.2,
        )
    extent = row.high - row.low
    for label in row.labels:
        _left, _top, _right, bottom = row.label_box(label)
        ax.text(
            row.low + (label.left + label.width / 2) / row.plot_width * extent,
            bottom - geo.LABEL_DESCENT,
            label.text,
            fontsize=geo.LABEL_SIZE,
            ha="center",
            va="baseline",
            color=(geo.OURS if label.side == "us" else geo.THEIRS).color,
        )


def _draw_curves(ax: Any, row: geo.RangeRow) -> None:
    """A shaped term's score curves, in their band under the title: the 0 and 100 lines
    faint, each side's curve in its own line style."""
    if not row.curves:
        return
    for score in (0.0, 100.0):
        ax.plot([row.low, row.high], [row.curve_y(score)] * 2, color=geo.CURVE_RULE, lw=0.6)
    for curve in row.curves:
        style = geo.OURS if curve.side == "us" else geo.THEIRS
        ax.plot(
            [p[0] for p in curve.points],
            [row.curve_y(p[1]) for p in curve.points],
            color=style.color,
            lw=1.2,
            ls=(0, style.dash) if style.dash else "-",
        )


def _series_style(style: geo.Style, marker: str) -> dict[str, Any]:
    return {
        "color": style.color,
        "ls": (0, style.dash) if style.dash else "-",
        "marker": marker,
        "markerfacecolor": style.color if style.filled else "white",
        "lw": 1.4,
        "markersize": 5,
    }


def _finish_axes(ax: Any, x_title: str, y_title: str) -> None:
    """The app's charts' common dress: small titles and ticks, no box, and the legend
    above the axes, two entries a line so it fits the narrow pane of a laptop screen
    (placed "best" inside, it sat on a curve)."""
    ax.set_xlabel(x_title, fontsize=7)
    ax.set_ylabel(y_title, fontsize=7)
    ax.tick_params(labelsize=7)
    for side in ("right", "top"):
        ax.spines[side].set_visible(False)
    ax.legend(fontsize=7, frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2)


def keep_margins(fig: Any, left: float, right: float, top: float, bottom: float) -> None:
    """Margins in points, kept at any size the figure is shown at: the tick labels and
    axis labels keep their room when the app's canvas shrinks the figure."""

    def fit(_event: object = None) -> None:
        width, height = (v * 72 for v in fig.get_size_inches())
        # A figure too small for its margins keeps at least a sliver of plot.
        scale_x = min(1.0, 0.8 * width / (left + right)) if width > 0 else 1.0
        scale_y = min(1.0, 0.8 * height / (top + bottom)) if height > 0 else 1.0
        fig.subplots_adjust(
            left=left * scale_x / width,
            right=1 - right * scale_x / width,
            top=1 - top * scale_y / height,
            bottom=bottom * scale_y / height,
        )

    fit()
    fig.canvas.mpl_connect("resize_event", fit)


def ledger_figure(entries: Sequence[LedgerEntry], currency: str, lang: str = "en") -> Any:
    """Cumulative given and received per round: the give-and-get balance over time."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import FixedFormatter, FixedLocator

    points = ledger_points(entries)
    if not points:
        return None
    rounds = [p[0] for p in points]
    given = [float(p[1]) for p in points]
    received = [float(p[2]) for p in points]
    fig = Figure(figsize=(7.0, 2.2))
    ax = fig.subplots()
    ax.plot(rounds, given, label=_("given (cost to us)"), **_series_style(geo.THEIRS, "s"))
    ax.plot(rounds, received, label=_("received (value to us)"), **_series_style(geo.OURS, "o"))
    # Dotted, hollow: the same sums were the planned and offered entries accepted too.
    pending = ledger_if_accepted(entries)
    if_given = [float(p[1]) for p in pending]
    if_received = [float(p[2]) for p in pending]
    if pending:
        dotted: dict[str, Any] = {
            "ls": (0, geo.IF_ACCEPTED_DASH),
            "lw": 1.0,
            "markerfacecolor": "white",
        }
        ax.plot(rounds, if_given, **{**_series_style(geo.THEIRS, "s"), **dotted})
        ax.plot(rounds, if_received, **{**_series_style(geo.OURS, "o"), **dotted})
        ax.plot(
            [],
            [],
            color=geo.MARKET.color,
            marker="o",
            markerfacecolor="white",
            ls=(0, geo.IF_ACCEPTED_DASH),
            lw=1.0,
            label=_("if planned and offered are accepted (dotted)"),
        )
    low, high, ticks = geo.amount_axis(given + received + if_given + if_received)
    ax.set_ylim(low, high)
    ax.yaxis.set_major_locator(FixedLocator(ticks))
    ax.yaxis.set_major_formatter(FixedFormatter([geo.tick_text(t, lang) for t in ticks]))
    ax.set_xticks(rounds)
    if len(rounds) == 1:  # one round: a point in the middle, not a 0.1-wide axis
        ax.set_xlim(rounds[0] - 1, rounds[0] + 1)
    _finish_axes(ax, _("round"), currency)
    # The legend takes a second line for the dotted sums.
    keep_margins(fig, left=60, right=10, top=34 if pending else 22, bottom=32)
    return fig


def range_drawing(terms: Sequence[Term], lang: str, width: float) -> Any | None:
    """The range chart for paper: a reportlab Drawing `width` points wide, or None."""
    from salesdesk.brief import paper_charts

    return paper_charts.range_drawing(terms, lang, width)


def ledger_drawing(
    entries: Sequence[LedgerEntry], currency: str, lang: str, width: float
) -> Any | None:
    """The ledger chart for paper: a reportlab Drawing `width` points wide, or None."""
    from salesdesk.brief import paper_charts

    return paper_charts.ledger_drawing(entries, currency, lang, width)


def offers_figure(
    scored: Sequence[ScoredOffer],
    batna_score: Decimal | None,
    target_score: Decimal | None = None,
) -> Any:
    """The concession curves: each side's offers scored for us, round by round.

    Our offers fall from 100 towards our BATNA as we concede; theirs rise as they
    do. The steeper curve is the side conceding faster.
    """
    from matplotlib.figure import Figure

    series = {
        side: sorted(
            (item.offer.round, float(item.score))
            for item in scored
            if item.offer.side is side and item.score is not None
        )
        for side in (Side.US, Side.THEM)
    }
    if not any(series.values()):
        return None
    fig = Figure(figsize=(7.0, 2.4))
    ax = fig.subplots()
    labels = {Side.US: _("our offers"), Side.THEM: _("their offers")}
    styles = {Side.US: _series_style(geo.OURS, "o"), Side.THEM: _series_style(geo.THEIRS, "s")}
    rounds: set[int] = set()
    for side, points in series.items():
        if points:
            rounds.update(p[0] for p in points)
            ax.plot(
                [p[0] for p in points],
                [p[1] for p in points],
                label=labels[side],
                **styles[side],
            )
    if batna_score is not None:
        ax.axhline(
            float(batna_score),
            color=geo.NO_ZOPA_COLOR,
            lw=1,
            ls=(0, (6, 2, 1, 2)),
            label=_("our BATNA"),
        )
    if target_score is not None:
        ax.axhline(float(target_score), color=geo.OURS.color, lw=1, ls=":", label=_("our target"))
    ax.set_ylim(0, 105)
    ax.set_xticks(sorted(rounds))
    _finish_axes(ax, _("round"), _("score for us"))
    keep_margins(fig, left=50, right=10, top=34, bottom=35)
    return fig
