"""Accounts and the people at them, written with a deal; a person is their uid.

Their people are kept per account, ours company-wide; a deal links to the people
taking part in it (`deal_stakeholder`), with what each is in that deal: role, stance,
who introduced them (migration 0015). On a team's server accounts and people belong to
the role that made them, and are seen through a deal the reader sees: a rep's save
never changes another rep's deal — a person renamed in one deal while another owner's
deal names them too gets a row of their own for this deal (same uid). An account no
deal uses any more goes with the last deal deleted there (the server's trigger; here on
SQLite).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, insert, select, text, update
from sqlmodel import Session, col

from salesdesk.domain.deal import PartySide, Role, Stakeholder, Stance
from salesdesk.domain.ids import with_uid
from salesdesk.domain.text import account_key
from salesdesk.store import dialect, roles
from salesdesk.store import tables as t
from salesdesk.store.engine import Database

PEOPLE_LOCK = 0x5A1E  # the advisory locks' space of the accounts' people (any 32-bit number)

__all__ = [
    "account_name",
    "account_people",
    "drop_orphan_accounts",
    "ensure_account",
    "save_people",
]


def ensure_account(session: Session, name: str, current: int | None = None) -> int:
    """The account a deal is at: `current` (the deal's) while the name still finds it,
    else the writer's own account of that name, added when there is none. On a server
    each owner has their own accounts: one rep's "Acme" is not another's."""
    key = account_key(name)
    if current is not None:
        same = session.execute(
            select(col(t.Account.id)).where(
                col(t.Account.id) == current, col(t.Account.name_key) == key
            )
        ).scalar()
        if same is not None:
            return int(same)
    me = roles.connected_role(session)
    query = select(col(t.Account.id)).where(
        col(t.Account.name_key) == key, col(t.Account.owner_role) == me
    )
    found = session.execute(query).scalar()
    if found is None:
        stmt = dialect.insert_for(session, t.Account).values(
            name=name.strip(), name_key=key, owner_role=me
        )
        session.execute(stmt.on_conflict_do_nothing(index_elements=["owner_role", "name_key"]))
        found = session.execute(query).scalar_one()
    return int(found)


def account_name(session: Session, account_id: int) -> str:
    """The name stored for the account."""
    return str(
        session.execute(
            select(col(t.Account.name)).where(col(t.Account.id) == account_id)
        ).scalar_one()
    )


def save_people(
    session: Session, deal_id: int, account_id: int, people: Sequence[Stakeholder]
) -> dict[str, int]:
    """Find each person by uid (theirs at the account, ours company-wide), rename them
    where the name changed, add the new ones, and make the deal's links to them (with
    their role, stance and introducer in this deal) the ones given. Uids → ids."""
    table = t.metadata.tables["stakeholder"]
    if people and dialect.is_postgresql(session):
        # Saves of two deals at one account find or add its people one after the other
        # (an advisory lock: reps may not lock account rows; SQLite writes one at a time).
        session.execute(
            text("SELECT pg_advisory_xact_lock(:space, :account)"),
            {"space": PEOPLE_LOCK, "account": account_id},
        )
    linked = {
        row["uid"]: row
        for row in session.execute(
            select(table)
            .join(t.DealStakeholder, col(t.DealStakeholder.stakeholder_id) == table.c.id)
            .where(col(t.DealStakeholder.deal_id) == deal_id)
        ).mappings()
    }
    ids: dict[str, int] = {}
    for person in people:
        ids[person.uid] = _person_id(session, deal_id, account_id, person, linked.get(person.uid))
    _write_links(session, deal_id, people, ids)
    return ids


def _person_id(
    session: Session, deal_id: int, account_id: int, person: Stakeholder, linked: Any
) -> int:
    table = t.metadata.tables["stakeholder"]
    account = account_id if person.side is PartySide.THEIRS else None
    side = PartySide(person.side).value
    old = (
        linked
        if linked is not None
        and (linked["account_id"], linked["side"])
        == (
            account,
            side,
        )
        else None
    )
    if old is None:
        scope = (
            table.c.account_id == account if account is not None else table.c.account_id.is_(None)
        )
        mine = table.c.owner_role == roles.connected_role(session)
        old = (
            session.execute(
                select(table)
                .where(scope, table.c.side == side, table.c.uid == person.uid)
                .order_by(mine.desc(), table.c.id)
            )
            .mappings()
            .first()
        )
    if old is not None and old["name"] == person.name:
        return int(old["id"])
    if old is not None:
        # Renamed where the server lets this writer (their own person, in no other
        # owner's deal): their other deals naming them changed too, so they move on.
        renamed = session.execute(
            update(table)
            .where(table.c.id == old["id"])
            .values(name=person.name)
            .returning(table.c.id)
        ).scalar()
        if renamed is not None:
            if not dialect.is_postgresql(session):  # a server's trigger does it (0023)
                others = select(col(t.DealStakeholder.deal_id)).where(
                    col(t.DealStakeholder.stakeholder_id) == old["id"],
                    col(t.DealStakeholder.deal_id) != deal_id,
                )
                session.execute(
                    update(t.Deal)
                    .where(col(t.Deal.id).in_(others))
                    .values(version=col(t.Deal.version) + 1, updated_at=dialect.server_now(session))
                )
            return int(renamed)
    return int(
        session.execute(
            insert(table)
            .values(
                uid=person.uid,
                account_id=account,
                name=person.name,
                side=side,
                owner_role=roles.connected_role(session),
            )
            .returning(table.c.id)
        ).scalar_one()
    )


def _introducer(people: Sequence[Stakeholder], person: Stakeholder) -> Stakeholder | None:
    """Who introduced `person` in this deal: the person of the deal of that uid (never
    themself; nobody when a merge left the uid of someone no longer in the deal)."""
    if not person.introduced_by or person.introduced_by == person.uid:
        return None
    return next((p for p in people if p.uid == person.introduced_by), None)


def _write_links(
    session: Session, deal_id: int, people: Sequence[Stakeholder], ids: dict[str, int]
) -> None:
    """The deal's links, row by row: a link kept keeps its person (a rep editing a
    colleague's deal may no longer see a person it unlinked and linked again)."""
    links = t.metadata.tables["deal_stakeholder"]
    wanted: dict[int, dict[str, Any]] = {}
    for position, person in enumerate(people):
        person_id = ids[person.uid]
        if person_id in wanted:
            continue
        intro = _introducer(people, person)
        wanted[person_id] = {
            "position": position,
            "role": person.role.value if person.role else None,
            "stance": person.stance.value if person.stance else None,
            "introduced_by_id": ids[intro.uid] if intro is not None else None,
        }
    current = {
        row["stakeholder_id"]: row
        for row in session.execute(select(links).where(links.c.deal_id == deal_id)).mappings()
    }
    gone = [pid for pid in current if pid not in wanted]
    if gone:
        session.execute(
            delete(links).where(links.c.deal_id == deal_id, links.c.stakeholder_id.in_(gone))
        )
    for person_id, values in wanted.items():
        old = current.get(person_id)
        if old is None:
            session.execute(
                insert(links).values(deal_id=deal_id, stakeholder_id=person_id, **values)
            )
        elif any(old[k] != v for k, v in values.items()):
            session.execute(
                update(links)
                .where(links.c.deal_id == deal_id, links.c.stakeholder_id == person_id)
                .values(**values)
            )


