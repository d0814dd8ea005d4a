from datetime import date
from decimal import Decimal

import pytest

from salesdesk.domain.errors import InputError
from salesdesk.domain.terms import POSITION_FIELDS
from salesdesk.interop.demo import sample_sheets
from salesdesk.interop.paste import terms_from_paste
from salesdesk.interop.templates import list_templates, new_sheet_from, save_template


def test_french_spreadsheet_rows_with_a_header():
    terms = terms_from_paste(
        "Terme\tUnité\tSens\tPoids\tLeur poids\tOuverture\tCible\n"
        "Prix\t€\tplus\t60\t50\t1 234,5\t1 200\r\n"
        "Délai\tjours\tmoins\t40\t\t30\t45\n",
        "fr",
    )
    assert [(t.name, t.direction.value, t.weight, t.their_weight) for t in terms] == [
        ("Prix", "higher_is_better", 60, 50),
        ("Délai", "lower_is_better", 40, None),
    ]
    assert terms[0].opening == Decimal("1234.5") and terms[0].target == Decimal(1200)


def test_pasted_weights_may_have_two_decimals_in_either_language():
    french = terms_from_paste("Prix\t€\tplus\t28,81\t47\nDélai\tjours\tmoins\t19,15 %\t\n", "fr")
    assert [(t.weight, t.their_weight) for t in french] == [
        (Decimal("28.81"), Decimal(47)),
        (Decimal("19.15"), None),
    ]
    with pytest.raises(InputError) as caught:
        terms_from_paste("Price\t€\tmore\t28.815\n", "en")
    assert caught.value.field == "line 1, Weight"
    assert "two decimals at most" in caught.value.message


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("Price\t€\tsideways\n", "line 1, Better for us"),
        ("Price\t€\tmore\t60\t50\t12,5O0\n", "line 1, Opening"),
        ("Price\t€\tmore\t60\nDays\tdays\tless\t140\n", "line 2, Weight"),
        ("\t€\tmore\n", "line 1"),
    ],
)
def test_a_bad_cell_names_its_line_and_column(text, where):
    with pytest.raises(InputError) as caught:
        terms_from_paste(text, "en")
    assert caught.value.field == where


def test_a_template_keeps_the_worksheet_and_nothing_of_the_deal(tmp_path):
    sheet = sample_sheets(date(2026, 11, 29))["scanners-en"]
    assert "€690" in sheet.batna_ours.description  # a figure of this deal
    folder = tmp_path / "templates"
    saved = save_template(folder, "Scanner deals", sheet, date(2026, 11, 29))
    assert list_templates(folder) == [saved]
    new = new_sheet_from(saved.path, "Depot scanners", "Metro Transit")
    assert (new.title, new.account) == ("Depot scanners", "Metro Transit")
    # The structure: names, units, directions, weights and steps.
    assert [(t.name, t.unit, t.direction, t.weight, t.their_weight, t.step) for t in new.terms] == [
        (t.name, t.unit, t.direction, t.weight, t.their_weight, t.step) for t in sheet.terms
    ]
    # Not one figure of the deal: no position, no market value, no BATNA with an amount.
    assert all(getattr(t, f) is None for t in new.terms for f in POSITION_FIELDS)
    assert new.batna_ours.description == ""
    assert new.batna_ours.term == sheet.batna_ours.term
    assert new.batna_theirs.description == "Keep the old scanners one more year"  # no figure
    assert new.batna_ours.value is None and new.batna_ours.score is None
    assert not new.offers and not new.ledger and not new.stakeholders and not new.meetings
    assert "690" not in saved.path.read_text(encoding="utf-8")
    with pytest.raises(InputError):
        save_template(folder, "  ", sheet, date(2026, 11, 29))
