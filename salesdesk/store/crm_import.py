"""A CRM export's deals created or updated in one write transaction.

Only the CRM's own fields are written: the worksheet, ledger, people and history
prepared in SalesDesk are never touched. Every row of the file is one deal created,
updated or left alone: a row is never merged into another row of the same file.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import insert, select, update
from sqlmodel import Session

from salesdesk.domain import limits
from salesdesk.domain.ids import new_uid
from salesdesk.domain.imported import ImportedDeal
from salesdesk.domain.stages import phase_for_stage
from salesdesk.domain.text import account_key, deal_search_key
from salesdesk.store import contacts as contact_dates  # `contacts` is a parameter here
from salesdesk.store import dialect, people, roles
from salesdesk.store import tables as t
from salesdesk.store.engine import BUSY_TIMEOUT_MS, Database

__all__ = ["OWN_EXPORT", "ImportCounts", "apply_crm_import"]

# SalesDesk's own deal-list export, brought back: its ids are our deals' ids.
OWN_EXPORT = "salesdesk"


@dataclass(frozen=True, slots=True)
class ImportCounts:
    created: int
    updated: int
    unchanged: int


# Any 64-bit number names an advisory lock; this one is the CRM import's, per database.
_IMPORT_LOCK = 0x5A1E5D35C0A1


def _one_import_at_a_time(session: Session) -> None:
    """The server's counterpart of SQLite's `BEGIN IMMEDIATE`: a second import of the
    same export waits for the first to commit, then finds its deals and updates them,
    instead of both inserting and one failing on the unique key. It waits as long as
    an import may take on SQLite (`SALESDESK_BUSY_TIMEOUT_MS`), not a save's lock wait."""
    dialect.advisory_xact_lock(session, _IMPORT_LOCK, BUSY_TIMEOUT_MS)


# The deal's columns an import may write (of a row's, the ones it has).
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
    "source_detail",
    "phase",
    "lost_reason",
    "competitor",
)


def _detail(item: ImportedDeal) -> str | None:
    return json.dumps(item.details, sort_keys=True, ensure_ascii=False) if item.details else None


def _values(item: ImportedDeal, own: bool) -> dict[str, Any]:
    """The columns a row writes. SalesDesk's own list writes the phase the rep set and
    leaves the deal's CRM source alone."""
    values: dict[str, Any] = {
        "title": item.title,
        "value": item.value,
        "currency": item.currency,
        "close_date": item.close_date,
        "stage": item.stage.value,
        "status": item.status.value,
        "probability": item.probability,
        "owner": item.owner,
    }
    if own:
        if item.phase is not None:
            values["phase"] = item.phase
    else:
        values["source_stage"] = item.source_stage
        values["source_detail"] = _detail(item)
        # The CRM's lost reason and competitor are the deal's (the review shows them); a
        # row without one leaves what was typed in SalesDesk alone.
        for name, size in (("lost_reason", limits.SHORT), ("competitor", limits.NAME)):
            if item.details.get(name):
                values[name] = item.details[name][:size]
    return values


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
    export has no id column; SalesDesk's own list (`system` "salesdesk") by the deal's
    id. Rows of one file that share a key each take a deal of their own: the deals
    with that key in the order they were made, then new ones. Only the CRM's own fields
    are written: the worksheet, ledger, people and history prepared in SalesDesk are
    never touched.
    """
    own = system == OWN_EXPORT
    deal = t.metadata.tables["deal"]
    account = t.metadata.tables["account"]
    with db.transaction(write=not dry_run) as session:
        if not dry_run and not db.is_sqlite:
            _one_import_at_a_time(session)
        # The importer's own accounts (on a server each owner has theirs).
        accounts: dict[str, int] = dict(
            session.execute(
                select(account.c.name_key, account.c.id).where(
                    account.c.owner_role == roles.connected_role(session)
                )
            ).all()
        )
        existing: dict[object, list[dict[str, Any]]] = defaultdict(list)
        query = (
            select(deal, account.c.name_key.label("account_key"))
            .join(account, account.c.id == deal.c.account_id)
            .order_by(deal.c.id)
        )
        if own:
            wanted = [int(d.record_id) for d in deals if d.record_id and d.record_id.isdigit()]
            query = query.where(deal.c.id.in_(wanted or [-1]))
        else:
            query = query.where(deal.c.source_system == system)
        for found_row in session.execute(query).mappings():
            if own:
                key: object = str(found_row["id"])
            elif by_record_id:
                key = found_row["source_id"]
            else:
                key = (found_row["account_key"], found_row["title"])
            existing[key].append(dict(found_row))
        now = dialect.utc_now()  # on a server its trigger stamps the deals with its clock
        # The importing role owns the new deals, as with a save: the server's row rules
        # refuse a rep's deal owned by anyone else.
        owner_role = (
            ""
            if db.is_sqlite
            else str(session.execute(select(roles.connected_role(session))).scalar())
        )
        new_rows: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        unchanged = 0
        for item in deals:
            name_key = account_key(item.account)
            values = _values(item, own)
            key = item.record_id if (by_record_id or own) else (name_key, item.title)
            candidates = existing.get(key)
            # Each deal answers one row: a second row with the same key takes the next
            # deal with that key, or becomes a deal of its own.
            found = candidates.pop(0) if candidates else None
            if found is not None:
                known = found.get("last_contact")
                if item.last_contact is not None and (known is None or item.last_contact > known):
                    values["last_contact"] = item.last_contact  # a later activity in the CRM
                same = all(found[c] == values[c] for c in _CRM_COLUMNS if c in values)
                same = same and values.get("last_contact", known) == known
                if same and found["account_key"] == name_key:
                    unchanged += 1
                    continue
                updates.append(
                    {
                        "deal_id": found["id"],
                        "account": item.account,
                        "account_key": name_key,
                        # a deal still at its account stays at that account's row
                        "kept_account": found["account_id"]
                        if found["account_key"] == name_key
                        else None,
                        **values,
                    }
                )
                continue
            new_rows.append(
                {
                    "uid": new_uid(),
                    "account": item.account,
                    "account_key": name_key,
                    "search_key": deal_search_key(item.title, item.account),
                    "phase": phase_for_stage(item.stage),
                    "last_contact": item.last_contact,
                    "source_system": None if own else system,
                    "source_id": None if own else item.record_id,
                    "source_stage": None,
                    "source_detail": None,
                    # Every new row has every column: one executemany, one statement.
                    "lost_reason": None,
                    "competitor": None,
                    "owner_role": owner_role,
                    "created_at": now,
                    "updated_at": now,
                    **values,
                }
            )
        if dry_run:
            return ImportCounts(len(new_rows), len(updates), unchanged)
        for row in [*new_rows, *updates]:
            name_key = row.pop("account_key")
            name = row.pop("account")
            kept = row.pop("kept_account", None)
            if kept is not None:
                row["account_id"] = kept
                continue
            if name_key not in accounts:
                accounts[name_key] = people.ensure_account(session, name)
            row["account_id"] = accounts[name_key]
        if new_rows:
            session.execute(insert(deal), new_rows)
        for row in updates:
            deal_id = row.pop("deal_id")
            row["search_key"] = deal_search_key(
                row["title"], people.account_name(session, row["account_id"])
            )
            # A person's import: the deal's version moves, as with a save.
            session.execute(
                update(deal)
                .where(deal.c.id == deal_id)
                .values(updated_at=dialect.server_now(session), version=deal.c.version + 1, **row)
            )
        if contacts is not None:
            contact_dates.refresh_contact_dates_in(session, *contacts)
    return ImportCounts(len(new_rows), len(updates), unchanged)
