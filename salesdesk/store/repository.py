"""Reading and writing whole deals as plain domain objects, in short sessions.

Callers get `DealSheet`s and `DealSummary`s, never ORM instances, so nothing above
the store can trigger a lazy load. Only portable SQL is used here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ARRAY,
    Integer,
    any_,
    bindparam,
    delete,
    func,
    insert,
    literal_column,
    select,
    update,
)
from sqlalchemy import text as sql_text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col

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
from salesdesk.domain.ids import new_uid, with_uid
from salesdesk.domain.imported import ImportedDeal
from salesdesk.domain.ledger import EntryStatus, Giver, LedgerEntry
from salesdesk.domain.listing import DealQuery, DealSummary, SortKey, UpcomingMeeting
from salesdesk.domain.profile import Profile
from salesdesk.domain.stages import (
    DEFAULT_CADENCE,
    ContactState,
    DealStatus,
    Stage,
    contact_state,
    phase_for_stage,
)
from salesdesk.domain.terms import POSITION_FIELDS, Direction, Side, Term
from salesdesk.domain.text import account_key, deal_search_key, search_key
from salesdesk.i18n import _
from salesdesk.store import search_index
from salesdesk.store import tables as t
from salesdesk.store.engine import BUSY_TIMEOUT_MS, LOCK_NOT_AVAILABLE, Database, sqlstate
from salesdesk.store.errors import Busy, Conflict, NotFound

__all__ = ["new_uid"]


def _now() -> datetime:
    return datetime.now(UTC)


# ---------------------------------------------------------------- profile


def load_profile(db: Database, user: str | None = None) -> Profile:
    """The connected user's profile, or `user`'s (a role on a team's server)."""
    with db.reading() as session:
        return _read_profile(session, user)


# On a team's server each rep has a profile of their own (name, company, currency) and
# authority limits a manager sets for them: their keys end in "@role". The contact
# cadence is the team's, so every rep's stored next-contact dates agree.
_PERSONAL = ("name", "company", "currency", "max_concession_cost", "max_discount_pct")
_MANAGED = ("cadence", "max_concession_cost", "max_discount_pct")


def _session_user(session: Session) -> str:
    if session.get_bind().dialect.name == "postgresql":
        return str(session.execute(select(literal_column("current_user"))).scalar())
    return ""


def _profile_key(name: str, user: str) -> str:
    return f"profile.{name}@{user}" if user and name in _PERSONAL else f"profile.{name}"


def _read_profile(session: Session, user: str | None = None) -> Profile:
    user = _session_user(session) if user is None else user
    rows = dict(session.execute(select(col(t.Setting.key), col(t.Setting.value))).all())

    def get(name: str) -> str | None:
        # A rep's own value, else the one the database had before it was a team's.
        value = rows.get(_profile_key(name, user))
        return value if value is not None else rows.get(f"profile.{name}")

    profile = Profile()
    profile.name = get("name") or profile.name
    profile.company = get("company") or profile.company
    profile.currency = get("currency") or profile.currency
    cadence = get("cadence")
    if cadence:
        days = [int(x) for x in cadence.split(",")]
        if len(days) == 5:
            profile.cadence = (days[0], days[1], days[2], days[3], days[4])
    for key in ("max_concession_cost", "max_discount_pct"):
        raw = get(key)
        setattr(profile, key, Decimal(raw) if raw else None)
    return profile


def _profile_values(profile: Profile) -> dict[str, str]:
    return {
        "name": profile.name,
        "company": profile.company,
        "currency": profile.currency,
        "cadence": ",".join(str(d) for d in profile.cadence),
        "max_concession_cost": ""
        if profile.max_concession_cost is None
        else str(profile.max_concession_cost),
        "max_discount_pct": ""
        if profile.max_discount_pct is None
        else str(profile.max_discount_pct),
    }


def save_profile(db: Database, profile: Profile, *, for_user: str | None = None) -> None:
    """Write the connected rep's profile (or, for a manager, `for_user`'s limits).

    On a team's server the cadence and the authority limits are a manager's to set: a
    rep changing them is refused with a clear message; their own name, company and
    currency are theirs alone.
    """
    from salesdesk.store.team import TeamError, is_manager

    manager = is_manager(db)
    with db.transaction() as session:
        me = _session_user(session)
        user = me if for_user is None else for_user
        if user != me and not manager:
            raise TeamError(_("Only a manager sets another rep's authority limits."))
        stored = _profile_values(_read_profile(session, user))
        for name, value in _profile_values(profile).items():
            if user != me and name not in _MANAGED:
                continue  # a manager sets limits, never another rep's name
            if name in _MANAGED and not manager:
                if value != stored[name]:
                    raise TeamError(
                        _("The contact cadence and authority limits are set by a manager.")
                    )
                continue
            _upsert_setting(session, _profile_key(name, user), value)


def read_setting(db: Database, key: str) -> str | None:
    with db.reading() as session:
        found = session.execute(select(col(t.Setting.value)).where(col(t.Setting.key) == key))
        value = found.scalar()
    return None if value is None else str(value)


def write_setting(db: Database, key: str, value: str) -> None:
    with db.transaction() as session:
        _upsert_setting(session, key, value)


# ---------------------------------------------------------------- listing


def list_deals(
    db: Database, today: date, cadence: Sequence[int] = DEFAULT_CADENCE
) -> list[DealSummary]:
    """Every deal with its contact state, ordered by account then title."""
    with db.reading() as session:
        return _list_deals(session, _list_query(today), today, cadence)


def _list_query(today: date) -> Any:
    last_meeting = (
        select(col(t.Meeting.deal_id), func.max(col(t.Meeting.date)).label("d"))
        .where(col(t.Meeting.date) <= today)
        .group_by(col(t.Meeting.deal_id))
        .subquery()
    )
    last_interaction = (
        select(col(t.Interaction.deal_id), func.max(col(t.Interaction.date)).label("d"))
        .where(col(t.Interaction.date) <= today)
        .group_by(col(t.Interaction.deal_id))
        .subquery()
    )
    return (
        # The list's columns up to last_contact, then the latest meeting and interaction.
        select(*_SUMMARY_COLUMNS[:10], last_meeting.c.d, last_interaction.c.d)
        .join(t.Account, col(t.Account.id) == col(t.Deal.account_id))
        .outerjoin(last_meeting, last_meeting.c.deal_id == col(t.Deal.id))
        .outerjoin(last_interaction, last_interaction.c.deal_id == col(t.Deal.id))
        .order_by(col(t.Account.name_key), col(t.Deal.title), col(t.Deal.id))
    )


def _list_deals(
    session: Session, query: Any, today: date, cadence: Sequence[int]
) -> list[DealSummary]:
    out: list[DealSummary] = []
    for row in session.execute(query):
        state = contact_state(
            recorded=row[9],
            events=[d for d in (row[10], row[11]) if d is not None],
            phase=row[5],
            status=DealStatus(row[6]),
            today=today,
            cadence=cadence,
        )
        out.append(_summary(row, today, state))
    return out


def deal_id_for_uid(db: Database, uid: str) -> int | None:
    with db.reading() as session:
        return session.execute(select(col(t.Deal.id)).where(col(t.Deal.uid) == uid)).scalar()


def sample_deal_ids(db: Database) -> dict[str, int]:
    with db.reading() as session:
        rows = session.execute(
            select(col(t.Deal.sample), col(t.Deal.id)).where(col(t.Deal.sample).is_not(None))
        ).all()
    return {str(sample): deal_id for sample, deal_id in rows}


# ---------------------------------------------------------------- loading


def load_deal(db: Database, deal_id: int) -> DealSheet:
    with db.reading() as session:
        return _load(session, deal_id)


def _load(session: Session, deal_id: int) -> DealSheet:
    row = session.execute(
        select(t.Deal, col(t.Account.name))
        .join(t.Account, col(t.Account.id) == col(t.Deal.account_id))
        .where(col(t.Deal.id) == deal_id)
    ).first()
    if row is None:
        raise NotFound(_("There is no deal {id}.").format(id=deal_id))
    deal: t.Deal = row[0]
    sheet = DealSheet(
        id=deal.id,
        uid=deal.uid,
        title=deal.title,
        account=row[1],
        currency=deal.currency,
        value=deal.value,
        status=DealStatus(deal.status),
        stage=Stage(deal.stage),
        phase=deal.phase,
        close_date=deal.close_date,
        probability=deal.probability,
        owner=deal.owner,
        last_contact=deal.last_contact,
        source=Source(deal.source_system, deal.source_id, deal.source_stage)
        if deal.source_system
        else None,
        version=deal.version,
    )
    term_names: dict[int, str] = {}
    for term in session.execute(
        select(t.Term)
        .where(col(t.Term.deal_id) == deal_id)
        .order_by(col(t.Term.position), col(t.Term.id))
    ).scalars():
        assert term.id is not None
        term_names[term.id] = term.name
        sheet.terms.append(
            with_uid(
                Term(
                    name=term.name,
                    unit=term.unit,
                    direction=Direction(term.direction),
                    weight=term.weight,
                    their_weight=term.their_weight,
                    **{name: getattr(term, name) for name in POSITION_FIELDS},
                    step=term.step,
                ),
                term.uid,
            )
        )
    for batna in session.execute(select(t.Batna).where(col(t.Batna.deal_id) == deal_id)).scalars():
        value = Batna(
            batna.description,
            batna.value,
            term_names.get(batna.term_id) if batna.term_id else None,
            batna.score,
        )
        if batna.side == "ours":
            sheet.batna_ours = value
        else:
            sheet.batna_theirs = value
    for entry in session.execute(
        select(t.LedgerEntry)
        .where(col(t.LedgerEntry.deal_id) == deal_id)
        .order_by(col(t.LedgerEntry.position), col(t.LedgerEntry.id))
    ).scalars():
        sheet.ledger.append(
            with_uid(
                LedgerEntry(
                    giver=Giver(entry.giver),
                    what=entry.what,
                    term=term_names.get(entry.term_id) if entry.term_id else None,
                    cost=entry.cost,
                    value=entry.value,
                    counterpart=entry.counterpart,
                    counterpart_value=entry.counterpart_value,
                    counterpart_cost=entry.counterpart_cost,
                    status=EntryStatus(entry.status),
                    round=entry.round,
                    needs_approval=entry.needs_approval,
                    approved=entry.approved,
                    approved_by=entry.approved_by,
                    approved_at=entry.approved_at,
                    declined=entry.declined,
                ),
                entry.uid,
            )
        )
    offers: dict[int, Offer] = {}
    for offer in session.execute(
        select(t.Offer)
        .where(col(t.Offer.deal_id) == deal_id)
        .order_by(col(t.Offer.round), col(t.Offer.id))
    ).scalars():
        assert offer.id is not None
        offers[offer.id] = with_uid(Offer(Side(offer.side), offer.round), offer.uid)
    if offers:
        for offer_id, term_id, value in session.execute(
            select(
                col(t.OfferValue.offer_id), col(t.OfferValue.term_id), col(t.OfferValue.value)
            ).where(col(t.OfferValue.offer_id).in_(offers))
        ):
            offers[offer_id].values[term_names[term_id]] = value
        # Values in the worksheet's term order, whatever order the rows came in.
        order = {name: i for i, name in enumerate(term_names.values())}
        for offer in offers.values():
            offer.values = dict(sorted(offer.values.items(), key=lambda kv: order[kv[0]]))
    sheet.offers = list(offers.values())
    people: dict[int, str] = {}
    introducers: dict[int, int | None] = {}
    for person in session.execute(
        select(t.Stakeholder)
        .join(t.DealStakeholder, col(t.DealStakeholder.stakeholder_id) == col(t.Stakeholder.id))
        .where(col(t.DealStakeholder.deal_id) == deal_id)
        .order_by(col(t.DealStakeholder.position))
    ).scalars():
        assert person.id is not None
        people[person.id] = person.name
        introducers[person.id] = person.introduced_by_id
        sheet.stakeholders.append(
            with_uid(
                Stakeholder(
                    name=person.name,
                    side=PartySide(person.side),
                    role=Role(person.role) if person.role else None,
                    stance=Stance(person.stance) if person.stance else None,
                ),
                person.uid,
            )
        )
    missing = {i for i in introducers.values() if i is not None and i not in people}
    if missing:
        people.update(
            session.execute(
                select(col(t.Stakeholder.id), col(t.Stakeholder.name)).where(
                    col(t.Stakeholder.id).in_(missing)
                )
            ).all()
        )
    for person_obj, intro in zip(sheet.stakeholders, introducers.values(), strict=True):
        person_obj.introduced_by = people.get(intro) if intro is not None else None
    meetings: dict[int, Meeting] = {}
    for meeting in session.execute(
        select(t.Meeting)
        .where(col(t.Meeting.deal_id) == deal_id)
        .order_by(col(t.Meeting.date), col(t.Meeting.time), col(t.Meeting.id))
    ).scalars():
        assert meeting.id is not None
        meetings[meeting.id] = with_uid(
            Meeting(
                date=meeting.date,
                time=meeting.time,
                round=meeting.round,
                title=meeting.title,
                objectives=meeting.objectives,
                agenda=meeting.agenda,
                outcome=meeting.outcome,
                next_steps=meeting.next_steps,
                customer_note=meeting.customer_note,
            ),
            meeting.uid,
        )
    if meetings:
        for meeting_id, name in session.execute(
            select(col(t.MeetingAttendee.meeting_id), col(t.Stakeholder.name))
            .join(t.Stakeholder, col(t.Stakeholder.id) == col(t.MeetingAttendee.stakeholder_id))
            .where(col(t.MeetingAttendee.meeting_id).in_(meetings))
            .order_by(col(t.MeetingAttendee.meeting_id), col(t.MeetingAttendee.position))
        ):
            meetings[meeting_id].attendees.append(name)
    sheet.meetings = list(meetings.values())
    sheet.interactions = [
        with_uid(Interaction(date=i.date, channel=Channel(i.channel), summary=i.summary), i.uid)
        for i in session.execute(
            select(t.Interaction)
            .where(col(t.Interaction.deal_id) == deal_id)
            .order_by(col(t.Interaction.date), col(t.Interaction.id))
        ).scalars()
    ]
    for stage, item in session.execute(
        select(col(t.ChecklistTick.stage), col(t.ChecklistTick.item))
        .where(col(t.ChecklistTick.deal_id) == deal_id)
        .order_by(col(t.ChecklistTick.stage), col(t.ChecklistTick.item))
    ):
        sheet.checklist.setdefault(stage, []).append(item)
    return sheet


# ---------------------------------------------------------------- saving


def save_deal(
    db: Database,
    sheet: DealSheet,
    *,
    sample: str | None = None,
    today: date | None = None,
) -> int:
    """Insert the sheet as a new deal (no id) or write what changed in the deal it was
    loaded from, advancing its version.

    The deal must still be at `sheet.version`: a deal saved meanwhile by someone else
    raises Conflict and nothing is written. On success `sheet.id` and `sheet.version`
    are the saved deal's.
    """
    with db.transaction() as session:
        return _save(session, sheet, sample, today or date.today())


def current_version(db: Database, deal_id: int) -> int | None:
    """The deal's version in the database now (None: no such deal)."""
    with db.reading() as session:
        found = session.execute(
            select(col(t.Deal.version)).where(col(t.Deal.id) == deal_id)
        ).scalar()
    return None if found is None else int(found)


def _dialect_insert(session: Session, table: Any) -> Any:
    """The INSERT of the database's dialect, which knows ON CONFLICT (both engines do)."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table)


def _insert_or_ignore(session: Session, table: Any, values: dict[str, Any], key: str) -> None:
    """INSERT … ON CONFLICT (key) DO NOTHING: two saves adding the same row both succeed."""
    stmt = _dialect_insert(session, table).values(**values)
    session.execute(stmt.on_conflict_do_nothing(index_elements=[key]))


def _upsert_setting(session: Session, key: str, value: str) -> None:
    """Write a setting whether or not it exists, race-free."""
    stmt = _dialect_insert(session, t.Setting).values(key=key, value=value)
    session.execute(
        stmt.on_conflict_do_update(index_elements=["key"], set_={"value": stmt.excluded.value})
    )


def _account_id(session: Session, name: str) -> int:
    key = account_key(name)
    query = select(col(t.Account.id)).where(col(t.Account.name_key) == key)
    found = session.execute(query).scalar()
    if found is None:
        _insert_or_ignore(session, t.Account, {"name": name.strip(), "name_key": key}, "name_key")
        found = session.execute(query).scalar_one()
    return int(found)


def _connected_role(session: Session) -> Any:
    """The role a new deal belongs to: the server's `current_user` (never the app's say)."""
    if session.get_bind().dialect.name == "postgresql":
        return literal_column("current_user")
    return ""


def _server_now(session: Session) -> Any:
    """The time of a change by the database's clock (a team server's, never a laptop's);
    SQLite is on the rep's own machine, whose clock is the database's."""
    if session.get_bind().dialect.name == "postgresql":
        return literal_column("(now() at time zone 'utc')")
    return _now()


def database_id(db: Database) -> str:
    """This database's own id (made with it, or by migration 0010 for an older one)."""
    with db.reading() as session:
        found = session.execute(
            select(col(t.Setting.value)).where(col(t.Setting.key) == DATABASE_ID_KEY)
        ).scalar()
    if found:
        return str(found)
    with db.transaction() as session:
        _insert_or_ignore(session, t.Setting, {"key": DATABASE_ID_KEY, "value": new_uid()}, "key")
        return str(
            session.execute(
                select(col(t.Setting.value)).where(col(t.Setting.key) == DATABASE_ID_KEY)
            ).scalar_one()
        )


