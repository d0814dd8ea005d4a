"""The deal as JSON: `show --json` and the `salesdesk.deal/1` package (export/import).

Money and measures are decimal strings, dates ISO, scores numbers. Reading a
package checks every field and reports each bad one by line, column and path;
nothing is half-read.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from salesdesk.domain import limits
from salesdesk.domain.analysis import Analysis
from salesdesk.domain.deal import (
    Batna,
    Channel,
    DealSheet,
    Interaction,
    Meeting,
    Offer,
    PartySide,
    Role,
    Source,
    Stakeholder,
    Stance,
)
from salesdesk.domain.errors import InputError
from salesdesk.domain.ids import with_uid
from salesdesk.domain.ledger import EntryStatus, Giver, LedgerEntry
from salesdesk.domain.meetings import MAX_SEQUENCE, MINUTES_RANGE
from salesdesk.domain.money import check_currency, decimal_str, money_str, to_decimal
from salesdesk.domain.preferences import value_str
from salesdesk.domain.review import review
from salesdesk.domain.stages import PHASES, STAGE_CHECKLISTS, DealStatus, Stage
from salesdesk.domain.terms import (
    POSITION_FIELDS,
    Direction,
    Side,
    Term,
    Value,
    default_step,
    step_of,
)
from salesdesk.i18n import SUPPORTED, _, language
from salesdesk.interop.jsonpos import Path, line_column, path_str, value_offsets
from salesdesk.interop.loop_json import review_json
from salesdesk.interop.preferences_json import (
    batna_json,
    read_batna_package,
    read_term_preferences,
    read_value,
    read_weight,
    score_number,
    term_preferences,
    value_json,
    weight_number,
)
from salesdesk.warning_text import warning_message

FORMAT = "salesdesk.deal/1"
MAX_REPORTED = 10

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


# ---------------------------------------------------------------- writing


def _num(value: Decimal | None) -> str | None:
    return None if value is None else decimal_str(value)


def deal_to_json(sheet: DealSheet, analysis: Analysis) -> dict[str, Any]:
    """The `show --json` object of DESIGN.md."""
    cur = sheet.currency

    def money(value: Decimal | None) -> str | None:
        return None if value is None else money_str(value, cur)

    terms = []
    for term in sheet.terms:
        zopa = analysis.zopas.get(term.name)
        terms.append(
            {
                "name": term.name,
                "unit": term.unit,
                "direction": term.direction.value,
                "weight": weight_number(term.weight),
                "their_weight": weight_number(term.their_weight),
                **{name: value_json(getattr(term, name)) for name in POSITION_FIELDS},
                "step": decimal_str(step_of(term)),
                **term_preferences(term, zopa),
            }
        )
    entries = []
    for e in sheet.ledger:
        item: dict[str, Any] = {
            "giver": e.giver.value,
            "term": e.term,
            "what": e.what,
            "cost": money(e.cost),
            "value": money(e.value),
            "counterpart": e.counterpart,
            "counterpart_value": money(e.counterpart_value),
            "counterpart_cost": money(e.counterpart_cost),
            "status": e.status.value,
            "round": e.round,
            "needs_approval": e.needs_approval,
            "approved": e.approved,
        }
        if e.approved_by:
            item["approved_by"] = e.approved_by
        if e.approved_at:
            item["approved_at"] = stamp_text(e.approved_at)
        entries.append(item)
    figures = analysis.figures
    data: dict[str, Any] = {
        "id": sheet.id,
        "version": sheet.version,
        "title": sheet.title,
        "account": sheet.account,
        "currency": cur,
        "value": money(sheet.value),
        "status": sheet.status.value,
        "stage": sheet.stage.value,
        "phase": sheet.phase,
        "close_date": _iso(sheet.close_date),
        "probability": sheet.probability,
        "owner": sheet.owner,
        **({"customer_language": sheet.customer_language} if sheet.customer_language else {}),
        "source": _source(sheet.source) if sheet.source else None,
        "last_contact": _iso(analysis.contact.last_contact),
        "next_contact_due": _iso(analysis.contact.next_contact_due),
        "overdue": analysis.contact.overdue,
        "batna": {"ours": batna_json(sheet.batna_ours), "theirs": batna_json(sheet.batna_theirs)},
        "terms": terms,
        "offers": [
            {
                "side": s.offer.side.value,
                "round": s.offer.round,
                "values": {k: value_str(v) for k, v in s.offer.values.items()},
                "score": score_number(s.score),
                "their_score": score_number(s.their_score),
                "left_on_table": score_number(s.left_on_table),
            }
            for s in analysis.offers
        ],
        "ledger": {
            "entries": entries,
            "given_cost": money_str(figures.given_cost, cur),
            "received_value": money_str(figures.received_value, cur),
            "balance": money_str(figures.balance, cur),
        },
        "warnings": [
            {
                "code": w.code.value,
                "term": w.term,
                "entry": w.entry,
                "round": w.round,
                "message": warning_message(w, language()),
            }
            for w in analysis.warnings
        ],
    }
    # Optional keys: only a deal closed with a reason or against a competitor has them.
    for key in ("lost_reason", "competitor"):
        if getattr(sheet, key):
            data[key] = getattr(sheet, key)
    data["review"] = review_json(review(sheet, analysis), cur)
    return data


def deal_to_package(
    sheet: DealSheet, analysis: Analysis, origin: str | None = None
) -> dict[str, Any]:
    """The exchange package: the `show` object plus format, uid, people and history;
    `origin` is the exporting database's id, `version` the deal's version there, and
    every row carries its stable uid."""
    data: dict[str, Any] = {"format": FORMAT, "uid": sheet.uid}
    if origin is not None:
        data["origin"] = origin
    data.update(deal_to_json(sheet, analysis))
    for term_item, term in zip(data["terms"], sheet.terms, strict=True):
        term_item["uid"] = term.uid
    offer_uids = {(o.side.value, o.round): o.uid for o in sheet.offers}
    for offer_item in data["offers"]:
        offer_item["uid"] = offer_uids.get((offer_item["side"], offer_item["round"]))
    for entry_item, entry in zip(data["ledger"]["entries"], sheet.ledger, strict=True):
        entry_item["uid"] = entry.uid
        entry_item["approval"] = _approval(entry)
    data["stakeholders"] = [
        {
            "uid": p.uid,
            "name": p.name,
            "side": p.side.value,
            "role": p.role.value if p.role else None,
            "stance": p.stance.value if p.stance else None,
            "introduced_by": p.introduced_by,
        }
        for p in sheet.stakeholders
    ]
    meetings = []
    for m in sheet.meetings:
        item: dict[str, Any] = {
            "uid": m.uid,
            "date": m.date.isoformat(),
            "round": m.round,
            "title": m.title,
            "objectives": m.objectives,
            "agenda": m.agenda,
            "outcome": m.outcome,
            "next_steps": m.next_steps,
            "customer_note": m.customer_note,
            "attendees": list(m.attendees),
            "location": m.location,
            "sequence": m.sequence,
        }
        if m.time is not None:
            item["time"] = m.time.isoformat(timespec="minutes")
        if m.minutes is not None:
            item["minutes"] = m.minutes
        meetings.append(item)
    data["meetings"] = meetings
    data["interactions"] = [
        {
            "uid": i.uid,
            "date": i.date.isoformat(),
            "channel": i.channel.value,
            "summary": i.summary,
        }
        for i in sheet.interactions
    ]
    ticked = {stage: sorted(set(items)) for stage, items in sheet.checklist.items() if items}
    if ticked:
        data["checklist"] = ticked
    return data


def _approval(entry: LedgerEntry) -> dict[str, Any] | None:
    """A manager's decision on an entry over the rep's authority: who and when."""
    if not (entry.approved or entry.declined):
        return None
    return {
        "state": "approved" if entry.approved else "declined",
        "by": entry.approved_by,
        "at": stamp_text(entry.approved_at) if entry.approved_at else None,
    }


def stamp_text(moment: datetime) -> str:
    """A moment as ISO 8601 with its fraction of a second and its offset: lossless, so a
    server's stamp read back from a package is the same stamp (a naive one is UTC, as
    the databases keep them)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


