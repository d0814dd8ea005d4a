"""Package → deal: a parsed `salesdesk.deal/1` package assembled into a DealSheet, with
the checks of meaning the schema cannot say (terms defined once and referred to,
money exact, dates real, people named, offers unique per side and round)."""

from __future__ import annotations

import json
from typing import Any

from salesdesk.domain import limits
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
from salesdesk.domain.money import check_currency
from salesdesk.domain.stages import PHASES, STAGE_CHECKLISTS, DealStatus, Stage
from salesdesk.domain.terms import POSITION_FIELDS, Direction, Side, Term, Value, default_step
from salesdesk.i18n import _
from salesdesk.interop.json_reader import Problem, Reader, each
from salesdesk.interop.jsonpos import Path
from salesdesk.interop.package_write import FORMAT
from salesdesk.interop.preferences_json import (
    read_batna_package,
    read_term_preferences,
    read_value,
    read_weight,
)


def sheet_from_package(data: Any) -> tuple[DealSheet, list[Problem]]:
    """Build a DealSheet from a parsed package; computed fields are ignored."""
    r = Reader()
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

    sheet.terms = each(r, r.items(data, "terms", root), term)
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

    sheet.offers = each(r, r.items(data, "offers", root), offer)
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

    sheet.ledger = each(r, r.items(ledger, "entries", ("ledger",)), entry)

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

    sheet.stakeholders = each(r, r.items(data, "stakeholders", root), person)
    for i, p in enumerate(sheet.stakeholders):
        if p.introduced_by:
            p.introduced_by = _person_uid(
                r, sheet.stakeholders, p.introduced_by, ("stakeholders", i, "introduced_by"), p
            )

    def meeting(obj: dict[str, Any], path: Path) -> Meeting | None:
        day = r.day(obj, "date", path, required=True)
        attendees = []
        for apath, ref in r.items(obj, "attendees", path):
            uid = _person_uid(r, sheet.stakeholders, ref, apath)
            if uid is not None and uid not in attendees:
                attendees.append(uid)
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

    sheet.meetings = each(r, r.items(data, "meetings", root), meeting)

    def interaction(obj: dict[str, Any], path: Path) -> Interaction | None:
        day = r.day(obj, "date", path, required=True)
        channel = r.choice(obj, "channel", path, Channel, Channel.OTHER) or Channel.OTHER
        summary = r.text(obj, "summary", path, limit=limits.LONG, multiline=True)
        return with_uid(Interaction(day, channel, summary), r.row_uid(obj, path)) if day else None

    sheet.interactions = each(r, r.items(data, "interactions", root), interaction)
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


def _source_details(r: Reader, source: dict[str, Any]) -> dict[str, str]:
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


def _checklist(r: Reader, value: Any) -> dict[str, list[int]]:
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


def _person_uid(
    r: Reader,
    people: list[Stakeholder],
    ref: Any,
    path: Path,
    person: Stakeholder | None = None,
) -> str | None:
    """The uid of the person a package points at (an attendee, an introducer): a person's
    uid, or, in a package of an older release, their name when one person of the deal
    bears it (two of one name: the package must say which, by uid)."""
    field = next(str(key) for key in reversed(path) if isinstance(key, str))
    shown = json.dumps(ref, ensure_ascii=False, default=str)
    if isinstance(ref, str) and ref.strip():
        if person is not None and ref == person.uid:
            r.fail(path, _("a person cannot have introduced themself"))
            return None
        if any(p.uid == ref for p in people):
            return ref
        named = [p for p in people if p.name == ref.strip() and p is not person]
        if len(named) == 1:
            return named[0].uid
        if len(named) > 1:
            r.fail(
                path,
                _(
                    "{name} is the name of {count} stakeholders: {field} must give the uid "
                    "of the one meant"
                ).format(name=shown, count=len(named), field=field),
            )
            return None
    r.fail(path, _("{name} is not among the stakeholders").format(name=shown))
    return None
