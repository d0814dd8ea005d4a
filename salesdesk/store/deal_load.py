"""Reading deals back: a whole deal as a `DealSheet`, its version, its id by uid.

Callers get plain domain objects, never ORM instances, so nothing above the store can
trigger a lazy load.
"""

from __future__ import annotations

import json

from sqlalchemy import select
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
from salesdesk.domain.ids import with_uid
from salesdesk.domain.ledger import EntryStatus, Giver, LedgerEntry
from salesdesk.domain.stages import PHASES, DealStatus, Stage
from salesdesk.domain.terms import POSITION_FIELDS, Direction, Side, Term, TermKind
from salesdesk.i18n import _
from salesdesk.store import tables as t
from salesdesk.store.engine import Database
from salesdesk.store.errors import Damaged, NotFound, known
from salesdesk.store.preferences import decode, load_batna_packages, load_term_preferences
from salesdesk.store.values import utc_naive

__all__ = [
    "current_version",
    "deal_id_for_uid",
    "known",
    "load_deal",
    "load_deal_in",
    "sample_deal_ids",
    "utc_naive",
]


def load_deal(db: Database, deal_id: int) -> DealSheet:
    with db.reading() as session:
        return _load(session, deal_id)


def load_deal_in(session: Session, deal_id: int) -> DealSheet:
    """`load_deal` in the caller's transaction."""
    return _load(session, deal_id)


def current_version(db: Database, deal_id: int) -> int | None:
    """The deal's version in the database now (None: no such deal)."""
    with db.reading() as session:
        found = session.execute(
            select(col(t.Deal.version)).where(col(t.Deal.id) == deal_id)
        ).scalar()
    return None if found is None else int(found)


def deal_id_for_uid(db: Database, uid: str) -> int | None:
    with db.reading() as session:
        return session.execute(select(col(t.Deal.id)).where(col(t.Deal.uid) == uid)).scalar()


def sample_deal_ids(db: Database) -> dict[str, int]:
    with db.reading() as session:
        rows = session.execute(
            select(col(t.Deal.sample), col(t.Deal.id)).where(col(t.Deal.sample).is_not(None))
        ).all()
    return {str(sample): deal_id for sample, deal_id in rows}


