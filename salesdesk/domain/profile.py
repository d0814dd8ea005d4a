"""The rep's own profile: printed on briefs, used for cadence and authority checks."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from salesdesk.domain.stages import DEFAULT_CADENCE


@dataclass
class Profile:
    name: str = ""
    company: str = ""
    currency: str = "EUR"
    cadence: tuple[int, int, int, int, int] = DEFAULT_CADENCE
    # A concession costing more than this needs a manager's approval.
    max_concession_cost: Decimal | None = None
    # A discount deeper than this percentage needs a manager's approval.
    max_discount_pct: Decimal | None = None
    # The rep's time zone (an IANA name, "Europe/Paris"): meeting times are read in it
    # when they leave the app (calendars). Empty: the machine's.
    time_zone: str = ""
