"""The negotiation range chart: per term, our positions, their estimated ones, the ZOPA
and the market's range. A matplotlib `Figure` (no pyplot), so the app can show the same
figure in a Qt canvas; in the PDF it becomes vector graphics with real text.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from salesdesk.domain.analysis import ScoredOffer
from salesdesk.domain.ledger import LedgerEntry, ledger_figures
from salesdesk.domain.money import format_number
from salesdesk.domain.terms import POSITION_FIELDS, Side, Term, Zopa, has_no_zopa, zopa
from salesdesk.files import atomic_write_bytes
from salesdesk.i18n import _

if TYPE_CHECKING:
    from matplotlib.figure import Figure

OURS = "#1f77b4"
THEIRS = "#e67e22"
# Solid light tints rather than transparency: the PDF conversion ignores opacity.
OURS_LIGHT = "#b9d3ea"
THEIRS_LIGHT = "#f5d0a9"
ZOPA_FILL = "#2ca02c"
ZOPA_LIGHT = "#cdebcd"
MARKET = "#7f7f7f"


def _values(term: Term) -> list[Decimal]:
    return [v for v in _values_all(term) if v is not None]


def charted_terms(terms: Sequence[Term]) -> list[Term]:
    return [t for t in terms if len(_values(t)) >= 2]


def range_figure(terms: Sequence[Term], lang: str = "en") -> Figure | None:
    """One row per term with at least two known positions; None when there is none."""
    from matplotlib.figure import Figure

    rows = charted_terms(terms)
    if not rows:
        return None
    fig = Figure(figsize=(7.0, 0.8 * len(rows) + 0.5))
    axes = fig.subplots(len(rows), 1, squeeze=False)[:, 0]
    for ax, term in zip(axes, rows, strict=True):
        _draw_term(ax, term, zopa(term), lang)
    handles = [
        _legend(fig, OURS, _("ours")),
        _legend(fig, THEIRS, _("theirs (estimated)")),
        _legend(fig, ZOPA_LIGHT, _("ZOPA")),
        _legend(fig, MARKET, _("market")),
    ]
    fig.legend(handles=handles, loc="lower center", ncol=4, fontsize=7, frameon=False)
    fig.subplots_adjust(
        left=0.2,
        right=0.98,
        top=1 - 0.22 / (0.8 * len(rows) + 0.5),
        bottom=0.45 / (0.8 * len(rows) + 0.5),
        hspace=0.9,
    )
    return fig


def range_key(term: Term) -> tuple[Any, ...]:
    """What the drawing of one term depends on."""
    return (term.name, term.unit, term.direction, *_values_all(term))


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
        for artist in [*ax.lines, *ax.patches, *ax.texts]:
            artist.remove()
        _draw_term(ax, term, zopa(term), lang)
        changed.append(ax)
    return changed


def _legend(fig: Figure, color: str, label: str, alpha: float = 1.0) -> Any:
    from matplotlib.patches import Patch

    return Patch(facecolor=color, alpha=alpha, label=label)


def _draw_term(ax: Any, term: Term, zone: Zopa | None, lang: str) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    values = [float(v) for v in _values(term)]
    low, high = min(values), max(values)
    pad = (high - low) * 0.08 or abs(high) * 0.05 or 1.0
    ax.set_xlim(low - pad, high + pad)
    ax.set_ylim(-1, 2)
    ax.yaxis.set_visible(False)
    # Few ticks: each costs a few milliseconds to lay out, and the app redraws as you type.
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: _tick(value, lang)))
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="x", labelsize=7)
    unit = f" ({term.unit})" if term.unit else ""
    ax.set_title(f"{term.name}{unit}", fontsize=8, loc="left", pad=2)
    if zone is not None:
        ax.axvspan(
            float(zone.low),
            float(zone.high) if zone.high != zone.low else float(zone.low) + pad * 0.05,
            color=ZOPA_LIGHT,
            lw=0,
            zorder=0,
        )
        ax.text(
            float(zone.low + zone.high) / 2,
            1.75,
            _("ZOPA"),
            fontsize=7,
            ha="center",
            va="center",
            color=ZOPA_FILL,
        )
    elif has_no_zopa(term):
        # On the title's line, right-aligned: clear of the positions' labels.
        ax.text(
            1.0,
            1.0,
            _("no ZOPA"),
            transform=ax.transAxes,
            fontsize=7,
            ha="right",
            va="bottom",
            color="#c0392b",
            fontweight="bold",
        )
    if term.market_low is not None and term.market_high is not None:
        ax.plot(
            [float(term.market_low), float(term.market_high)],
            [-0.55, -0.55],
            color=MARKET,
            lw=2,
            solid_capstyle="butt",
        )
        if term.market_typical is not None:
            ax.plot([float(term.market_typical)], [-0.55], marker="|", color=MARKET, markersize=8)
    for y, color, (opening, target, walk_away) in (
        (1.0, OURS, (term.opening, term.target, term.walk_away)),
        (0.0, THEIRS, (term.their_opening, term.their_target, term.their_walk_away)),
    ):
        light = OURS_LIGHT if color == OURS else THEIRS_LIGHT
        known = [float(v) for v in (opening, target, walk_away) if v is not None]
        if len(known) >= 2:
            ax.plot([min(known), max(known)], [y, y], color=light, lw=5, solid_capstyle="butt")
        for position, marker in ((opening, ">"), (target, "o"), (walk_away, "|")):
            if position is not None:
                ax.plot(
                    [float(position)],
                    [y],
                    marker=marker,
                    color=color,
                    markersize=9 if marker == "|" else 5,
                    mew=2,
                )
                ax.annotate(
                    format_number(position, lang),
                    (float(position), y),
                    fontsize=6,
                    xytext=(0, 5),
                    textcoords="offset points",
                    ha="center",
                    color=color,
                )


def _tick(value: float, lang: str) -> str:
    """A tick label written as the language writes numbers (`1 234,5` in French)."""
    return format_number(Decimal(f"{value:.6g}"), lang)


def svg_bytes(fig: Figure) -> bytes:
    import matplotlib

    with matplotlib.rc_context({"svg.fonttype": "none", "font.family": "DejaVu Sans"}):
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg")
    # One family, ours: svglib would otherwise try the fallbacks matplotlib lists.
    return re.sub(rb"font-family: [^;\"]*", b"font-family: 'DejaVu Sans'", buffer.getvalue())


def _key(terms: Sequence[Term], lang: str) -> tuple[Any, ...]:
    return (lang, *(range_key(t) for t in terms))


def _values_all(term: Term) -> tuple[Decimal | None, ...]:
    return tuple(getattr(term, name) for name in POSITION_FIELDS)


_drawings: dict[tuple[Any, ...], Any] = {}
CHART_VERSION = "6"  # bump when the drawing changes, so cached charts are redrawn


def _cache_file(key: tuple[Any, ...]) -> Path:
    from platformdirs import user_cache_dir

    digest = hashlib.sha256(repr((CHART_VERSION, key)).encode("utf-8")).hexdigest()
    return Path(user_cache_dir("SalesDesk", appauthor=False)) / "charts" / f"{digest}.pickle"


def _read_disk_cache(key: tuple[Any, ...]) -> Any | None:
    """A chart converted by an earlier run, as a reportlab Drawing: printing a brief again
    skips matplotlib (~1 s) and the SVG conversion (~0.2 s); unpickling takes ~3 ms.

    The cache is the user's own folder, written only by SalesDesk."""
    import pickle

    try:
        return pickle.loads(_cache_file(key).read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


def _write_disk_cache(key: tuple[Any, ...], drawing: Any) -> None:
    import pickle

    path = _cache_file(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, pickle.dumps(drawing, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, pickle.PicklingError):
        pass  # a cache that cannot be written only costs time


def _cached_drawing(key: tuple[Any, ...], make_figure: Callable[[], Any]) -> Any | None:
    """The Drawing of a chart, from memory, the disk cache, or drawn afresh."""
    from salesdesk.brief.fonts import register_for_svg

    register_for_svg()
    drawing = _drawings.get(key)
    if drawing is None:
        drawing = _read_disk_cache(key)
    if drawing is None:
        fig = make_figure()
        if fig is None:
            return None
        from svglib.svglib import svg2rlg

        drawing = svg2rlg(io.BytesIO(svg_bytes(fig)))
        _name_own_fonts(drawing)
        _write_disk_cache(key, drawing)
    if len(_drawings) > 64:
        _drawings.clear()
    _drawings[key] = drawing
    return drawing


def _name_own_fonts(node: Any) -> None:
    """Name the brief's registered fonts in every text of the drawing.

    svglib leaves the SVG's family name ("DejaVu Sans") on the text and resolves it
    while converting; a drawing read back from the cache by another process must name
    fonts reportlab knows there.
    """
    from salesdesk.brief.fonts import BOLD, REGULAR

    name = getattr(node, "fontName", None)
    if isinstance(name, str) and name not in (REGULAR, BOLD):
        node.fontName = BOLD if "bold" in name.lower() else REGULAR
    for child in getattr(node, "contents", None) or ():
        _name_own_fonts(child)


def range_drawing(terms: Sequence[Term], lang: str, width: float) -> Any | None:
    """The chart as a reportlab Drawing `width` points wide; reused while the data is the
    same (drawing a matplotlib figure is the brief's most expensive part)."""
    if not charted_terms(terms):
        return None
    drawing = _cached_drawing(_key(terms, lang), lambda: range_figure(terms, lang))
    return None if drawing is None else _scaled(drawing, width)


def _scaled(drawing: Any, width: float) -> Any:
    from copy import deepcopy

    scaled = deepcopy(drawing)
    factor = width / drawing.width
    scaled.scale(factor, factor)
    scaled.width, scaled.height = drawing.width * factor, drawing.height * factor
    return scaled


def ledger_points(entries: Sequence[LedgerEntry]) -> list[tuple[int, Decimal, Decimal]]:
    """(round, cumulative given cost, cumulative received value) over accepted entries."""
    by_round: dict[int, tuple[Decimal, Decimal]] = {}
    for entry in entries:
        if entry.round is None:
            continue
        figures = ledger_figures([entry])
        given, received = by_round.get(entry.round, (Decimal(0), Decimal(0)))
        by_round[entry.round] = (given + figures.given_cost, received + figures.received_value)
    points = []
    given_total = received_total = Decimal(0)
    for round_ in sorted(by_round):
        given_total += by_round[round_][0]
        received_total += by_round[round_][1]
        points.append((round_, given_total, received_total))
    return points


def money_axis_limits(highest: Decimal) -> tuple[float, float]:
    """A money axis from zero to above the highest amount, leaving room for the legend
    (0 to 1 when every amount is 0)."""
    top = float(highest)
    return (0.0, top * 1.4 if top > 0 else 1.0)


def ledger_figure(entries: Sequence[LedgerEntry], currency: str, lang: str = "en") -> Any:
    """Cumulative given and received per round: the give-and-get balance over time."""
    from matplotlib.figure import Figure

    points = ledger_points(entries)
    if not points:
        return None
    rounds = [p[0] for p in points]
    fig = Figure(figsize=(7.0, 2.2))
    ax = fig.subplots()
    ax.plot(
        rounds,
        [float(p[1]) for p in points],
        marker="o",
        color=THEIRS,
        label=_("given (cost to us)"),
    )
    ax.plot(
        rounds,
        [float(p[2]) for p in points],
        marker="o",
        color=OURS,
        label=_("received (value to us)"),
    )
    ax.set_xticks(rounds)
    ax.set_ylim(*money_axis_limits(max(max(p[1], p[2]) for p in points)))
    if len(rounds) == 1:  # one round: a point in the middle, not a 0.1-wide axis
        ax.set_xlim(rounds[0] - 1, rounds[0] + 1)
    ax.set_xlabel(_("round"), fontsize=7)
    ax.set_ylabel(currency, fontsize=7)
    ax.tick_params(labelsize=7)
    for side in ("right", "top"):
        ax.spines[side].set_visible(False)
    ax.legend(fontsize=7, frameon=False, loc="upper left")
    fig.subplots_adjust(left=0.1, right=0.98, top=0.95, bottom=0.2)
    return fig


def ledger_drawing(
    entries: Sequence[LedgerEntry], currency: str, lang: str, width: float
) -> Any | None:
    points = ledger_points(entries)
    if not points:
        return None
    key = ("ledger", currency, lang, tuple(points))
    drawing = _cached_drawing(key, lambda: ledger_figure(entries, currency, lang))
    return None if drawing is None else _scaled(drawing, width)


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
    colors = {Side.US: OURS, Side.THEM: THEIRS}
    rounds: set[int] = set()
    for side, points in series.items():
        if points:
            rounds.update(p[0] for p in points)
            ax.plot(
                [p[0] for p in points],
                [p[1] for p in points],
                marker="o",
                color=colors[side],
                label=labels[side],
            )
    if batna_score is not None:
        ax.axhline(float(batna_score), color="#c0392b", lw=1, ls="--", label=_("our BATNA"))
    if target_score is not None:
        ax.axhline(float(target_score), color="#27ae60", lw=1, ls=":", label=_("our target"))
    ax.set_ylim(-5, 105)
    ax.set_xticks(sorted(rounds))
    ax.set_xlabel(_("round"), fontsize=7)
    ax.set_ylabel(_("score for us"), fontsize=7)
    ax.tick_params(labelsize=7)
    for side_name in ("right", "top"):
        ax.spines[side_name].set_visible(False)
    ax.legend(fontsize=7, frameon=False, loc="best")
    fig.subplots_adjust(left=0.1, right=0.98, top=0.95, bottom=0.2)
    return fig