# ---------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class Problem:
    path: Path
    message: str


class PackageError(InputError):
    """A package that cannot be imported; `lines` are the `line N, column C: …` details."""

    def __init__(self, message: str, lines: list[str]) -> None:
        super().__init__(message)
        self.lines = lines


class _Reader:
    """Reads fields with their paths, collecting every problem instead of stopping."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, path: Path, message: str) -> None:
        self.problems.append(Problem(path, message))

    def obj(self, value: Any, path: Path) -> dict[str, Any] | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            self.fail(path, _("expected an object"))
            return None
        return value

    def items(self, parent: dict[str, Any], key: str, path: Path) -> list[tuple[Path, Any]]:
        value = parent.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail((*path, key), _("expected a list"))
            return []
        return [((*path, key, i), item) for i, item in enumerate(value)]

    def text(
        self,
        parent: dict[str, Any],
        key: str,
        path: Path,
        *,
        required: bool = False,
        default: str = "",
        limit: int = limits.NAME,
        multiline: bool = False,
    ) -> str:
        value = parent.get(key)
        if value is None:
            if required:
                self.fail((*path, key), _("this field is required"))
            return default
        if not isinstance(value, str):
            self.fail((*path, key), _("expected text"))
            return default
        if required and not value.strip():
            self.fail((*path, key), _("this field cannot be empty"))
        try:
            limits.check_text(value, _("the text"), limit, multiline=multiline)
        except InputError as exc:
            self.fail((*path, key), exc.message)
            return default
        return value

    def opt_text(
        self, parent: dict[str, Any], key: str, path: Path, *, limit: int = limits.NAME
    ) -> str | None:
        value = self.text(parent, key, path, default="", limit=limit)
        return value or None

    def decimal(self, parent: dict[str, Any], key: str, path: Path) -> Decimal | None:
        value = parent.get(key)
        if value is None:
            return None
        try:
            return to_decimal(value)
        except InputError as exc:
            self.fail((*path, key), exc.message)
            return None

    def step(self, parent: dict[str, Any], path: Path) -> Decimal | None:
        """A term's step: optional, and more than zero when given."""
        value = self.decimal(parent, "step", path)
        if value is not None and value <= 0:
            self.fail((*path, "step"), _("a step must be more than zero"))
            return None
        return value

    def integer(
        self,
        parent: dict[str, Any],
        key: str,
        path: Path,
        low: int,
        high: int,
        *,
        required: bool = False,
    ) -> int | None:
        value = parent.get(key)
        if value is None:
            if required:
                self.fail((*path, key), _("this field is required"))
            return None
        whole = (
            (isinstance(value, int) and not isinstance(value, bool))
            or (isinstance(value, Decimal) and value == value.to_integral_value())
            or (isinstance(value, str) and value.strip().lstrip("-").isdigit())
        )
        number = int(value) if whole else None
        if number is None:
            self.fail(
                (*path, key),
                _("expected a whole number, got {value}").format(
                    value=json.dumps(value, default=str)
                ),
            )
            return None
        if not low <= number <= high:
            self.fail(
                (*path, key),
                _("{value} is outside {low}–{high}").format(value=number, low=low, high=high),
            )
            return None
        return number

    def row_uid(self, parent: dict[str, Any], path: Path) -> str | None:
        """A row's stable uid when the package has one (older packages do not)."""
        value = parent.get("uid")
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip() or len(value) > 64:
            self.fail((*path, "uid"), _("expected an identifier of at most 64 characters"))
            return None
        return value

    def language(self, parent: dict[str, Any], key: str, path: Path) -> str | None:
        """An optional language code the app speaks."""
        value = parent.get(key)
        if value is None:
            return None
        if value not in SUPPORTED:
            self.fail(
                (*path, key),
                _("unknown language {value}; expected one of: {allowed}").format(
                    value=json.dumps(value, default=str, ensure_ascii=False),
                    allowed=", ".join(SUPPORTED),
                ),
            )
            return None
        return str(value)

    def boolean(self, parent: dict[str, Any], key: str, path: Path) -> bool:
        value = parent.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.fail((*path, key), _("expected true or false"))
            return False
        return value

    def choice(
        self,
        parent: dict[str, Any],
        key: str,
        path: Path,
        kind: type[E],
        default: E | None = None,
        *,
        required: bool = False,
    ) -> E | None:
        value = parent.get(key)
        if value is None:
            if required:
                self.fail((*path, key), _("this field is required"))
            return default
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(m.value for m in kind)
            self.fail(
                (*path, key),
                _("unknown value {value}; expected one of: {allowed}").format(
                    value=json.dumps(value, default=str), allowed=allowed
                ),
            )
            return default

    def _parsed(
        self,
        parent: dict[str, Any],
        key: str,
        path: Path,
        parse: Callable[[str], T],
        message: str,
        *,
        required: bool = False,
    ) -> T | None:
        """A value parsed from text by `parse`; `message` names the expected form."""
        value = parent.get(key)
        if value is None:
            if required:
                self.fail((*path, key), _("this field is required"))
            return None
        try:
            if not isinstance(value, str):
                raise ValueError
            return parse(value)
        except ValueError:
            self.fail((*path, key), message.format(value=json.dumps(value, default=str)))
            return None

    def day(
        self, parent: dict[str, Any], key: str, path: Path, *, required: bool = False
    ) -> date | None:
        # A date-time is accepted for a date: its day is kept.
        return self._parsed(
            parent,
            key,
            path,
            _iso_day,
            _("{value} is not a date from 1900 to 9000 (expected YYYY-MM-DD)"),
            required=required,
        )

    def clock(self, parent: dict[str, Any], key: str, path: Path) -> time | None:
        return self._parsed(
            parent, key, path, time.fromisoformat, _("{value} is not a time (expected HH:MM)")
        )

    def stamp(self, parent: dict[str, Any], key: str, path: Path) -> datetime | None:
        parsed = self._parsed(
            parent, key, path, datetime.fromisoformat, _("{value} is not a date and time")
        )
        if parsed is not None and parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        # Kept in UTC: a database column without a zone keeps the instant that way.
        return None if parsed is None else parsed.astimezone(UTC)