DATABASE_ID_KEY = "database.id"


def _unique_uids(rows: Sequence[Any]) -> None:
    """A row copied within a list (a pasted duplicate) gets a uid of its own."""
    seen: set[str] = set()
    for row in rows:
        if row.uid in seen:
            row.uid = new_uid()
        seen.add(row.uid)


def _sync_rows(
    session: Session, table_name: str, deal_id: int, rows: Sequence[dict[str, Any]]
) -> dict[str, int]:
    """Make the deal's rows of a table those given (each with its uid), writing only the
    difference: rows gone are deleted, changed ones updated, new ones inserted.
    Returns each uid's row id."""
    table = t.metadata.tables[table_name]
    existing: dict[str, Any] = {}
    gone: list[int] = []
    wanted = {row["uid"] for row in rows}
    for stored in session.execute(select(table).where(table.c.deal_id == deal_id)).mappings():
        if stored["uid"] in wanted and stored["uid"] not in existing:
            existing[stored["uid"]] = stored
        else:
            gone.append(stored["id"])
    if gone:
        session.execute(delete(table).where(table.c.id.in_(gone)))
    ids: dict[str, int] = {}
    for row in rows:
        old: Any = existing.get(row["uid"])
        if old is None:
            ids[row["uid"]] = int(
                session.execute(
                    insert(table).values(deal_id=deal_id, **row).returning(table.c.id)
                ).scalar_one()
            )
            continue
        changed = {k: v for k, v in row.items() if old[k] != v}
        if changed:
            session.execute(update(table).where(table.c.id == old["id"]).values(**changed))
        ids[row["uid"]] = int(old["id"])
    return ids


