"""Reading CRM exports (Salesforce, HubSpot, Dynamics 365, Odoo) as they really come.

Encoding (UTF-8 with or without BOM, else Windows-1252), separator (comma,
semicolon, tab), quoted fields with line breaks; amounts and dates are read per
column: the decimal separator and the day/month order are decided from all the
column's values, not guessed row by row. Any bad row stops the whole import.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from salesdesk.domain.errors import InputError
from salesdesk.domain.imported import ImportedDeal
from salesdesk.domain.limits import NAME, check_text
from salesdesk.domain.money import ISO_CODES, check_scale, parse_amount, parse_number
from salesdesk.domain.stages import STAGE_LABELS, DealStatus, Stage
from salesdesk.i18n import N_, _

MAX_REPORTED = 10


class Crm(StrEnum):
    SALESFORCE = "salesforce"
    HUBSPOT = "hubspot"
    DYNAMICS = "dynamics"
    ODOO = "odoo"
    OTHER = "csv"  # any other file, mapped column by column


CRM_NAMES = {
    Crm.SALESFORCE: "Salesforce",
    Crm.HUBSPOT: "HubSpot",
    Crm.DYNAMICS: "Dynamics 365",
    Crm.ODOO: "Odoo",
    Crm.OTHER: "CSV",
}

FIELDS = (
    "title",
    "account",
    "amount",
    "currency",
    "close_date",
    "stage",
    "status",
    "probability",
    "owner",
    "record_id",
    "last_contact",
)

# Header names (lower case) of each export shape, by field; the first shape that
# finds a title and a stage or amount column wins.
SHAPES: list[tuple[Crm, dict[str, tuple[str, ...]]]] = [
    (
        Crm.SALESFORCE,
        {
            "title": ("opportunity name",),
            "account": ("account name",),
            "amount": ("amount",),
            "close_date": ("close date",),
            "stage": ("stage",),
            "probability": ("probability (%)", "probability"),
            "owner": ("opportunity owner",),
            "record_id": ("opportunity id",),
            "currency": ("opportunity currency", "currency"),
            "last_contact": ("last activity", "last activity date"),
        },
    ),
    (
        Crm.SALESFORCE,
        {  # Data Loader: API names
            "title": ("name",),
            "account": ("account.name", "accountid"),
            "amount": ("amount",),
            "close_date": ("closedate",),
            "stage": ("stagename",),
            "probability": ("probability",),
            "owner": ("owner.name", "ownerid"),
            "record_id": ("id",),
            "currency": ("currencyisocode",),
            "last_contact": ("lastactivitydate",),
        },
    ),
    (
        Crm.HUBSPOT,
        {
            "title": ("deal name",),
            "account": ("associated company", "associated company (primary)", "company name"),
            "amount": ("amount",),
            "close_date": ("close date",),
            "stage": ("deal stage",),
            "owner": ("deal owner",),
            "record_id": ("record id",),
            "currency": ("currency",),
            "probability": ("deal probability",),
            "last_contact": ("last activity date", "last contacted", "last engagement date"),
        },
    ),
    (
        Crm.DYNAMICS,
        {
            "title": ("topic",),
            "account": ("potential customer", "account"),
            "amount": ("est. revenue", "est. revenue (base)"),
            "close_date": ("est. close date",),
            "stage": ("sales stage", "pipeline phase"),
            "status": ("status",),
            "probability": ("probability",),
            "owner": ("owner",),
            "record_id": ("(do not modify) opportunity",),
            "last_contact": ("last activity", "date of last activity"),
            "currency": ("currency",),
        },
    ),
    (
        Crm.ODOO,
        {
            "title": ("opportunity",),
            "account": ("customer",),
            "amount": ("expected revenue",),
            "close_date": ("expected closing",),
            "stage": ("stage",),
            "probability": ("probability",),
            "owner": ("salesperson",),
            "record_id": ("id",),
            "currency": ("currency",),
            "last_contact": ("last activity", "last updated on"),
        },
    ),
    (
        Crm.ODOO,
        {  # technical names
            "title": ("name",),
            "account": ("partner_id", "partner_name"),
            "amount": ("expected_revenue",),
            "close_date": ("date_deadline",),
            "stage": ("stage_id",),
            "probability": ("probability",),
            "owner": ("user_id",),
            "record_id": ("id",),
            "currency": ("company_currency", "currency_id"),
        },
    ),
]

# Dynamics 365 and Odoo export the currency's name rather than its code.
CURRENCY_NAMES = {
    "euro": "EUR",
    "us dollar": "USD",
    "dollar": "USD",
    "pound sterling": "GBP",
    "british pound": "GBP",
    "swiss franc": "CHF",
    "canadian dollar": "CAD",
    "japanese yen": "JPY",
    "polish zloty": "PLN",
    "złoty": "PLN",
    "zloty": "PLN",
}

_WON = {"closedwon", "won"}
_LOST = {"closedlost", "lost"}
STAGE_MAPS: dict[Crm, dict[str, Stage]] = {
    Crm.SALESFORCE: {
        "prospecting": Stage.PROSPECTING,
        "qualification": Stage.QUALIFICATION,
        "needs analysis": Stage.NEEDS,
        "id. decision makers": Stage.NEEDS,
        "perception analysis": Stage.NEEDS,
        "value proposition": Stage.PROPOSAL,
        "proposal/price quote": Stage.PROPOSAL,
        "negotiation/review": Stage.CONTRACT,
    },
    Crm.HUBSPOT: {
        "appointment scheduled": Stage.PROSPECTING,
        "qualified to buy": Stage.NEEDS,
        "presentation scheduled": Stage.PROPOSAL,
        "decision maker bought-in": Stage.PROPOSAL,
        "contract sent": Stage.CONTRACT,
    },
    Crm.DYNAMICS: {
        "qualify": Stage.QUALIFICATION,
        "develop": Stage.NEEDS,
        "propose": Stage.PROPOSAL,
        "close": Stage.CONTRACT,
    },
    Crm.ODOO: {"new": Stage.QUALIFICATION, "qualified": Stage.NEEDS, "proposition": Stage.PROPOSAL},
}
# A mapped file may name stages the way any CRM does, or by our own codes and labels.
STAGE_MAPS[Crm.OTHER] = {
    **{name: stage for names in STAGE_MAPS.values() for name, stage in names.items()},
    **{stage.value: stage for stage in Stage},
    **{label.lower(): stage for stage, label in STAGE_LABELS.items()},
}

_STAGE_KEYS = {
    crm: {re.sub(r"[^a-z0-9]", "", name): stage for name, stage in names.items()}
    for crm, names in STAGE_MAPS.items()
}


@dataclass
class Problem:
    line: int
    column: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.reason}"


class ImportRejected(InputError):
    """The file cannot be imported; `lines` hold at most ten `line N, column C:` details."""

    def __init__(self, message: str, lines: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.lines = list(lines)


@dataclass
class CrmFile:
    source: Crm
    deals: list[ImportedDeal]
    notices: list[str] = field(default_factory=list)
    has_ids: bool = False


# ---------------------------------------------------------------- reading the file

# The longest text each imported column may hold (the store's own column sizes).
_FIELD_LIMITS = {"stage": 100, "record_id": 100, "status": 100, "currency": 100}
_FIELD_LABELS = {
    "title": N_("the title"),
    "account": N_("the account"),
    "owner": N_("the owner"),
    "stage": N_("the stage"),
    "record_id": N_("the record id"),
    "amount": N_("the amount"),
    "currency": N_("the currency"),
    "close_date": N_("the close date"),
    "status": N_("the status"),
    "probability": N_("the probability"),
    "last_contact": N_("the last contact date"),
}


_BOM = b"\xef\xbb\xbf"
# A character that only UTF-8 writes this way: a file holding one is UTF-8.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Python's csv module refuses fields over 131,072 characters with an error that names
# no line: fields are read whole and their lengths checked per column instead.
csv.field_size_limit(2**31 - 1)


def _line_of(raw: bytes | str, offset: int) -> int:
    if isinstance(raw, bytes):
        raw = raw[:offset].decode("latin-1")
        offset = len(raw)
    if "\n" not in raw:  # a file whose lines end in CR alone
        return raw.count("\r", 0, offset) + 1
    return raw.count("\n", 0, offset) + 1


def decode(raw: bytes) -> str:
    """The file's text, read in its one encoding: UTF-8 (with or without BOM), else
    Windows-1252. A file that mixes them, or holds bytes neither can read, is refused
    naming the line rather than read as mojibake."""
    body = raw[3:] if raw.startswith(_BOM) else raw
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_line = _line_of(body, exc.start)
        if raw.startswith(_BOM) or _UTF8_MULTIBYTE.search(body):
            raise ImportRejected(
                _("nothing was imported: the file mixes encodings"),
                [
                    str(
                        Problem(
                            bad_line,
                            1,
                            _(
                                "byte 0x{byte:02X} is not UTF-8, like the rest of the file: "
                                "save the file again as UTF-8"
                            ).format(byte=body[exc.start]),
                        )
                    )
                ],
            ) from None
    try:
        return body.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ImportRejected(
            _("nothing was imported: the file's encoding cannot be read"),
            [
                str(
                    Problem(
                        _line_of(body, exc.start),
                        1,
                        _("byte 0x{byte:02X} is neither UTF-8 nor Windows-1252").format(
                            byte=body[exc.start]
                        ),
                    )
                )
            ],
        ) from None


def _first_line(text: str) -> str:
    return re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]


def _separator(text: str) -> str:
    first = _first_line(text)
    counts = {sep: len(next(csv.reader([first], delimiter=sep))) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: counts[sep])


def _refuse(line: int, column: int, reason: str) -> ImportRejected:
    return ImportRejected(
        _("nothing was imported: {n} problem(s) in the file").format(n=1),
        [str(Problem(line, column, reason))],
    )


def _lone_carriage_returns(text: str, separator: str) -> None:
    """In a file whose lines end in LF or CRLF, a CR alone outside quotes is damage (a
    row would be cut in two): refuse it. A file whose lines all end in CR reads as such."""
    if "\n" not in text:
        return
    for found in re.finditer(r"\r(?!\n)", text):
        at = found.start()
        if text.count('"', 0, at) % 2:
            continue  # inside a quoted field: kept as written
        start = text.rfind("\n", 0, at) + 1
        raise _refuse(
            _line_of(text, at),
            text.count(separator, start, at) + 1,
            _("a carriage return (CR) alone inside a field; the file's lines end in LF or CRLF"),
        )


def read_rows(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the rows, each with the line it starts on.

    Read strictly: a quote that opens and never closes, or closes before the end of
    its field, is refused naming the line it opened on, as is a row of more fields than
    the header, rather than merging or splitting rows.
    """
    separator = _separator(text)
    _lone_carriage_returns(text, separator)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    start = 1
    try:
        try:
            header = next(reader)
        except StopIteration:
            raise ImportRejected(_("the file is empty")) from None
        width = len(header)
        rows: list[tuple[int, list[str]]] = []
        start = reader.line_num + 1
        for row in reader:
            spans = reader.line_num - start + 1
            if len(row) > width or (spans > 1 and len(row) != width):
                raise _refuse(
                    start,
                    min(len(row), width),
                    _(
                        "this row has {n} fields where the header has {m}; "
                        "look for a quote that is not closed"
                    ).format(n=len(row), m=width),
                )
            if any(cell.strip() for cell in row):
                rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise _refuse(
            start,
            1,
            _("the quotes do not pair up from this line on ({reason})").format(reason=exc),
        ) from None
    return [h.strip() for h in header], rows