def _bad_phase(deal_id: int, phase: object) -> int:
    raise Damaged(deal_id, "deal.phase", phase)


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
        status=known(DealStatus, deal.status, deal_id, "deal.status"),
        stage=known(Stage, deal.stage, deal_id, "deal.stage"),
        phase=deal.phase if deal.phase in PHASES else _bad_phase(deal_id, deal.phase),
        close_date=deal.close_date,
        probability=deal.probability,
        owner=deal.owner,
        customer_language=deal.customer_language,
        last_contact=deal.last_contact,
        lost_reason=deal.lost_reason or "",
        competitor=deal.competitor or "",
        source=Source(
            deal.source_system,
            deal.source_id,
            deal.source_stage,
            json.loads(deal.source_detail) if deal.source_detail else {},
        )
        if deal.source_system
        else None,
        version=deal.version,
    )
    term_names: dict[int, str] = {}
    by_id: dict[int, Term] = {}
    rows = list(
        session.execute(
            select(t.Term)
            .where(col(t.Term.deal_id) == deal_id)
            .order_by(col(t.Term.position), col(t.Term.id))
        ).scalars()
    )
    preferences = load_term_preferences(session, [row.id for row in rows if row.id is not None])
    for term in rows:
        assert term.id is not None
        term_names[term.id] = term.name
        options, points, their_points = preferences.get(term.id, ([], [], []))
        made = with_uid(
            Term(
                name=term.name,
                unit=term.unit,
                direction=known(Direction, term.direction, deal_id, "term.direction"),
                weight=term.weight,
                their_weight=term.their_weight,
                step=term.step,
                kind=known(TermKind, term.kind, deal_id, "term.kind"),
                options=options,
                points=points,
                their_points=their_points,
            ),
            term.uid,
        )
        for name in POSITION_FIELDS:
            setattr(made, name, decode(made, getattr(term, name)))
        by_id[term.id] = made
        sheet.terms.append(made)
    packages = load_batna_packages(session, deal_id, by_id)
    for batna in session.execute(select(t.Batna).where(col(t.Batna.deal_id) == deal_id)).scalars():
        assert batna.id is not None
        value = Batna(
            batna.description,
            decode(by_id.get(batna.term_id or -1), batna.value),
            term_names.get(batna.term_id) if batna.term_id else None,
            batna.score,
            packages.get(batna.id),
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
                    giver=known(Giver, entry.giver, deal_id, "ledger_entry.giver"),
                    what=entry.what,
                    term=term_names.get(entry.term_id) if entry.term_id else None,
                    cost=entry.cost,
                    value=entry.value,
                    counterpart=entry.counterpart,
                    counterpart_value=entry.counterpart_value,
                    counterpart_cost=entry.counterpart_cost,
                    status=known(EntryStatus, entry.status, deal_id, "ledger_entry.status"),
                    round=entry.round,
                    needs_approval=entry.needs_approval,
                    approved=entry.approved,
                    approved_by=entry.approved_by,
                    approved_at=utc_naive(entry.approved_at),
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
        offers[offer.id] = with_uid(
            Offer(known(Side, offer.side, deal_id, "offer.side"), offer.round), offer.uid
        )
    if offers:
        for offer_id, term_id, value in session.execute(
            select(
                col(t.OfferValue.offer_id), col(t.OfferValue.term_id), col(t.OfferValue.value)
            ).where(col(t.OfferValue.offer_id).in_(offers))
        ):
            decoded = decode(by_id[term_id], value)
            if decoded is not None:
                offers[offer_id].values[term_names[term_id]] = decoded
        # Values in the worksheet's term order, whatever order the rows came in.
        order = {name: i for i, name in enumerate(term_names.values())}
        for offer in offers.values():
            offer.values = dict(sorted(offer.values.items(), key=lambda kv: order[kv[0]]))
    sheet.offers = list(offers.values())
    # What each person is in this deal (role, stance, introducer) is on the deal's link.
    people: dict[int, str] = {}
    introducers: list[int | None] = []
    links = t.metadata.tables["deal_stakeholder"]
    for person, role, stance, intro in session.execute(
        select(t.Stakeholder, links.c.role, links.c.stance, links.c.introduced_by_id)
        .join(links, links.c.stakeholder_id == col(t.Stakeholder.id))
        .where(links.c.deal_id == deal_id)
        .order_by(links.c.position)
    ):
        assert person.id is not None
        introducers.append(intro)
        sheet.stakeholders.append(
            with_uid(
                Stakeholder(
                    name=person.name,
                    side=known(PartySide, person.side, deal_id, "stakeholder.side"),
                    role=known(Role, role, deal_id, "deal_stakeholder.role") if role else None,
                    stance=known(Stance, stance, deal_id, "deal_stakeholder.stance")
                    if stance
                    else None,
                ),
                person.uid,
            )
        )
        people[person.id] = sheet.stakeholders[-1].uid
    # Who introduced whom, and who attended, are the deal's people by uid: a link to
    # someone no longer in the deal (written in psql) is passed over.
    for person_obj, intro in zip(sheet.stakeholders, introducers, strict=True):
        uid = people.get(intro) if intro is not None else None
        person_obj.introduced_by = uid if uid != person_obj.uid else None
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
                minutes=meeting.minutes,
                location=meeting.location,
                sequence=meeting.sequence,
            ),
            meeting.uid,
        )
    if meetings:
        for meeting_id, person_id in session.execute(
            select(col(t.MeetingAttendee.meeting_id), col(t.MeetingAttendee.stakeholder_id))
            .where(col(t.MeetingAttendee.meeting_id).in_(meetings))
            .order_by(col(t.MeetingAttendee.meeting_id), col(t.MeetingAttendee.position))
        ):
            uid = people.get(person_id)
            if uid is not None and uid not in meetings[meeting_id].attendees:
                meetings[meeting_id].attendees.append(uid)
    sheet.meetings = list(meetings.values())
    sheet.interactions = [
        with_uid(
            Interaction(
                date=i.date,
                channel=known(Channel, i.channel, deal_id, "interaction.channel"),
                summary=i.summary,
            ),
            i.uid,
        )
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
