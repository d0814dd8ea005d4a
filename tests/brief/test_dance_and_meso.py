"""The brief's MESO table per side, its watch-out list, and the negotiation dance."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

from pypdf import PdfReader

from salesdesk.brief.dance_geometry import DOTS_UP_TO, dance
from salesdesk.brief.document import Variant, build_pdf
from salesdesk.domain.analysis import analyse
from salesdesk.domain.terms import Side
from salesdesk.interop.demo import sample_sheets
from tests.brief.test_brief import request

TODAY = date(2026, 11, 29)


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_meso_table_shows_each_packages_own_score_for_each_side():
    first = pages(build_pdf(request("packaging-fr")))[0]
    meso = first[first.index("Equivalent packages") :]
    # At our proposal's 62.61 (± 1), the packages best for them, each moving other
    # terms; none is worth 0 to the buyer any more (package A used to be).
    assert "Score for us\n61.73\n61.64\n61.88" in meso
    assert "Score for them (est.)\n25.17\n24.67\n23.00" in meso
    assert "0.00" not in meso[: meso.index("Each package is worth")]


def test_the_watch_out_list_names_their_batna_and_the_deal_zone():
    first = pages(build_pdf(request("packaging-fr")))[0]
    watch = first[first.index("Watch out") :]
    assert "below their BATNA's 10: they would rather walk away" in watch
    assert "their estimated walk-away 1.2 is worse for them than their BATNA" in watch
    telematics = pages(build_pdf(request("telematics-en")))[0]
    assert "there is no deal zone" in telematics[telematics.index("Watch out") :]


def test_a_batna_valued_on_one_term_is_asked_for_its_score_on_paper():
    sheet = sample_sheets(TODAY)["telematics-en"]
    sheet.batna_theirs.score = None  # as a deal saved before BATNAs had package scores
    req = replace(request("telematics-en"), sheet=sheet, analysis=analyse(sheet, TODAY))
    first = pages(build_pdf(req))[0]
    assert "Their BATNA is valued on one term only: estimate its score" in first


def test_the_dance_chart_is_in_the_full_brief_only_as_real_text():
    full = "\n".join(pages(build_pdf(request("packaging-fr"))))
    assert "The negotiation dance" in full
    assert "Score for them (est.)" in full and "efficient frontier" in full
    redacted = "\n".join(pages(build_pdf(request("packaging-fr", Variant.REDACTED))))
    assert "negotiation dance" not in redacted and "frontier" not in redacted


def test_the_dance_geometry_has_every_offer_by_round_the_frontier_and_nash():
    sheet = sample_sheets(TODAY)["packaging-fr"]
    analysis = analyse(sheet, TODAY)
    chart = dance(analysis)
    assert chart is not None and analysis.deal_map is not None
    ours, theirs = chart.offers[Side.US], chart.offers[Side.THEM]
    assert [(m.round, m.x, m.y) for m in ours] == [(1, 100.0, 0.0), (2, 62.61, 0.0)]
    assert [(m.round, m.x, m.y) for m in theirs] == [(1, 0.0, 100.0), (2, 7.6, 60.83)]
    assert (chart.our_batna, chart.their_batna) == (30.0, 10.0)
    assert chart.nash == (30.52, 10.5)
    # A staircase: never up and to the right, every corner between two packages.
    xs = [x for x, _ in chart.frontier]
    ys = [y for _, y in chart.frontier]
    assert xs == sorted(xs, reverse=True) and ys == sorted(ys)
    assert len(chart.frontier) == 2 * len(analysis.deal_map.frontier) - 1
    # 245 packages: the staircase says it; a dot each would be a smudge.
    assert len(analysis.deal_map.frontier) > DOTS_UP_TO and chart.frontier_points == []
    # Without their estimates there is nothing to chart.
    sheet.terms[0].their_weight = sheet.terms[1].their_weight = None
    sheet.terms[2].their_weight = sheet.terms[3].their_weight = None
    assert dance(analyse(sheet, TODAY)) is None