# Dates past this one leave no room for the contact cadence's arithmetic.
LAST_DAY = date(9000, 12, 31)


def _iso_day(text: str) -> date:
    if len(text) > 10 and text[10] in "T ":
        day = datetime.fromisoformat(text).date()
    else:
        day = date.fromisoformat(text)
    if not date(1900, 1, 1) <= day <= LAST_DAY:
        raise ValueError(text)
    return day


def _each(
    reader: _Reader, pairs: Iterable[tuple[Path, Any]], build: Callable[[dict[str, Any], Path], Any]
) -> list[Any]:
    out = []
    for path, raw in pairs:
        obj = reader.obj(raw, path)
        if obj is None:
            if raw is None:
                reader.fail(path, _("expected an object"))
            continue
        item = build(obj, path)
        if item is not None:
            out.append(item)
    return out


def sheet_from_package(data: Any) -> tuple[DealSheet, list[Problem]]:
    """Build a DealSheet from a parsed package; computed fields are ignored."""
    r = _Reader()
    root: Path = ()
    if not isinstance(data, dict):
        r.fail(root, _("a deal package must be a JSON object"))
        return DealSheet(title="", account=""), r.problems
    fmt = data.get("format")
    if fmt is None:
        r.fail(("format",), _('this field is required ("{format}")').format(format=FORMAT))
    elif fmt != FORMAT:
        r.fail(
            ("format",),
            _('unsupported format {value}; expected "{format}"').format(
                value=json.dumps(fmt, default=str), format=FORMAT
            ),
        )
    currency = r.text(data, "currency", root, default="EUR")
    try:
        check_currency(currency)
    except InputError as exc:
        r.fail(("currency",), exc.message)
    sheet = DealSheet(
        title=r.text(data, "title", root, required=True),
        account=r.text(data, "account", root, required=True),
        currency=currency,
        value=r.decimal(data, "value", root),
        status=r.choice(data, "status", root, DealStatus, DealStatus.OPEN) or DealStatus.OPEN,
        stage=r.choice(data, "stage", root, Stage, Stage.QUALIFICATION) or Stage.QUALIFICATION,
        phase=r.integer(data, "phase", root, PHASES[0], PHASES[-1]) or 1,
        close_date=r.day(data, "close_date", root),
        probability=r.integer(data, "probability", root, 0, 100),
        owner=r.text(data, "owner", root),
        last_contact=r.day(data, "last_contact", root),
        lost_reason=r.text(data, "lost_reason", root, limit=limits.SHORT, multiline=True),
        competitor=r.text(data, "competitor", root),
        customer_language=r.language(data, "customer_language", root),
    )
    uid = data.get("uid")
    if uid is not None and (not isinstance(uid, str) or not uid.strip() or len(uid) > 64):
        r.fail(("uid",), _("expected an identifier of at most 64 characters"))
    else:
        sheet.uid = uid
    source = r.obj(data.get("source"), ("source",))
    if source is not None:
        system = r.text(source, "system", ("source",), required=True, limit=20)
        sheet.source = Source(
            system,
            r.opt_text(source, "id", ("source",), limit=100),
            r.opt_text(source, "stage", ("source",), limit=100),
            _source_details(r, source),
        )

    def term(obj: dict[str, Any], path: Path) -> Term:
        made = with_uid(
            Term(
                name=r.text(obj, "name", path, required=True).strip(),
                unit=r.text(obj, "unit", path),
                direction=r.choice(obj, "direction", path, Direction, Direction.HIGHER_IS_BETTER)
                or Direction.HIGHER_IS_BETTER,
                weight=read_weight(r, obj, "weight", path),
                their_weight=read_weight(r, obj, "their_weight", path),
                step=r.step(obj, path),
                **read_term_preferences(r, obj, path),
            ),
            r.row_uid(obj, path),
        )
        for key in POSITION_FIELDS:
            setattr(made, key, read_value(r, obj, key, path, made))
        if made.step is not None and made.step == default_step(made):
            made.step = None  # the default stays a default, following the positions
        return made

    sheet.terms = _each(r, r.items(data, "terms", root), term)
    names = [t.name for t in sheet.terms]
    for i, name in enumerate(names):
        if name and name in names[:i]:
            r.fail(
                ("terms", i, "name"),
                _("the term {name} is defined twice").format(
                    name=json.dumps(name, ensure_ascii=False)
                ),
            )
    known = set(names)
    by_name = {t.name: t for t in sheet.terms}

    def term_ref(obj: dict[str, Any], key: str, path: Path) -> str | None:
        name = r.opt_text(obj, key, path)
        if name is not None and name not in known:
            r.fail(
                (*path, key),
                _("the term {name} is not defined in this package").format(
                    name=json.dumps(name, ensure_ascii=False)
                ),
            )
        return name

    batnas = r.obj(data.get("batna"), ("batna",)) or {}
    for side in ("ours", "theirs"):
        path = ("batna", side)
        obj = r.obj(batnas.get(side), path)
        if obj is None:
            continue
        named = term_ref(obj, "term", path)
        value = Batna(
            description=r.text(obj, "description", path, limit=limits.LONG, multiline=True),
            value=read_value(r, obj, "value", path, by_name.get(named or "")),
            term=named,
            score=r.decimal(obj, "score", path),
            package=read_batna_package(r, obj, path, by_name),
        )
        if side == "ours":
            sheet.batna_ours = value
        else:
            sheet.batna_theirs = value

    def offer(obj: dict[str, Any], path: Path) -> Offer | None:
        side = r.choice(obj, "side", path, Side, required=True)
        round_ = r.integer(obj, "round", path, 1, 999, required=True)
        values: dict[str, Value] = {}
        raw_values = r.obj(obj.get("values"), (*path, "values")) or {}
        for name in raw_values:
            if name not in known:
                r.fail(
                    (*path, "values", name),
                    _("the term {name} is not defined in this package").format(
                        name=json.dumps(name, ensure_ascii=False)
                    ),
                )
                continue
            number = read_value(r, raw_values, name, (*path, "values"), by_name[name])
            if number is not None:
                values[name] = number
        if side is None or round_ is None:
            return None
        return with_uid(Offer(side, round_, values), r.row_uid(obj, path))

    sheet.offers = _each(r, r.items(data, "offers", root), offer)
    seen: set[tuple[str, int]] = set()
    for i, o in enumerate(sheet.offers):
        if (o.side.value, o.round) in seen:
            r.fail(
                ("offers", i),
                _("two offers of the same side in round {round}").format(round=o.round),
            )
        seen.add((o.side.value, o.round))

    ledger = r.obj(data.get("ledger"), ("ledger",)) or {}

    def entry(obj: dict[str, Any], path: Path) -> LedgerEntry | None:
        giver = r.choice(obj, "giver", path, Giver, required=True)
        item = with_uid(
            LedgerEntry(
                giver=giver or Giver.US,
                what=r.text(obj, "what", path, required=True, limit=limits.SHORT),
                term=term_ref(obj, "term", path),
                cost=r.decimal(obj, "cost", path),
                value=r.decimal(obj, "value", path),
                counterpart=r.text(obj, "counterpart", path, limit=limits.SHORT),
                counterpart_value=r.decimal(obj, "counterpart_value", path),
                counterpart_cost=r.decimal(obj, "counterpart_cost", path),
                status=r.choice(obj, "status", path, EntryStatus, EntryStatus.PLANNED)
                or EntryStatus.PLANNED,
                round=r.integer(obj, "round", path, 1, 999),
                needs_approval=r.boolean(obj, "needs_approval", path),
                approved=r.boolean(obj, "approved", path),
                approved_by=r.text(obj, "approved_by", path),
                approved_at=r.stamp(obj, "approved_at", path),
            ),
            r.row_uid(obj, path),
        )
        decision = r.obj(obj.get("approval"), (*path, "approval"))
        if decision is not None:
            where = (*path, "approval")
            state = decision.get("state")
            if state not in ("approved", "declined"):
                r.fail(
                    (*where, "state"),
                    _("unknown value {value}; expected one of: {allowed}").format(
                        value=json.dumps(state, default=str), allowed="approved, declined"
                    ),
                )
            item.approved = state == "approved"
            item.declined = state == "declined"
            item.approved_by = r.text(decision, "by", where) or item.approved_by
            item.approved_at = r.stamp(decision, "at", where) or item.approved_at
        return item if giver is not None else None

    sheet.ledger = _each(r, r.items(ledger, "entries", ("ledger",)), entry)

    def person(obj: dict[str, Any], path: Path) -> Stakeholder:
        return with_uid(
            Stakeholder(
                name=r.text(obj, "name", path, required=True).strip(),
                side=r.choice(obj, "side", path, PartySide, PartySide.THEIRS) or PartySide.THEIRS,
                role=r.choice(obj, "role", path, Role),
                stance=r.choice(obj, "stance", path, Stance),
                introduced_by=r.opt_text(obj, "introduced_by", path),
            ),
            r.row_uid(obj, path),
        )

    sheet.stakeholders = _each(r, r.items(data, "stakeholders", root), person)
    people = {p.name for p in sheet.stakeholders}
    for i, p in enumerate(sheet.stakeholders):
        if p.introduced_by and p.introduced_by not in people:
            r.fail(
                ("stakeholders", i, "introduced_by"),
                _("{name} is not among the stakeholders").format(
                    name=json.dumps(p.introduced_by, ensure_ascii=False)
                ),
            )

    def meeting(obj: dict[str, Any], path: Path) -> Meeting | None:
        day = r.day(obj, "date", path, required=True)
        attendees = []
        for apath, name in r.items(obj, "attendees", path):
            if not isinstance(name, str) or name not in people:
                r.fail(
                    apath,
                    _("{name} is not among the stakeholders").format(
                        name=json.dumps(name, ensure_ascii=False, default=str)
                    ),
                )
            else:
                attendees.append(name)
        if day is None:
            return None
        return with_uid(
            Meeting(
                date=day,
                time=r.clock(obj, "time", path),
                round=r.integer(obj, "round", path, 1, 999),
                title=r.text(obj, "title", path, limit=limits.SHORT),
                objectives=r.text(obj, "objectives", path, limit=limits.LONG, multiline=True),
                agenda=r.text(obj, "agenda", path, limit=limits.LONG, multiline=True),
                outcome=r.text(obj, "outcome", path, limit=limits.LONG, multiline=True),
                next_steps=r.text(obj, "next_steps", path, limit=limits.LONG, multiline=True),
                customer_note=r.text(obj, "customer_note", path, limit=limits.LONG, multiline=True),
                attendees=attendees,
                minutes=r.integer(obj, "minutes", path, *MINUTES_RANGE),
                location=r.text(obj, "location", path, limit=limits.SHORT),
                sequence=r.integer(obj, "sequence", path, 0, MAX_SEQUENCE) or 0,
            ),
            r.row_uid(obj, path),
        )

    sheet.meetings = _each(r, r.items(data, "meetings", root), meeting)

    def interaction(obj: dict[str, Any], path: Path) -> Interaction | None:
        day = r.day(obj, "date", path, required=True)
        channel = r.choice(obj, "channel", path, Channel, Channel.OTHER) or Channel.OTHER
        summary = r.text(obj, "summary", path, limit=limits.LONG, multiline=True)
        return with_uid(Interaction(day, channel, summary), r.row_uid(obj, path)) if day else None

    sheet.interactions = _each(r, r.items(data, "interactions", root), interaction)
    sheet.version = r.integer(data, "version", root, 0, 2**62) or 0
    origin = data.get("origin")
    if origin is not None and (not isinstance(origin, str) or not origin.strip()):
        r.fail(("origin",), _("expected an identifier of at most 64 characters"))
    sheet.checklist = _checklist(r, data.get("checklist"))
    return sheet, r.problems