def _sync_links(
    session: Session, table_name: str, owner: str, owner_id: int, people: Sequence[int]
) -> None:
    """Who takes part (a deal's people, a meeting's attendees), rewritten only when the
    list changed."""
    table = t.metadata.tables[table_name]
    current = [
        r[0]
        for r in session.execute(
            select(table.c.stakeholder_id)
            .where(table.c[owner] == owner_id)
            .order_by(table.c.position)
        )
    ]
    if current == list(people):
        return
    session.execute(delete(table).where(table.c[owner] == owner_id))
    if people:
        session.execute(
            insert(table),
            [
                {owner: owner_id, "stakeholder_id": pid, "position": i}
                for i, pid in enumerate(people)
            ],
        )


def _save(session: Session, sheet: DealSheet, sample: str | None, today: date) -> int:
    account_id = _account_id(session, sheet.account)
    contact = contact_state(
        recorded=sheet.last_contact,
        events=sheet.contact_events(),
        phase=sheet.phase,
        status=sheet.status,
        today=today,
        cadence=_read_profile(session).cadence,
    )
    columns: dict[str, Any] = {
        "search_key": deal_search_key(sheet.title, sheet.account),
        "next_contact_due": contact.next_contact_due,
        "account_id": account_id,
        "title": sheet.title.strip(),
        "currency": sheet.currency,
        "value": sheet.value,
        "status": sheet.status.value,
        "stage": sheet.stage.value,
        "phase": sheet.phase,
        "close_date": sheet.close_date,
        "probability": sheet.probability,
        "owner": sheet.owner,
        "last_contact": sheet.last_contact,
        "source_system": sheet.source.system if sheet.source else None,
        "source_id": sheet.source.id if sheet.source else None,
        "source_stage": sheet.source.stage if sheet.source else None,
        "updated_at": _server_now(session),
    }
    if sheet.id is None:
        sheet.uid = sheet.uid or new_uid()
        deal_id = int(
            session.execute(
                insert(t.Deal)
                .values(
                    uid=sheet.uid,
                    sample=sample,
                    created_at=_now(),
                    version=1,
                    owner_role=_connected_role(session),
                    **columns,
                )
                .returning(col(t.Deal.id))
            ).scalar_one()
        )
        version = 1
    else:
        deal_id = sheet.id
        # The server advances the version, and only from the one this save started from:
        # a save made meanwhile elsewhere leaves no row to update here.
        try:
            found = session.execute(
                update(t.Deal)
                .where(col(t.Deal.id) == deal_id, col(t.Deal.version) == sheet.version)
                .values(version=col(t.Deal.version) + 1, **columns)
                .returning(col(t.Deal.version))
            ).scalar()
        except OperationalError as exc:
            if sqlstate(exc) == LOCK_NOT_AVAILABLE:  # waited the lock timeout for the row
                raise Busy(deal_id) from exc
            raise
        if found is None:
            now_at = session.execute(
                select(col(t.Deal.version)).where(col(t.Deal.id) == deal_id)
            ).scalar()
            if now_at is None:
                raise NotFound(_("There is no deal {id}.").format(id=deal_id))
            raise Conflict(deal_id, sheet.title, sheet.version, int(now_at))
        version = int(found)
    sheet.id = deal_id
    sheet.version = version

    for rows in (sheet.terms, sheet.offers, sheet.ledger, sheet.meetings, sheet.interactions):
        _unique_uids(rows)
    term_ids = _sync_rows(
        session,
        "term",
        deal_id,
        [
            {
                "uid": term.uid,
                "position": position,
                "name": term.name,
                "unit": term.unit,
                "direction": term.direction.value,
                "weight": term.weight,
                "their_weight": term.their_weight,
                **{name: getattr(term, name) for name in POSITION_FIELDS},
                "step": term.step,
            }
            for position, term in enumerate(sheet.terms)
        ],
    )
    by_name = {term.name: term_ids[term.uid] for term in sheet.terms}

    batna_table = t.metadata.tables["batna"]
    stored = {
        r["side"]: r
        for r in session.execute(
            select(batna_table).where(batna_table.c.deal_id == deal_id)
        ).mappings()
    }
    for side, batna in (("ours", sheet.batna_ours), ("theirs", sheet.batna_theirs)):
        values = {
            "description": batna.description,
            "value": batna.value,
            "term_id": by_name.get(batna.term) if batna.term else None,
            "score": batna.score,
        }
        old = stored.get(side)
        if batna.is_empty and not batna.term:
            if old is not None:
                session.execute(delete(batna_table).where(batna_table.c.id == old["id"]))
        elif old is None:
            session.execute(insert(batna_table).values(deal_id=deal_id, side=side, **values))
        elif any(old[k] != v for k, v in values.items()):
            session.execute(
                update(batna_table).where(batna_table.c.id == old["id"]).values(**values)
            )

    _sync_rows(
        session,
        "ledger_entry",
        deal_id,
        [
            {
                "uid": e.uid,
                "position": i,
                "giver": e.giver.value,
                "term_id": by_name.get(e.term) if e.term else None,
                "what": e.what,
                "cost": e.cost,
                "value": e.value,
                "counterpart": e.counterpart,
                "counterpart_value": e.counterpart_value,
                "counterpart_cost": e.counterpart_cost,
                "status": e.status.value,
                "round": e.round,
                "needs_approval": e.needs_approval,
                "approved": e.approved,
                "approved_by": e.approved_by,
                "approved_at": e.approved_at,
                "declined": e.declined,
            }
            for i, e in enumerate(sheet.ledger)
        ],
    )

    offer_ids = _sync_rows(
        session,
        "offer",
        deal_id,
        [{"uid": o.uid, "side": o.side.value, "round": o.round} for o in sheet.offers],
    )
    value_table = t.metadata.tables["offer_value"]
    for offer in sheet.offers:
        offer_id = offer_ids[offer.uid]
        old_values = {
            r["term_id"]: r
            for r in session.execute(
                select(value_table).where(value_table.c.offer_id == offer_id)
            ).mappings()
        }
        new_values = {by_name[name]: value for name, value in offer.values.items()}
        dropped = [r["id"] for tid, r in old_values.items() if tid not in new_values]
        if dropped:
            session.execute(delete(value_table).where(value_table.c.id.in_(dropped)))
        for term_id, value in new_values.items():
            old = old_values.get(term_id)
            if old is None:
                session.execute(
                    insert(value_table).values(offer_id=offer_id, term_id=term_id, value=value)
                )
            elif old["value"] != value:
                session.execute(
                    update(value_table).where(value_table.c.id == old["id"]).values(value=value)
                )

    person_ids = _save_people(session, account_id, sheet.stakeholders)
    _sync_links(
        session, "deal_stakeholder", "deal_id", deal_id, list(dict.fromkeys(person_ids.values()))
    )

    meeting_ids = _sync_rows(
        session,
        "meeting",
        deal_id,
        [
            {
                "uid": m.uid,
                "date": m.date,
                "time": m.time,
                "round": m.round,
                "title": m.title,
                "objectives": m.objectives,
                "agenda": m.agenda,
                "outcome": m.outcome,
                "next_steps": m.next_steps,
                "customer_note": m.customer_note,
            }
            for m in sheet.meetings
        ],
    )
    for meeting in sheet.meetings:
        attendees = [person_ids[n] for n in dict.fromkeys(meeting.attendees) if n in person_ids]
        _sync_links(session, "meeting_attendee", "meeting_id", meeting_ids[meeting.uid], attendees)

    _sync_rows(
        session,
        "interaction",
        deal_id,
        [
            {"uid": i.uid, "date": i.date, "channel": i.channel.value, "summary": i.summary}
            for i in sheet.interactions
        ],
    )
    session.execute(delete(t.ChecklistTick).where(col(t.ChecklistTick.deal_id) == deal_id))
    ticks = [
        {"deal_id": deal_id, "stage": stage, "item": item}
        for stage, items in sheet.checklist.items()
        for item in sorted(set(items))
    ]
    if ticks:
        session.execute(insert(t.ChecklistTick), ticks)
    return deal_id


