from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdesk.domain.errors import InputError
from salesdesk.domain.money import (
    Money,
    decimal_str,
    format_money,
    money_str,
    parse_amount,
    parse_number,
    to_decimal,
)


@pytest.mark.parametrize(
    ("text", "lang", "amount", "currency"),
    [
        ("1,234.56", "en", "1234.56", "EUR"),
        ("1 234,56 €", "fr", "1234.56", "EUR"),
        ("1\u202f234,56\u00a0€", "fr", "1234.56", "EUR"),
        ("1.234,56", "fr", "1234.56", "EUR"),
        ("€1,234.56", "fr", "1234.56", "EUR"),  # unambiguous in either language
        ("EUR 1234.5", "en", "1234.5", "EUR"),
        ("$12,500.50", "en", "12500.50", "USD"),
        ("25.000,00", "en", "25000.00", "EUR"),
        ("12 500 USD", "en", "12500", "USD"),
        ("1,234", "en", "1234", "EUR"),  # ambiguous: the locale decides
        ("1,234", "fr", "1.234", "EUR"),
        ("1.234", "fr", "1234", "EUR"),
        ("1.234", "en", "1.234", "EUR"),
        ("0,500", "en", "0.5", "EUR"),  # a leading zero is never grouped
        ("12,5", "en", "12.5", "EUR"),
        ("-€12.50", "en", "-12.50", "EUR"),
        ("(1,000)", "en", "-1000", "EUR"),
        ("£99", "en", "99", "GBP"),
        ("1.234.567", "en", "1234567", "EUR"),
    ],
)
def test_parse_amount_accepts_what_people_type(text, lang, amount, currency):
    money = parse_amount(text, lang=lang)
    assert money == Money(Decimal(amount), currency)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("12,5O0", "unexpected character 'O'"),
        ("abc", "unexpected character 'a'"),
        ("1,23,4", "grouped by three"),
        ("12.", "missing after the decimal separator"),
        ("1.2.3,4,5", "more than one decimal separator"),
        ("--5", "more than one sign"),
        ("€", "the number is missing"),
        ("", "empty"),
    ],
)
def test_parse_amount_refuses_garbage_and_says_why(text, reason):
    with pytest.raises(InputError) as info:
        parse_amount(text, lang="en")
    assert reason in str(info.value)
    if text:
        assert repr(text)[1:-1] in str(info.value)


def test_default_currency_applies_when_none_is_written():
    assert parse_amount("10", default_currency="GBP").currency == "GBP"


def test_money_refuses_float_and_mixed_currencies():
    with pytest.raises(TypeError):
        Money(1.5, "EUR")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="cannot mix"):
        Money(Decimal(1), "EUR") + Money(Decimal(1), "USD")


def test_files_accept_only_the_plain_form():
    assert to_decimal("1234.5") == Decimal("1234.5")
    assert to_decimal(12) == Decimal(12)
    with pytest.raises(InputError, match=r"like 1234\.5"):
        to_decimal("12,5O0")
    with pytest.raises(InputError, match="decimal places"):
        to_decimal("0.00001")
    with pytest.raises(InputError):
        to_decimal(True)


def test_strings_for_files_and_for_people():
    assert money_str(Decimal("250000"), "EUR") == "250000.00"
    assert money_str(Decimal("97.125"), "EUR") == "97.125"
    assert money_str(Decimal("5"), "JPY") == "5"
    assert decimal_str(Decimal("97.50")) == "97.5"
    assert decimal_str(Decimal("1E+2")) == "100"
    assert format_money(Decimal("1234.56"), "EUR", "fr") == "1\u202f234,56\u00a0€"
    assert format_money(Decimal("1234.5"), "EUR", "en") == "€1,234.50"
    assert format_money(Decimal("-3"), "GBP", "en") == "-£3.00"


def test_each_currency_is_shown_with_its_own_symbol_and_precision():
    # The dong has no minor unit, the Omani rial three digits: CLDR's data, not a guess.
    assert format_money(Decimal("1500000"), "VND", "en") == "₫1,500,000"
    assert format_money(Decimal("1.25"), "OMR", "en") == "OMR\u00a01.250"
    assert format_money(Decimal("1.25"), "OMR", "fr") == "1,250\u00a0OMR"
    assert format_money(Decimal("5"), "CHF", "en") == "CHF\u00a05.00"
    assert format_money(Decimal("5"), "USD", "fr") == "5,00\u00a0$US"
    # Digits beyond the currency's are the user's, kept: never rounded away on screen.
    assert format_money(Decimal("97.125"), "EUR", "en") == "€97.125"
    assert format_money(Decimal("12"), "JPY", "fr") == "12\u00a0JPY"


@pytest.mark.parametrize(
    ("currency", "lang"),
    [("USD", "fr"), ("CAD", "fr"), ("VND", "en"), ("MXN", "en"), ("OMR", "en"), ("CHF", "fr")],
)
def test_an_amount_shown_in_any_currency_reads_back(currency, lang):
    shown = format_money(Decimal("-1234.5"), currency, lang)
    back = parse_amount(shown, lang=lang, default_currency="EUR")
    assert (back.amount, back.currency) == (Decimal("-1234.5"), currency)


amounts = st.decimals(
    min_value=Decimal("-1e12"),
    max_value=Decimal("1e12"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@given(amounts)
def test_english_display_parses_back(value):
    assert parse_amount(format_money(value, "EUR", "en"), lang="en").amount == value


@given(amounts)
def test_french_display_parses_back(value):
    assert parse_amount(format_money(value, "EUR", "fr"), lang="fr").amount == value


@given(amounts)
def test_plain_form_parses_back_in_both_languages(value):
    text = format(value, "f")
    assert parse_number(text, "en") == value
    assert to_decimal(text) == value


@given(st.text(alphabet="0123456789.,€$ abcOlI-", min_size=1, max_size=12))
def test_letters_are_never_read_as_digits(text):
    try:
        parse_amount(text, lang="en")
    except InputError as exc:
        assert exc.message  # refused, with a reason, never a crash
    else:
        assert not any(c.isalpha() for c in text)


def test_three_capitals_are_not_a_currency_unless_they_are_one():
    with pytest.raises(InputError):
        parse_amount("OOO 12")
    assert parse_amount("12 CHF").currency == "CHF"