# What a CRM export said of a deal besides its fields (kept with its source).
SOURCE_DETAILS = ("account_id", "owner_id", "lost_reason")


def _source(source: Source) -> dict[str, Any]:
    out: dict[str, Any] = {"system": source.system, "id": source.id, "stage": source.stage}
    if source.details:
        out["details"] = dict(sorted(source.details.items()))
    return out


def _source_details(r: _Reader, source: dict[str, Any]) -> dict[str, str]:
    """The optional `source.details`: the CRM's account and owner ids, the lost reason."""
    path: Path = ("source", "details")
    details = r.obj(source.get("details"), path)
    if details is None:
        return {}
    out: dict[str, str] = {}
    for key in details:
        if key not in SOURCE_DETAILS:
            r.fail((*path, key), _("not a detail a CRM source keeps"))
            continue
        value = r.text(details, key, path, limit=limits.NAME)
        if value:
            out[key] = value
    return out


def _checklist(r: _Reader, value: Any) -> dict[str, list[int]]:
    """The optional `checklist`: stage code → indexes of ticked items of that stage."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        r.fail(("checklist",), _("expected an object of stages"))
        return {}
    out: dict[str, list[int]] = {}
    for code, items in value.items():
        path: Path = ("checklist", code)
        try:
            stage = Stage(code)
        except ValueError:
            r.fail(path, _("not a stage of the relationship path"))
            continue
        size = len(STAGE_CHECKLISTS[stage])
        if not isinstance(items, list) or not all(
            isinstance(i, int) and not isinstance(i, bool) and 0 <= i < size for i in items
        ):
            r.fail(
                path,
                _("expected a list of item numbers from 0 to {last}").format(last=size - 1),
            )
            continue
        out[stage.value] = sorted(set(items))
    return out


def _refuse_repeated_keys(text: str, source: str) -> None:
    """A key given twice in one object: which one counts is anyone's guess (JSON leaves
    it open; Python keeps the last), so the package is refused, naming the key."""
    repeated: list[tuple[Path, int]] = []
    try:
        value_offsets(text, repeated)
    except RecursionError:
        raise PackageError(
            _("{file} is nested too deeply to be a deal package").format(file=source), []
        ) from None
    lines = []
    for path, offset in repeated[:MAX_REPORTED]:
        line, column = line_column(text, offset)
        lines.append(
            f"line {line}, column {column}: "
            + _("the key {key} is given twice").format(
                key=json.dumps(path_str(path), ensure_ascii=False)
            )
        )
    path = repeated[0][0]
    raise PackageError(
        _("{file} cannot be imported: the key {key} is given twice").format(
            file=source, key=json.dumps(path_str(path), ensure_ascii=False)
        ),
        lines,
    )


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a package was exported: the database's id and the deal's version there."""

    origin: str | None
    version: int | None