def account_people(db: Database, account: str) -> list[Stakeholder]:
    """The people known at an account, offered when a new deal starts there: those of
    the deals the connected user sees (the server's rules), each once, with what they
    were in the latest of those deals."""
    person, links = t.metadata.tables["stakeholder"], t.metadata.tables["deal_stakeholder"]
    stmt = (
        select(person.c.uid, person.c.name, person.c.side, links.c.role, links.c.stance)
        .join(links, links.c.stakeholder_id == person.c.id)
        .join(t.Deal, col(t.Deal.id) == links.c.deal_id)
        .join(t.Account, col(t.Account.id) == person.c.account_id)
        .where(col(t.Account.name_key) == account_key(account))
        .order_by(person.c.name, person.c.uid, col(t.Deal.id).desc())
    )
    found: dict[str, Stakeholder] = {}
    with db.reading() as session:
        for uid, name, side, role, stance in session.execute(stmt):
            # A word this app does not know (written in psql) is the other deal's
            # trouble: the person is suggested without it, or not at all.
            if uid not in found and side in PartySide.__members__.values():
                role = role if role in Role.__members__.values() else None
                stance = stance if stance in Stance.__members__.values() else None
                found[uid] = with_uid(
                    Stakeholder(
                        name,
                        PartySide(side),
                        Role(role) if role else None,
                        Stance(stance) if stance else None,
                    ),
                    uid,
                )
    return list(found.values())


def drop_orphan_accounts(session: Session, account_ids: Iterable[int] | None = None) -> None:
    """Remove the accounts no deal uses any more (of `account_ids` only, when given).

    On a team's server the deal's own account goes by its trigger (a rep may not remove
    accounts, and one that looks unused to him may hold a colleague's private deal)."""
    if dialect.is_postgresql(session):
        return
    used = select(col(t.Deal.account_id)).distinct()
    orphans = select(col(t.Account.id)).where(col(t.Account.id).not_in(used))
    if account_ids is not None:
        orphans = orphans.where(col(t.Account.id).in_(list(account_ids)))
    session.execute(delete(t.Account).where(col(t.Account.id).in_(orphans)))
