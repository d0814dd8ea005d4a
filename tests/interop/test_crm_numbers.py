"""A file's numbers mean the same whatever the app's language: the file decides.

Layouts: a Salesforce report as exported from a US org (Help, "Export a Report": CSV,
comma-separated, amounts like `1,500`); the same report saved again by Excel in a
German locale (semicolons, `1.500`, as NOTES.md measured: Excel re-saves CSVs with `;`
and decimal commas in French and German locales); Excel's "Unicode text" (UTF-16,
tab-separated), where the separator tells nothing.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from salesdesk.i18n import set_language
from salesdesk.interop.crm_csv import ImportRejected, parse_file

US_REPORT = (
    "Opportunity Name,Account Name,Amount,Close Date,Stage\r\n"
    '"Renewal",Acme,"1,500",11/27/2026,Prospecting\r\n'
    '"Expansion",Acme,"12,000",12/01/2026,Qualification\r\n'
    '"Fleet",Initech,"250,000",12/05/2026,Negotiation/Review\r\n'
)
GERMAN_EXCEL = (
    "Opportunity Name;Account Name;Amount;Close Date;Stage\r\n"
    "Renewal;Acme;1.500;27.11.2026;Prospecting\r\n"
    "Expansion;Acme;12.000;01.12.2026;Qualification\r\n"
)


@pytest.fixture(params=["en", "fr"])
def app_language(request: pytest.FixtureRequest):
    set_language(request.param)
    yield request.param
    set_language("en")


def values(text: str, encoding: str = "utf-8", **kw: object) -> list[Decimal | None]:
    crm = parse_file(text.encode(encoding), **kw)  # type: ignore[arg-type]
    return [d.value for d in crm.deals]


def test_a_us_report_reads_the_same_with_the_app_in_english_or_french(app_language):
    assert values(US_REPORT, lang=app_language) == [
        Decimal(1500),
        Decimal(12000),
        Decimal(250000),
    ]


def test_a_german_excel_file_reads_the_same_with_the_app_in_english_or_french(app_language):
    assert values(GERMAN_EXCEL, lang=app_language) == [Decimal(1500), Decimal(12000)]


def test_what_decided_the_decimal_mark_is_said():
    crm = parse_file(US_REPORT.encode())
    assert "amounts read with a decimal point (the file's separator says so)" in crm.facts
    told = 'Deal Name,Deal Stage,Amount\nA,Contract sent,"1,500"\nB,Contract sent,"2,5"\n'
    crm = parse_file(told.encode())
    assert [d.value for d in crm.deals] == [Decimal("1.500"), Decimal("2.5")]
    assert "amounts read with a decimal comma (told by line 3)" in crm.facts
    exact = "Deal Name;Deal Stage;Amount;Currency\nA;Contract sent;9225,225;MXN\n"
    assert parse_file(exact.encode()).deals[0].value == Decimal("9225.225")


UNICODE_TEXT = "Deal Name\tDeal Stage\tAmount\nA\tContract sent\t1,500\nB\tContract sent\t12,000\n"


def test_what_stays_ambiguous_is_refused_with_the_option_to_say_it():
    with pytest.raises(ImportRejected) as info:
        values(UNICODE_TEXT, "utf-16")
    assert info.value.lines == [
        "line 2, column 3: '1,500' could be a thousand or a decimal, and no value of the "
        "column tells which: say which (--decimal-comma or --decimal-point)"
    ]
    assert values(UNICODE_TEXT, "utf-16", decimal_mark=".") == [Decimal(1500), Decimal(12000)]
    assert values(UNICODE_TEXT, "utf-16", decimal_mark=",") == [
        Decimal("1.500"),
        Decimal("12.000"),
    ]


def test_the_currency_place_tells_when_the_separator_cannot():
    text = "Deal Name\tDeal Stage\tAmount\nA\tContract sent\t$1,500\nB\tContract sent\t$12,000\n"
    assert values(text, "utf-16") == [Decimal(1500), Decimal(12000)]
    text = text.replace("$1,500", "1.500 €").replace("$12,000", "12.000 €")
    assert values(text, "utf-16") == [Decimal(1500), Decimal(12000)]


def test_a_column_mixing_decimal_marks_is_refused():
    text = 'Deal Name,Deal Stage,Amount\nA,Contract sent,"12,5"\nB,Contract sent,"1,234.50"\n'
    with pytest.raises(ImportRejected) as info:
        values(text)
    assert info.value.lines[0].startswith(
        "line 3, column 3: the column mixes decimal commas (line 2) and decimal points (line 3)"
    )
    with pytest.raises(ImportRejected, match="problem"):
        values(text.replace('"12,5"', "12.5"), decimal_mark=",")
