"""The loop on paper: the next offer on page one, the review page of a closed deal."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from salesdesk import i18n
from salesdesk.brief.document import Variant, build_pdf
from salesdesk.domain.analysis import analyse
from salesdesk.domain.deal import Offer
from salesdesk.domain.stages import DealStatus
from salesdesk.domain.terms import Side
from tests.brief.test_brief import TODAY, request


def pages(pdf: bytes) -> list[str]:
    """Each page's text, its white space (table cells come one a line) made single spaces."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_page_one_proposes_the_next_offer_beside_where_we_stand():
    first = pages(build_pdf(request("packaging-fr")))[0]
    assert "Open with Next offer Target" in first
    assert "Prix unitaire €/carton ↑ 1.26 1.15 1.24" in first
    assert "Next offer (proposed for round 3): 40.19 for us and 27.17 for them (est.); we" in first
    assert "We give Prix unitaire, Volume annuel, on condition that you give Délai de" in first
    assert first.index("Next offer (proposed") < first.index("If there is no deal (BATNA)")


def test_no_next_offer_once_ours_for_the_meeting_is_recorded_nor_on_the_customer_copy():
    req = request("packaging-fr")
    sheet = req.sheet
    sheet.offers.append(Offer(Side.US, 3, dict(sheet.offers[2].values)))
    first = pages(build_pdf(replace(req, analysis=analyse(sheet, TODAY))))[0]
    assert "Next offer" not in first
    copy = "\n".join(pages(build_pdf(request("packaging-fr", Variant.REDACTED))))
    assert "Next offer" not in copy and "1.15" not in copy


def test_a_won_deal_ends_with_its_review_page():
    text = pages(build_pdf(request("scanners-en")))
    review = text[-1]
    assert review.startswith("Review The deal was won.")
    assert "Term Unit Target Agreed Nash package" in review
    assert "Price per scanner € 760.00 740.00 745.00" in review
    assert "Score for us 40.00 20.00 22.50" in review
    assert "BATNA scores: ours 20.00, theirs 0.00 (est.)" in review
    assert "Left on the table: 40.00 points we could have had at no loss to them" in review
    assert "Ledger: given €3,000.00, received €9,000.00, balance €6,000.00." in review
    assert not any(
        "Review" in page.splitlines()[0] for page in pages(build_pdf(request("packaging-fr")))
    )


@pytest.fixture
def french():
    i18n.set_language("fr")
    yield
    i18n.set_language("en")


def test_a_lost_deals_review_says_why_and_to_whom_in_french(french):
    req = request("packaging-fr")
    sheet = req.sheet
    sheet.status = DealStatus.LOST
    sheet.lost_reason = "Prix au-dessus du marché"
    sheet.competitor = "Cartonnages Dumas"
    req = replace(req, analysis=analyse(sheet, TODAY), lang="fr")
    review = pages(build_pdf(req))[-1]
    assert review.startswith("Bilan L'affaire est perdue.")
    assert "Terme Unité Objectif Notre dernière offre Leur dernière paquet de Nash" in review
    assert "Perdue parce que : Prix au-dessus du marché" in review
    assert "Perdue au profit de : Cartonnages Dumas" in review
    # Lost: no next offer is proposed on page one.
    assert "Prochaine offre" not in pages(build_pdf(req))[0]