def _save_people(
    session: Session, account_id: int, people: Sequence[Stakeholder]
) -> dict[str, int]:
    """Find each person (theirs at the account, ours company-wide) by uid, else by name,
    and write what changed, a new name included; creates the new ones. Names → ids."""
    ids: dict[str, int] = {}
    table = t.metadata.tables["stakeholder"]
    if people:
        # Saves of two deals at one account find or add its people one after the other
        # (a row lock on the server; SQLite writes one at a time anyway).
        session.execute(
            select(col(t.Account.id)).where(col(t.Account.id) == account_id).with_for_update()
        )
    for person in people:
        account = account_id if person.side is PartySide.THEIRS else None
        scope = (
            table.c.account_id == account if account is not None else table.c.account_id.is_(None)
        )
        old = (
            session.execute(select(table).where(scope, table.c.uid == person.uid))
            .mappings()
            .first()
        )
        if old is None:
            old = (
                session.execute(
                    select(table)
                    .where(scope, table.c.name == person.name, table.c.side == person.side.value)
                    .order_by(table.c.id)
                )
                .mappings()
                .first()
            )
        values = {
            "name": person.name,
            "side": person.side.value,
            "role": person.role.value if person.role else None,
            "stance": person.stance.value if person.stance else None,
        }
        if old is None:
            found = session.execute(
                insert(table)
                .values(account_id=account, uid=person.uid, **values)
                .returning(table.c.id)
            ).scalar_one()
        else:
            found = old["id"]
            changed = {k: v for k, v in values.items() if old[k] != v}
            if changed:
                session.execute(update(table).where(table.c.id == found).values(**changed))
        ids[person.name] = int(found)
    for person in people:
        intro = ids.get(person.introduced_by) if person.introduced_by else None
        session.execute(
            update(table)
            .where(table.c.id == ids[person.name], table.c.introduced_by_id.is_distinct_from(intro))
            .values(introduced_by_id=intro)
        )
    return ids


def account_people(db: Database, account: str) -> list[Stakeholder]:
    """The people already known at an account, offered when a new deal starts there."""
    with db.reading() as session:
        rows = (
            session.execute(
                select(t.Stakeholder)
                .join(t.Account, col(t.Account.id) == col(t.Stakeholder.account_id))
                .where(col(t.Account.name_key) == account_key(account))
                .order_by(col(t.Stakeholder.name))
            )
            .scalars()
            .all()
        )
        return [
            with_uid(
                Stakeholder(
                    r.name,
                    PartySide(r.side),
                    Role(r.role) if r.role else None,
                    Stance(r.stance) if r.stance else None,
                ),
                r.uid,
            )
            for r in rows
        ]


