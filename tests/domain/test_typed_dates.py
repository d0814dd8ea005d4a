"""Dates as a rep types them into a field."""

from datetime import date

import pytest

from salesdesk.domain.display import parse_typed_date
from salesdesk.domain.errors import InputError


@pytest.mark.parametrize(
    ("text", "lang", "order"),
    [
        ("31/03/2027", "fr", "dmy"),
        ("31.3.27", "fr", "dmy"),
        ("31 mars 2027", "fr", "dmy"),
        ("2027-03-31", "fr", "dmy"),
        ("31/03/2027", "en", "dmy"),
        ("3/31/2027", "en", "mdy"),
        ("31 Mar 2027", "en", "mdy"),
        ("March 31st, 2027", "en", "dmy"),
        ("2027-03-31", "en", "mdy"),
    ],
)
def test_the_locales_order_month_names_and_iso_are_read(text, lang, order):
    assert parse_typed_date(text, lang, order) == date(2027, 3, 31)


def test_an_impossible_date_is_refused_with_its_reason():
    with pytest.raises(InputError, match="not a date that exists"):
        parse_typed_date("31/02/2027", "fr")


@pytest.mark.parametrize("text", ["31/03", "tomorrow", "31/03/2027/1", ""])
def test_what_is_not_a_date_says_how_to_write_one(text):
    with pytest.raises(InputError) as caught:
        parse_typed_date(text, "fr")
    assert caught.value.message


def test_a_date_typed_month_first_where_day_first_is_read_says_which_order():
    with pytest.raises(InputError, match="in this order, like 31/03/2027"):
        parse_typed_date("03/31/2027", "en", "dmy")
    with pytest.raises(InputError, match="in this order, like 3/31/2027"):
        parse_typed_date("31/03/2027", "en", "mdy")
    with pytest.raises(InputError, match="check the day and the month"):
        parse_typed_date("31/02/2027", "en", "dmy")  # no order makes it a date