def load_package(text: str, source: str) -> DealSheet:
    """Parse and check a package; raises PackageError naming the file and the bad fields."""
    return read_package(text, source)[0]


def read_package(text: str, source: str) -> tuple[DealSheet, Provenance]:
    """`load_package` with the package's provenance (`origin` and `version`, when it has
    them); the sheet's own version is left at 0 (never saved here)."""
    twice: list[bool] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        made = dict(items)
        if len(made) != len(items):
            twice.append(True)
        return made

    try:
        data = json.loads(text, parse_float=Decimal, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise PackageError(
            _("{file} is not valid JSON").format(file=source),
            [f"line {exc.lineno}, column {exc.colno}: {exc.msg}"],
        ) from None
    except RecursionError:
        raise PackageError(
            _("{file} is nested too deeply to be a deal package").format(file=source), []
        ) from None
    if twice:
        _refuse_repeated_keys(text, source)
    try:
        json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
    except UnicodeEncodeError:
        raise PackageError(
            _("{file} holds a lone surrogate (\\uD800–\\uDFFF), which is not text").format(
                file=source
            ),
            [],
        ) from None
    except RecursionError:
        raise PackageError(
            _("{file} is nested too deeply to be a deal package").format(file=source), []
        ) from None
    sheet, problems = sheet_from_package(data)
    if problems:
        offsets = value_offsets(text)
        lines = []
        for problem in problems[:MAX_REPORTED]:
            path = problem.path
            while path not in offsets and path:
                path = path[:-1]
            line, column = line_column(text, offsets.get(path, 0))
            where = path_str(problem.path)
            lines.append(
                f"line {line}, column {column}: "
                + (f"{where}: {problem.message}" if where else problem.message)
            )
        first = problems[0]
        raise PackageError(
            _("{file} cannot be imported: {field}: {reason}").format(
                file=source, field=path_str(first.path) or _("the package"), reason=first.message
            )
            + (
                _(" (and {n} more problems)").format(n=len(problems) - 1)
                if len(problems) > 1
                else ""
            ),
            lines,
        )
    origin = data.get("origin") if isinstance(data, dict) else None
    provenance = Provenance(origin if isinstance(origin, str) else None, sheet.version or None)
    sheet.version = 0
    return sheet, provenance
