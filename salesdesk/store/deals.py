"""Saving and deleting whole deals, each in one transaction, and their tombstones.

A save writes only what changed and advances the deal's version, from the version it
was loaded at (a deal saved meanwhile elsewhere is a `Conflict`, and nothing is
written); a delete leaves a tombstone, so a sync carries the deletion.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col

from salesdesk.domain.deal import DealSheet, check_people, people_named
from salesdesk.domain.ids import new_uid
from salesdesk.domain.ledger import check_costs
from salesdesk.domain.stages import contact_state
from salesdesk.domain.text import deal_search_key
from salesdesk.i18n import _
from salesdesk.store import dialect, meeting_calendar, people, roles, settings
from salesdesk.store import tables as t
from salesdesk.store.engine import Database
from salesdesk.store.errors import LOCK_NOT_AVAILABLE, Busy, Conflict, NotFound, sqlstate
from salesdesk.store.preferences import (
    encode,
    save_batna_package,
    save_term_preferences,
    term_columns,
)

__all__ = ["delete_deal", "delete_deal_in", "save_deal", "save_deal_in", "write_tombstone"]


def save_deal(
    db: Database,
    sheet: DealSheet,
    *,
    today: date,
    sample: str | None = None,
) -> int:
    """Insert the sheet as a new deal (no id) or write what changed in the deal it was
    loaded from, advancing its version. `today` is the caller's day (the app's, a
    test's), never the store's own reading of the clock.

    The deal must still be at `sheet.version`: a deal saved meanwhile by someone else
    raises Conflict and nothing is written. On success `sheet.id` and `sheet.version`
    are the saved deal's.
    """
    with db.transaction() as session:
        return _save(session, sheet, sample, today)


def save_deal_in(session: Session, sheet: DealSheet, today: date) -> int:
    """`save_deal` in the caller's transaction (a sync writes a deal and its sync state
    together); a deal re-created under a deleted uid loses its tombstone (on a server,
    by the server's trigger)."""
    if sheet.id is None and sheet.uid and not dialect.is_postgresql(session):
        session.execute(delete(t.DealTombstone).where(col(t.DealTombstone.uid) == sheet.uid))
    return _save(session, sheet, None, today)


def delete_deal(db: Database, deal_id: int) -> None:
    with db.transaction() as session:
        if not delete_deal_in(session, deal_id):
            raise NotFound(_("There is no deal {id}.").format(id=deal_id))


def delete_deal_in(session: Session, deal_id: int, version: int | None = None) -> bool:
    """Delete the deal (only at `version` when given) in the caller's transaction,
    leaving its tombstone so a sync carries the deletion; False when nothing matched."""
    found = session.execute(
        select(
            col(t.Deal.uid),
            col(t.Deal.version),
            col(t.Deal.sample),
            col(t.Deal.owner_role),
            col(t.Deal.account_id),
        ).where(col(t.Deal.id) == deal_id)
    ).first()
    if found is None or (version is not None and found.version != version):
        return False
    gone = session.execute(delete(t.Deal).where(col(t.Deal.id) == deal_id))
    if gone.rowcount == 0:  # type: ignore[attr-defined]
        return False  # seen but not deleted: the server's rules keep it from this role
    # On a server its trigger leaves the tombstone (its clock, the deal's owner) and
    # drops the account left without a deal, however the deal was deleted.
    if found.sample is None and not dialect.is_postgresql(session):
        write_tombstone(session, found.uid, int(found.version), found.owner_role)
    people.drop_orphan_accounts(session, [int(found.account_id)])
    return True


def write_tombstone(session: Session, uid: str, version: int, owner_role: str = "") -> None:
    """The deal's tombstone keeps its owner: on a team's server it is read by those who
    could read the deal."""
    stmt = dialect.insert_for(session, t.DealTombstone).values(
        uid=uid, version=version, deleted_at=dialect.server_now(session), owner_role=owner_role
    )
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["uid"],
            set_={"version": stmt.excluded.version, "deleted_at": stmt.excluded.deleted_at},
        )
    )


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
    check_people(sheet.stakeholders)
    check_costs(sheet.ledger)
    was = (
        session.execute(
            select(col(t.Deal.account_id), col(t.Deal.last_contact)).where(
                col(t.Deal.id) == sheet.id
            )
        ).first()
        if sheet.id is not None
        else None
    )
    account_id = people.ensure_account(session, sheet.account, was[0] if was else None)
    # On a server its clock decides, never a laptop's ahead of it: the day the next
    # contact is counted from, and whether a recorded last contact is in the future
    # (then the one stored stays, as the server's trigger would keep it).
    today = dialect.day_of(session, today)
    latest = dialect.day_of(session, date.max)
    recorded = sheet.last_contact
    if recorded is not None and recorded > latest:
        previous = was[1] if was else None
        recorded = previous if previous is not None and previous <= latest else None
    contact = contact_state(
        recorded=recorded,
        events=sheet.contact_events(),
        phase=sheet.phase,
        status=sheet.status,
        today=today,
        cadence=settings.read_profile(session).cadence,
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
        "customer_language": sheet.customer_language,
        "last_contact": recorded,
        "source_system": sheet.source.system if sheet.source else None,
        "source_id": sheet.source.id if sheet.source else None,
        "source_stage": sheet.source.stage if sheet.source else None,
        "source_detail": json.dumps(sheet.source.details, sort_keys=True, ensure_ascii=False)
        if sheet.source and sheet.source.details
        else None,
        "lost_reason": sheet.lost_reason or None,
        "competitor": sheet.competitor or None,
        "updated_at": dialect.server_now(session),
    }
    stored_before = sheet.id  # None: a new deal, without meetings stored yet
    if sheet.id is None:
        sheet.uid = sheet.uid or new_uid()
        deal_id = int(
            session.execute(
                insert(t.Deal)
                .values(
                    uid=sheet.uid,
                    sample=sample,
                    created_at=dialect.server_now(session),
                    version=1,
                    owner_role=roles.connected_role(session),
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

    for rows in (
        sheet.terms,
        sheet.offers,
        sheet.ledger,
        sheet.stakeholders,
        sheet.meetings,
        sheet.interactions,
    ):
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
                # The kind, and the positions (an option term's as its options' numbers).
                **term_columns(term),
                "step": term.step,
            }
            for position, term in enumerate(sheet.terms)
        ],
    )
    save_term_preferences(session, sheet.terms, term_ids)
    by_name = {term.name: term_ids[term.uid] for term in sheet.terms}
    terms = {term.name: term for term in sheet.terms}

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
            "value": encode(terms.get(batna.term or ""), batna.value),
            "term_id": by_name.get(batna.term) if batna.term else None,
            "score": batna.score,
        }
        old = stored.get(side)
        if batna.is_empty and not batna.term:
            if old is not None:
                session.execute(delete(batna_table).where(batna_table.c.id == old["id"]))
            continue
        if old is None:
            batna_id = session.execute(
                insert(batna_table)
                .values(deal_id=deal_id, side=side, **values)
                .returning(batna_table.c.id)
            ).scalar_one()
        else:
            batna_id = old["id"]
            if any(old[k] != v for k, v in values.items()):
                session.execute(
                    update(batna_table).where(batna_table.c.id == old["id"]).values(**values)
                )
        save_batna_package(session, int(batna_id), batna.package, terms, by_name)

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
        new_values = {
            by_name[name]: figure
            for name, value in offer.values.items()
            if (figure := encode(terms.get(name), value)) is not None
        }
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

    # Attendees are the deal's people by uid (two of one name are two people).
    person_ids = people.save_people(session, deal_id, account_id, sheet.stakeholders)

    # Each meeting's calendar sequence, and the meetings this save removes.
    meeting_calendar.before_saving(session, stored_before, sheet.meetings, today)
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
                "minutes": m.minutes,
                "location": m.location,
                "sequence": m.sequence,
            }
            for m in sheet.meetings
        ],
    )
    for meeting in sheet.meetings:
        attendees = [person_ids[p.uid] for p in people_named(sheet.stakeholders, meeting.attendees)]
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