def detect(
    header: Sequence[str], forced: Crm | None = None, mapping: dict[str, str] | None = None
) -> tuple[Crm, dict[str, int]]:
    """Which CRM made the file, and the column of each field.

    With a `mapping` (field → header, chosen by the rep), the file is read as is.
    """
    if mapping is not None:
        columns = {f: header.index(h) for f, h in mapping.items() if h in header}
        if "title" not in columns:
            raise ImportRejected(_("choose the column that holds the deal's title"))
        return Crm.OTHER, columns
    names = {h.strip().lower(): i for i, h in enumerate(header)}
    best: tuple[int, Crm, dict[str, int]] | None = None
    for crm, shape in SHAPES:
        if forced is not None and crm is not forced:
            continue
        columns = {
            f: next((names[n] for n in options if n in names), -1) for f, options in shape.items()
        }
        found = {f: c for f, c in columns.items() if c >= 0}
        if "title" not in found or not ({"stage", "amount"} & set(found)):
            continue
        if best is None or len(found) > best[0]:
            best = (len(found), crm, found)
    if best is None:
        raise ImportRejected(
            _(
                "the columns do not look like a Salesforce, HubSpot, Dynamics 365 or Odoo "
                "export (found: {columns})"
            ).format(columns=", ".join(header[:8]))
        )
    return best[1], best[2]


