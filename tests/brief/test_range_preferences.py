"""The range chart of option terms and shaped terms, one geometry for paper and screen:
options placed on the score they are worth to each side, a shaped term's score curves
in a band under its title; and the dance chart on screen from the paper's geometry."""

from datetime import date

import pytest

from salesdesk.brief import chart_geometry as geo
from salesdesk.brief.dance_geometry import dance
from salesdesk.brief.paper_charts import range_drawing, range_rows
from salesdesk.domain.analysis import analyse
from salesdesk.i18n import set_language
from salesdesk.interop.demo import sample_sheets
from tests.brief.test_charts import texts

TODAY = date(2026, 11, 29)


@pytest.fixture
def bicycle():
    return sample_sheets(TODAY)["bicycle-en"]


def test_an_option_term_places_each_sides_options_on_their_scores(bicycle):
    rows = {row.title: row for row in range_rows(bicycle.terms, "en", 470)}
    payment = rows["Payment (options by each side's score, 0–100)"]
    assert (payment.low, payment.high) == geo.SCORE_AXIS
    assert payment.tick_labels == ["0", "25", "50", "75", "100"]
    ours = {label.text: label.value for label in payment.labels if label.side == "us"}
    theirs = {label.text: label.value for label in payment.labels if label.side == "them"}
    assert ours == {
        "Upon delivery": 40.0,
        "30 days after delivery": 100.0,
        "60 days after delivery": 4.0,
    }
    assert theirs["60 days after delivery"] == 6.67 and theirs["Upon delivery"] == 100.0
    # Our opening (30 days, 100) to our walk-away (on delivery, 40), on our scores.
    assert payment.ours == (40.0, 100.0)
    marks = {(m.side, m.kind): m.value for m in payment.marks}
    assert marks[("us", "opening")] == 100.0 and marks[("them", "walk_away")] == 40.0
    assert payment.zone_text == "ZOPA: Upon delivery, 30 days after delivery"
    assert not payment.no_zopa and not payment.curves


def test_a_shaped_term_shows_its_curves_over_the_whole_axis(bicycle):
    rows = {row.title: row for row in range_rows(bicycle.terms, "en", 470)}
    delivery = rows["Delivery (days)"]
    # The axis reaches the last point (60 days), past every position (45 days at most).
    assert delivery.low < 20 and delivery.high > 60
    ours = next(c for c in delivery.curves if c.side == "us")
    assert ours.points[0] == (delivery.low, 25.0) and ours.points[-1] == (delivery.high, 5.0)
    assert max(ours.points, key=lambda p: p[1]) == (45.0, 100.0)
    assert delivery.curve_caption == "score curves, 0–100"
    # The band sits between the title and our labels: 100 at its head, 0 at its foot.
    assert geo.TITLE_H < delivery.curve_y(100) < delivery.curve_y(0)
    assert delivery.curve_y(0) < delivery.ours_y - delivery.ours_lanes * geo.LANE - geo.MARKER_H
    unshaped = range_rows(sample_sheets(TODAY)["scanners-en"].terms, "en", 470)
    assert all(not row.curves and row.curve_h == 0 for row in unshaped)


def test_paper_prints_the_options_the_zone_and_the_curves_caption_in_french(bicycle):
    set_language("fr")
    try:
        drawing = range_drawing(bicycle.terms, "fr", 470)
    finally:
        set_language("en")
    printed = {t[0] for t in texts(drawing)}
    assert {
        "Upon delivery",
        "5% spoilage allowed",
        "ZAP : Upon delivery, 30 days after delivery",
        "courbes de score, 0–100",
        "Payment (options selon le score de chaque partie, 0–100)",
        "4,37",
    } <= printed


def test_the_screen_dance_draws_the_papers_geometry():
    from salesdesk.brief.dance_figure import dance_figure

    sheet = sample_sheets(TODAY)["packaging-fr"]
    chart = dance(analyse(sheet, TODAY))
    assert chart is not None
    figure = dance_figure(chart, "fr", 5.0)
    ax = figure.axes[0]
    staircase = max(ax.get_lines(), key=lambda line: len(line.get_xdata()))
    assert list(zip(staircase.get_xdata(), staircase.get_ydata(), strict=True)) == chart.frontier
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "25", "50", "75", "100"]
    batnas = [line for line in ax.get_lines() if line.get_linestyle() not in ("-", "None")]
    assert {tuple(line.get_xdata()) for line in batnas} >= {(30.0, 30.0)}
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert legend == [text for text, _style, _kind in chart.legend]
    assert "Nash package" in legend
    no_zone = dance(analyse(sample_sheets(TODAY)["bicycle-en"], TODAY))
    assert no_zone is not None and no_zone.nash is None
    assert "Nash package" not in [text for text, _style, _kind in no_zone.legend]
