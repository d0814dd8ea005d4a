"""Reading CRM exports (Salesforce, HubSpot, Dynamics 365, Odoo, Zoho CRM, Pipedrive and
SalesDesk's own list) as they really come, CSV or Excel.

Every row of the file is accounted for: a deal, a skipped empty row (named), or the
report's footer (said). Amounts and dates are read per column, decided by the file and
never by the app's language; what the import assumes (a currency, a date order, a
decimal mark, the key that finds deals again) is said. Any bad row stops the whole
import, naming its line and column.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from salesdesk.domain.errors import InputError
from salesdesk.domain.imported import ImportedDeal
from salesdesk.domain.limits import NAME, check_text
from salesdesk.domain.money import ISO_CODES
from salesdesk.domain.stages import STAGE_LABELS, Stage
from salesdesk.domain.text import account_key
from salesdesk.i18n import N_, _, ngettext
from salesdesk.interop.crm_cells import CellReader
from salesdesk.interop.crm_read import (
    MAX_REPORTED,
    Cell,
    ImportRejected,
    Problem,
    decode,
    read_table,
)
from salesdesk.interop.crm_sources import (
    CRM_NAMES,
    FIELDS,
    Crm,
    StageHow,
    detect,
)
from salesdesk.interop.crm_values import (
    date_order,
)

__all__ = [
    "CRM_NAMES",
    "FIELDS",
    "MAX_REPORTED",
    "Crm",
    "CrmFile",
    "ImportRejected",
    "Problem",
    "date_order",
    "decode",
    "parse_file",
    "read_rows",
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
    "mexican peso": "MXN",
    "colombian peso": "COP",
    "peruvian sol": "PEN",
    "brazilian real": "BRL",
    "indian rupee": "INR",
    "australian dollar": "AUD",
    "swedish krona": "SEK",
    "danish krone": "DKK",
    "norwegian krone": "NOK",
}

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
    "lost_reason": N_("the lost reason"),
    "competitor": N_("the competitor"),
    "phase": N_("the phase"),
}
# The same names, as a column's purpose in the mapping a dry run prints.
FIELD_NAMES = {
    "title": N_("title"),
    "account": N_("account"),
    "amount": N_("value"),
    "currency": N_("currency"),
    "close_date": N_("close date"),
    "stage": N_("stage"),
    "status": N_("status"),
    "probability": N_("probability"),
    "owner": N_("owner"),
    "record_id": N_("record id"),
    "last_contact": N_("last contact"),
    "lost_reason": N_("lost reason"),
    "competitor": N_("competitor"),
    "phase": N_("phase"),
}


@dataclass
class CrmFile:
    source: Crm
    deals: list[ImportedDeal]
    notices: list[str] = field(default_factory=list)
    has_ids: bool = False
    header: list[str] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)  # field → column
    skipped: list[int] = field(default_factory=list)  # lines of empty rows
    footer: tuple[int, int] | None = None
    facts: list[str] = field(default_factory=list)  # what was decided or assumed, said
    # Rows without a record id that share account and title: both are created.
    duplicates: list[list[int]] = field(default_factory=list)

    @property
    def rows(self) -> int:
        """The file's rows: its deals and the empty rows skipped."""
        return len(self.deals) + len(self.skipped)

    def mapping(self) -> tuple[list[tuple[str, str]], list[str]]:
        """(column → field) for the columns read, and the columns left alone."""
        used = sorted(self.columns.items(), key=lambda item: item[1])
        read = [(self.header[i], _(FIELD_NAMES[name])) for name, i in used]
        taken = set(self.columns.values())
        ignored = [h for i, h in enumerate(self.header) if i not in taken and h]
        return read, ignored

    def match_key(self) -> str:
        """How the file's rows find the deals they update, in words."""
        if self.source is Crm.SALESDESK and self.has_ids:
            return _("SalesDesk's deal number (column {column!r})").format(
                column=self.header[self.columns["record_id"]]
            )
        if self.has_ids:
            return _("the CRM's record id (column {column!r})").format(
                column=self.header[self.columns["record_id"]]
            )
        return _("account and title (the file has no record id column)")