# ---------------------------------------------------------------- deciding per column

_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")


def decimal_separator(values: Sequence[str]) -> str | None:
    """The column's decimal separator, when some value shows it; None when none does."""
    for value in values:
        digits = re.sub(r"[^\d.,]", "", value)
        dots, commas = digits.count("."), digits.count(",")
        if dots and commas:
            return "." if digits.rfind(".") > digits.rfind(",") else ","
        for sep, other in ((".", ","), (",", ".")):
            n = digits.count(sep)
            if n > 1:
                return other  # a repeated separator groups thousands
            if n == 1 and len(digits.rsplit(sep, 1)[1]) != 3:
                return sep
    return None


def date_order(values: Sequence[str]) -> str | None:
    """`dmy` or `mdy` when a value of the column tells (a part above 12), else None."""
    for value in values:
        match = _DMY.match(value.strip())
        if match:
            first, second = int(match[1]), int(match[2])
            if first > 12:
                return "dmy"
            if second > 12:
                return "mdy"
    return None


def parse_date(text: str, order: str | None) -> date:
    value = text.strip()
    iso = _ISO.match(value)
    if iso:
        return date(int(iso[1]), int(iso[2]), int(iso[3]))
    match = _DMY.match(value)
    if not match:
        raise ValueError(_("{value!r} is not a date").format(value=text))
    a, b, year = int(match[1]), int(match[2]), int(match[3])
    day, month = (a, b) if order == "dmy" else (b, a)
    return date(year, month, day)


