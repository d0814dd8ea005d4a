"""The deal list's plain objects: what a row shows and what the list asks for.

Kept apart from the store so the window can be built before SQLAlchemy is imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from enum import StrEnum

from salesdesk.domain.stages import DealStatus, Stage


@dataclass(frozen=True, slots=True)
class DealSummary:
    id: int
    uid: str
    title: str
    account: str
    stage: Stage
    phase: int
    status: DealStatus
    value: Decimal | None
    currency: str
    last_contact: date | None
    next_contact_due: date | None
    overdue: bool
    sample: bool = False  # one of the sample deals the app starts with
    # The role owning the deal on a team's server ('' on a rep's own file).
    owner: str = ""


@dataclass(frozen=True, slots=True)
class CrmFields:
    """A deal's CRM fields the list does not show, for the list's CSV export: a rep can
    edit the list in a spreadsheet and import it back (`--source salesdesk`)."""

    close_date: date | None = None
    probability: int | None = None
    owner: str = ""
    source_system: str | None = None
    source_id: str | None = None


class SortKey(StrEnum):
    TITLE = "title"
    ACCOUNT = "account"
    STAGE = "stage"
    PHASE = "phase"
    STATUS = "status"
    VALUE = "value"
    NEXT_CONTACT = "next_contact"
    OWNER = "owner"


@dataclass(frozen=True, slots=True)
class DealQuery:
    """What the deal list shows: a search over title and account, filters, an order."""

    text: str = ""
    stage: Stage | None = None
    phase: int | None = None
    status: DealStatus | None = None
    overdue_only: bool = False
    owner: str | None = None  # one owner's deals (a manager's filter on a team's server)
    sort: SortKey = SortKey.NEXT_CONTACT
    descending: bool = False


@dataclass(frozen=True, slots=True)
class UpcomingMeeting:
    deal_id: int
    deal_title: str
    account: str
    date: date
    time: time | None
    title: str
    round: int | None
    owner: str = ""  # the deal's owner (a PostgreSQL role; '' on a rep's own file)
    uid: str | None = None  # the meeting's own (a debrief opens it)