def read_rows(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the data rows of a CSV text (the app's preview reads the header)."""
    table = read_table(text.encode("utf-8"))
    return table.header, [(line, [str(c) for c in row]) for line, row in table.rows]


def parse_file(
    raw: bytes,
    *,
    source: Crm | None = None,
    mapping: dict[str, str] | None = None,
    date_order_hint: str | None = None,
    decimal_mark: str | None = None,
    default_currency: str = "EUR",
    stage_map: Mapping[str, Stage] | None = None,
    lang: str = "en",
) -> CrmFile:
    """Read and check every row; raises ImportRejected listing the first bad lines.

    `lang` is kept for callers; the file's numbers never depend on it.
    """
    del lang
    table = read_table(raw)
    detected = detect(table.header, source, mapping)
    reader = CellReader(
        table,
        detected.crm,
        detected.columns,
        detected.id_fields,
        date_order_hint=date_order_hint,
        decimal_mark=decimal_mark,
        default_currency=default_currency,
        stage_map=stage_map,
    )
    deals, placed = _read_deals(reader)
    if reader.problems:
        problems = sorted(reader.problems, key=lambda p: (p.line, p.column))
        raise ImportRejected(
            _("nothing was imported: {n} problem(s) in the file").format(n=len(problems)),
            [str(p) for p in problems[:MAX_REPORTED]],
        )
    crm_file = CrmFile(
        detected.crm,
        deals,
        has_ids="record_id" in detected.columns,
        header=table.header,
        columns=detected.columns,
        skipped=table.skipped,
        footer=table.footer,
    )
    crm_file.notices = _stage_notices(placed)
    crm_file.duplicates = [] if crm_file.has_ids else _same_key_rows(deals)
    crm_file.facts = _facts(reader, crm_file, deals)
    return crm_file


# A CRM stage read otherwise than by its known name: how many rows went where, and how.
Placed = dict[str, Counter[tuple[StageHow, Stage]]]


def _read_deals(reader: CellReader) -> tuple[list[ImportedDeal], Placed]:
    deals: list[ImportedDeal] = []
    placed: Placed = {}
    first_line_of: dict[str, int] = {}
    for line, row in reader.rows:
        unreadable = False
        for name in reader.columns:
            cell = reader.cell(row, name)
            if not isinstance(cell, str):
                continue
            try:
                check_text(cell, _(_FIELD_LABELS[name]), _FIELD_LIMITS.get(name, NAME))
            except InputError as exc:
                reader.fail(line, name, exc.message)
                unreadable = True
        if unreadable:
            continue
        record_id = reader.text(row, "record_id")
        if record_id and reader.crm is Crm.SALESDESK and not record_id.isdigit():
            reader.fail(
                line,
                "record_id",
                _("{value!r} is not a SalesDesk deal number").format(value=record_id),
            )
        elif record_id:
            if record_id in first_line_of:
                reader.fail(
                    line,
                    "record_id",
                    _("record id {id!r} is also on line {other}: one row per record").format(
                        id=record_id, other=first_line_of[record_id]
                    ),
                )
            else:
                first_line_of[record_id] = line
        title = reader.text(row, "title")
        if not title:
            reader.fail(line, "title", _("the deal has no title"))
        currency = reader.text(row, "currency")
        currency = CURRENCY_NAMES.get(currency.lower(), currency.upper())
        if currency and currency not in ISO_CODES:
            reader.fail(
                line, "currency", _("{value!r} is not a currency code").format(value=currency)
            )
            currency = ""
        amount, currency, stated = reader.amount(line, row, currency)
        probability = reader.probability(line, row)
        raw_stage = reader.text(row, "stage")
        stage, status, how = reader.stage(raw_stage, reader.text(row, "status"), probability)
        if how in (StageHow.MEANING, StageHow.PROBABILITY, StageHow.UNKNOWN):
            placed.setdefault(raw_stage, Counter())[(how, stage)] += 1
        details = _details(reader, row)
        deals.append(
            ImportedDeal(
                line=line,
                title=title,
                account=reader.text(row, "account") or _("(no account)"),
                value=amount,
                currency=currency or reader.default_currency,
                close_date=reader.date(line, row, "close_date"),
                stage=stage,
                status=status,
                probability=probability,
                owner=reader.text(row, "owner"),
                record_id=record_id or None,
                source_stage=raw_stage or None,
                last_contact=reader.date(line, row, "last_contact"),
                currency_assumed=not stated,
                details=details,
                phase=reader.phase(line, row) if "phase" in reader.columns else None,
            )
        )
    return deals, placed


def _details(reader: CellReader, row: Mapping[str, Cell]) -> dict[str, str]:
    details: dict[str, str] = {}
    for name, key in (("account", "account_id"), ("owner", "owner_id")):
        if name in reader.id_fields and reader.text(row, name):
            details[key] = reader.text(row, name)
    for name in ("lost_reason", "competitor"):
        if reader.text(row, name):
            details[name] = reader.text(row, name)
    return details


def _stage_notices(placed: Placed) -> list[str]:
    """One line per CRM stage we did not know: where its deals went, and why."""
    notices: list[str] = []
    for raw, counts in sorted(placed.items()):
        total = sum(counts.values())
        where = ", ".join(
            f"{_(STAGE_LABELS[stage])} ({n})" if len(counts) > 1 else _(STAGE_LABELS[stage])
            for (_how, stage), n in counts.most_common()
        )
        hows = {how for how, _stage in counts}
        if hows == {StageHow.MEANING}:
            text = ngettext(
                "stage {stage!r} ({n} deal): read as {where} by its name",
                "stage {stage!r} ({n} deals): read as {where} by its name",
                total,
            )
        elif StageHow.UNKNOWN in hows and len(hows) == 1:
            text = ngettext(
                "unknown stage {stage!r} ({n} deal): imported at the qualification stage",
                "unknown stage {stage!r} ({n} deals): imported at the qualification stage",
                total,
            )
        else:
            text = ngettext(
                "unknown stage {stage!r} ({n} deal): placed by its probability at {where}",
                "unknown stage {stage!r} ({n} deals): placed by their probability at {where}",
                total,
            )
        notices.append(
            text.format(stage=raw, n=total, where=where)
            + " "
            + _("(to choose, --stage-map FILE.csv: their stage, our stage)")
        )
    return notices


def _same_key_rows(deals: Sequence[ImportedDeal]) -> list[list[int]]:
    lines: dict[tuple[str, str], list[int]] = defaultdict(list)
    for deal in deals:
        lines[(account_key(deal.account), deal.title)].append(deal.line)
    return [found for found in lines.values() if len(found) > 1]


def _facts(reader: CellReader, crm_file: CrmFile, deals: Sequence[ImportedDeal]) -> list[str]:
    """What the import decided or assumed, in the words the summary prints."""
    facts: list[str] = []
    table = reader.table
    if table.encoding and table.encoding not in ("UTF-8",):
        facts.append(_("read as {encoding}").format(encoding=table.encoding))
    marks = reader.marks
    if marks.mark is not None:
        reason = {
            "values": _("told by line {line}").format(line=marks.line),
            "separator": _("the file's separator says so"),
            "currency": _("the currency's place says so"),
            "option": _("as the option says"),
        }[marks.how]
        said = (
            _("amounts read with a decimal comma ({reason})")
            if marks.mark == ","
            else _("amounts read with a decimal point ({reason})")
        )
        facts.append(said.format(reason=reason))
    dates = reader.dates
    if dates.order is not None:
        order = _("day first") if dates.order == "dmy" else _("month first")
        if dates.how == "option":
            facts.append(_("dates read {order} (--date-order)").format(order=order))
        else:
            facts.append(
                _("dates read {order} (told by {example} on line {line})").format(
                    order=order, example=dates.example, line=dates.line
                )
            )
    assumed = sum(1 for d in deals if d.currency_assumed and d.value is not None)
    if assumed:
        facts.append(
            ngettext(
                "{n} amount has no currency in the file: taken as {code} (--currency to choose)",
                "{n} amounts have no currency in the file: taken as {code} (--currency to choose)",
                assumed,
            ).format(n=assumed, code=reader.default_currency)
        )
    if "account" in reader.id_fields:
        facts.append(
            _(
                "the accounts are Salesforce ids (AccountId), not names: export Account.Name "
                "to import names; each id is kept with its deal's source"
            )
        )
    if "owner" in reader.id_fields:
        facts.append(
            _("the owners are Salesforce ids (OwnerId): export Owner.Name to import names")
        )
    if table.footer is not None:
        first, last = table.footer
        facts.append(
            _(
                "the report's footer (lines {first}-{last}: totals, confidentiality, "
                "copyright) was skipped"
            ).format(first=first, last=last)
        )
    facts.append(_("deals are found again by {key}").format(key=crm_file.match_key()))
    return facts
