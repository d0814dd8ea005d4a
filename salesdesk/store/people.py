"""Accounts and the people at them: found by name or uid, written with a deal.

Their people are kept per account, ours company-wide; a deal links to the people
taking part in it (`deal_stakeholder`), a meeting to its attendees. An account no deal
uses any more goes with the last deal deleted there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from salesdesk.domain.deal import PartySide, Role, Stakeholder, Stance
from salesdesk.domain.ids import with_uid
from salesdesk.domain.text import account_key
from salesdesk.store import dialect
from salesdesk.store import tables as t
from salesdesk.store.engine import Database

__all__ = [
    "account_name",
    "account_people",
    "drop_orphan_accounts",
    "ensure_account",
    "save_people",
]


def ensure_account(session: Session, name: str) -> int:
    """The id of the account of that name (its key), added when there is none."""
    key = account_key(name)
    query = select(col(t.Account.id)).where(col(t.Account.name_key) == key)
    found = session.execute(query).scalar()
    if found is None:
        dialect.insert_or_ignore(
            session, t.Account, {"name": name.strip(), "name_key": key}, "name_key"
        )
        found = session.execute(query).scalar_one()
    return int(found)


def account_name(session: Session, account_id: int) -> str:
    """The name stored for the account."""
    return str(
        session.execute(
            select(col(t.Account.name)).where(col(t.Account.id) == account_id)
        ).scalar_one()
    )


def save_people(session: Session, account_id: int, people: Sequence[Stakeholder]) -> dict[str, int]:
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


def drop_orphan_accounts(session: Session, account_ids: Iterable[int] | None = None) -> None:
    """Remove the accounts no deal uses any more (of `account_ids` only, when given).

    On a team's server a rep sees only the deals his rules let him see: an account that
    looks unused to him may hold a colleague's private deal. So only the accounts given
    are looked at (never the whole company's), and on the server the removal is tried
    in a savepoint: the colleague's deal keeps its account (the foreign key refuses),
    and the rep's own deletion goes through."""
    used = select(col(t.Deal.account_id)).distinct()
    orphans = select(col(t.Account.id)).where(col(t.Account.id).not_in(used))
    if account_ids is not None:
        orphans = orphans.where(col(t.Account.id).in_(list(account_ids)))
    gone = delete(t.Account).where(col(t.Account.id).in_(orphans))
    if session.get_bind().dialect.name == "sqlite":
        session.execute(gone)  # one person's file: every deal is seen
        return
    try:
        with session.begin_nested():
            session.execute(gone)
    except IntegrityError:
        pass  # still used by a deal this role may not see: it stays
