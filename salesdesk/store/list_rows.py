"""A deal-list row made from its stored columns, with the standard library alone: the
store's list (store.deal_list) and the quick reader (store.sqlite_read) make it alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from salesdesk.domain.listing import DealSummary
from salesdesk.domain.stages import PHASES, ContactState, DealStatus, Stage, contact_state
from salesdesk.store.errors import Damaged, known

__all__ = ["checked_phase", "listed", "summary"]


def listed(row: Sequence[Any], today: date, cadence: Sequence[int]) -> DealSummary:
    """A row of the command line's list (deal_list.list_query's columns: the list's up
    to last_contact, then the latest meeting and interaction up to `today`), with its
    contact state computed exactly."""
    state = contact_state(
        recorded=row[9],
        events=[d for d in (row[10], row[11]) if d is not None],
        phase=checked_phase(row),
        status=known(DealStatus, row[6], row[0], "deal.status"),
        today=today,
        cadence=cadence,
    )
    return summary(row, today, state)


def checked_phase(row: Any) -> int:
    """The row's phase, or `Damaged` naming the deal when it is none of the five."""
    if row[5] not in PHASES:
        raise Damaged(row[0], "deal.phase", row[5])
    return int(row[5])


def summary(
    row: Sequence[Any],
    today: date,
    contact: ContactState | None = None,
    *,
    sample: bool = False,
    owner: str = "",
) -> DealSummary:
    """A deal-list row from the first columns of deal_list's `_SUMMARY_COLUMNS`, in
    that order. The contact state is the stored one unless `contact` (computed exactly)
    is given."""
    status = known(DealStatus, row[6], row[0], "deal.status")
    if contact is None:
        due = row[10]
        overdue = status is DealStatus.OPEN and due is not None and today > due
        contact = ContactState(row[9], due, overdue)
    return DealSummary(
        id=row[0],
        uid=row[1],
        title=row[2],
        account=row[3],
        stage=known(Stage, row[4], row[0], "deal.stage"),
        phase=checked_phase(row),
        status=status,
        value=row[7],
        currency=row[8],
        last_contact=contact.last_contact,
        next_contact_due=contact.next_contact_due,
        overdue=contact.overdue,
        sample=sample,
        owner=owner,
    )
