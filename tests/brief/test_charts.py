"""The paper charts: what a reader sees on a black-and-white page.

Every text of a drawing is collected with its box (reportlab's own string widths), so
the tests check what is printed, not what the code meant to print.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesdesk.brief import chart_geometry as geo
from salesdesk.brief.paper_charts import ledger_drawing, range_drawing, range_rows
from salesdesk.domain.terms import Direction, Term
from salesdesk.interop.demo import sample_sheets

TODAY = date(2026, 11, 29)
SHEETS = sample_sheets(TODAY)
# Positions a hair apart, equal ones, a ZOPA of one point, a market: the crowded case.
CROWDED = Term(
    "Prix unitaire",
    "€/carton",
    Direction.HIGHER_IS_BETTER,
    opening=D("1.32"),
    target=D("1.31"),
    walk_away=D("1.30"),
    their_opening=D("1.29"),
    their_target=D("1.30"),
    their_walk_away=D("1.30"),
    market_low=D("0.80"),
    market_typical=D("1.10"),
    market_high=D("1.40"),
)
# A name as long as the chart is wide, and no ZOPA: the "no ZOPA" label must find room.
LONG = Term(
    "Délai de paiement accordé au client après la livraison et la réception définitive",
    "jours calendaires",
    Direction.LOWER_IS_BETTER,
    opening=D(30),
    target=D(45),
    walk_away=D(60),
    their_opening=D(90),
    their_target=D(75),
    their_walk_away=D(62),
)
CASES = [*(sheet.terms for sheet in SHEETS.values()), [CROWDED, LONG]]


def texts(drawing) -> list[tuple[str, float, float, float, float]]:
    """(text, left, bottom, right, top) of every string of a drawing, in its coordinates."""
    from reportlab.graphics.shapes import Group, String
    from reportlab.pdfbase.pdfmetrics import stringWidth

    found = []

    def walk(node):
        if isinstance(node, String):
            width = stringWidth(node.text, node.fontName, node.fontSize)
            left = node.x - {"start": 0, "middle": width / 2, "end": width}[node.textAnchor]
            # the box of the glyphs drawn: descenders below the baseline, digits' height
            bottom, top = node.y - 0.2 * node.fontSize, node.y + 0.75 * node.fontSize
            found.append((node.text, left, bottom, left + width, top))
        elif isinstance(node, Group) or hasattr(node, "contents"):
            for child in node.contents:
                walk(child)

    walk(drawing)
    return found


def overlap(a, b, gap: float = 0.0) -> bool:
    return a[1] < b[3] + gap and b[1] < a[3] + gap and a[2] < b[4] and b[2] < a[4]


@pytest.mark.parametrize("terms", CASES, ids=[*SHEETS, "crowded"])
def test_no_two_texts_of_the_range_chart_overlap(terms):
    drawing = range_drawing(terms, "fr", 470)
    boxes = texts(drawing)
    assert len(boxes) > 5
    # Adjacent runs of one text (a fallback font) touch; distinct texts never do.
    clashes = [(a[0], b[0]) for a, b in combinations(boxes, 2) if overlap(a, b)]
    assert not clashes
    assert all(b[1] >= 0 and b[3] <= drawing.width for b in boxes)


@pytest.mark.parametrize("terms", CASES, ids=[*SHEETS, "crowded"])
def test_position_labels_keep_off_each_other_and_off_the_bars(terms):
    for row in range_rows(terms, "en", 470):
        labels = [row.label_box(label) for label in row.labels]
        for a, b in combinations(labels, 2):
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
        for label in labels:
            for bar in row.bar_boxes():
                assert label[3] <= bar[1] or label[1] >= bar[3], (row.title, label, bar)
            assert label[0] >= 0 and label[2] <= row.plot_width


def test_equal_positions_are_labelled_once_and_crowded_ones_take_a_second_lane():
    (row,) = range_rows([CROWDED], "en", 470)
    theirs = [label.text for label in row.labels if label.side == "them"]
    assert sorted(theirs) == ["1.29", "1.30"]  # target and walk-away both 1.30: one label
    # 1.30, 1.31, 1.32 are 7 pt apart, each label 14 pt wide: a lane each, a staircase.
    assert row.ours_lanes == 3
    assert row.theirs_lanes == 2


def test_series_differ_in_line_and_marker_not_only_in_colour():
    styles = {geo.OURS, geo.THEIRS, geo.MARKET}
    assert len({s.dash for s in styles}) == 3
    assert geo.OURS.filled != geo.THEIRS.filled
    from reportlab.graphics.shapes import Line

    drawing = range_drawing(SHEETS["packaging-fr"].terms, "en", 470)
    dashes = {}
    for group in drawing.contents:
        for node in group.contents:
            if isinstance(node, Line) and node.strokeWidth == 1.2:
                dashes.setdefault(node.strokeColor.hexval(), set()).add(
                    tuple(node.strokeDashArray or ())
                )
    ours, theirs = (dashes[s.color.lower().replace("#", "0x")] for s in (geo.OURS, geo.THEIRS))
    assert ours == {()} and theirs == {geo.THEIRS.dash}


def test_an_axis_not_starting_at_zero_says_so():
    rows = range_rows(SHEETS["packaging-fr"].terms, "en", 470)
    assert not any(row.from_zero for row in rows)
    words = " ".join(t[0] for t in texts(range_drawing(SHEETS["packaging-fr"].terms, "en", 470)))
    assert "axis not starting at zero" in words
    from_zero = Term("Discount", "%", opening=D(0), target=D(2), walk_away=D(5))
    (row,) = range_rows([from_zero], "en", 470)
    assert row.from_zero and row.low == 0
    words = " ".join(t[0] for t in texts(range_drawing([from_zero], "en", 470)))
    assert "axis not starting at zero" not in words


def test_the_ledger_amount_axis_starts_at_zero_and_its_labels_stand_apart():
    drawing = ledger_drawing(SHEETS["packaging-fr"].ledger, "EUR", "en", 470)
    boxes = texts(drawing)
    assert "0" in [b[0] for b in boxes]  # 19,200 to 27,500, drawn from 0
    assert not [(a[0], b[0]) for a, b in combinations(boxes, 2) if overlap(a, b)]
    # The two last amounts, 25,200 and 27,500, both at the right end.
    assert {"25,200", "27,500"} <= {b[0] for b in boxes}


def test_close_final_amounts_are_pushed_apart():
    sheet = SHEETS["packaging-fr"]
    entries = [replace(e, value=e.cost) for e in sheet.ledger]  # given and received equal
    boxes = texts(ledger_drawing(entries, "EUR", "en", 470))
    assert not [(a[0], b[0]) for a, b in combinations(boxes, 2) if overlap(a, b)]


positions = st.decimals(min_value=-1000, max_value=100000, places=2, allow_nan=False)


@given(
    ours=st.lists(st.one_of(st.none(), positions), min_size=3, max_size=3),
    theirs=st.lists(st.one_of(st.none(), positions), min_size=3, max_size=3),
    width=st.floats(min_value=150, max_value=600),
)
@settings(max_examples=200, deadline=None)
def test_labels_never_overlap_whatever_the_positions(ours, theirs, width):
    term = Term(
        "T",
        "",
        Direction.HIGHER_IS_BETTER,
        opening=ours[0],
        target=ours[1],
        walk_away=ours[2],
        their_opening=theirs[0],
        their_target=theirs[1],
        their_walk_away=theirs[2],
    )
    for row in geo.range_rows([term], "fr", width):
        boxes = [row.label_box(label) for label in row.labels]
        for a, b in combinations(boxes, 2):
            assert (
                a[2] + geo.LABEL_GAP <= b[0] + 1e-9
                or b[2] + geo.LABEL_GAP <= a[0] + 1e-9
                or (a[3] <= b[1] or b[3] <= a[1])
            )
        for box in boxes:
            assert box[0] >= -1e-9 and box[2] <= row.plot_width + 1e-9
            for bar in row.bar_boxes():
                assert box[3] <= bar[1] or box[1] >= bar[3]


@pytest.mark.parametrize("width_in", [7.0, 3.2])  # on paper; the app's pane at 1280×720
@pytest.mark.parametrize("name", sorted(SHEETS))
def test_the_concession_curves_legend_never_sits_on_the_curves(name, width_in):
    from matplotlib.backend_bases import ResizeEvent
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from salesdesk.brief.charts import offers_figure
    from salesdesk.domain.analysis import analyse

    analysis = analyse(SHEETS[name], TODAY)
    fig = offers_figure(analysis.offers, analysis.batna_score, analysis.target_score)
    if fig is None:
        return
    canvas = FigureCanvasAgg(fig)
    fig.set_size_inches(width_in, 2.4)
    ResizeEvent("resize_event", canvas)._process()  # as the app's canvas does
    canvas.draw()
    renderer = canvas.get_renderer()
    (ax,) = fig.axes
    legend = ax.get_legend().get_window_extent(renderer)
    plot = ax.get_window_extent(renderer)
    assert legend.y0 >= plot.y1 - 1  # above the plotting area, whatever the curves do
    assert legend.x0 >= 0 and legend.x1 <= fig.bbox.width  # and whole
    assert legend.y1 <= fig.bbox.height