# ---------------------------------------------------------------- rows → deals


def _stage_key(text: str) -> str:
    """`Closed Won`, `closedwon` and `closed-won` are one stage."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _stage(crm: Crm, raw: str, status_raw: str) -> tuple[Stage, DealStatus, bool]:
    """Our stage and status for a CRM stage; the flag says the stage was unknown."""
    key = _stage_key(re.sub(r"^\d+\s*[-.]\s*", "", raw.strip().lower()))  # "1-Qualify"
    status_key = _stage_key(status_raw)
    if key in _WON or status_key in _WON:
        return Stage.ROLLOUT, DealStatus.WON, False
    if key in _LOST or status_key in _LOST:
        return _STAGE_KEYS[crm].get(key, Stage.QUALIFICATION), DealStatus.LOST, False
    stage = _STAGE_KEYS[crm].get(key)
    return (stage or Stage.QUALIFICATION), DealStatus.OPEN, stage is None and bool(key)


def parse_file(
    raw: bytes,
    *,
    source: Crm | None = None,
    mapping: dict[str, str] | None = None,
    date_order_hint: str | None = None,
    default_currency: str = "EUR",
    lang: str = "en",
) -> CrmFile:
    """Read and check every row; raises ImportRejected listing the first bad lines."""
    header, rows = read_rows(decode(raw))
    crm, columns = detect(header, source, mapping)

    def cell(row: list[str], name: str) -> str:
        index = columns.get(name, -1)
        return row[index].strip() if 0 <= index < len(row) else ""

    amounts = [cell(r, "amount") for _, r in rows]
    separator = decimal_separator([a for a in amounts if a])
    amount_lang = {",": "fr", ".": "en"}.get(separator or "", lang)
    dated = [cell(r, name) for _, r in rows for name in ("close_date", "last_contact")]
    order = date_order_hint or date_order(dated)
    ambiguous_dates = order is None and any(_DMY.match(value) for value in dated)
    problems: list[Problem] = []
    if ambiguous_dates:
        problems.append(
            Problem(
                rows[0][0] if rows else 2,
                columns["close_date"] + 1,
                _(
                    "the dates cannot tell day-first from month-first (like 03/04/2026): "
                    "say which (--date-order dmy or mdy)"
                ),
            )
        )
    deals: list[ImportedDeal] = []
    unknown_stages: set[str] = set()
    first_line_of: dict[str, int] = {}
    for line, row in rows:

        def fail(name: str, reason: str, line: int = line) -> None:
            problems.append(Problem(line, columns.get(name, 0) + 1, reason))

        unreadable = False
        for name in columns:
            try:
                check_text(cell(row, name), _(_FIELD_LABELS[name]), _FIELD_LIMITS.get(name, NAME))
            except InputError as exc:
                fail(name, exc.message)
                unreadable = True
        if unreadable:
            continue
        record_id = cell(row, "record_id")
        if record_id:
            if record_id in first_line_of:
                fail(
                    "record_id",
                    _("record id {id!r} is also on line {other}: one row per record").format(
                        id=record_id, other=first_line_of[record_id]
                    ),
                )
            else:
                first_line_of[record_id] = line

        title = cell(row, "title")
        if not title:
            fail("title", _("the deal has no title"))
        currency = cell(row, "currency")
        currency = CURRENCY_NAMES.get(currency.lower(), currency.upper())
        stated = bool(currency)
        if currency and currency not in ISO_CODES:
            fail("currency", _("{value!r} is not a currency code").format(value=currency))
            currency = ""
        value: Decimal | None = None
        amount = cell(row, "amount")
        if amount:
            try:
                money = parse_amount(
                    amount, lang=amount_lang, default_currency=currency or default_currency
                )
                value, currency = check_scale(money.amount), money.currency
                if not stated:  # a symbol in the amount ($, €, £) states it too
                    other = "USD" if money.currency != "USD" else "EUR"
                    again = parse_amount(amount, lang=amount_lang, default_currency=other)
                    stated = again.currency == money.currency
            except InputError as exc:
                fail("amount", exc.message)

        def row_date(name: str, row: list[str] = row) -> date | None:
            written = cell(row, name)
            if not written or ambiguous_dates:
                return None
            try:
                return parse_date(written, order)
            except ValueError as exc:
                fail(
                    name,
                    _("{value!r} is not a date that exists ({reason})").format(
                        value=written, reason=exc
                    ),
                )
                return None

        close = row_date("close_date")
        contact = row_date("last_contact")
        probability: int | None = None
        if cell(row, "probability"):
            try:
                number = parse_number(cell(row, "probability").rstrip("%").strip(), lang)
                if not 0 <= number <= 100:
                    raise InputError(_("a probability is between 0 and 100"))
                probability = int(number.quantize(Decimal(1), rounding=ROUND_HALF_UP))
            except InputError as exc:
                fail("probability", exc.message)
        raw_stage = cell(row, "stage")
        stage, status, unknown = _stage(crm, raw_stage, cell(row, "status"))
        if unknown:
            unknown_stages.add(raw_stage)
        deals.append(
            ImportedDeal(
                line=line,
                title=title,
                account=cell(row, "account") or _("(no account)"),
                value=value,
                currency=currency or default_currency,
                close_date=close,
                stage=stage,
                status=status,
                probability=probability,
                owner=cell(row, "owner"),
                record_id=cell(row, "record_id") or None,
                source_stage=raw_stage or None,
                last_contact=contact,
                currency_assumed=not stated,
            )
        )
    if problems:
        raise ImportRejected(
            _("nothing was imported: {n} problem(s) in the file").format(n=len(problems)),
            [str(p) for p in problems[:MAX_REPORTED]],
        )
    notices = [
        _("unknown stage {stage!r}: imported at the qualification stage").format(stage=s)
        for s in sorted(unknown_stages)
    ]
    return CrmFile(crm, deals, notices, has_ids="record_id" in columns)
