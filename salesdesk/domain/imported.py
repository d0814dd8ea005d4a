"""A deal as a CRM export describes it: the fields SalesDesk takes from the CRM."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from salesdesk.domain.stages import DealStatus, Stage


@dataclass
class ImportedDeal:
    line: int
    title: str
    account: str
    value: Decimal | None
    currency: str
    close_date: date | None
    stage: Stage
    status: DealStatus
    probability: int | None
    owner: str
    record_id: str | None
    source_stage: str | None
    last_contact: date | None = None  # the CRM's last activity, when the export has it
    currency_assumed: bool = False  # the file states no currency: the default was taken
    # What else the CRM said of the deal, kept with its source: the CRM's account and
    # owner ids (an API export carries ids, not names), the lost reason.
    details: dict[str, str] = field(default_factory=dict)
    phase: int | None = None  # SalesDesk's own export carries the phase the rep set
