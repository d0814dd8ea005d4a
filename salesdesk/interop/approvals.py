"""The approvals queue a manager works through on the command line: the concessions over
a rep's authority waiting for a decision, each named by its deal and its place in the
deal's ledger (from 1, in the order of `ledger.entries`), and the decision itself."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from salesdesk.domain.errors import InputError
from salesdesk.domain.money import money_str
from salesdesk.i18n import _
from salesdesk.store import approvals as store_approvals
from salesdesk.store import deal_load
from salesdesk.store.engine import Database
from salesdesk.store.team import TeamError, is_manager


@dataclass(frozen=True, slots=True)
class Waiting:
    """A concession waiting for a manager: `entry` numbers it in its deal's ledger from 1."""

    deal: int
    entry: int
    title: str
    what: str
    giver: str
    cost: Decimal | None
    currency: str
    rep: str

    def as_json(self) -> dict[str, Any]:
        return {
            "deal": self.deal,
            "entry": self.entry,
            "title": self.title,
            "what": self.what,
            "giver": self.giver,
            "cost": None if self.cost is None else money_str(self.cost, self.currency),
            "rep": self.rep,
        }


def _managers_only(db: Database, message: str) -> None:
    if not is_manager(db):
        raise TeamError(message)


def waiting(db: Database) -> list[Waiting]:
    """The team's concessions waiting for approval (a manager's view), deal by deal."""
    _managers_only(db, _("Only a manager sees the approvals queue; ask your manager."))
    found: list[Waiting] = []
    sheets: dict[int, Any] = {}
    for request in store_approvals.approvals_waiting(db):
        sheet = sheets.get(request.deal_id)
        if sheet is None:
            sheet = sheets[request.deal_id] = deal_load.load_deal(db, request.deal_id)
        for number, entry in enumerate(sheet.ledger, start=1):
            if entry.uid == request.entry_uid:
                found.append(
                    Waiting(
                        deal=request.deal_id,
                        entry=number,
                        title=sheet.title,
                        what=entry.what,
                        giver=entry.giver.value,
                        cost=entry.cost,
                        currency=sheet.currency,
                        rep=request.owner_role or sheet.owner,
                    )
                )
    return found


def decide(db: Database, deal_id: int, entry: int, approve: bool) -> str:
    """Approve or decline entry `entry` (from 1) of deal `deal_id`; one line saying so."""
    _managers_only(db, _("Only a manager approves or declines a concession."))
    sheet = deal_load.load_deal(db, deal_id)
    if not 1 <= entry <= len(sheet.ledger):
        raise InputError(
            _(
                "Deal {deal} has no ledger entry {entry}: its entries are numbered 1 to {last}."
            ).format(deal=deal_id, entry=entry, last=len(sheet.ledger))
            if sheet.ledger
            else _("Deal {deal} has no ledger entry.").format(deal=deal_id)
        )
    chosen = sheet.ledger[entry - 1]
    if not chosen.needs_approval:
        raise InputError(
            _("Entry {entry} of deal {deal} (“{what}”) does not wait for approval.").format(
                entry=entry, deal=deal_id, what=chosen.what
            )
        )
    store_approvals.decide_approval(db, deal_id, str(chosen.uid), approve)
    said = (
        _("Approved: entry {entry} of deal {deal} (“{what}”).")
        if approve
        else _("Declined: entry {entry} of deal {deal} (“{what}”).")
    )
    return said.format(entry=entry, deal=deal_id, what=chosen.what)
