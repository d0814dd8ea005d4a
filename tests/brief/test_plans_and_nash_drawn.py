"""Two charts that misled (issue 28): the ledger chart of a deal whose entries are all
planned drew two lines at zero on an axis from 0 to 1, and the dance drew a Nash package
inside the efficient frontier with nothing to say why, or said nothing when no deal
zone exists. Read from the real PDF brief (pypdf) and from the shared geometry."""

from __future__ import annotations

import io
from decimal import Decimal as D

from pypdf import PdfReader

from salesdesk.brief.chart_geometry import amount_axis, ledger_if_accepted, ledger_points
from salesdesk.brief.charts import ledger_figure
from salesdesk.brief.dance_geometry import dance
from salesdesk.brief.document import build_pdf
from salesdesk.domain.analysis import analyse
from salesdesk.domain.ledger import EntryStatus, Giver, LedgerEntry
from salesdesk.interop.demo import sample_sheets
from tests.brief.test_brief import TODAY, request

PLANNED = LedgerEntry(
    Giver.US,
    "Extended warranty",
    cost=D(2400),
    counterpart="a three-year contract",
    counterpart_value=D(6000),
    status=EntryStatus.PLANNED,
    round=3,
)


def pdf_lines(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [line for page in reader.pages for line in page.extract_text().splitlines()]


def test_a_single_planned_entry_is_drawn_on_an_axis_that_holds_its_amounts():
    # Nothing accepted yet: the accepted sums are zero, the plan's are not.
    assert ledger_points([PLANNED]) == [(3, D(0), D(0))]
    assert ledger_if_accepted([PLANNED]) == [(3, D(2400), D(6000))]
    low, high, ticks = amount_axis([0.0, 2400.0, 6000.0])
    assert (low, high) == (0, 6000) and 2000 in ticks
    ax = ledger_figure([PLANNED], "EUR").axes[0]
    assert ax.get_ylim() == (0, 6000)  # not 0 to 1
    dotted = [line for line in ax.lines if line.get_label().startswith("_")]
    assert sorted(float(line.get_ydata()[0]) for line in dotted) == [2400.0, 6000.0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[-1] == "if planned and offered are accepted (dotted)"
    # Accepted only: nothing dotted, as before.
    accepted = LedgerEntry(**{**PLANNED.__dict__, "status": EntryStatus.ACCEPTED})
    assert ledger_if_accepted([accepted]) == []


def test_the_brief_of_a_deal_with_one_planned_concession_draws_it():
    sheet = sample_sheets(TODAY)["bicycle-en"]
    assert [e.status for e in sheet.ledger] == [EntryStatus.PLANNED]
    lines = pdf_lines(build_pdf(request("bicycle-en")))
    text = "\n".join(lines)
    assert "if planned and offered are accepted (dotted)" in text
    # The amount axis reaches the plan's 6,000 of value (2,400 cost, 4,000 + 2,000).
    assert "6,000" in lines and "0" in lines
    assert "0.25" not in text and "0.75" not in text  # the old axis from 0 to 1


def test_nash_off_the_frontier_sits_on_the_deal_zones_own_frontier_drawn_for_it():
    analysis = analyse(sample_sheets(TODAY)["packaging-fr"], TODAY)
    found = analysis.deal_map
    assert found is not None and found.deal_zone and found.nash is not None
    # Every package of the efficient frontier breaks some walk-away: Nash lies inside it.
    assert not any(found.in_zone) and found.nash not in found.frontier
    # Nash is the zone frontier's package with the most gain over both BATNAs multiplied.
    assert found.nash in found.zone_frontier
    gain = [(p.score - D(30)) * (p.their_score - D(10)) for p in found.zone_frontier]
    assert (found.nash.score - D(30)) * (found.nash.their_score - D(10)) == max(gain)
    chart = dance(analysis)
    assert chart is not None and chart.nash == (30.52, 10.5)
    assert chart.nash in chart.zone_frontier  # drawn on the line the legend names
    legend = [text for text, _style, _kind in chart.legend]
    assert legend.index("frontier within the walk-aways") < legend.index("Nash package")
    lines = pdf_lines(build_pdf(request("packaging-fr")))
    assert "frontier within the walk-aways" in lines and "Nash package" in lines


def test_without_a_deal_zone_the_dance_says_so_and_draws_no_nash():
    analysis = analyse(sample_sheets(TODAY)["telematics-en"], TODAY)
    assert analysis.deal_map is not None and not analysis.deal_map.deal_zone
    chart = dance(analysis)
    assert chart is not None and chart.nash is None and chart.zone_frontier == []
    legend = [(text, kind) for text, _style, kind in chart.legend]
    assert ("no deal zone: no Nash package", "note") in legend
    assert "Nash package" not in [text for text, _kind in legend]
    lines = pdf_lines(build_pdf(request("telematics-en")))
    assert "no deal zone: no Nash package" in lines


def test_a_nash_package_on_the_frontier_is_drawn_without_a_second_frontier():
    sheet = sample_sheets(TODAY)["packaging-fr"]
    for term in sheet.terms:  # walk-aways at the other side's opening: none rules out any
        term.walk_away, term.their_walk_away = term.their_opening, term.opening
    analysis = analyse(sheet, TODAY)
    assert analysis.deal_map is not None and analysis.deal_map.nash in analysis.deal_map.frontier
    chart = dance(analysis)
    assert chart is not None and chart.nash is not None and chart.zone_frontier == []
    legend = [text for text, _style, _kind in chart.legend]
    assert "Nash package" in legend and "frontier within the walk-aways" not in legend