def delete_deal(db: Database, deal_id: int) -> None:
    with db.transaction() as session:
        if not delete_deal_in(session, deal_id):
            raise NotFound(_("There is no deal {id}.").format(id=deal_id))


def delete_deal_in(session: Session, deal_id: int, version: int | None = None) -> bool:
    """Delete the deal (only at `version` when given) in the caller's transaction,
    leaving its tombstone so a sync carries the deletion; False when nothing matched."""
    found = session.execute(
        select(
            col(t.Deal.uid), col(t.Deal.version), col(t.Deal.sample), col(t.Deal.owner_role)
        ).where(col(t.Deal.id) == deal_id)
    ).first()
    if found is None or (version is not None and found.version != version):
        return False
    session.execute(delete(t.Deal).where(col(t.Deal.id) == deal_id))
    if found.sample is None:
        write_tombstone(session, found.uid, int(found.version), found.owner_role)
    _drop_orphan_accounts(session)
    return True


def write_tombstone(session: Session, uid: str, version: int, owner_role: str = "") -> None:
    """The deal's tombstone keeps its owner: on a team's server it is read by those who
    could read the deal."""
    stmt = _dialect_insert(session, t.DealTombstone).values(
        uid=uid, version=version, deleted_at=_now(), owner_role=owner_role
    )
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["uid"],
            set_={"version": stmt.excluded.version, "deleted_at": stmt.excluded.deleted_at},
        )
    )


def save_deal_in(session: Session, sheet: DealSheet, today: date) -> int:
    """`save_deal` in the caller's transaction (a sync writes a deal and its sync state
    together); a deal re-created under a deleted uid loses its tombstone."""
    if sheet.id is None and sheet.uid:
        session.execute(delete(t.DealTombstone).where(col(t.DealTombstone.uid) == sheet.uid))
    return _save(session, sheet, None, today)


def load_deal_in(session: Session, deal_id: int) -> DealSheet:
    return _load(session, deal_id)


def _drop_orphan_accounts(session: Session) -> None:
    used = select(col(t.Deal.account_id)).distinct()
    orphans = select(col(t.Account.id)).where(col(t.Account.id).not_in(used))
    session.execute(delete(t.Account).where(col(t.Account.id).in_(orphans)))


# ---------------------------------------------------------------- the app's deal list


