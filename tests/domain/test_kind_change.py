"""A term turned from numbers into options and back keeps every value the rep stated."""

from datetime import date
from decimal import Decimal as D

import pytest

from salesdesk.domain.deal import Batna, DealSheet
from salesdesk.domain.errors import InputError
from salesdesk.domain.kind_change import (
    label_number,
    option_uses,
    rename_option,
    to_numeric,
    to_options,
)
from salesdesk.domain.terms import ScorePoint, Side, TermKind, TermOption, value_score
from salesdesk.interop.demo import sample_sheets

TODAY = date(2026, 11, 29)


def bicycle() -> DealSheet:
    return sample_sheets(TODAY)["bicycle-en"]


@pytest.mark.parametrize(
    ("label", "lang", "number"),
    [
        ("$4.12", "en", D("4.12")),
        ("45 days", "en", D(45)),
        ("5% spoilage allowed", "en", D(5)),
        ("1 234,5 €", "fr", D("1234.5")),
        ("−2 points", "en", D(-2)),
        ("Upon delivery", "en", None),
    ],
)
def test_the_number_a_label_starts_with(label, lang, number):
    assert label_number(label, lang) == number


def test_numbers_become_options_scored_as_the_term_scored_them():
    sheet = bicycle()
    sheet.batna_theirs = Batna("Tristar", D(60), "Delivery", package={"Delivery": D(30)})
    before = sheet.term("Delivery")
    assert before is not None
    values = (D(20), D(30), D(45), D(60))  # 60: their BATNA's value
    scores = {
        v: (value_score(before, v, Side.US), value_score(before, v, Side.THEM)) for v in values
    }
    to_options(sheet, "Delivery", "en")
    term = sheet.term("Delivery")
    assert term is not None and term.kind is TermKind.OPTIONS
    assert term.options == [
        TermOption(f"{v} days", scores[v][0].quantize(D("0.01")), scores[v][1].quantize(D("0.01")))
        for v in values
    ]
    assert (term.opening, term.target, term.walk_away) == ("45 days", "30 days", "20 days")
    assert [o.values["Delivery"] for o in sheet.offers] == [
        "45 days",
        "20 days",
        "45 days",
        "30 days",
    ]
    assert (sheet.batna_theirs.value, sheet.batna_theirs.package) == (
        "60 days",
        {"Delivery": "30 days"},
    )
    assert term.points == [] and term.their_points == []


def test_options_with_numbers_become_numbers_and_their_scores_points():
    sheet = bicycle()
    to_options(sheet, "Delivery", "en")
    to_numeric(sheet, "Delivery", "en")
    term = sheet.term("Delivery")
    assert term is not None and term.kind is TermKind.NUMERIC and term.options == []
    assert (term.opening, term.their_opening) == (D(45), D(20))
    assert term.points == [
        ScorePoint(D(20), D(25)),
        ScorePoint(D(30), D(50)),
        ScorePoint(D(45), D(100)),
    ]
    assert sheet.offers[3].values["Delivery"] == D(30)


def test_a_label_in_use_without_a_number_refuses_the_change_and_says_where():
    sheet = bicycle()
    with pytest.raises(InputError) as refused:
        to_numeric(sheet, "Payment", "en")
    assert refused.value.field == "Payment"
    assert "Target (Upon delivery)" in refused.value.message
    assert "our offer of round 2 (Upon delivery)" in refused.value.message
    assert sheet.term("Payment").kind is TermKind.OPTIONS  # untouched


def test_a_renamed_option_follows_into_positions_offers_and_batnas():
    sheet = bicycle()
    sheet.batna_ours = Batna(
        "Velo Parts", "Upon delivery", "Payment", package={"Payment": "Upon delivery"}
    )
    rename_option(sheet, "Payment", "Upon delivery", "On delivery")
    term = sheet.term("Payment")
    assert term.options[0].label == "On delivery"
    assert term.target == term.walk_away == term.their_opening == "On delivery"
    assert sheet.batna_ours.value == "On delivery"
    assert sheet.batna_ours.package == {"Payment": "On delivery"}
    assert option_uses(sheet, "Payment", "On delivery") == [
        "Target",
        "Walk-away",
        "Their opening (est.)",
        "Their target (est.)",
        "their offer of round 1",
        "our offer of round 2",
        "our BATNA",
        "our BATNA",
    ]
    assert option_uses(sheet, "Payment", "60 days after delivery") == []
