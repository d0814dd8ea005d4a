"""Typesetting a reader does not notice: whole numbers, the same decimals for a term,
one format per kind of figure, and page one holding the plan for up to eight terms."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date, datetime, time
from decimal import Decimal as D

import pytest
from pypdf import PdfReader

from salesdesk import i18n
from salesdesk.brief.choose import meeting_for
from salesdesk.brief.document import BriefRequest, Variant, build_pdf
from salesdesk.brief.figures import money_currency, term_places
from salesdesk.domain.analysis import analyse
from salesdesk.domain.deal import DealSheet, Meeting, Offer, PartySide, Role, Stakeholder, Stance
from salesdesk.domain.ledger import EntryStatus, Giver, LedgerEntry
from salesdesk.domain.money import format_number
from salesdesk.domain.profile import Profile
from salesdesk.domain.terms import POSITION_FIELDS, Direction, Side, Term
from salesdesk.interop.demo import sample_sheets

TODAY = date(2026, 11, 29)
PROFILE = Profile(name="Camille Durand", company="Durand Solutions")
SAMPLES = ["packaging-fr", "telematics-en", "energy-audit-fr", "scanners-en"]


@pytest.fixture
def lang(request):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


def _request(sheet: DealSheet, lang: str, variant: Variant = Variant.FULL) -> BriefRequest:
    return BriefRequest(
        sheet=sheet,
        analysis=analyse(sheet, TODAY),
        profile=PROFILE,
        meeting=meeting_for(sheet, TODAY),
        variant=variant,
        lang=lang,
        generated_at=datetime(2026, 11, 29, 8, 30),
    )


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def _layout(pdf: bytes, tmp_path, first: int | None = None) -> str:
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf)
    pages = ["-f", str(first), "-l", str(first)] if first else []
    return subprocess.run(
        ["pdftotext", "-layout", *pages, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_money_units_and_decimals():
    for unit in ("EUR", "€", "£", "$", "€/carton", "GBP / month"):
        assert money_currency(unit) is not None, unit
    for unit in ("days", "months", "%", "cartons", "OOO"):
        assert money_currency(unit) is None, unit
    assert term_places("£", [D("39"), D("30")]) == 2
    assert term_places("€/carton", [D("1.2"), D("1.155")]) == 3
    assert term_places("days", [D("30"), D("22.5")]) == 1
    assert term_places("JPY", [D("1200")]) == 0


@pytest.mark.parametrize("lang", ["en", "fr"], indirect=True)
@pytest.mark.parametrize("key", SAMPLES)
def test_every_figure_of_a_term_prints_whole_with_the_term_decimals(key, lang):
    """Each value appears whole — never broken over two lines — and with the decimals of
    its term: the most any of its figures uses, at least two for money."""
    sheet = sample_sheets(TODAY)[key]
    text = "\n".join(_pages(build_pdf(_request(sheet, lang))))
    for term in sheet.terms:
        figures = [getattr(term, f) for f in POSITION_FIELDS]
        figures += [o.values[term.name] for o in sheet.offers if term.name in o.values]
        places = term_places(term.unit, figures)
        if money_currency(term.unit):
            assert places >= 2
        for value in (getattr(term, f) for f in ("opening", "target", "walk_away")):
            if value is None:
                continue
            shown = format_number(value, lang, places)
            assert re.search(rf"(?<![\d.,\u202f]){re.escape(shown)}(?![\d\u202f]|[.,]\d)", text), (
                term.name,
                shown,
            )


@pytest.mark.parametrize("lang", ["en", "fr"], indirect=True)
def test_a_term_row_uses_one_decimals_throughout(lang, tmp_path):
    sheet = sample_sheets(TODAY)["packaging-fr"]
    # Figures of unequal decimals on one term: all print with the most (3).
    price = sheet.terms[0]
    price.target = D("1.245")
    text = _layout(build_pdf(_request(sheet, lang)), tmp_path)
    point = "," if lang == "fr" else "."
    rows = [
        line
        for line in text.splitlines()
        if line.strip().startswith(price.name) and re.search(r"\d", line)
    ]
    assert len(rows) >= 2  # page one's table and the worksheet
    for row in rows:
        figures = re.findall(rf"\d+{re.escape(point)}\d+", row)
        assert figures and all(len(f.split(point)[1]) == 3 for f in figures), row


@pytest.mark.parametrize("lang", ["en", "fr"], indirect=True)
def test_grouping_and_scores_have_one_format(lang):
    sheet = sample_sheets(TODAY)["packaging-fr"]
    text = "\n".join(_pages(build_pdf(_request(sheet, lang))))
    if lang == "en":
        assert "420,000" in text and "480,000.00" in text
    else:
        # Tables carry the narrow no-break space itself; running text an unbreakable
        # space of the same narrow width (reportlab would break a line at U+202F).
        assert "420\u202f000" in text and re.search("480[\u00a0 ]000,00", text)
        assert "420,000" not in text
    # Every score has two decimals: 100.00, 62.61, 7.60 — never "7.6" beside "62.61".
    point = "," if lang == "fr" else "."
    assert f"100{point}00" in text and f"62{point}61" in text and f"7{point}60" in text


def _eight_terms() -> DealSheet:
    terms = []
    for i in range(8):
        terms.append(
            Term(
                f"Term number {i + 1}",
                "€/unit" if i % 2 == 0 else "days",
                Direction.HIGHER_IS_BETTER,
                weight=[20, 15, 15, 10, 10, 10, 10, 10][i],
                their_weight=[10, 10, 10, 10, 15, 15, 15, 15][i],
                opening=D(1000 + 100 * i),
                target=D(900 + 100 * i),
                walk_away=D(700 + 100 * i),
                their_opening=D(500 + 100 * i),
                their_target=D(650 + 100 * i),
                their_walk_away=D(800 + 100 * i),
            )
        )
    people = [
        Stakeholder("Ada Client", PartySide.THEIRS, Role.DECISION_MAKER, Stance.NEUTRAL),
        Stakeholder("Bo Client", PartySide.THEIRS, Role.TECHNICAL_BUYER, Stance.SKEPTIC),
        Stakeholder("Cy Client", PartySide.THEIRS, Role.USER, Stance.CHAMPION),
        Stakeholder("Di Ours", PartySide.OURS, Role.INFLUENCER, Stance.SUPPORTER),
    ]
    return DealSheet(
        "Eight terms",
        "Big Account",
        terms=terms,
        stakeholders=people,
        offers=[
            Offer(Side.US, 1, {t.name: (t.target or D(0)) - 50 for t in terms}),
            Offer(Side.THEM, 1, {t.name: (t.their_target or D(0)) for t in terms}),
        ],
        ledger=[
            LedgerEntry(
                Giver.US,
                f"Concession {i}",
                counterpart=f"Commitment {i}",
                cost=D(1000),
                status=EntryStatus.PLANNED,
                round=2,
                needs_approval=i == 0,
            )
            for i in range(3)
        ],
        meetings=[
            Meeting(
                date(2026, 12, 3),
                "Round two",
                time(10, 0),
                2,
                objectives="Close on the price\nKeep the term at 24 months\nNo free delivery",
                agenda="1. Price\n2. Terms",
                attendees=[p.uid for p in people],
            )
        ],
    )


@pytest.mark.parametrize("lang", ["en", "fr"], indirect=True)
def test_page_one_holds_the_plan_for_eight_terms(lang, tmp_path):
    pdf = build_pdf(_request(_eight_terms(), lang))
    first = _layout(pdf, tmp_path, first=1)
    english = [
        "Objectives for this meeting",
        "Where we stand",
        "Trades to propose",
        "Equivalent packages",
        "In the room",
        "Watch out",
    ]
    french = [
        "Objectifs de ce rendez-vous",
        "Où nous en sommes",
        "Échanges à proposer",
        "Offres équivalentes",
        "Autour de la table",
        "Points de vigilance",
    ]
    headings = english if lang == "en" else french
    positions = [first.find(h) for h in headings]
    assert -1 not in positions and positions == sorted(positions), positions
    for i in range(8):
        assert first.count(f"Term number {i + 1}") >= 1
    for name in ("Ada Client", "Bo Client", "Cy Client", "Di Ours", "Concession 2"):
        assert name in first
    appendix = "Appendix" if lang == "en" else "Annexe"
    assert appendix not in first
    assert appendix in _layout(pdf, tmp_path, first=2)


def test_no_page_of_the_samples_holds_only_a_few_lines(tmp_path):
    for key in SAMPLES:
        pdf = build_pdf(_request(sample_sheets(TODAY)[key], "en"))
        for number, page in enumerate(_pages(pdf), start=1):
            lines = [x for x in page.splitlines() if x.strip() and "Page " not in x]
            assert len(lines) > 8, (key, number, lines)


def test_a_block_too_tall_for_the_rest_of_the_page_lets_a_short_one_fill_it():
    """The eight range charts do not fit under the worksheet: the short table of offers
    that follows moves up into that space instead of leaving it empty."""
    pages = _pages(build_pdf(_request(_eight_terms(), "en")))
    where = {
        heading: next(i for i, page in enumerate(pages) if heading in page)
        for heading in ("Worksheet", "Negotiation ranges", "Offers, round by round")
    }
    assert where["Worksheet"] == where["Offers, round by round"] == 1
    assert where["Negotiation ranges"] == 2
    assert pages[1].index("Worksheet") < pages[1].index("Offers, round by round")


def test_a_worksheet_too_wide_for_the_page_is_split_not_squeezed(tmp_path):
    huge = [D("123456789012.1234") + i for i in range(6)]
    sheet = DealSheet(
        "Wide figures",
        "Big Account",
        terms=[
            Term(
                "Capacity",
                "kWh",
                Direction.HIGHER_IS_BETTER,
                weight=100,
                opening=huge[5],
                target=huge[4],
                walk_away=huge[3],
                their_opening=huge[0],
                their_target=huge[1],
                their_walk_away=huge[2],
            )
        ],
    )
    pages = _pages(build_pdf(_request(sheet, "en")))
    appendix = next(page for page in pages if "Worksheet" in page)
    worksheet = appendix[appendix.index("Worksheet") : appendix.index("Negotiation ranges")]
    for value in huge:
        assert format_number(value, "en", 4) in worksheet  # whole, on one line
    # two tables, each repeating the term's name and unit
    assert worksheet.count("Capacity") == 2 and worksheet.count("kWh") == 2
