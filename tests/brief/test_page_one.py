"""Page one of the brief says what it means: each MESO package's own score, the trades
still to propose and those awaiting an answer, and the appendix ledger in the app's
four columns (whose cost, whose value)."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date, datetime
from decimal import Decimal

import pytest
from pypdf import PdfReader

from salesdesk.brief.choose import meeting_for
from salesdesk.brief.customer_copy import our_current_proposal
from salesdesk.brief.document import BriefRequest, build_pdf
from salesdesk.brief.figures import score
from salesdesk.domain.analysis import analyse
from salesdesk.domain.ledger import EntryStatus, Giver, LedgerEntry
from salesdesk.domain.meso import equivalent_packages
from salesdesk.domain.profile import Profile
from salesdesk.domain.scoring import package_score
from salesdesk.domain.terms import Side
from salesdesk.interop.demo import sample_sheets

TODAY = date(2026, 11, 29)


def pages(key: str, change=None, lang: str = "en") -> tuple[list[str], BriefRequest]:
    sheet = sample_sheets(TODAY)[key]
    if change:
        change(sheet)
    req = BriefRequest(
        sheet=sheet,
        analysis=analyse(sheet, TODAY),
        profile=Profile(name="Camille Durand"),
        meeting=meeting_for(sheet, TODAY),
        lang=lang,
        generated_at=datetime(2026, 11, 29, 8, 30),
    )
    reader = PdfReader(io.BytesIO(build_pdf(req)))
    return [" ".join(p.extract_text().split()) for p in reader.pages], req


def test_each_meso_package_prints_its_own_score_and_the_proposal_its_own():
    text, req = pages("packaging-fr")
    sheet = req.sheet
    proposal = package_score(sheet.terms, our_current_proposal(sheet, req.meeting), Side.US)
    packages = equivalent_packages(sheet.terms, proposal, req.analysis.batna_score)
    ours = [score(p.score, "en") for p in packages]
    assert len(set(ours)) > 1  # the sample's packages differ: one figure for all is wrong
    first = text[0]
    assert "Score for us " + " ".join(ours) in first, first
    theirs = " ".join(score(p.their_score, "en") for p in packages)
    assert "Score for them (est.) " + theirs in first
    said = re.search(
        r"Each package is worth to us what our current proposal is \(([\d.]+)\)", first
    )
    assert said and said.group(1) == score(proposal, "en")
    assert said.group(1) != ours[0]  # the first package's score is not the proposal's


def test_trades_to_propose_list_planned_and_offered_entries_marked():
    def offered(sheet):
        sheet.ledger.append(
            LedgerEntry(
                Giver.US,
                "Free pallet labelling",
                counterpart="Order confirmed by Friday",
                status=EntryStatus.OFFERED,
                round=3,
            )
        )

    text, _req = pages("packaging-fr", offered)
    first = text[0]
    section = first[first.index("Trades to propose") : first.index("Equivalent packages")]
    assert "[offered, awaiting their answer] We give: Free pallet labelling" in section
    assert "[planned] We give: Prix à 1,22 €/carton" in section
    # The sample's own offered trade (round 2) is there too, marked as such.
    assert "[offered, awaiting their answer] We give: Stock de sécurité gratuit" in section
    assert section.index("[planned]") < section.index("[offered")  # still to do first


def test_the_appendix_ledger_has_the_apps_four_columns_and_adds_up_to_its_headline():
    text, req = pages("packaging-fr")
    appendix = " ".join(text[1:])
    ledger = appendix[appendix.index("Give-and-get ledger (EUR)") :]
    head = ledger[: ledger.index("Given cost")]
    for column in ("Cost to us", "Value to us", "Cost to them", "Value to them"):
        assert column.replace(" ", "") in head.replace(" ", ""), column
    # Counterpart values (what we receive for our concessions) are printed now.
    accepted = [e for e in req.sheet.ledger if e.status is EntryStatus.ACCEPTED]
    ours = next(e for e in accepted if e.giver is Giver.US)
    assert ours.counterpart_value is not None
    assert f"{ours.counterpart_value:,.2f}" in head
    received = sum(
        (e.counterpart_value if e.giver is Giver.US else e.value) or Decimal(0) for e in accepted
    )
    assert f"received value €{received:,.2f}" in ledger


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_option_labels_on_page_one_stay_inside_the_page(lang, tmp_path):
    """Option terms put labels ("30 days after delivery") where numbers stood: they wrap
    in their column, and no word of page one runs past the page's right edge (poppler's
    word boxes)."""
    sheet = sample_sheets(TODAY)["bicycle-en"]
    req = BriefRequest(
        sheet=sheet,
        analysis=analyse(sheet, TODAY),
        profile=Profile(name="Camille Durand"),
        meeting=meeting_for(sheet, TODAY),
        lang=lang,
        generated_at=datetime(2026, 11, 29, 8, 30),
    )
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(build_pdf(req))
    boxes = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    width = float(re.search(r'<page width="([\d.]+)"', boxes)[1])
    words = re.findall(r'xMax="([\d.]+)"[^>]*>([^<]*)</word>', boxes)
    assert any("delivery" in w for _x, w in words)
    outside = [w for x, w in words if float(x) > width - 20]
    assert outside == []
