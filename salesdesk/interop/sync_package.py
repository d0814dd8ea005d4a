"""A deal as a sync moves it: its package text, read back with the reason it cannot be,
compared by canonical content, and the server's own decisions kept on what a laptop
sends.

Approvals (approved or declined, by whom, when) are the server's: a manager decides them
there. A laptop never sends them: what it sends carries the server's decisions, its other
edits go. A concession the rep marked as needing approval stays marked (only a manager's
decision settles it).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from salesdesk.domain.analysis import analyse
from salesdesk.domain.deal import DealSheet
from salesdesk.domain.ledger import LedgerEntry
from salesdesk.i18n import _
from salesdesk.interop.jsonpos import path_str
from salesdesk.interop.package_deal import sheet_from_package
from salesdesk.interop.package_write import deal_to_package
from salesdesk.store.approvals import Decision


class Unreadable(Exception):
    """A package the other side cannot take; `str()` names the field and the reason."""


# Fields a package carries that are worked out, not kept: they may differ between two
# identical deals read on different days or in different databases.
_COMPUTED = ("id", "version", "origin", "warnings", "next_contact_due", "overdue")


def package_text(db_id: str, sheet: DealSheet, today: date) -> str:
    data = deal_to_package(sheet, analyse(sheet, today, frontier=False), db_id)
    # A package shows the computed last contact, which an import takes as the recorded
    # date; between a laptop and its server the recorded one travels, so that the deal
    # is the same on both sides.
    data["last_contact"] = sheet.last_contact.isoformat() if sheet.last_contact else None
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def read_sheet(text: str) -> DealSheet:
    """The deal in a package; raises Unreadable with the first problem (field: reason)."""
    sheet, problems = sheet_from_package(json.loads(text, parse_float=Decimal))
    if problems:
        first = problems[0]
        where = path_str(first.path)
        reason = f"{where}: {first.message}" if where else first.message
        if len(problems) > 1:
            reason += _(" (and {n} more problems)").format(n=len(problems) - 1)
        raise Unreadable(reason)
    sheet.version = 0
    return sheet


def canonical(sheet: DealSheet) -> str:
    """The deal's content as a package says it, without what is worked out or where it is
    kept: two databases holding the same deal give the same text."""
    data: dict[str, Any] = deal_to_package(sheet, analyse(sheet, date(2000, 1, 1), frontier=False))
    data["last_contact"] = sheet.last_contact.isoformat() if sheet.last_contact else None
    for key in _COMPUTED:
        data.pop(key, None)
    for term in data["terms"]:
        term.pop("zopa", None)
    for offer in data["offers"]:
        for key in ("score", "their_score", "left_on_table"):
            offer.pop(key, None)
    for key in ("given_cost", "received_value", "balance"):
        data["ledger"].pop(key, None)
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def same(a: DealSheet, b: DealSheet) -> bool:
    """The same deal content, wherever stored (row ids, versions, computed fields aside)."""
    return canonical(a) == canonical(b)


def _undecided(entry: LedgerEntry) -> LedgerEntry:
    return replace(
        entry,
        needs_approval=False,
        approved=False,
        declined=False,
        approved_by="",
        approved_at=None,
    )


def without_decisions(sheet: DealSheet) -> DealSheet:
    """The deal with every concession's approval state left out."""
    return replace(sheet, ledger=[_undecided(e) for e in sheet.ledger])


def decisions_of(sheet: DealSheet) -> dict[str, Decision]:
    """A deal's decisions on its concessions, by entry uid."""
    return {
        str(e.uid): Decision(e.needs_approval, e.approved, e.declined, e.approved_by, e.approved_at)
        for e in sheet.ledger
    }


def same_decisions(a: DealSheet, b: DealSheet) -> bool:
    """Whether two copies of a deal say the same of every concession's approval (a
    moment without a zone is UTC, as the databases keep them)."""

    def said(sheet: DealSheet) -> dict[str, tuple[object, ...]]:
        return {
            uid: (d.needs_approval, d.approved, d.declined, d.by, _utc(d.at))
            for uid, d in decisions_of(sheet).items()
        }

    return said(a) == said(b)


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def with_decisions(sheet: DealSheet, decisions: dict[str, Decision]) -> DealSheet:
    """`sheet` saying what `decisions` (the server's, read after a write) say."""
    ledger = []
    for entry in sheet.ledger:
        d = decisions.get(str(entry.uid))
        ledger.append(
            entry
            if d is None
            else replace(
                entry,
                needs_approval=d.needs_approval,
                approved=d.approved,
                declined=d.declined,
                approved_by=d.by,
                approved_at=d.at,
            )
        )
    return replace(sheet, ledger=ledger)


def keep_servers_decisions(sheet: DealSheet, on_server: dict[str, Decision]) -> DealSheet:
    """`sheet` (a laptop's) carrying the server's approval decisions: an entry the server
    holds keeps the server's state, a new one arrives undecided; `needs_approval` set on
    either side stays set."""
    ledger = []
    for entry in sheet.ledger:
        server = on_server.get(str(entry.uid))
        if server is None:
            ledger.append(replace(_undecided(entry), needs_approval=entry.needs_approval))
            continue
        ledger.append(
            replace(
                entry,
                needs_approval=entry.needs_approval or server.needs_approval,
                approved=server.approved,
                declined=server.declined,
                approved_by=server.by,
                approved_at=server.at,
            )
        )
    return replace(sheet, ledger=ledger)
