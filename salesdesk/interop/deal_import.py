"""Importing a deal package into a database: a new deal, a copy, or an update.

Versions are comparable only within one database. A package exported from this very
database whose deal changed here since is a conflict (unless overwriting); a package
from another database (or an older one without origin) replaces the deal, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from salesdesk.domain.deal import DealSheet
from salesdesk.domain.ids import new_uid
from salesdesk.interop.package_read import Provenance
from salesdesk.store import deal_load, deals, settings
from salesdesk.store.engine import Database
from salesdesk.store.errors import Conflict


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"  # the package was exported here, from the deal's current version
    REPLACED = "replaced"  # from another database, or overwritten: the deal was replaced


@dataclass(frozen=True, slots=True)
class Imported:
    deal_id: int
    outcome: Outcome
    title: str  # the deal's title before the import (the package's for a new deal)


def existing_deal(db: Database, sheet: DealSheet) -> int | None:
    return deal_load.deal_id_for_uid(db, sheet.uid) if sheet.uid else None


def import_sheet(
    db: Database,
    sheet: DealSheet,
    provenance: Provenance,
    *,
    today: date,
    as_new: bool = False,
    overwrite: bool = False,
) -> Imported:
    """Write the package's sheet; raises Conflict when it would silently undo a change."""
    existing = None if as_new else existing_deal(db, sheet)
    if existing is None:
        if as_new:
            sheet.uid = None
            # A copy's meetings are events of their own: a calendar must not take them
            # for the original's (their uid is the calendar's UID).
            for meeting in sheet.meetings:
                meeting.uid, meeting.sequence = new_uid(), 0
        sheet.id = None
        deal_id = deals.save_deal(db, sheet, today=today)
        return Imported(deal_id, Outcome.CREATED, sheet.title)
    current = deal_load.load_deal(db, existing)
    same_origin = provenance.origin is not None and provenance.origin == settings.database_id(db)
    if (
        same_origin
        and provenance.version is not None
        and provenance.version != current.version
        and not overwrite
    ):
        raise Conflict(existing, current.title, provenance.version, current.version)
    sheet.id = existing
    sheet.version = current.version
    deals.save_deal(db, sheet, today=today)
    fresh_update = same_origin and provenance.version == current.version
    return Imported(existing, Outcome.UPDATED if fresh_update else Outcome.REPLACED, current.title)
