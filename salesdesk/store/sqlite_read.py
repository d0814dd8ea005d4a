"""Reading deals from a SalesDesk SQLite file with the standard library's sqlite3 alone.

A brief, a pack or a list from the shell reads a few rows and leaves: importing
SQLAlchemy, SQLModel and the table classes costs more than everything else such a
command does. This reader returns exactly what the store returns (`deal_load.load_deal`,
`settings.load_profile`, `contacts.meetings_between`; tests/store/test_sqlite_read.py
compares them on many deals), from the same statements in plain SQL.

It serves only a file at the current schema: `open_reader` returns None for a server,
for a file still to create, and for one to migrate, which the caller then opens
through the store (`engine.open_database`), as before. The same checks refuse the
same files (not a SalesDesk database, too new, damaged, read-only).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

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
from salesdesk.domain.listing import DealSummary, UpcomingMeeting
from salesdesk.domain.profile import Profile
from salesdesk.domain.stages import PHASES, DealStatus, Stage
from salesdesk.domain.terms import (
    POSITION_FIELDS,
    Direction,
    ScorePoint,
    Side,
    Term,
    TermKind,
    TermOption,
    Value,
)
from salesdesk.i18n import _
from salesdesk.paths import resolve_database
from salesdesk.store.errors import (
    Damaged,
    DatabaseUnavailable,
    NotFound,
    Problem,
    classify,
    known,
)
from salesdesk.store.list_rows import listed
from salesdesk.store.profile_rows import profile_from_settings
from salesdesk.store.revisions import SCHEMA_HEAD
from salesdesk.store.sqlite_file import BUSY_TIMEOUT_MS, check_header, check_sqlite_file
from salesdesk.store.values import decode, from_stored, utc_naive

__all__ = ["QuickReader", "open_reader"]


def _exact(value: Any) -> Any:
    """An ExactDecimal column's value (None stays None)."""
    return None if value is None else from_stored(value)