def _like_pattern(text: str) -> str:
    escaped = search_key(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filtered(
    query: DealQuery, today: date, indexed: bool = False, matches: Sequence[int] | None = None
) -> Any:
    stmt = select(*_SUMMARY_COLUMNS).join(t.Account, col(t.Account.id) == col(t.Deal.account_id))
    return stmt.where(*_conditions(query, today, indexed, matches))


def _conditions(
    query: DealQuery, today: date, indexed: bool, matches: Sequence[int] | None = None
) -> list[Any]:
    """The list's filters, on the deal table alone. `indexed`: the search's matches are
    taken from SQLite's search index; `matches`: they were found already (on a server,
    through its trigram index: see `_server_matches`)."""
    found: list[Any] = []
    text = search_key(query.text)
    if text and matches is not None:
        # One array parameter, not one per id: a list of 2,000 ids is bound and planned
        # in a fraction of the time (only a server finds matches beforehand).
        found.append(col(t.Deal.id) == any_(bindparam("matches", list(matches), ARRAY(Integer))))
    elif text and len(text) >= search_index.MIN_LENGTH and indexed:
        # Answered from the trigram index rather than by reading every deal.
        found.append(col(t.Deal.id).in_(search_index.matching_ids(text)))
    elif text:
        key: Any = col(t.Deal.search_key)
        if len(text) < search_index.MIN_LENGTH:
            # Short text scans on every database: PostgreSQL's trigram index cannot narrow
            # one or two letters, and the planner would still walk all of it.
            key = key.op("||")("")
        found.append(key.like(_like_pattern(text), escape="\\"))
    if query.stage is not None:
        found.append(col(t.Deal.stage) == query.stage.value)
    if query.phase is not None:
        found.append(col(t.Deal.phase) == query.phase)
    if query.status is not None:
        found.append(col(t.Deal.status) == query.status.value)
    if query.owner is not None:
        found.append(col(t.Deal.owner_role) == query.owner)
    if query.overdue_only:
        found.append(col(t.Deal.status) == DealStatus.OPEN.value)
        found.append(col(t.Deal.next_contact_due) < today)
    return found


def _ordered_ids(
    query: DealQuery,
    today: date,
    indexed: bool,
    *columns: Any,
    matches: Sequence[int] | None = None,
) -> Any:
    """Deal ids (and `columns`) in the list's order, read from the deal table's indexes;
    the account is joined only when the list is sorted by it."""
    stmt = select(col(t.Deal.id), *columns)
    if query.sort is SortKey.ACCOUNT:
        stmt = stmt.join(t.Account, col(t.Account.id) == col(t.Deal.account_id))
    return stmt.where(*_conditions(query, today, indexed, matches))


_SUMMARY_COLUMNS = (
    col(t.Deal.id),
    col(t.Deal.uid),
    col(t.Deal.title),
    col(t.Account.name),
    col(t.Deal.stage),
    col(t.Deal.phase),
    col(t.Deal.status),
    col(t.Deal.value),
    col(t.Deal.currency),
    col(t.Deal.last_contact),
    col(t.Deal.next_contact_due),
    col(t.Deal.sample),
    col(t.Deal.owner_role),
)


def _order(query: DealQuery) -> list[Any]:
    return [key.desc() if descending else key for key, descending in _order_keys(query)]


def _order_keys(query: DealQuery) -> list[tuple[Any, bool]]:
    """The list's order: each key, and whether it is walked in descending order."""
    column: Any = {
        SortKey.TITLE: col(t.Deal.title),
        SortKey.ACCOUNT: col(t.Account.name_key),
        SortKey.STAGE: literal_column(f"({search_index.stage_order('deal.stage')})"),
        SortKey.PHASE: col(t.Deal.phase),
        SortKey.STATUS: col(t.Deal.status),
        SortKey.VALUE: col(t.Deal.value),
        SortKey.NEXT_CONTACT: col(t.Deal.next_contact_due),
        SortKey.OWNER: col(t.Deal.owner_role),
    }[query.sort]
    # Empty values last in either direction, then a stable tie-break on the id. Only the
    # columns that can be empty say so: the others then match their indexes as they are.
    empty_last = [(column.is_(None), False)] if query.sort in NULLABLE_SORTS else []
    return [*empty_last, (column, query.descending), (col(t.Deal.id), query.descending)]


NULLABLE_SORTS = (SortKey.VALUE, SortKey.NEXT_CONTACT)


def _summary(row: Any, today: date, contact: ContactState | None = None) -> DealSummary:
    """A deal-list row from the first columns of `_SUMMARY_COLUMNS`, in that order.

    The contact state is the stored one unless `contact` (computed exactly) is given.
    """
    status = DealStatus(row[6])
    if contact is None:
        due = row[10]
        overdue = status is DealStatus.OPEN and due is not None and today > due
        contact = ContactState(row[9], due, overdue)
    return DealSummary(
        id=row[0],
        uid=row[1],
        title=row[2],
        account=row[3],
        stage=Stage(row[4]),
        phase=row[5],
        status=status,
        value=row[7],
        currency=row[8],
        last_contact=contact.last_contact,
        next_contact_due=contact.next_contact_due,
        overdue=contact.overdue,
        sample=getattr(row, "sample", None) is not None,
        owner=str(row._mapping.get("owner_role") or ""),
    )


def query_deals(
    db: Database, query: DealQuery, today: date, offset: int = 0, limit: int = 200
) -> list[DealSummary]:
    """One page of the deal list, filtered and sorted by the database."""
    with db.reading() as session:
        if not offset and _walk_first(db, query):
            walked = _first_page_walked(session, query, today, limit)
            if walked is not None:
                return walked
        indexed = _few_matches(session, db, query.text)
        matches = _server_matches(session, db, query.text, BROAD_MATCHES)
        if matches is None and search_key(query.text) and not db.is_sqlite:
            # A broad search: walking the list's order index stops at the page's end. A
            # rep's planner cannot tell, as the row rules hide the search key's statistics
            # from LIKE (it is not leakproof), and would sort every match instead (70-90
            # ms at 100,000 deals, not 3). For this page's statement only.
            session.execute(sql_text("SET LOCAL enable_sort = off"))
        stmt = _filtered(query, today, indexed, matches).order_by(*_order(query))
        if offset or matches is not None:
            # A page deep in the list: the rows before it are skipped on an index alone,
            # then only the page's deals are read (2-5 ms at row 50,000 of 100,000,
            # where skipping whole rows took 0.1-0.2 s). A server's matches are put in
            # order the same way, so only the page's deals are joined to their accounts.
            page = _ordered_ids(query, today, indexed, matches=matches).order_by(*_order(query))
            stmt = stmt.where(col(t.Deal.id).in_(page.offset(offset).limit(limit)))
        else:
            stmt = stmt.limit(limit)
        return [_summary(row, today) for row in session.execute(stmt)]


# On a server, the first page of a one- or two-letter search is looked for among this
# many deals in the list's order first: such text is mostly found in many deals, and
# the page is then there at once (one statement), without asking the search function
# (another round trip and a scan of up to BROAD_MATCHES keys: 3-5 ms more at 100,000).
FIRST_PAGE_WALK = 2000


def _walk_first(db: Database, query: DealQuery) -> bool:
    key = search_key(query.text)
    return (
        not db.is_sqlite
        and 0 < len(key) < search_index.MIN_LENGTH
        and query.sort is not SortKey.ACCOUNT  # the walk reads the deal table alone
    )


def _first_page_walked(
    session: Session, query: DealQuery, today: date, limit: int
) -> list[DealSummary] | None:
    """The first page of a short search, when the first FIRST_PAGE_WALK deals in the
    list's order hold a page of matches (None: fewer, so the page is looked for as any
    other). Those deals come off the order's index; the search text is compared as they
    come, and the walk stops at the page's end."""
    from sqlalchemy.sql.util import ClauseAdapter

    rest = replace(query, text="")
    # The order's keys are columns of the walk, so the planner knows its rows come in
    # the page's order and stops once the page is full, instead of sorting the walk.
    keys = _order_keys(rest)
    walked = (
        select(
            t.metadata.tables["deal"], *(k.label(f"order_{i}") for i, (k, _d) in enumerate(keys))
        )
        .where(*_conditions(rest, today, False))
        .order_by(*_order(rest))
        .limit(FIRST_PAGE_WALK)
        .subquery("deal")  # named as the table: the stage order names `deal.stage`
    )
    adapter = ClauseAdapter(walked)

    def on_walked(expression: Any) -> Any:
        """`expression` on the walked deals instead of the deal table."""
        return adapter.traverse(getattr(expression, "__clause_element__", lambda: expression)())

    order = [
        walked.c[f"order_{i}"].desc() if descending else walked.c[f"order_{i}"]
        for i, (_k, descending) in enumerate(keys)
    ]
    key = walked.c.search_key.op("||")("")  # never the trigram index: one or two letters
    stmt = (
        select(*(on_walked(c) for c in _SUMMARY_COLUMNS))
        .select_from(walked)
        .join(t.Account, col(t.Account.id) == walked.c.account_id)
        .where(key.like(_like_pattern(query.text), escape="\\"))
        .order_by(*order)
        .limit(limit)
    )
    rows = session.execute(stmt).all()
    return [_summary(row, today) for row in rows] if len(rows) == limit else None


def deal_position(db: Database, query: DealQuery, today: date, deal_id: int) -> int | None:
    """The deal's row in the list `query` shows (0 first), or None when it is not there."""
    with db.reading() as session:
        indexed = _few_matches(session, db, query.text)
        numbered = _ordered_ids(
            query,
            today,
            indexed,
            func.row_number().over(order_by=_order(query)).label("row"),
            matches=_server_matches(session, db, query.text, BROAD_MATCHES),
        ).subquery()
        found = session.execute(
            select(numbered.c.row).where(numbered.c.id == deal_id)
        ).scalar_one_or_none()
    return None if found is None else int(found) - 1


# Above this many matches, walking the list in its order and stopping at the page's end
# beats collecting every match from the search index and sorting them.
BROAD_MATCHES = 2000


def _few_matches(session: Session, db: Database, text: str) -> bool:
    """Whether to take the page's matches from SQLite's search index (few of them)."""
    key = search_key(text)
    if not db.is_sqlite or len(key) < search_index.MIN_LENGTH:
        return False
    found = session.execute(search_index.count_matching(key)).scalar_one()
    return int(found) <= BROAD_MATCHES


def _server_matches(session: Session, db: Database, text: str, most: int) -> list[int] | None:
    """On a server, the ids of the deals the search finds when there are at most `most`
    (None: more, no text, or SQLite). Read by a function of the schema through the
    trigram index (few matches) or the index of the keys alone (many, or one or two
    letters), which a rep's row rules would otherwise keep the search from (migrations
    0013, 0014); it stops past `most`, so a broad search is told apart quickly."""
    key = search_key(text)
    if db.is_sqlite or not key:
        return None
    found = session.execute(search_index.server_matching_ids(_like_pattern(key), most + 1))
    # One array: fetched row by row, 2,000 ids took 6-10 ms of Python.
    ids = [int(i) for i in found.scalar_one() or ()]
    return ids if len(ids) <= most else None


def deal_owners(db: Database) -> list[str]:
    """The roles owning the deals the connected user sees (a manager: the team)."""
    stmt = (
        select(col(t.Deal.owner_role))
        .where(col(t.Deal.owner_role) != "")
        .distinct()
        .order_by(col(t.Deal.owner_role))
    )
    with db.reading() as session:
        return [str(r) for r in session.execute(stmt).scalars()]


# The status bar counts a search's matches up to this many: past it, it says "more than
# 1,000", the same on every engine. Counting every match of a broad search reads every
# deal (30-90 ms at 100,000, whichever the engine); stopping past the cap takes a few ms.
COUNT_CAP = 1000


def count_deals(db: Database, query: DealQuery, today: date, cap: int | None = None) -> int:
    """How many deals the list shows for `query`; with `cap`, counting stops once past it
    (then the answer is `cap + 1`: more than `cap`)."""
    key = search_key(query.text)
    text_only = replace(query, text="", sort=DealQuery().sort, descending=False) == DealQuery()
    indexed = db.is_sqlite and len(key) >= search_index.MIN_LENGTH
    with db.reading() as session:
        if not db.is_sqlite and key and text_only:
            # The server's search function counts them (up to the cap): through its
            # indexes, by the row rules, and without a row of them crossing the wire.
            most = None if cap is None else cap + 1
            stmt = search_index.server_count(_like_pattern(key), most)
            return int(session.execute(stmt).scalar_one())
        if not db.is_sqlite and key:
            # With other filters: the few matches it finds are filtered here; past
            # BROAD_MATCHES the deals are read instead.
            matches = _server_matches(session, db, query.text, BROAD_MATCHES)
        else:
            matches = None
        if indexed and text_only and cap is None:
            # SQLite's index counts its own matches, without reading the deals.
            stmt = search_index.count_matching(key)
        else:
            # The deal table alone: every deal has its account; joining changes nothing.
            ids = (
                search_index.matching_ids(key)
                if indexed and text_only
                else select(col(t.Deal.id)).where(*_conditions(query, today, indexed, matches))
            )
            if cap is not None:
                ids = ids.limit(cap + 1)
            stmt = select(func.count()).select_from(ids.subquery())
        return int(session.execute(stmt).scalar_one())


def change_token(db: Database) -> int:
    """Changes when any deal is added, removed or saved, whoever did it: the database's
    change counter, advanced by a trigger in the writing transaction itself (migration
    0012), so two saves a moment apart are two changes, and a change is seen only once
    it is committed. Never a clock."""
    with db.reading() as session:
        return int(session.execute(select(col(t.DealChange.n))).scalar_one())


def _refresh_stamp(today: date, cadence: Sequence[int]) -> str:
    return f"{today.isoformat()} {','.join(str(d) for d in cadence)}"


def contact_dates_fresh(db: Database, today: date, cadence: Sequence[int]) -> bool:
    """Whether the next-contact dates were already recomputed today with this cadence."""
    with db.reading() as session:
        done = session.execute(
            select(col(t.Setting.value)).where(col(t.Setting.key) == _REFRESH_KEY)
        ).scalar()
    return bool(done == _refresh_stamp(today, cadence))


def refresh_contact_dates(db: Database, today: date, cadence: Sequence[int]) -> int:
    """Recompute the stored next-contact dates once a day (days pass: a meeting dated in
    the future becomes a contact) or when the cadence changed; returns how many changed.

    It may run beside the app's own saves (on a thread at start), so it reads outside
    the write transaction: a deal saved meanwhile already has its date computed by the
    save, and is left as the save wrote it."""
    if contact_dates_fresh(db, today, cadence):
        return 0
    with db.reading() as session:
        stored = _stored_dates(session)
    changed = _changes(stored, list_deals(db, today, cadence))
    with db.transaction() as session:
        _write_dates(session, changed, _refresh_stamp(today, cadence))
    return len(changed)


def _refresh_contact_dates(session: Session, today: date, cadence: Sequence[int]) -> int:
    """The refresh inside the caller's transaction (an import's, so it is all or nothing)."""
    summaries = _list_deals(session, _list_query(today), today, cadence)
    changed = _changes(_stored_dates(session), summaries)
    _write_dates(session, changed, _refresh_stamp(today, cadence))
    return len(changed)


def _stored_dates(session: Session) -> dict[int, date | None]:
    return dict(session.execute(select(col(t.Deal.id), col(t.Deal.next_contact_due))).all())


def _changes(
    stored: dict[int, date | None], summaries: Sequence[DealSummary]
) -> list[dict[str, Any]]:
    """The dates to write, each guarded by the one read (a save meanwhile keeps its own)."""
    return [
        {"deal_id": s.id, "due": s.next_contact_due, "was": stored.get(s.id)}
        for s in summaries
        if stored.get(s.id) != s.next_contact_due
    ]


def _write_dates(session: Session, changed: list[dict[str, Any]], stamp: str) -> None:
    deal = t.metadata.tables["deal"]
    if changed:
        session.execute(
            update(deal)
            .where(
                deal.c.id == bindparam("deal_id"),
                deal.c.next_contact_due.is_not_distinct_from(bindparam("was")),
            )
            .values(next_contact_due=bindparam("due")),
            changed,
        )
    _upsert_setting(session, _REFRESH_KEY, stamp)


_REFRESH_KEY = "contacts.refreshed"


def upcoming_meetings(db: Database, today: date, days: int = 7) -> list[UpcomingMeeting]:
    """Meetings from today to `days` days ahead, soonest first."""
    from datetime import timedelta

    return meetings_between(db, today, today + timedelta(days=days))


def contacts_due(db: Database, today: date, limit: int = 500) -> list[DealSummary]:
    """Open deals whose next contact is due today or overdue, most overdue first."""
    # Walked in the list's order index, stopping at `limit` (due dates are never empty
    # here, so that order is the due date's).
    stmt = (
        _filtered(DealQuery(), today)
        .where(*_due_conditions(today))
        .order_by(*_order(DealQuery()))
        .limit(limit)
    )
    with db.reading() as session:
        return [_summary(row, today) for row in session.execute(stmt)]


def count_contacts_due(db: Database, today: date) -> int:
    stmt = select(func.count()).select_from(t.Deal).where(*_due_conditions(today))
    with db.reading() as session:
        return int(session.execute(stmt).scalar_one())


def _due_conditions(today: date) -> list[Any]:
    # Compared as an expression, the status cannot steer SQLite to its own index, which
    # finds most deals open and then sorts them all (0.2 s at 100,000 deals, not 3 ms).
    status = col(t.Deal.status).op("||")("")
    return [status == DealStatus.OPEN.value, col(t.Deal.next_contact_due) <= today]


# ---------------------------------------------------------------- CRM imports


@dataclass(frozen=True, slots=True)
class ImportCounts:
    created: int
    updated: int
    unchanged: int


_CRM_COLUMNS = (
    "title",
    "value",
    "currency",
    "close_date",
    "stage",
    "status",
    "probability",
    "owner",
    "source_stage",
)


# Any 64-bit number names an advisory lock; this one is the CRM import's, per database.
_IMPORT_LOCK = 0x5A1E5D35C0A1


def _one_import_at_a_time(session: Session) -> None:
    """The server's counterpart of SQLite's `BEGIN IMMEDIATE`: a second import of the
    same export waits for the first to commit, then finds its deals and updates them,
    instead of both inserting and one failing on the unique key. It waits as long as
    an import may take on SQLite (`SALESDESK_BUSY_TIMEOUT_MS`), not a save's lock wait."""
    session.execute(
        sql_text("SELECT set_config('lock_timeout', :ms, true)"), {"ms": f"{BUSY_TIMEOUT_MS}ms"}
    )
    session.execute(sql_text("SELECT pg_advisory_xact_lock(:key)"), {"key": _IMPORT_LOCK})


def apply_crm_import(
    db: Database,
    system: str,
    deals: Sequence[ImportedDeal],
    *,
    by_record_id: bool,
    dry_run: bool = False,
    contacts: tuple[date, Sequence[int]] | None = None,
) -> ImportCounts:
    """Create or update the deals of a CRM export in one write transaction.

    The transaction holds the write lock from its first read (`BEGIN IMMEDIATE` on
    SQLite), so two imports of one file at once cannot both find a record missing;
    the unique (source system, source id) key stops any that would. `contacts`
    (today, cadence) refreshes the next-contact dates in the same transaction.

    A deal is found again by its CRM record id, or by account and title when the
    export has no id column. Only the CRM's own fields are written: the worksheet,
    ledger, people and history prepared in SalesDesk are never touched.
    """
    deal = t.metadata.tables["deal"]
    account = t.metadata.tables["account"]
    with db.transaction(write=not dry_run) as session:
        if not dry_run and not db.is_sqlite:
            _one_import_at_a_time(session)
        accounts: dict[str, int] = dict(
            session.execute(select(account.c.name_key, account.c.id)).all()
        )
        existing: dict[object, dict[str, Any]] = {}
        query = (
            select(deal, account.c.name_key.label("account_key"))
            .join(account, account.c.id == deal.c.account_id)
            .where(deal.c.source_system == system)
        )
        for found_row in session.execute(query).mappings():
            key = (
                found_row["source_id"]
                if by_record_id
                else (found_row["account_key"], found_row["title"])
            )
            existing[key] = dict(found_row)
        now = _now()
        # The importing role owns the new deals, as with a save: the server's row rules
        # refuse a rep's deal owned by anyone else.
        owner_role = (
            "" if db.is_sqlite else str(session.execute(select(_connected_role(session))).scalar())
        )
        new_rows: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        unchanged = 0
        for item in deals:
            name_key = account_key(item.account)
            values: dict[str, Any] = {
                "title": item.title,
                "value": item.value,
                "currency": item.currency,
                "close_date": item.close_date,
                "stage": item.stage.value,
                "status": item.status.value,
                "probability": item.probability,
                "owner": item.owner,
                "source_stage": item.source_stage,
            }
            key = item.record_id if by_record_id else (name_key, item.title)
            found = existing.get(key)
            if found is not None:
                known = found.get("last_contact")
                if item.last_contact is not None and (known is None or item.last_contact > known):
                    values["last_contact"] = item.last_contact  # a later activity in the CRM
                same = all(found[c] == values[c] for c in _CRM_COLUMNS)
                same = same and values.get("last_contact", known) == known
                if same and found["account_key"] == name_key:
                    unchanged += 1
                    continue
                updates.append(
                    {
                        "deal_id": found["id"],
                        "account": item.account,
                        "account_key": name_key,
                        **values,
                    }
                )
                found.update(values, account_key=name_key)  # a repeated row counts once
                continue
            new_rows.append(
                {
                    "uid": new_uid(),
                    "account": item.account,
                    "account_key": name_key,
                    "search_key": deal_search_key(item.title, item.account),
                    "phase": phase_for_stage(item.stage),
                    "last_contact": item.last_contact,
                    "source_system": system,
                    "source_id": item.record_id,
                    "owner_role": owner_role,
                    "created_at": now,
                    "updated_at": now,
                    **values,
                }
            )
            existing[key] = {"id": None, "account_key": name_key, **values}
        if dry_run:
            return ImportCounts(len(new_rows), len(updates), unchanged)
        for row in [*new_rows, *updates]:
            name_key = row.pop("account_key")
            name = row.pop("account")
            if name_key not in accounts:
                accounts[name_key] = _account_id(session, name)
            row["account_id"] = accounts[name_key]
        if new_rows:
            session.execute(insert(deal), new_rows)
        for row in updates:
            deal_id = row.pop("deal_id")
            row["search_key"] = deal_search_key(
                row["title"], _account_name(session, row["account_id"])
            )
            # A person's import: the deal's version moves, as with a save.
            session.execute(
                update(deal)
                .where(deal.c.id == deal_id)
                .values(updated_at=_server_now(session), version=deal.c.version + 1, **row)
            )
        if contacts is not None:
            _refresh_contact_dates(session, *contacts)
    return ImportCounts(len(new_rows), len(updates), unchanged)


def _account_name(session: Session, account_id: int) -> str:
    return str(
        session.execute(
            select(col(t.Account.name)).where(col(t.Account.id) == account_id)
        ).scalar_one()
    )


def meetings_between(db: Database, start: date, end: date) -> list[UpcomingMeeting]:
    """Meetings dated from `start` to `end` included, in date and time order."""
    stmt = (
        select(
            col(t.Meeting.deal_id),
            col(t.Deal.title),
            col(t.Account.name),
            col(t.Meeting.date),
            col(t.Meeting.time),
            col(t.Meeting.title),
            col(t.Meeting.round),
            col(t.Deal.owner_role),
        )
        .join(t.Deal, col(t.Deal.id) == col(t.Meeting.deal_id))
        .join(t.Account, col(t.Account.id) == col(t.Deal.account_id))
        .where(col(t.Meeting.date) >= start, col(t.Meeting.date) <= end)
        .order_by(col(t.Meeting.date), col(t.Meeting.time), col(t.Meeting.id))
    )
    with db.reading() as session:
        return [UpcomingMeeting(*row) for row in session.execute(stmt)]


# ---------------------------------------------------------------- plain settings


def get_setting(db: Database, key: str) -> str | None:
    with db.reading() as session:
        found = session.execute(select(col(t.Setting.value)).where(col(t.Setting.key) == key))
        value = found.scalar()
    return None if value is None else str(value)


def set_setting(db: Database, key: str, value: str | None) -> None:
    """Write a business setting (None removes it)."""
    with db.transaction() as session:
        if value is None:
            session.execute(delete(t.Setting).where(col(t.Setting.key) == key))
        else:
            _upsert_setting(session, key, value)


# ---------------------------------------------------------------- approvals


@dataclass(frozen=True, slots=True)
class ApprovalRequest:
    """A concession over its rep's authority, waiting for a manager."""

    deal_id: int
    deal_title: str
    owner_role: str
    entry_uid: str
    what: str
    cost: Decimal | None
    round: int | None


_LIVE = (EntryStatus.PLANNED.value, EntryStatus.OFFERED.value, EntryStatus.ACCEPTED.value)


def approvals_waiting(db: Database) -> list[ApprovalRequest]:
    """Every concession waiting for approval in the deals the connected user sees (a
    manager: the team's), oldest deal first."""
    entry = t.metadata.tables["ledger_entry"]
    stmt = (
        select(
            col(t.Deal.id),
            col(t.Deal.title),
            col(t.Deal.owner_role),
            entry.c.uid,
            entry.c.what,
            entry.c.cost,
            entry.c.round,
        )
        .join(entry, entry.c.deal_id == col(t.Deal.id))
        .where(
            entry.c.needs_approval.is_(True),
            entry.c.approved.is_(False),
            entry.c.declined.is_(False),
            entry.c.status.in_(_LIVE),
        )
        .order_by(col(t.Deal.id), entry.c.position)
    )
    with db.reading() as session:
        return [ApprovalRequest(*row) for row in session.execute(stmt)]


def decide_approval(db: Database, deal_id: int, entry_uid: str, approve: bool) -> None:
    """A manager approves or declines a concession: who is the connected role (on a
    rep's own SQLite file, their profile's name), when is the database's clock. The
    deal's version moves, so the rep's window shows it at once."""
    from salesdesk.store.team import TeamError, is_manager

    if not is_manager(db):
        raise TeamError(_("Only a manager approves or declines a concession."))
    entry = t.metadata.tables["ledger_entry"]
    with db.transaction() as session:
        who = _session_user(session) or _read_profile(session, "").name
        done = session.execute(
            update(entry)
            .where(entry.c.deal_id == deal_id, entry.c.uid == entry_uid)
            .values(
                approved=approve,
                declined=not approve,
                approved_by=who,
                approved_at=_server_now(session),
            )
        )
        if done.rowcount == 0:  # type: ignore[attr-defined]
            raise NotFound(_("There is no such concession in deal {id}.").format(id=deal_id))
        session.execute(
            update(t.Deal)
            .where(col(t.Deal.id) == deal_id)
            .values(version=col(t.Deal.version) + 1, updated_at=_server_now(session))
        )
