"""Exact money and exact measures, and parsing them as people type them.

Amounts are `Decimal`, never float. Parsing follows the user's language for the
separators that are ambiguous (`1,234` is 1234 in English and 1.234 in French) and
accepts every unambiguous form of either (`€1,234.56`, `1 234,56 €`, `EUR 1234.5`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from salesdesk.domain.errors import InputError
from salesdesk.i18n import _

# Digits after the decimal point that the store keeps; more is refused, not rounded.
MAX_SCALE = 4
# Largest magnitude the store keeps exactly (a signed 64-bit count of 1/10_000).
MAX_ABS = Decimal(2**63 - 1) / Decimal(10**MAX_SCALE)

SYMBOLS: dict[str, str] = {
    "€": "EUR",
    "$": "USD",
    "US$": "USD",
    "£": "GBP",
    "¥": "JPY",
    "CHF": "CHF",
    "Fr.": "CHF",
    "zł": "PLN",
    "₹": "INR",
    "₽": "RUB",
    "R$": "BRL",
    "C$": "CAD",
    "A$": "AUD",
    # What Babel prints for people, so that a shown amount reads back.
    "$US": "USD",
    "$CA": "CAD",
    "CA$": "CAD",
    "$AU": "AUD",
    "AU$": "AUD",
    "MX$": "MXN",
    "₫": "VND",
    "₩": "KRW",
    "₪": "ILS",
    "₺": "TRY",
}
# Active ISO 4217 codes: three capital letters alone are not enough ("OOO" is a typo).
ISO_CODES = frozenset(
    """
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP
BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP
GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR
KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK
MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR
SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS
UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL
""".split()
)
# CLDR's currency spacing: a symbol made of letters ("CHF", "OMR") is kept apart from
# the digits by a no-break space; Babel leaves that rule to its callers.
_LETTER_THEN_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")

_GROUP_SPACES = " \u00a0\u202f\u2009'’"
_MINUS = "-−–"


def minor_digits(currency: str) -> int:
    """The digits after the point a currency is shown with (CLDR's data, via Babel):
    0 for JPY and VND, 3 for OMR and KWD, 2 for most."""
    from babel.numbers import get_currency_precision  # ~65 ms: off the start-up path

    return int(get_currency_precision(currency))


def check_currency(code: str) -> str:
    if code not in ISO_CODES:
        raise InputError(
            _("'{code}' is not a currency code (an ISO code like EUR, USD, GBP)").format(code=code)
        )
    return code


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            raise TypeError("Money needs a Decimal amount, got " + type(self.amount).__name__)
        check_currency(self.currency)

    def __add__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def _same_currency(self, other: Money) -> None:
        if other.currency != self.currency:
            raise ValueError(f"cannot mix {self.currency} and {other.currency}")

    def __str__(self) -> str:
        return f"{money_str(self.amount, self.currency)} {self.currency}"


def tidy(value: Decimal) -> Decimal:
    """The same number without trailing zeros and without an exponent: 97.50 → 97.5, 1E+2 → 100."""
    normal = value.normalize() + 0  # `+ 0` turns -0 into 0
    exponent = normal.as_tuple().exponent
    assert isinstance(exponent, int)
    return normal.quantize(Decimal(1)) if exponent > 0 else normal


def decimal_str(value: Decimal) -> str:
    """A plain decimal string without exponent or trailing zeros: `97.5`, `12000`."""
    return format(tidy(value), "f")


def money_str(value: Decimal, currency: str) -> str:
    """An amount with at least the currency's minor digits: `250000.00`, `97.125`."""
    places = max(minor_digits(currency), _places(value))
    return format(value.quantize(Decimal(1).scaleb(-places)), "f")


def check_scale(value: Decimal, field: str | None = None) -> Decimal:
    """Refuse what cannot be stored exactly rather than rounding it silently."""
    if not value.is_finite():
        raise InputError(_("'{value}' is not a number").format(value=value), field)
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    if -exponent > MAX_SCALE:
        raise InputError(
            _("{value} has more than {n} decimal places").format(value=value, n=MAX_SCALE), field
        )
    if abs(value) > MAX_ABS:
        raise InputError(_("{value} is too large").format(value=value), field)
    return value


def to_decimal(value: object, field: str | None = None) -> Decimal:
    """A decimal from a JSON number or string (never from a float's binary value)."""
    if isinstance(value, bool):
        raise InputError(_("expected a number, got {value}").format(value=value), field)
    if isinstance(value, Decimal):
        return check_scale(value, field)
    if isinstance(value, int):
        return check_scale(Decimal(value), field)
    if isinstance(value, float):
        # JSON numbers should be parsed with parse_float=Decimal; this is the fallback.
        return check_scale(Decimal(repr(value)), field)
    if isinstance(value, str):
        return check_scale(parse_number(value, lang="en", strict_plain=True), field)
    raise InputError(_("expected a number, got {value!r}").format(value=value), field)


def _bad(raw: str, reason: str, amount: bool) -> InputError:
    if amount:
        return InputError(_("'{text}' is not an amount: {reason}").format(text=raw, reason=reason))
    return InputError(_("'{text}' is not a number: {reason}").format(text=raw, reason=reason))


def parse_number(
    text: str, lang: str = "en", *, strict_plain: bool = False, _raw: str | None = None
) -> Decimal:
    """Parse a number written with the separators people use.

    With `strict_plain`, only the machine form (`-1234.5`) is accepted, as in files.
    """
    amount = _raw is not None
    raw = text if _raw is None else _raw
    s = text.strip()
    if not s:
        raise _bad(raw, _("it is empty"), amount)
    negative = False
    if s[0] in _MINUS:
        negative, s = True, s[1:].lstrip()
    elif s[0] == "+":
        s = s[1:].lstrip()
    if strict_plain:
        if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", s):
            raise _bad(raw, _("write it with digits and a dot, like 1234.5"), amount)
        return -Decimal(s) if negative else Decimal(s)
    for char in s:
        if not (char.isdigit() or char in ".," or char in _GROUP_SPACES):
            raise _bad(raw, _("unexpected character '{char}'").format(char=char), amount)
        if char.isdigit() and not char.isascii():
            raise _bad(raw, _("unexpected character '{char}'").format(char=char), amount)
    if not any(c.isdigit() for c in s):
        raise _bad(raw, _("it has no digits"), amount)
    has_space = any(c in _GROUP_SPACES for c in s)
    dots, commas = s.count("."), s.count(",")
    decimal_sep: str | None
    if dots and commas:
        decimal_sep = "." if s.rfind(".") > s.rfind(",") else ","
    elif dots or commas:
        sep = "." if dots else ","
        if s.count(sep) > 1:
            decimal_sep = None
        else:
            before, after = s.split(sep)
            before_digits = "".join(c for c in before if c.isdigit())
            looks_grouped = (
                len(after) == 3
                and after.isdigit()
                and not has_space
                and 1 <= len(before_digits) <= 3
                and before_digits != "0"
                and before == before_digits
            )
            if looks_grouped:
                locale_decimal = "," if lang == "fr" else "."
                decimal_sep = sep if sep == locale_decimal else None
            else:
                decimal_sep = sep
    else:
        decimal_sep = None
    if decimal_sep is not None:
        if s.count(decimal_sep) > 1:
            raise _bad(raw, _("more than one decimal separator"), amount)
        int_part, frac = s.rsplit(decimal_sep, 1)
        if not frac:
            raise _bad(raw, _("digits are missing after the decimal separator"), amount)
        if not frac.isdigit():
            raise _bad(raw, _("only digits may follow the decimal separator"), amount)
    else:
        int_part, frac = s, ""
    digits = _check_grouping(int_part, raw, amount)
    value = Decimal(f"{digits or '0'}.{frac or '0'}")
    return -value if negative else value


def _check_grouping(int_part: str, raw: str, amount: bool) -> str:
    groups = re.split(r"[.,\s\u00a0\u202f\u2009'’]", int_part)
    if len(groups) == 1:
        return groups[0]
    if not (1 <= len(groups[0]) <= 3) or any(len(g) != 3 for g in groups[1:]):
        raise _bad(raw, _("digits must be grouped by three"), amount)
    return "".join(groups)


def parse_amount(text: str, *, lang: str = "en", default_currency: str = "EUR") -> Money:
    """Parse `€1,234.56`, `1 234,56 €`, `EUR 1234.5`, `-12.5 USD`, `(1,000)`…"""
    raw = text
    s = text.strip()
    if not s:
        raise InputError(_("the amount is empty"))
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip()
    if s and s[0] in _MINUS:
        negative, s = True, s[1:].strip()
    currency: str | None = None
    for symbol in sorted(SYMBOLS, key=len, reverse=True):
        if s.startswith(symbol):
            currency, s = SYMBOLS[symbol], s[len(symbol) :].strip()
            break
        if s.endswith(symbol):
            currency, s = SYMBOLS[symbol], s[: -len(symbol)].strip()
            break
    if currency is None:
        match = re.fullmatch(r"([A-Z]{3})\s*(.*)|(.*?)\s*([A-Z]{3})", s)
        if match and (match.group(1) or match.group(4)) in ISO_CODES:
            currency = match.group(1) or match.group(4)
            s = (match.group(2) if match.group(1) else match.group(3)) or ""
    if s and s[0] in _MINUS and not negative:
        negative, s = True, s[1:].strip()
    if not s:
        raise _bad(raw, _("the number is missing"), True)
    if s[0] in _MINUS:
        raise _bad(raw, _("it has more than one sign"), True)
    value = parse_number(s, lang, _raw=raw)
    return Money(-value if negative else value, currency or default_currency)


def format_number(value: Decimal, lang: str = "en", places: int | None = None) -> str:
    """A number for people: `1,234.5` in English, `1 234,5` in French."""
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{value:,f}" if places is not None else f"{value.normalize():,f}"
    if lang == "fr":
        return text.replace(",", "\u202f").replace(".", ",")
    return text


def format_money(value: Decimal, currency: str, lang: str = "en") -> str:
    """An amount for people in the language's own pattern and the currency's symbol and
    precision (Babel's CLDR data): `€1,234.56` in English, `1 234,56 €` in French,
    `₫1,500,000`, `OMR\u00a01.250`. Digits beyond the currency's are shown, never rounded
    away: a stored 97.125 EUR reads 97.125."""
    from babel.numbers import format_currency  # ~65 ms: off the start-up path

    text = format_currency(
        value.quantize(Decimal(1).scaleb(-max(minor_digits(currency), _places(value)))),
        currency,
        locale=_babel_locale(lang),
        decimal_quantization=False,
    )
    return _LETTER_THEN_DIGIT.sub("\u00a0", text)


def _babel_locale(lang: str) -> str:
    # The app speaks "en" and "fr"; Babel reads "en" as the United States' English.
    return lang if lang in ("en", "fr") else "en"


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)