def _date(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _time(value: Any) -> time | None:
    return None if value is None else time.fromisoformat(value)


def _moment(value: Any) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


def open_reader(target: str | None, *, verify: bool = True) -> QuickReader | None:
    """A reader of the SQLite database at `target` (a path, or None: the default), or
    None when the store must open it instead: a server's URL, a file that does not exist
    yet, or one whose schema is not the current one (the store migrates it, with a
    backup). Raises DatabaseUnavailable for what the store would refuse too."""
    target = resolve_database(target)
    if "://" in target:
        return None
    path = Path(target).expanduser()
    location = str(path)
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
    except OSError:
        return None
    check_header(path)
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        raise DatabaseUnavailable(Problem.READ_ONLY, location)
    if check_sqlite_file(path, verify=verify) != SCHEMA_HEAD:
        return None
    try:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    except sqlite3.Error as exc:
        raise classify(exc, location) or exc from exc
    return QuickReader(conn, location)


class QuickReader:
    """Reads from one connection; every call reads one consistent snapshot."""

    def __init__(self, conn: sqlite3.Connection, location: str) -> None:
        self.conn = conn
        self.location = location

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> QuickReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: what it reads is one moment of the file. SQLite's
        errors of the environment (busy, damaged, unreadable) become the store's."""
        try:
            self.conn.execute("BEGIN")
            try:
                yield self.conn
            finally:
                self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise classify(exc, self.location) or exc from exc

    # ------------------------------------------------------------ what is read

    def load_profile(self) -> Profile:
        """settings.load_profile on a SQLite file (no roles: the user is '')."""
        with self.reading() as conn:
            rows = dict(conn.execute("SELECT key, value FROM setting"))
        return profile_from_settings(rows, "")

    def load_deal(self, deal_id: int) -> DealSheet:
        """deal_load.load_deal."""
        with self.reading() as conn:
            return _load(conn, deal_id)

    def list_deals(self, today: date, cadence: Sequence[int]) -> list[DealSummary]:
        """deal_list.list_deals: every deal with its contact state, by account, title."""
        day = today.isoformat()
        with self.reading() as conn:
            rows = conn.execute(
                "SELECT deal.id, deal.uid, deal.title, account.name, deal.stage, deal.phase,"
                " deal.status, deal.value, deal.currency, deal.last_contact, lm.d, li.d"
                " FROM deal JOIN account ON account.id = deal.account_id"
                " LEFT OUTER JOIN (SELECT meeting.deal_id AS deal_id, max(meeting.date) AS d"
                " FROM meeting WHERE meeting.date <= ? GROUP BY meeting.deal_id) AS lm"
                " ON lm.deal_id = deal.id"
                " LEFT OUTER JOIN (SELECT interaction.deal_id AS deal_id,"
                " max(interaction.date) AS d FROM interaction WHERE interaction.date <= ?"
                " GROUP BY interaction.deal_id) AS li ON li.deal_id = deal.id"
                " ORDER BY account.name_key, deal.title, deal.id",
                (day, day),
            ).fetchall()
        return [
            listed(
                (*row[:7], _exact(row[7]), row[8], *map(_date, row[9:])),
                today,
                cadence,
            )
            for row in rows
        ]

    def meetings_between(self, start: date, end: date) -> list[UpcomingMeeting]:
        """contacts.meetings_between."""
        with self.reading() as conn:
            rows = conn.execute(
                "SELECT meeting.deal_id, deal.title, account.name, meeting.date, meeting.time,"
                " meeting.title, meeting.round, deal.owner_role, meeting.uid FROM meeting"
                " JOIN deal ON deal.id = meeting.deal_id"
                " JOIN account ON account.id = deal.account_id"
                " WHERE meeting.date >= ? AND meeting.date <= ?"
                " ORDER BY meeting.date, meeting.time, meeting.id",
                (start.isoformat(), end.isoformat()),
            ).fetchall()
        return [
            UpcomingMeeting(d, title, account, _date(day), _time(at), what, rnd, owner, uid)  # type: ignore[arg-type]
            for d, title, account, day, at, what, rnd, owner, uid in rows
        ]


_POSITIONS = ", ".join(POSITION_FIELDS)


def _load(conn: sqlite3.Connection, deal_id: int) -> DealSheet:
    """deal_load._load, statement by statement."""
    row = conn.execute(
        "SELECT deal.id, deal.uid, deal.title, account.name, deal.currency, deal.value,"
        " deal.status, deal.stage, deal.phase, deal.close_date, deal.probability, deal.owner,"
        " deal.customer_language, deal.last_contact, deal.lost_reason, deal.competitor,"
        " deal.source_system, deal.source_id, deal.source_stage, deal.source_detail,"
        " deal.version FROM deal JOIN account ON account.id = deal.account_id"
        " WHERE deal.id = ?",
        (deal_id,),
    ).fetchone()
    if row is None:
        raise NotFound(_("There is no deal {id}.").format(id=deal_id))
    (
        _id,
        uid,
        title,
        account,
        currency,
        value,
        status,
        stage,
        phase,
        close_date,
        probability,
        owner,
        customer_language,
        last_contact,
        lost_reason,
        competitor,
        source_system,
        source_id,
        source_stage,
        source_detail,
        version,
    ) = row
    if phase not in PHASES:
        raise Damaged(deal_id, "deal.phase", phase)
    sheet = DealSheet(
        id=_id,
        uid=uid,
        title=title,
        account=account,
        currency=currency,
        value=_exact(value),
        status=known(DealStatus, status, deal_id, "deal.status"),
        stage=known(Stage, stage, deal_id, "deal.stage"),
        phase=phase,
        close_date=_date(close_date),
        probability=probability,
        owner=owner,
        customer_language=customer_language,
        last_contact=_date(last_contact),
        lost_reason=lost_reason or "",
        competitor=competitor or "",
        source=Source(
            source_system,
            source_id,
            source_stage,
            json.loads(source_detail) if source_detail else {},
        )
        if source_system
        else None,
        version=version,
    )
    term_names: dict[int, str] = {}
    by_id: dict[int, Term] = {}
    terms = conn.execute(
        "SELECT id, uid, name, unit, direction, weight, their_weight, step, kind,"
        f" {_POSITIONS} FROM term WHERE term.deal_id = ? ORDER BY term.position, term.id",
        (deal_id,),
    ).fetchall()
    preferences = _term_preferences(conn, [r[0] for r in terms])
    for term_id, term_uid, name, unit, direction, weight, their_weight, step, kind, *at in terms:
        term_names[term_id] = name
        options, points, their_points = preferences.get(term_id, ([], [], []))
        made = with_uid(
            Term(
                name=name,
                unit=unit,
                direction=known(Direction, direction, deal_id, "term.direction"),
                weight=_exact(weight),
                their_weight=_exact(their_weight),
                step=_exact(step),
                kind=known(TermKind, kind, deal_id, "term.kind"),
                options=options,
                points=points,
                their_points=their_points,
            ),
            term_uid,
        )
        for field, stored in zip(POSITION_FIELDS, at, strict=True):
            setattr(made, field, decode(made, _exact(stored)))
        by_id[term_id] = made
        sheet.terms.append(made)
    packages = _batna_packages(conn, deal_id, by_id)
    for batna_id, side, description, value, term_id, score in conn.execute(
        "SELECT id, side, description, value, term_id, score FROM batna WHERE batna.deal_id = ?",
        (deal_id,),
    ):
        batna = Batna(
            description,
            decode(by_id.get(term_id or -1), _exact(value)),
            term_names.get(term_id) if term_id else None,
            _exact(score),
            packages.get(batna_id),
        )
        if side == "ours":
            sheet.batna_ours = batna
        else:
            sheet.batna_theirs = batna
    for entry in conn.execute(
        "SELECT uid, giver, what, term_id, cost, value, counterpart, counterpart_value,"
        " counterpart_cost, status, round, needs_approval, approved, approved_by,"
        " approved_at, declined FROM ledger_entry WHERE ledger_entry.deal_id = ?"
        " ORDER BY ledger_entry.position, ledger_entry.id",
        (deal_id,),
    ):
        e_uid, giver, what, term_id, cost, value, counterpart, c_value, c_cost, status = entry[:10]
        rnd, needs_approval, approved, approved_by, approved_at, declined = entry[10:]
        sheet.ledger.append(
            with_uid(
                LedgerEntry(
                    giver=known(Giver, giver, deal_id, "ledger_entry.giver"),
                    what=what,
                    term=term_names.get(term_id) if term_id else None,
                    cost=_exact(cost),
                    value=_exact(value),
                    counterpart=counterpart,
                    counterpart_value=_exact(c_value),
                    counterpart_cost=_exact(c_cost),
                    status=known(EntryStatus, status, deal_id, "ledger_entry.status"),
                    round=rnd,
                    needs_approval=_bool(needs_approval),  # type: ignore[arg-type]
                    approved=_bool(approved),  # type: ignore[arg-type]
                    approved_by=approved_by,
                    approved_at=utc_naive(_moment(approved_at)),
                    declined=_bool(declined),  # type: ignore[arg-type]
                ),
                e_uid,
            )
        )
    offers: dict[int, Offer] = {}
    for offer_id, o_uid, side, rnd in conn.execute(
        "SELECT id, uid, side, round FROM offer WHERE offer.deal_id = ?"
        " ORDER BY offer.round, offer.id",
        (deal_id,),
    ):
        offers[offer_id] = with_uid(Offer(known(Side, side, deal_id, "offer.side"), rnd), o_uid)
    if offers:
        for offer_id, term_id, stored in conn.execute(
            "SELECT offer_value.offer_id, offer_value.term_id, offer_value.value"
            " FROM offer_value JOIN offer ON offer.id = offer_value.offer_id"
            " WHERE offer.deal_id = ?",
            (deal_id,),
        ):
            decoded = decode(by_id[term_id], _exact(stored))
            if decoded is not None:
                offers[offer_id].values[term_names[term_id]] = decoded
        order = {name: i for i, name in enumerate(term_names.values())}
        for offer in offers.values():
            offer.values = dict(sorted(offer.values.items(), key=lambda kv: order[kv[0]]))
    sheet.offers = list(offers.values())
    people: dict[int, str] = {}
    introducers: list[int | None] = []
    for person_id, p_uid, name, side, role, stance, intro in conn.execute(
        "SELECT stakeholder.id, stakeholder.uid, stakeholder.name, stakeholder.side,"
        " deal_stakeholder.role, deal_stakeholder.stance, deal_stakeholder.introduced_by_id"
        " FROM stakeholder JOIN deal_stakeholder"
        " ON deal_stakeholder.stakeholder_id = stakeholder.id"
        " WHERE deal_stakeholder.deal_id = ? ORDER BY deal_stakeholder.position",
        (deal_id,),
    ):
        introducers.append(intro)
        sheet.stakeholders.append(
            with_uid(
                Stakeholder(
                    name=name,
                    side=known(PartySide, side, deal_id, "stakeholder.side"),
                    role=known(Role, role, deal_id, "deal_stakeholder.role") if role else None,
                    stance=known(Stance, stance, deal_id, "deal_stakeholder.stance")
                    if stance
                    else None,
                ),
                p_uid,
            )
        )
        people[person_id] = sheet.stakeholders[-1].uid
    # Who introduced whom, and who attended, are the deal's people by uid (as
    # deal_load reads them): a link to someone no longer in the deal is passed over.
    for person, intro in zip(sheet.stakeholders, introducers, strict=True):
        uid = people.get(intro) if intro is not None else None
        person.introduced_by = uid if uid != person.uid else None
    meetings: dict[int, Meeting] = {}
    for meeting_id, m_uid, day, at, rnd, *texts, minutes, location, sequence in conn.execute(
        "SELECT id, uid, date, time, round, title, objectives, agenda, outcome, next_steps,"
        " customer_note, minutes, location, sequence FROM meeting WHERE meeting.deal_id = ?"
        " ORDER BY meeting.date, meeting.time, meeting.id",
        (deal_id,),
    ):
        title_, objectives, agenda, outcome, next_steps, customer_note = texts
        meetings[meeting_id] = with_uid(
            Meeting(
                date=_date(day),  # type: ignore[arg-type]
                time=_time(at),
                round=rnd,
                title=title_,
                objectives=objectives,
                agenda=agenda,
                outcome=outcome,
                next_steps=next_steps,
                customer_note=customer_note,
                minutes=minutes,
                location=location,
                sequence=sequence,
            ),
            m_uid,
        )
    if meetings:
        for meeting_id, person_id in conn.execute(
            "SELECT meeting_attendee.meeting_id, meeting_attendee.stakeholder_id"
            " FROM meeting_attendee JOIN meeting ON meeting.id = meeting_attendee.meeting_id"
            " WHERE meeting.deal_id = ?"
            " ORDER BY meeting_attendee.meeting_id, meeting_attendee.position",
            (deal_id,),
        ):
            uid = people.get(person_id)
            if uid is not None and uid not in meetings[meeting_id].attendees:
                meetings[meeting_id].attendees.append(uid)
    sheet.meetings = list(meetings.values())
    sheet.interactions = [
        with_uid(
            Interaction(
                date=_date(day),  # type: ignore[arg-type]
                channel=known(Channel, channel, deal_id, "interaction.channel"),
                summary=summary,
            ),
            i_uid,
        )
        for i_uid, day, channel, summary in conn.execute(
            "SELECT uid, date, channel, summary FROM interaction WHERE interaction.deal_id = ?"
            " ORDER BY interaction.date, interaction.id",
            (deal_id,),
        )
    ]
    for stage_, item in conn.execute(
        "SELECT stage, item FROM checklist_tick WHERE checklist_tick.deal_id = ?"
        " ORDER BY checklist_tick.stage, checklist_tick.item",
        (deal_id,),
    ):
        sheet.checklist.setdefault(stage_, []).append(item)
    return sheet


Preferences = dict[int, tuple[list[TermOption], list[ScorePoint], list[ScorePoint]]]


def _term_preferences(conn: sqlite3.Connection, term_ids: list[int]) -> Preferences:
    """preferences.load_term_preferences: per term, its options and score points."""
    out: Preferences = {}
    if not term_ids:
        return out
    marks = ", ".join("?" * len(term_ids))
    for term_id, label, score, their_score in conn.execute(
        "SELECT term_id, label, score, their_score FROM term_option"
        f" WHERE term_option.term_id IN ({marks})"
        " ORDER BY term_option.term_id, term_option.position",
        term_ids,
    ):
        out.setdefault(term_id, ([], [], []))[0].append(
            TermOption(label, _exact(score), _exact(their_score))
        )
    for term_id, side, value, score in conn.execute(
        "SELECT term_id, side, value, score FROM term_point"
        f" WHERE term_point.term_id IN ({marks})"
        " ORDER BY term_point.term_id, term_point.side, term_point.position",
        term_ids,
    ):
        lists = out.setdefault(term_id, ([], [], []))
        (lists[1] if side == Side.US.value else lists[2]).append(
            ScorePoint(_exact(value), _exact(score))
        )
    return out


def _batna_packages(
    conn: sqlite3.Connection, deal_id: int, terms: dict[int, Term]
) -> dict[int, dict[str, Value]]:
    """preferences.load_batna_packages: per BATNA, its package in the term order."""
    out: dict[int, dict[str, Value]] = {}
    rows = conn.execute(
        "SELECT batna_value.batna_id, batna_value.term_id, batna_value.value FROM batna_value"
        " JOIN batna ON batna.id = batna_value.batna_id WHERE batna.deal_id = ?",
        (deal_id,),
    ).fetchall()
    order = {term_id: i for i, term_id in enumerate(terms)}
    for batna_id, term_id, stored in sorted(rows, key=lambda r: order.get(r[1], 0)):
        term = terms.get(term_id)
        value = decode(term, _exact(stored))
        if term is not None and value is not None:
            out.setdefault(batna_id, {})[term.name] = value
    return out
